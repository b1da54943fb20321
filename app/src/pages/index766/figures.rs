//! The index page's figures, as plain functions over the loaded files:
//! a unit's card for a period (scored by the contract with the manifest's
//! rules), its rank among the units of its level under the same parent,
//! the trend of its total, the metrics by points still to win, and the
//! units below that lose the most points in one group.

use crate::data::Base;
use contract::index766::{Card, Figure, IndexSnapshot, PeriodData, ProvincesSnapshot, Rules};
use contract::{Month, Period, ProvinceSnapshot, UnitInfo};

/// The files one province's index is scored from.
pub struct Sheet<'a> {
    pub rules: &'a Rules,
    pub base: &'a Base,
    pub snap: &'a ProvinceSnapshot,
    pub index: &'a IndexSnapshot,
    /// Every province's series, to rank a province (loaded for one only).
    pub provinces: Option<&'a ProvincesSnapshot>,
}

/// A metric with points still to win.
#[derive(Clone, Debug, PartialEq)]
pub struct Gain {
    /// Index into the rules' metrics.
    pub metric: usize,
    pub figure: Figure,
    /// Points short of full, in the rules' units.
    pub lost: u64,
    /// How much more numerator earns full points (counts only).
    pub more: Option<u64>,
}

/// A unit below and what it loses in a group.
#[derive(Clone, Debug, PartialEq)]
pub struct Loss<'a> {
    pub unit: &'a UnitInfo,
    /// Points short of the group's maximum; `None`: no data or incomplete.
    pub lost: Option<u64>,
}

impl<'a> Sheet<'a> {
    /// The unit's card for `period`; `None` when its series has nothing for
    /// the period (it did not exist, or the period crosses a change of units).
    pub fn card(&self, unit: &str, period: Period) -> Option<Card> {
        let series = self.snap.units.get(unit)?;
        let index = self.index.units.get(unit);
        let (first, last) = (self.snap.first_month, self.snap.last_month);
        let data = PeriodData::of(series, index, first, last, period);
        (data.counts.is_some() || !data.given.is_empty()).then(|| data.card(self.rules))
    }

    /// The complete total of every month, in points (gaps where incomplete).
    pub fn trend(&self, unit: &str) -> Vec<(Month, Option<f64>)> {
        let scale = self.rules.scale() as f64;
        let months = self.snap.first_month.through(self.snap.last_month);
        months
            .map(|m| {
                let total = self
                    .card(unit, Period::Month(m))
                    .and_then(|c| c.complete_total());
                (m, total.map(|t| t as f64 / scale))
            })
            .collect()
    }

    /// The unit's rank among the units of its level under the same parent
    /// with a complete total, and how many there are; `None` when it has no
    /// complete total or no peer in this province's file.
    pub fn rank(&self, unit: &UnitInfo, period: Period) -> Option<(usize, usize)> {
        let end = self.end(period);
        let peers: Vec<&UnitInfo> = match unit.parent.as_deref() {
            Some(parent) => self.base.children(parent),
            None => self.base.roots(),
        };
        let peers: Vec<&UnitInfo> = peers
            .into_iter()
            .filter(|u| u.level == unit.level && !u.pool && u.valid_in(end))
            .collect();
        let card = |id: &str| match (unit.parent.is_none(), self.provinces) {
            (true, Some(all)) => all.card(self.rules, id, period),
            (true, None) => None,
            (false, _) => self.card(id, period),
        };
        let totals: Vec<Option<u64>> = peers
            .iter()
            .map(|u| card(&u.id).and_then(|c| c.complete_total()))
            .collect();
        let mine = peers.iter().position(|u| u.id == unit.id)?;
        let ranks = contract::index766::ranks(&totals);
        let ranked = totals.iter().flatten().count();
        (ranked > 1).then_some(())?;
        ranks[mine].map(|r| (r, ranked))
    }

    /// The period's last month within the data: the tree it is shown in.
    fn end(&self, period: Period) -> Month {
        period.months().1.min(self.snap.last_month)
    }

