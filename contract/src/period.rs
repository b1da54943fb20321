//! Reporting periods (month, quarter, year, year to date) and how monthly
//! records combine into them (contract section 3, "Longer periods").

use crate::counts::{Aggregation, Count, Counts, Fields};
use crate::month::Month;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    YearToDate,
}

/// A reporting period. Its text form is the URL's `period=` value:
/// `2024-03`, `2024-Q1`, `2024`, `2024-YTD03`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Month(Month),
    Quarter {
        year: i32,
        quarter: u32,
    },
    Year(i32),
    /// January to the given month, inclusive.
    YearToDate(Month),
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::Year,
        PeriodKind::YearToDate,
    ];

    /// Its stable key in URLs and forms (the `period-kind` select).
    pub fn key(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
            PeriodKind::YearToDate => "ytd",
        }
    }

    pub fn from_key(key: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

impl Period {
    pub fn kind(self) -> PeriodKind {
        match self {
            Period::Month(_) => PeriodKind::Month,
            Period::Quarter { .. } => PeriodKind::Quarter,
            Period::Year(_) => PeriodKind::Year,
            Period::YearToDate(_) => PeriodKind::YearToDate,
        }
    }

    /// The period of `kind` that ends with (or contains) `month`.
    pub fn containing(kind: PeriodKind, month: Month) -> Period {
        match kind {
            PeriodKind::Month => Period::Month(month),
            PeriodKind::Quarter => Period::Quarter {
                year: month.year(),
                quarter: (month.month() - 1) / 3 + 1,
            },
            PeriodKind::Year => Period::Year(month.year()),
            PeriodKind::YearToDate => Period::YearToDate(month),
        }
    }

    /// First and last month, both included.
    pub fn months(self) -> (Month, Month) {
        let m = |y, mo| Month::new(y, mo).expect("valid month");
        match self {
            Period::Month(month) => (month, month),
            Period::Quarter { year, quarter } => (m(year, quarter * 3 - 2), m(year, quarter * 3)),
            Period::Year(year) => (m(year, 1), m(year, 12)),
            Period::YearToDate(month) => (m(month.year(), 1), month),
        }
    }

    /// Whether the period's figure of `field` takes `month`'s value: every
    /// month's for a flow or a distinct count, the last month's for a stock,
    /// the first's for `carried_over` (as [`Period::aggregate`] does).
    pub fn draws_on(self, field: Count, month: Month) -> bool {
        let (first, last) = self.months();
        match field.aggregation() {
            Aggregation::StockAtEnd => month == last,
            Aggregation::StockAtStart => month == first,
            Aggregation::Flow | Aggregation::Distinct => first <= month && month <= last,
        }
    }

    /// The period just before, for "change against the previous period".
    /// Year to date has none: Jan–Feb is not comparable with Jan–Mar.
    pub fn previous(self) -> Option<Period> {
        match self {
            Period::Month(month) => Some(Period::Month(month.plus(-1))),
            Period::Quarter { year, quarter: 1 } => Some(Period::Quarter {
                year: year - 1,
                quarter: 4,
            }),
            Period::Quarter { year, quarter } => Some(Period::Quarter {
                year,
                quarter: quarter - 1,
            }),
            Period::Year(year) => Some(Period::Year(year - 1)),
            Period::YearToDate(_) => None,
        }
    }

    /// The same period a year earlier (cùng kỳ).
    pub fn year_earlier(self) -> Period {
        match self {
            Period::Month(month) => Period::Month(month.plus(-12)),
            Period::Quarter { year, quarter } => Period::Quarter {
                year: year - 1,
                quarter,
            },
            Period::Year(year) => Period::Year(year - 1),
            Period::YearToDate(month) => Period::YearToDate(month.plus(-12)),
        }
    }

    pub fn parse(text: &str) -> Option<Period> {
        if let Some((year, rest)) = text.split_once("-Q") {
            let quarter = rest.parse().ok().filter(|q| (1..=4).contains(q))?;
            return Some(Period::Quarter {
                year: parse_year(year)?,
                quarter,
            });
        }
        if let Some((year, rest)) = text.split_once("-YTD") {
            let month = rest.parse().ok()?;
            return Month::new(parse_year(year)?, month)
                .filter(|_| rest.len() == 2)
                .map(Period::YearToDate);
        }
        if text.len() == 4 {
            return parse_year(text).map(Period::Year);
        }
        Month::parse(text).map(Period::Month)
    }

    /// Every period of every kind that overlaps `first..=last`, newest first
    /// within each kind: the choices of the period picker.
    pub fn all_within(first: Month, last: Month) -> Vec<Period> {
        let kinds = [
            PeriodKind::Month,
            PeriodKind::Quarter,
            PeriodKind::Year,
            PeriodKind::YearToDate,
        ];
        let mut out = Vec::new();
        for kind in kinds {
            let mut periods: Vec<Period> = first
                .through(last)
                .map(|m| Period::containing(kind, m))
                .collect();
            periods.dedup();
            periods.reverse();
            out.extend(periods);
        }
        out
    }

    /// Combines the monthly records of this period that lie within the data
    /// (`series` starts at `first`): flows are summed, stocks taken from the
    /// last month, `carried_over` from the first, and `services_used` is the
    /// distinct count `distinct` (it cannot be summed). `None` when no month
    /// of the period has data.
    pub fn aggregate(
        self,
        first: Month,
        series: &[Counts],
        distinct: Option<u64>,
    ) -> Option<Counts> {
        let months = &series[self.window(first, series.len())?];
        if months.len() == 1 {
            return Some(months[0]);
        }
        let (head, tail) = (months[0], months[months.len() - 1]);
        let mut total = Counts::default();
        for field in Count::ALL {
            total[field] = match field.aggregation() {
                Aggregation::Flow => months.iter().filter_map(|m| m[field]).reduce(|a, b| a + b),
                Aggregation::StockAtEnd => tail[field],
                Aggregation::StockAtStart => head[field],
                Aggregation::Distinct => distinct,
            };
        }
        Some(total)
    }

    /// The fields of [`Period::aggregate`]'s result that are incomplete:
    /// marked so in a month it takes them from (`marks` runs parallel to
    /// `series`, and may be empty when nothing is marked), or a flow that
    /// some months of the period know and others do not.
    pub fn incomplete(self, first: Month, series: &[Counts], marks: &[Fields]) -> Fields {
        let Some(window) = self.window(first, series.len()) else {
            return Fields::NONE;
        };
        let mark = |i: usize| marks.get(i).copied().unwrap_or_default();
        let mut set = Fields::NONE;
        for field in Count::ALL {
            let from = match field.aggregation() {
                Aggregation::StockAtEnd => window.end - 1..window.end,
                Aggregation::StockAtStart => window.start..window.start + 1,
                Aggregation::Flow | Aggregation::Distinct => window.clone(),
            };
            let known = from.clone().filter(|&i| series[i][field].is_some()).count();
            let gaps = known > 0 && known < from.len();
            if gaps || from.into_iter().any(|i| mark(i).contains(field)) {
                set.insert(field);
            }
        }
        set
    }

    /// The indices of this period's months within a series starting at
    /// `first` of `len` months; `None` when none lies within.
    pub(crate) fn window(self, first: Month, len: usize) -> Option<std::ops::Range<usize>> {
        let (start, end) = self.months();
        let from = (start.index() - first.index()).max(0) as usize;
        let to = ((end.index() - first.index() + 1).max(0) as usize).min(len);
        (from < to).then_some(from..to)
    }
}

fn parse_year(text: &str) -> Option<i32> {
    (text.len() == 4).then(|| text.parse().ok()).flatten()
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month(month) => write!(f, "{month}"),
            Period::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            Period::Year(year) => write!(f, "{year}"),
            Period::YearToDate(month) => write!(f, "{}-YTD{:02}", month.year(), month.month()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_kinds_round_trip_through_their_keys() {
        for kind in PeriodKind::ALL {
            assert_eq!(PeriodKind::from_key(kind.key()), Some(kind));
        }
        assert_eq!(PeriodKind::from_key("ytd"), Some(PeriodKind::YearToDate));
        assert_eq!(PeriodKind::from_key("week"), None);
    }

    fn month(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    #[test]
    fn text_forms_round_trip() {
        for text in ["2024-03", "2024-Q1", "2024", "2024-YTD03"] {
            assert_eq!(Period::parse(text).unwrap().to_string(), text);
        }
        for bad in ["2024-Q5", "2024-YTD13", "24", "2024-3", "x", "2024-YTD3"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn previous_and_year_earlier() {
        let p = |t| Period::parse(t).unwrap();
        assert_eq!(p("2024-01").previous(), Some(p("2023-12")));
        assert_eq!(p("2024-Q1").previous(), Some(p("2023-Q4")));
        assert_eq!(p("2024").previous(), Some(p("2023")));
        assert_eq!(p("2024-YTD03").previous(), None);
        assert_eq!(p("2024-YTD03").year_earlier(), p("2023-YTD03"));
        assert_eq!(p("2024-Q2").months(), (month("2024-04"), month("2024-06")));
    }

    fn record(received: u64, pending: u64, carried: u64) -> Counts {
        let mut c = Counts::zero();
        c[Count::ReceivedTotal] = Some(received);
        c[Count::PendingTotal] = Some(pending);
        c[Count::CarriedOver] = Some(carried);
        c[Count::ServicesUsed] = Some(2);
        c
    }

    #[test]
    fn flows_sum_stocks_take_the_ends() {
        let series = [
            record(5, 1, 0),
            record(7, 2, 1),
            record(9, 4, 2),
            record(1, 0, 4),
        ];
        let q = Period::parse("2024-Q1").unwrap();
        let total = q.aggregate(month("2024-01"), &series, Some(3)).unwrap();
        assert_eq!(total[Count::ReceivedTotal], Some(21));
        assert_eq!(total[Count::PendingTotal], Some(4));
        assert_eq!(total[Count::CarriedOver], Some(0));
        assert_eq!(total[Count::ServicesUsed], Some(3));
        // A quarter only partly covered by the data uses the months it has.
        let partial = q.aggregate(month("2024-02"), &series, None).unwrap();
        assert_eq!(partial[Count::ReceivedTotal], Some(12));
        assert_eq!(partial[Count::ServicesUsed], None);
        // Outside the data: no record at all.
        assert_eq!(
            Period::parse("2023-Q1")
                .unwrap()
                .aggregate(month("2024-01"), &series, None),
            None
        );
        assert_eq!(
            Period::parse("2024-05")
                .unwrap()
                .aggregate(month("2024-01"), &series, None),
            None
        );
    }

    #[test]
    fn incomplete_fields_of_a_period() {
        let mut gap = record(4, 3, 1);
        gap[Count::ReceivedTotal] = None;
        gap[Count::ReceivedPostal] = None;
        let series = [record(5, 1, 0), gap, record(9, 4, 3)];
        let marks = [
            Fields::of(&[Count::CarriedOver]),
            Fields::NONE,
            Fields::NONE,
        ];
        let first = month("2024-01");
        let q = Period::parse("2024-Q1").unwrap();
        // A flow missing in one month of three; carried_over marked in the first.
        assert_eq!(
            q.incomplete(first, &series, &marks),
            Fields::of(&[
                Count::ReceivedTotal,
                Count::ReceivedPostal,
                Count::CarriedOver
            ])
        );
        // A month on its own: only its marks; unknown is "no data", not incomplete.
        let feb = Period::parse("2024-02").unwrap();
        assert_eq!(feb.incomplete(first, &series, &marks), Fields::NONE);
        assert_eq!(feb.incomplete(first, &series, &[]), Fields::NONE);
        let mar = Period::parse("2024-03").unwrap();
        assert_eq!(mar.incomplete(first, &series, &marks), Fields::NONE);
    }

    #[test]
    fn picker_lists_every_kind() {
        let all = Period::all_within(month("2023-11"), month("2024-02"));
        let texts: Vec<String> = all.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            texts,
            [
                "2024-02",
                "2024-01",
                "2023-12",
                "2023-11",
                "2024-Q1",
                "2023-Q4",
                "2024",
                "2023",
                "2024-YTD02",
                "2024-YTD01",
                "2023-YTD12",
                "2023-YTD11"
            ]
        );
    }
}
