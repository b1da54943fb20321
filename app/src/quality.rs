//! The data-quality panel: how many rows of each input file the pipeline
//! read, accepted, quarantined and dropped as identical duplicates (from the
//! manifest), and which units received no dossier in the period.

use crate::data::Base;
use data_pipeline::contract::{Count, Period, ProvinceSnapshot, UnitInfo};

/// The units checked for a unit: its children, or the unit itself when it
/// has none (a commune), whose snapshot says they received no dossier at all
/// in the period (`received_total` is known and 0). Units without data are
/// not listed: "no data" is not "nothing sent".
pub fn silent_units<'a>(
    base: &'a Base,
    snap: &ProvinceSnapshot,
    code: &str,
    period: Period,
) -> Vec<&'a UnitInfo> {
    let mut units = base.children(code);
    if units.is_empty() {
        units.extend(base.unit(code));
    }
    units
        .into_iter()
        .filter(|u| {
            snap.counts(&u.code, period)
                .is_some_and(|c| c[Count::ReceivedTotal] == Some(0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::tests::base;
    use data_pipeline::contract::{Counts, Month, UnitSeries};
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
            services_used: BTreeMap::new(),
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

    fn codes(units: Vec<&UnitInfo>) -> Vec<&str> {
        units.iter().map(|u| u.code.as_str()).collect()
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
        // No record is no data, not zero.
        assert!(silent_units(&b, &s, "0002", feb).is_empty());
    }
}