    /// The units below `unit` (its tree in the period), those losing the
    /// most points in group `group` first; units without a figure last.
    pub fn losses(&self, unit: &str, period: Period, group: usize) -> Vec<Loss<'a>> {
        let (units, siblings) = self.base.ranked_units(unit);
        if siblings {
            return Vec::new();
        }
        let end = self.end(period);
        let mut losses: Vec<Loss> = units
            .into_iter()
            .filter(|u| u.valid_in(end))
            .map(|u| {
                let score = self
                    .card(&u.id, period)
                    .and_then(|c| c.groups.get(group).cloned());
                let lost = score.filter(|g| g.complete).map(|g| g.max - g.points);
                Loss { unit: u, lost }
            })
            .collect();
        losses.sort_by_key(|l| std::cmp::Reverse(l.lost.map(|n| n + 1).unwrap_or(0)));
        losses
    }
}

/// What the briefing's index slide shows of a unit and period.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub card: Card,
    pub rank: Option<(usize, usize)>,
    /// The metrics that lose the most points, most first.
    pub losses: Vec<Gain>,
}

impl Sheet<'_> {
    /// The card, the rank and the `n` metrics losing the most points;
    /// `None` as for [`Sheet::card`].
    pub fn summary(&self, unit: &UnitInfo, period: Period, n: usize) -> Option<Summary> {
        let card = self.card(&unit.id, period)?;
        let mut losses = gains(self.rules, &card);
        losses.truncate(n);
        Some(Summary {
            rank: self.rank(unit, period),
            losses,
            card,
        })
    }
}

/// The scored metrics with a figure and points still to win, most first.
pub fn gains(rules: &Rules, card: &Card) -> Vec<Gain> {
    let mut gains: Vec<Gain> = rules
        .metrics
        .iter()
        .zip(&card.metrics)
        .enumerate()
        .filter(|(_, (m, _))| m.part_of.is_none())
        .filter_map(|(i, (m, (_, score)))| {
            let (figure, points) = (score.figure?, score.points?);
            let lost = m.max_units(rules).saturating_sub(points);
            (lost > 0).then(|| Gain {
                metric: i,
                figure,
                lost,
                more: m.to_full(figure),
            })
        })
        .collect();
    gains.sort_by_key(|g| std::cmp::Reverse(g.lost));
    gains
}

