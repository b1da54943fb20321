//! The data-quality panel: how many rows of each input file the pipeline
//! read, accepted, quarantined and dropped as identical duplicates (from the
//! manifest), and which units received no dossier in the period.

use crate::data::Base;
use contract::{Count, Period, ProvinceSnapshot, UnitInfo};

/// Why a unit is listed as having sent nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Silence {
    /// Its dossier export has no dossier received in the period.
    NoDossier,
    /// It sends Form 06 reports, and none covers the period.
    NoReport,
}

/// The units checked for a unit: its children, or the unit itself when it
/// has none (a commune), that sent nothing for the period: no dossier
/// received (`received_total` is 0) or no report (it is unknown). Units
/// without any record are not listed: they are outside the data.
pub fn silent_units<'a>(
    base: &'a Base,
    snap: &ProvinceSnapshot,
    code: &str,
    period: Period,
) -> Vec<(&'a UnitInfo, Silence)> {
    let mut units = base.children(code);
    if units.is_empty() {
        units.extend(base.unit(code));
    }
    units
        .into_iter()
        .filter_map(
            |u| match snap.counts(&u.code, period)?[Count::ReceivedTotal] {
                Some(0) => Some((u, Silence::NoDossier)),
                None => Some((u, Silence::NoReport)),
                Some(_) => None,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::tests::base;
    use contract::{Counts, Month, UnitSeries};
    use std::collections::BTreeMap;

    fn months(received: &[Option<u64>]) -> UnitSeries {
        UnitSeries {
            months: received
                .iter()
                .map(|r| {
                    let mut c = Counts::zero();
                    c[Count::ReceivedTotal] = *r;
                    c
                })
                .collect(),
            ..Default::default()
        }
    }

    fn snap() -> ProvinceSnapshot {
        let mut units = BTreeMap::new();
        units.insert("01".to_string(), months(&[Some(5), Some(3)]));
        units.insert("001".to_string(), months(&[Some(5), Some(0)]));
        units.insert("0001".to_string(), months(&[Some(5), Some(0)]));
        units.insert("002".to_string(), months(&[Some(0), Some(3)]));
        // 0002 has no record at all: no data, not "sent nothing".
        ProvinceSnapshot {
            schema_version: 1,
            province: "01".into(),
            first_month: Month::parse("2024-01").unwrap(),
            units,
        }
    }

    fn codes(units: Vec<(&UnitInfo, Silence)>) -> Vec<&str> {
        units.iter().map(|(u, _)| u.code.as_str()).collect()
    }

    #[test]
    fn children_that_received_nothing() {
        let (b, s) = (base(), snap());
        let jan = Period::parse("2024-01").unwrap();
        let feb = Period::parse("2024-02").unwrap();
        assert_eq!(codes(silent_units(&b, &s, "01", jan)), ["002"]);
        assert_eq!(codes(silent_units(&b, &s, "01", feb)), ["001"]);
        // Over both months every child received something.
        let q1 = Period::parse("2024-Q1").unwrap();
        assert!(silent_units(&b, &s, "01", q1).is_empty());
    }

    #[test]
    fn a_commune_is_checked_itself() {
        let (b, s) = (base(), snap());
        let jan = Period::parse("2024-01").unwrap();
        let feb = Period::parse("2024-02").unwrap();
        assert!(silent_units(&b, &s, "0001", jan).is_empty());
        assert_eq!(codes(silent_units(&b, &s, "0001", feb)), ["0001"]);
        // No record at all is outside the data, not silence.
        assert!(silent_units(&b, &s, "0002", feb).is_empty());
    }

    #[test]
    fn a_missing_report_is_silence_too() {
        let b = base();
        let mut s = snap();
        s.units.insert("0002".into(), months(&[None, Some(4)]));
        let jan = Period::parse("2024-01").unwrap();
        assert_eq!(
            silent_units(&b, &s, "0002", jan),
            [(b.unit("0002").unwrap(), Silence::NoReport)]
        );
        let q1 = Period::parse("2024-Q1").unwrap();
        assert!(silent_units(&b, &s, "0002", q1).is_empty());
    }
}
