//! `index/<province>.json`: what the index needs beyond the indicator
//! files, loaded only when the index is looked at. A unit's index series
//! runs parallel to its [`UnitSeries`] (same first month, same months).

use super::counts::IndexCounts;
use super::rules::{Metric, Rules};
use super::score::{Card, Figure};
use crate::counts::Counts;
use crate::month::Month;
use crate::period::Period;
use crate::snapshot::{versioned, UnitSeries};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One unit version's index data, month by month like its [`UnitSeries`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexSeries {
    /// The dossier counts of [`IndexCounts`]; empty when none is known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<IndexCounts>,
    /// Figures given by `index_metrics.csv` (the unit's own rows, or its
    /// units' rows added up), by metric code, one entry per month.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub given: BTreeMap<String, Vec<Option<Figure>>>,
    /// The input has no dossiers and no reports at all: nothing is computed
    /// from them (its zero counts would otherwise score 0 / 0 as full points).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncounted: bool,
}

impl IndexSeries {
    pub fn is_empty(&self) -> bool {
        self.months.iter().all(|m| m.0.iter().all(Option::is_none))
            && self.given.is_empty()
            && !self.uncounted
    }
}

/// The figures of one unit and period, ready to score.
pub struct PeriodData<'a> {
    /// `None` also when nothing is computed from dossiers or reports.
    pub counts: Option<Counts>,
    pub index: IndexCounts,
    /// Given figures of the period, by metric code.
    pub given: BTreeMap<&'a str, Figure>,
}

impl<'a> PeriodData<'a> {
    /// The unit's data for `period` within the snapshot's months
    /// `first..=last`; nothing when its series does not cover the period
    /// (a year across a change of units is refused, never estimated).
    pub fn of(
        unit: &UnitSeries,
        index: Option<&'a IndexSeries>,
        first: Month,
        last: Month,
        period: Period,
    ) -> PeriodData<'a> {
        let counted = !index.is_some_and(|i| i.uncounted);
        let mut data = PeriodData {
            counts: unit.counts(first, last, period).filter(|_| counted),
            index: IndexCounts::default(),
            given: BTreeMap::new(),
        };
        let window = unit
            .covers(first, last, period)
            .and_then(|(start, months)| period.window(start, months));
        let (Some(window), Some(index)) = (window, index) else {
            return data;
        };
        if let Some(months) = index.months.get(window.clone()) {
            data.index = IndexCounts::sum(months);
        }
        for (code, months) in &index.given {
            if let Some(figure) = sum_given(months.get(window.clone()).unwrap_or_default()) {
                data.given.insert(code.as_str(), figure);
            }
        }
        data
    }

    /// A metric's figure: given by `index_metrics.csv`, or computed from
    /// the dossier counts (validation makes sure not both).
    pub fn figure(&self, metric: &Metric) -> Option<Figure> {
        if let Some(&given) = self.given.get(metric.code.as_str()) {
            return Some(given);
        }
        let (numerator, denominator) = metric.source?.parts(self.counts.as_ref()?, &self.index)?;
        Some(Figure::Counts {
            numerator,
            denominator,
        })
    }

    pub fn card(&self, rules: &Rules) -> Card {
        rules.card(|m| self.figure(m))
    }
}

/// A period's given figure: the months' counts added up when every month
/// has them; a ratio only for a period of one month (ratios cannot be added).
fn sum_given(months: &[Option<Figure>]) -> Option<Figure> {
    let (head, tail) = months.split_first()?;
    tail.iter().try_fold((*head)?, |total, m| total.plus((*m)?))
}

/// `index/<province>.json`: the index series of every unit version of one
/// province version, keyed like its [`crate::ProvinceSnapshot`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexSnapshot {
    pub schema_version: u32,
    pub province: String,
    pub units: BTreeMap<String, IndexSeries>,
}

impl IndexSnapshot {
    pub fn file_name(province: &str) -> String {
        format!("index/{province}.json")
    }
}

/// `index/provinces.json`: every province version's indicator and index
/// series, so a province's page can rank it among all provinces without
/// loading every province's files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvincesSnapshot {
    pub schema_version: u32,
    pub first_month: Month,
    pub last_month: Month,
    /// By province version id.
    pub units: BTreeMap<String, (UnitSeries, IndexSeries)>,
}

versioned!(IndexSnapshot, ProvincesSnapshot);

impl ProvincesSnapshot {
    pub const FILE: &'static str = "index/provinces.json";

    /// A province's card for `period` (see [`PeriodData::of`]).
    pub fn card(&self, rules: &Rules, id: &str, period: Period) -> Option<Card> {
        let (series, index) = self.units.get(id)?;
        let data = PeriodData::of(
            series,
            Some(index),
            self.first_month,
            self.last_month,
            period,
        );
        (data.counts.is_some() || !data.given.is_empty()).then(|| data.card(rules))
    }
}