/// The group to list losses for: the URL's (from 1), or the group that
/// loses the most points.
pub fn chosen_group(card: &Card, asked: usize) -> usize {
    if (1..=card.groups.len()).contains(&asked) {
        return asked - 1;
    }
    (0..card.groups.len())
        .max_by_key(|&g| card.groups[g].max - card.groups[g].points)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{base, tree_snapshot};
    use contract::index766::IndexSeries;

    /// Two groups: progress (20 points), and a petition metric given by
    /// `index_metrics.csv` (6) with the online share (4, full from 50 %).
    fn rules() -> Rules {
        serde_json::from_str(
            r#"{"name":"test","decimals":2,"zero_over_zero":"full",
            "groups":[{"code":"G1","max":20,"name_vi":"Một","name_en":"One"},
                      {"code":"G2","max":10,"name_vi":"Hai","name_en":"Two"}],
            "metrics":[{"code":"ON_TIME","group":"G1","max":20,"source":"progress","name_vi":"a","name_en":"a"},
                       {"code":"PET","group":"G2","max":6,"name_vi":"b","name_en":"b"},
                       {"code":"SHARE","group":"G2","max":4,"threshold":0.5,"source":"online_share","name_vi":"c","name_en":"c"}],
            "grades":[{"min":20,"name_vi":"Tốt","name_en":"Good"},{"min":0,"name_vi":"Yếu","name_en":"Weak"}]}"#,
        )
        .unwrap()
    }

    fn counts(numerator: u64, denominator: u64) -> Option<Figure> {
        Some(Figure::Counts {
            numerator,
            denominator,
        })
    }

    fn index() -> IndexSnapshot {
        let given = |months: Vec<Option<Figure>>| IndexSeries {
            given: [("PET".to_string(), months)].into(),
            ..IndexSeries::default()
        };
        IndexSnapshot {
            schema_version: contract::SCHEMA_VERSION,
            province: "01".into(),
            units: [
                ("001".to_string(), given(vec![counts(1, 2), counts(1, 2)])),
                ("002".to_string(), given(vec![counts(3, 4), None])),
                ("01".to_string(), given(vec![counts(4, 6), counts(1, 2)])),
            ]
            .into(),
        }
    }

    fn month(text: &str) -> Period {
        Period::parse(text).unwrap()
    }

    #[test]
    fn cards_ranks_trends_and_losses() {
        let (rules, base, snap, index) = (rules(), base(), tree_snapshot(), index());
        let sheet = Sheet {
            rules: &rules,
            base: &base,
            snap: &snap,
            index: &index,
            provinces: None,
        };
        // 001 in January: on time 100/100 → 20, petitions 1/2 → 3, online 80 % → 4.
        let card = sheet.card("001", month("2024-01")).unwrap();
        assert_eq!(card.complete_total(), Some(2700));
        // 002: 40/50 → 16, 3/4 → 4.5, online 40 % of a 50 % threshold → 3.2.
        let card = sheet.card("002", month("2024-01")).unwrap();
        assert_eq!(card.complete_total(), Some(2370));
        // 0002 has no petition figure: incomplete, never scored as 0.
        assert_eq!(
            sheet
                .card("0002", month("2024-01"))
                .unwrap()
                .complete_total(),
            None
        );
        // A quarter adds the months' counts; 002's February lacks petitions.
        assert_eq!(
            sheet
                .card("001", month("2024-Q1"))
                .unwrap()
                .complete_total(),
            Some(2000 + 300 + 400)
        );
        assert_eq!(
            sheet
                .card("002", month("2024-Q1"))
                .unwrap()
                .complete_total(),
            None
        );

        let g = gains(&rules, &card);
        let order: Vec<(&str, u64, Option<u64>)> = g
            .iter()
            .map(|g| (rules.metrics[g.metric].code.as_str(), g.lost, g.more))
            .collect();
        assert_eq!(
            order,
            [
                ("ON_TIME", 400, Some(10)),
                ("PET", 150, Some(1)),
                ("SHARE", 80, Some(5))
            ]
        );
        assert_eq!(chosen_group(&card, 0), 0, "the group losing the most");
        assert_eq!(chosen_group(&card, 2), 1);
        assert_eq!(chosen_group(&card, 9), 0);

        let units = |id: &str| base.unit(id).unwrap().clone();
        assert_eq!(sheet.rank(&units("001"), month("2024-01")), Some((1, 2)));
        assert_eq!(sheet.rank(&units("002"), month("2024-01")), Some((2, 2)));
        assert_eq!(
            sheet.rank(&units("01"), month("2024-01")),
            None,
            "no peer in the file"
        );

        let losses = sheet.losses("01", month("2024-01"), 0);
        let lost: Vec<(&str, Option<u64>)> = losses
            .iter()
            .map(|l| (l.unit.id.as_str(), l.lost))
            .collect();
        assert_eq!(
            lost,
            [("002", Some(400)), ("001", Some(0)), ("0002", Some(0))]
        );

        // The briefing's slide: the same card and rank, the biggest losses.
        let summary = sheet.summary(&units("002"), month("2024-01"), 2).unwrap();
        assert_eq!(summary.card, card);
        assert_eq!(summary.rank, Some((2, 2)));
        assert_eq!(summary.losses, g[..2]);
        assert_eq!(sheet.summary(&units("001"), month("2025-01"), 3), None);

        // February for 001: 20 + 3 + online 20 % → 1.6.
        let trend = sheet.trend("001");
        assert_eq!(
            trend.iter().map(|p| p.1).collect::<Vec<_>>(),
            [Some(27.0), Some(24.6)]
        );
    }
}
