//! Derived rates (contract section 3), targets and the met / near / missed
//! status that every view shows.

use crate::counts::{Count, Counts, Fields};
use serde::{Deserialize, Serialize};

/// The plan's targets, as fractions (`targets.toml`; defaults from the contract).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Targets {
    pub on_time_rate: f64,
    pub satisfaction_rate: f64,
    pub online_share: f64,
    pub apology_rate: f64,
    /// The document the targets come from, shown beside them.
    pub source: String,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            on_time_rate: 1.0,
            satisfaction_rate: 0.9,
            online_share: 0.5,
            apology_rate: 1.0,
            source: String::new(),
        }
    }
}

/// `num / den`, or `None` ("no data") when the denominator is zero or unknown.
pub fn ratio(num: Option<u64>, den: Option<u64>) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d > 0 => Some(n as f64 / d as f64),
        _ => None,
    }
}

fn sum(c: &Counts, fields: &[Count]) -> Option<u64> {
    fields.iter().map(|&f| c[f]).sum()
}

/// A rate's numerator and denominator, as contract section 3 defines them.
pub type Parts = (Option<u64>, Option<u64>);

/// Every rate of contract section 3: its parts here, its value the
/// [`ratio`] of them. Views that say "… of 1.272 dossiers" read the parts.
impl Counts {
    pub fn online_share_parts(&self) -> Parts {
        Indicator::Online.parts(self)
    }

    /// Tỷ lệ đúng hạn, trước hạn.
    pub fn on_time_parts(&self) -> Parts {
        Indicator::OnTime.parts(self)
    }

    /// The national index's "đã và đang xử lý đúng hạn".
    pub fn progress_parts(&self) -> Parts {
        let pending_in_time = self[Count::PendingTotal]
            .zip(self[Count::PendingOverdue])
            .map(|(p, o)| p.saturating_sub(o));
        let good = sum(self, &[Count::ResolvedEarly, Count::ResolvedOnTime])
            .zip(pending_in_time)
            .map(|(a, b)| a + b);
        (
            good,
            sum(self, &[Count::ResolvedTotal, Count::PendingTotal]),
        )
    }

    pub fn apology_parts(&self) -> Parts {
        Indicator::Apology.parts(self)
    }

    pub fn satisfaction_parts(&self) -> Parts {
        Indicator::Satisfaction.parts(self)
    }

    /// Services used of the level-3/4 services the unit offers.
    pub fn service_utilisation_parts(&self) -> Parts {
        Indicator::Services.parts(self)
    }

    pub fn online_share(&self) -> Option<f64> {
        rate(self.online_share_parts())
    }

    pub fn on_time_rate(&self) -> Option<f64> {
        rate(self.on_time_parts())
    }

    pub fn progress_rate(&self) -> Option<f64> {
        rate(self.progress_parts())
    }

    pub fn apology_rate(&self) -> Option<f64> {
        rate(self.apology_parts())
    }

    pub fn satisfaction_rate(&self) -> Option<f64> {
        rate(self.satisfaction_parts())
    }

    pub fn service_utilisation(&self) -> Option<f64> {
        rate(self.service_utilisation_parts())
    }

    /// Online dossiers of level-3/4 procedures: the use of the online services.
    pub fn level34_online_dossiers(&self) -> Option<u64> {
        sum(self, &[Count::Level3Dossiers, Count::Level4Dossiers])
    }
}

fn rate((num, den): Parts) -> Option<f64> {
    ratio(num, den)
}

/// A text in both languages of the product.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub vi: &'static str,
    pub en: &'static str,
}

/// Met / near / missed against a target. Views show it with text and an
/// icon as well as colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Met,
    Near,
    Missed,
}

/// How far below a rate target still counts as "near" (5 percentage points).
pub const NEAR_MARGIN: f64 = 0.05;

/// The headline indicators of the dashboard, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Indicator {
    OnTime,
    Online,
    Services,
    Satisfaction,
    Apology,
    Overdue,
}

impl Indicator {
    pub const ALL: [Indicator; 6] = [
        Indicator::OnTime,
        Indicator::Online,
        Indicator::Services,
        Indicator::Satisfaction,
        Indicator::Apology,
        Indicator::Overdue,
    ];

