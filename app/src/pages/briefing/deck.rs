//! The briefing's deck: which slides it has and what each one shows (the
//! headline figure, the best and worst five child units, the units that
//! missed a target), computed once per unit and period.
//!
//! Every rate comes from the contract through `summary` (`summary::kpi`,
//! `summary::ranking`); this module only picks and splits them.

use crate::data::Base;
use crate::summary::{self, Kpi, Row};
use chrono::NaiveDate;
use contract::{Indicator, Level, Month, Period, ProvinceSnapshot, Status, Targets, UnitInfo};

/// How many child units the best and the worst lists show.
pub const TOP_N: usize = 5;

/// Units listed per closing slide; a longer list continues on the next one,
/// so a slide never needs scrolling whatever the number of units.
pub const MISSED_PER_SLIDE: usize = 8;

/// One slide of the deck.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    /// Area, period, "as of" date and the six headline figures.
    Title,
    Indicator(Indicator),
    /// The 766 index: total, grade, rank, groups, biggest losses (when the
    /// data have the index's rules).
    Index,
    /// Units that missed at least one target; `page` counts from 0.
    Missed {
        page: usize,
        pages: usize,
    },
}

/// The slides for a deck whose closing list has `missed` units, with the
/// index slide after the indicators' when `index`.
pub fn slide_list(missed: usize, index: bool) -> Vec<Slide> {
    let pages = missed.div_ceil(MISSED_PER_SLIDE).max(1);
    std::iter::once(Slide::Title)
        .chain(Indicator::ALL.into_iter().map(Slide::Indicator))
        .chain(index.then_some(Slide::Index))
        .chain((0..pages).map(|page| Slide::Missed { page, pages }))
        .collect()
}

/// What an indicator slide shows.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorSlide {
    pub kpi: Kpi,
    /// Best first.
    pub best: Vec<Row>,
    /// Worst first; never repeats a unit of `best`.
    pub worst: Vec<Row>,
    /// Child units whose status is "missed".
    pub missed: usize,
    /// Child units, with or without data.
    pub children: usize,
    /// Child units without data for this indicator.
    pub no_data: usize,
    /// The unit's value month by month over the whole data (trend chart).
    pub points: Vec<(Month, Option<f64>)>,
}

/// The best and the worst `n` of ranked rows (best first, as
/// `summary::ranking` orders them), leaving out units without data. With
/// fewer than `2n` units the two lists split them, so no unit is in both.
pub fn best_and_worst(rows: &[Row], n: usize) -> (Vec<Row>, Vec<Row>) {
    let with_data: Vec<&Row> = rows.iter().filter(|r| r.value.is_some()).collect();
    let best_len = n.min(with_data.len().div_ceil(2));
    let worst_len = n.min(with_data.len() - best_len);
    let best = with_data[..best_len].iter().map(|r| (*r).clone()).collect();
    let worst = with_data
        .iter()
        .rev()
        .take(worst_len)
        .map(|r| (*r).clone())
        .collect();
    (best, worst)
}

/// An indicator slide for `unit` and its children; `data` is the first and
/// last month of the snapshots (the trend's span).
pub fn indicator_slide(
    snap: &ProvinceSnapshot,
    unit: &str,
    children: &[&UnitInfo],
    period: Period,
    ind: Indicator,
    targets: &Targets,
    data: (Month, Month),
) -> IndicatorSlide {
    let rows = summary::ranking(snap, children, period, data.0, ind, targets);
    let (best, worst) = best_and_worst(&rows, TOP_N);
    IndicatorSlide {
        kpi: summary::kpi(snap, unit, period, ind, targets),
        best,
        worst,
        missed: rows
            .iter()
            .filter(|r| r.status == Some(Status::Missed))
            .count(),
        children: rows.len(),
        no_data: rows.iter().filter(|r| r.value.is_none()).count(),
        points: summary::trend_points(snap, unit, ind, data.0, data.1),
    }
}

/// One missed target of a unit on the closing slide.
#[derive(Clone, Debug, PartialEq)]
pub struct Miss {
    pub ind: Indicator,
    pub value: Option<f64>,
}