    /// Stable key used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            Indicator::OnTime => "on_time",
            Indicator::Online => "online",
            Indicator::Services => "services",
            Indicator::Satisfaction => "satisfaction",
            Indicator::Apology => "apology",
            Indicator::Overdue => "overdue",
        }
    }

    pub fn from_key(key: &str) -> Option<Indicator> {
        Indicator::ALL.into_iter().find(|i| i.key() == key)
    }

    /// Rates are fractions in 0..=1; `Overdue` is a count of dossiers.
    pub fn is_rate(self) -> bool {
        self != Indicator::Overdue
    }

    pub fn higher_is_better(self) -> bool {
        self != Indicator::Overdue
    }

    /// The indicator's value for one record; `None` is "no data".
    pub fn value(self, c: &Counts) -> Option<f64> {
        match self {
            Indicator::Overdue => c[Count::PendingOverdue].map(|v| v as f64),
            rate => self::rate(rate.parts(c)),
        }
    }

    /// The rate's numerator and denominator, the sums of
    /// [`Indicator::numerator`] and [`Indicator::denominator`]; for
    /// `Overdue` (a count), the overdue dossiers of all pending ones.
    pub fn parts(self, c: &Counts) -> Parts {
        (sum(c, self.numerator()), sum(c, self.denominator()))
    }

    /// The count fields summed into the numerator (contract section 3):
    /// the one definition that [`Indicator::parts`] computes and that the
    /// published files (`README.md`, the workbooks) spell out.
    pub fn numerator(self) -> &'static [Count] {
        use Count::*;
        match self {
            Indicator::OnTime => &[ResolvedEarly, ResolvedOnTime],
            Indicator::Online => &[ReceivedOnline],
            Indicator::Services => &[ServicesUsed],
            Indicator::Satisfaction => &[RatedSatisfied],
            Indicator::Apology => &[LateWithApology],
            Indicator::Overdue => &[PendingOverdue],
        }
    }

    /// The count fields summed into the denominator; for `Overdue`, the
    /// pending dossiers its count is part of (not a divisor of its value).
    pub fn denominator(self) -> &'static [Count] {
        use Count::*;
        match self {
            Indicator::OnTime => &[ResolvedTotal],
            Indicator::Online => &[ReceivedTotal],
            Indicator::Services => &[Level3Services, Level4Services],
            Indicator::Satisfaction => &[RatedTotal],
            Indicator::Apology => &[ResolvedLate],
            Indicator::Overdue => &[PendingTotal],
        }
    }

    /// The count fields the value is computed from: when one of them is
    /// incomplete (see [`Fields`]), so is the value.
    pub fn fields(self) -> Fields {
        let numerator = Fields::of(self.numerator());
        match self.is_rate() {
            true => numerator.union(Fields::of(self.denominator())),
            false => numerator,
        }
    }

    /// The indicator's name, as on the dashboard's tiles (sheet names of
    /// the workbooks too: at most 31 characters, none of `[]:*?/\`).
    pub fn name(self) -> Label {
        let (vi, en) = match self {
            Indicator::OnTime => ("Giải quyết đúng hạn", "Resolved on time"),
            Indicator::Online => ("Hồ sơ nộp trực tuyến", "Submitted online"),
            Indicator::Services => ("Dịch vụ công trực tuyến", "Online public services"),
            Indicator::Satisfaction => ("Mức độ hài lòng", "Satisfaction"),
            Indicator::Apology => ("Xin lỗi khi trễ hạn", "Apology when late"),
            Indicator::Overdue => ("Hồ sơ tồn quá hạn", "Overdue pending dossiers"),
        };
        Label { vi, en }
    }

    /// What the indicator measures, in one plain line.
    pub fn meaning(self) -> Label {
        let (vi, en) = match self {
            Indicator::OnTime => (
                "Tỷ lệ hồ sơ giải quyết trước và đúng hạn",
                "Share of dossiers resolved early or on time",
            ),
            Indicator::Online => (
                "Tỷ lệ hồ sơ nộp trực tuyến",
                "Share of dossiers submitted online",
            ),
            Indicator::Services => (
                "Tỷ lệ DVC trực tuyến mức 3, 4 của địa bàn có phát sinh hồ sơ",
                "Share of the area's level 3–4 online services used",
            ),
            Indicator::Satisfaction => (
                "Tỷ lệ đánh giá hài lòng, rất hài lòng",
                "Share of ratings satisfied or very satisfied",
            ),
            Indicator::Apology => (
                "Tỷ lệ hồ sơ trễ hạn có thư xin lỗi",
                "Share of late dossiers with an apology letter",
            ),
            Indicator::Overdue => (
                "Hồ sơ chưa giải quyết đã quá hạn, cuối kỳ",
                "Unresolved dossiers past due, end of period",
            ),
        };
        Label { vi, en }
    }

    pub fn target(self, t: &Targets) -> Option<f64> {
        match self {
            Indicator::OnTime => Some(t.on_time_rate),
            Indicator::Online => Some(t.online_share),
            Indicator::Services => None,
            Indicator::Satisfaction => Some(t.satisfaction_rate),
            Indicator::Apology => Some(t.apology_rate),
            Indicator::Overdue => Some(0.0),
        }
    }

    /// Status against the target; `None` when there is no data or no target.
    /// Overdue pending is met at zero and near while at most 5 % of pending.
    pub fn status(self, c: &Counts, t: &Targets) -> Option<Status> {
        let value = self.value(c)?;
        let target = self.target(t)?;
        if self == Indicator::Overdue {
            let (overdue, pending) = self.parts(c);
            let share = ratio(overdue, pending).unwrap_or(0.0);
            return Some(if value <= target {
                Status::Met
            } else if share <= NEAR_MARGIN {
                Status::Near
            } else {
                Status::Missed
            });
        }
        // Compare in tenths of a percent so 0.9999999 of a published 100,0 % is met.
        let gap = ((target - value) * 1000.0).round() / 1000.0;
        Some(if gap <= 0.0 {
            Status::Met
        } else if gap <= NEAR_MARGIN {
            Status::Near
        } else {
            Status::Missed
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(fields: &[(Count, u64)]) -> Counts {
        Counts::with(fields)
    }

    #[test]
    fn rates_come_from_counts_and_empty_denominators_give_no_data() {
        let c = counts(&[
            (Count::ResolvedTotal, 8),
            (Count::ResolvedEarly, 2),
            (Count::ResolvedOnTime, 5),
            (Count::ResolvedLate, 1),
            (Count::PendingTotal, 2),
            (Count::PendingOverdue, 1),
        ]);
        assert_eq!(c.on_time_rate(), Some(7.0 / 8.0));
        assert_eq!(c.progress_rate(), Some(8.0 / 10.0));
        assert_eq!(c.apology_rate(), Some(0.0));
        assert_eq!(c.online_share(), None);
        assert_eq!(c.satisfaction_rate(), None);
        assert_eq!(c.service_utilisation(), None);
        assert_eq!(Counts::default().on_time_rate(), None);
    }

    #[test]
    fn rates_of_sums_are_not_averages_of_rates() {
        let mut a = counts(&[(Count::ReceivedTotal, 100), (Count::ReceivedOnline, 90)]);
        let b = counts(&[(Count::ReceivedTotal, 900), (Count::ReceivedOnline, 90)]);
        a.add(&b);
        assert_eq!(a.online_share(), Some(0.18));
    }

    #[test]
    fn status_met_near_missed() {
        let t = Targets::default();
        let on_time = |early| counts(&[(Count::ResolvedTotal, 100), (Count::ResolvedEarly, early)]);
        assert_eq!(
            Indicator::OnTime.status(&on_time(100), &t),
            Some(Status::Met)
        );
        assert_eq!(
            Indicator::OnTime.status(&on_time(97), &t),
            Some(Status::Near)
        );
        assert_eq!(
            Indicator::OnTime.status(&on_time(90), &t),
            Some(Status::Missed)
        );
        assert_eq!(Indicator::OnTime.status(&Counts::zero(), &t), None);
        assert_eq!(Indicator::Services.status(&on_time(1), &t), None);
        let overdue = |o| counts(&[(Count::PendingTotal, 100), (Count::PendingOverdue, o)]);
        assert_eq!(
            Indicator::Overdue.status(&overdue(0), &t),
            Some(Status::Met)
        );
        assert_eq!(
            Indicator::Overdue.status(&overdue(3), &t),
            Some(Status::Near)
        );
        assert_eq!(
            Indicator::Overdue.status(&overdue(30), &t),
            Some(Status::Missed)
        );
    }

    #[test]
    fn parts_are_the_sums_of_the_defined_fields() {
        let c = counts(&[
            (Count::ResolvedTotal, 8),
            (Count::ResolvedEarly, 2),
            (Count::ResolvedOnTime, 5),
            (Count::Level3Services, 3),
            (Count::Level4Services, 1),
            (Count::ServicesUsed, 2),
        ]);
        assert_eq!(Indicator::OnTime.parts(&c), (Some(7), Some(8)));
        assert_eq!(Indicator::Services.parts(&c), (Some(2), Some(4)));
        assert_eq!(
            Indicator::Overdue.fields(),
            Fields::of(&[Count::PendingOverdue])
        );
        let mut partial = c;
        partial[Count::Level4Services] = None;
        assert_eq!(Indicator::Services.parts(&partial), (Some(2), None));
    }

    #[test]
    fn names_are_valid_sheet_names() {
        for i in Indicator::ALL {
            let name = i.name().vi;
            assert!(name.encode_utf16().count() <= 31, "{name}");
            assert!(
                !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "{name}"
            );
        }
    }

    #[test]
    fn keys_round_trip() {
        for i in Indicator::ALL {
            assert_eq!(Indicator::from_key(i.key()), Some(i));
        }
    }
}