/// A child unit that missed at least one target.
#[derive(Clone, Debug, PartialEq)]
pub struct MissedUnit {
    pub code: String,
    pub name: String,
    pub misses: Vec<Miss>,
}

/// Every child unit whose status is "missed" for at least one indicator,
/// most misses first, then by name.
pub fn missed_units(
    snap: &ProvinceSnapshot,
    children: &[&UnitInfo],
    period: Period,
    targets: &Targets,
) -> Vec<MissedUnit> {
    let mut out: Vec<MissedUnit> = children
        .iter()
        .filter_map(|u| {
            let counts = snap.counts(&u.id, period)?;
            let misses: Vec<Miss> = Indicator::ALL
                .into_iter()
                .filter(|ind| ind.status(&counts, targets) == Some(Status::Missed))
                .map(|ind| Miss {
                    ind,
                    value: ind.value(&counts),
                })
                .collect();
            (!misses.is_empty()).then(|| MissedUnit {
                code: u.id.clone(),
                name: u.name.clone(),
                misses,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.misses
            .len()
            .cmp(&a.misses.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// Everything the deck shows, computed once per unit and period.
#[derive(Clone, Debug, PartialEq)]
pub struct Deck {
    pub unit: UnitInfo,
    pub period: Period,
    /// The data's first month (what a comparison can reach).
    pub first: Month,
    pub as_of: NaiveDate,
    pub source: String,
    pub sample: bool,
    /// The figures are the copy this device kept (see `data::load`).
    pub offline: bool,
    /// The level of the child units, to name them ("xã"); `None` if mixed.
    pub level: Option<Level>,
    pub indicators: Vec<IndicatorSlide>,
    pub missed: Vec<MissedUnit>,
    pub children: usize,
    pub slides: Vec<Slide>,
}

impl Deck {
    pub fn build(base: &Base, snap: &ProvinceSnapshot, unit: &UnitInfo, period: Period) -> Deck {
        let targets = &base.manifest.targets;
        // A province's pool of dossiers from divided units is not a unit.
        let children: Vec<&UnitInfo> = (base.children(&unit.id).into_iter())
            .filter(|u| !u.pool)
            .collect();
        let data = (base.manifest.first_month, base.manifest.last_month);
        let indicators = Indicator::ALL
            .into_iter()
            .map(|ind| indicator_slide(snap, &unit.id, &children, period, ind, targets, data))
            .collect();
        let missed = missed_units(snap, &children, period, targets);
        Deck {
            unit: unit.clone(),
            first: base.manifest.first_month,
            period,
            as_of: base.manifest.as_of,
            source: base.manifest.source.clone(),
            sample: base.manifest.sample,
            offline: base.offline,
            level: summary::common_level(&children),
            indicators,
            slides: slide_list(missed.len(), base.manifest.index.is_some()),
            missed,
            children: children.len(),
        }
    }

    pub fn indicator(&self, ind: Indicator) -> Option<&IndicatorSlide> {
        self.indicators.iter().find(|s| s.kpi.ind == ind)
    }

    /// The slide numbered `number` (from 1), clamped into the deck.
    pub fn slide(&self, number: usize) -> Slide {
        self.slides[clamp_slide(number, self.slides.len()) - 1]
    }

    /// The units listed on a closing slide.
    pub fn missed_page(&self, page: usize) -> &[MissedUnit] {
        let start = (page * MISSED_PER_SLIDE).min(self.missed.len());
        let end = (start + MISSED_PER_SLIDE).min(self.missed.len());
        &self.missed[start..end]
    }
}

/// A slide number kept inside a deck of `total` slides.
pub fn clamp_slide(number: usize, total: usize) -> usize {
    number.clamp(1, total.max(1))
}

/// The deck of the test tree's province for February 2024.
#[cfg(test)]
pub fn sample_deck() -> Deck {
    let base = crate::test_support::base();
    let unit = base.unit("01").unwrap().clone();
    Deck::build(
        &base,
        &crate::test_support::tree_snapshot(),
        &unit,
        Period::parse("2024-02").unwrap(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, value: Option<f64>) -> Row {
        crate::test_support::row(key, value, None)
    }

    fn keys(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.key.as_str()).collect()
    }

    use super::sample_deck as deck;

    #[test]
    fn best_and_worst_five_never_overlap() {
        let rows: Vec<Row> = (0..12)
            .map(|i| row(&format!("{i:02}"), Some(1.0 - i as f64 / 100.0)))
            .chain([row("nd", None)])
            .collect();
        let (best, worst) = best_and_worst(&rows, 5);
        assert_eq!(keys(&best), ["00", "01", "02", "03", "04"]);
        assert_eq!(keys(&worst), ["11", "10", "09", "08", "07"]);
        let (best, worst) = best_and_worst(&rows[..7], 5);
        assert_eq!(keys(&best), ["00", "01", "02", "03"]);
        assert_eq!(keys(&worst), ["06", "05", "04"]);
        let (best, worst) = best_and_worst(&rows[..1], 5);
        assert_eq!((best.len(), worst.len()), (1, 0));
        let (best, worst) = best_and_worst(&[row("nd", None)], 5);
        assert!(best.is_empty() && worst.is_empty());
    }

    #[test]
    fn the_deck_has_a_title_six_indicators_and_a_closing_slide() {
        let d = deck();
        assert_eq!(d.slides.len(), 8);
        assert_eq!(d.slides[0], Slide::Title);
        assert_eq!(d.slides[1], Slide::Indicator(Indicator::OnTime));
        assert_eq!(d.slides[6], Slide::Indicator(Indicator::Overdue));
        assert_eq!(d.slides[7], Slide::Missed { page: 0, pages: 1 });
        assert_eq!(d.slide(0), Slide::Title);
        assert_eq!(d.slide(99), Slide::Missed { page: 0, pages: 1 });
        // A long closing list continues on further slides.
        assert_eq!(slide_list(0, false).len(), 8);
        assert_eq!(slide_list(MISSED_PER_SLIDE, false).len(), 8);
        assert_eq!(slide_list(MISSED_PER_SLIDE + 1, false).len(), 9);
        assert_eq!(
            slide_list(17, false)[9],
            Slide::Missed { page: 2, pages: 3 }
        );
        // With the index's rules, its slide follows the indicators'.
        let with_index = slide_list(1, true);
        assert_eq!(with_index.len(), 9);
        assert_eq!(with_index[7], Slide::Index);
        assert_eq!(with_index[8], Slide::Missed { page: 0, pages: 1 });
    }

    #[test]
    fn headline_best_worst_and_missed_come_from_the_contract() {
        let d = deck();
        let on_time = d.indicator(Indicator::OnTime).unwrap();
        assert_eq!(on_time.kpi.value, Some(0.975));
        assert_eq!(on_time.kpi.status, Some(Status::Near));
        assert_eq!(keys(&on_time.best), ["0002", "001"], "ties by name");
        assert_eq!(keys(&on_time.worst), ["002"]);
        assert_eq!((on_time.missed, on_time.children), (1, 3));
        // 002 misses on-time (80 %) and online (20 %); 001 only online (20 %).
        let names: Vec<(&str, usize)> = d
            .missed
            .iter()
            .map(|m| (m.code.as_str(), m.misses.len()))
            .collect();
        assert_eq!(names, [("002", 2), ("001", 1)]);
        assert_eq!(
            d.missed[0].misses[0],
            Miss {
                ind: Indicator::OnTime,
                value: Some(0.8)
            }
        );
        assert_eq!(d.missed_page(0).len(), 2);
        assert!(d.missed_page(1).is_empty());
    }

    #[test]
    fn a_slide_number_stays_inside_the_deck() {
        assert_eq!(clamp_slide(9, 8), 8);
        assert_eq!(clamp_slide(0, 8), 1);
        assert_eq!(clamp_slide(3, 0), 1);
    }
}
