//! The lists read across the change of 1 July 2025: the units of one new
//! province (or the whole country) on either side, and what became of each
//! old unit, as `unit_changes.csv` records it (contract section 1).
//!
//! Provinces merged whole, so an old province, with its districts and
//! communes, belongs to exactly one new province. Districts were abolished:
//! they have no change row (a change links units of one level, and a
//! district's territory is told by its communes' rows), so the pipeline
//! counts a district's own pending dossiers at its new province.

use super::{Pair, Reference, Unit};
use contract::Level;
use std::collections::BTreeSet;

/// One row of `unit_changes.csv`: `old` ended on 30 June 2025 and `new`,
/// which started on 1 July, took (part of) its territory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change<'r> {
    pub old: &'r Unit,
    pub new: &'r Unit,
}

/// One new province (or the country) across the change.
#[derive(Debug)]
pub struct Catalogue<'r> {
    /// The old units that became it, in list order.
    pub legacy: Vec<&'r Unit>,
    /// Its units from 1 July 2025 (communes with their population).
    pub current: Vec<&'r Unit>,
    /// Provinces first, then communes, each by old code.
    pub changes: Vec<Change<'r>>,
    /// Crosswalk pairs left out because their old code is not in the
    /// legacy list.
    pub skipped: Vec<&'r Pair>,
}

impl Reference {
    /// The units in force on `day`, of one province or all: `None` when
    /// `province` is not a province on that day.
    pub fn units_on(&self, day: chrono::NaiveDate, province: Option<&str>) -> Option<Vec<&Unit>> {
        let units = self.in_force(day);
        let Some(code) = province else {
            return Some(units.iter().collect());
        };
        units
            .iter()
            .find(|u| u.level == Level::Province && u.code == code)?;
        let legacy = day < super::EFFECTIVE_ON;
        let within = |u: &&Unit| match legacy {
            true => self.legacy_province(u) == code,
            false => self.current_province(u) == code,
        };
        Some(units.iter().filter(within).collect())
    }

    /// The catalogue of the new province `province`, or of the country:
    /// `None` when `province` is not a province from 1 July 2025.
    pub fn catalogue(&self, province: Option<&str>) -> Option<Catalogue<'_>> {
        if let Some(code) = province {
            self.current_unit(code)
                .filter(|u| u.level == Level::Province)?;
        }
        let selected = |new_province: &str| province.is_none_or(|p| p == new_province);
        let (pairs, skipped): (Vec<&Pair>, Vec<&Pair>) = self
            .crosswalk
            .iter()
            .filter(|p| selected(&p.new_province))
            .partition(|p| self.is_known(p));
        // Every old province merged into one new one (checked on parsing).
        let merged = |u: &Unit| self.merged_into[self.legacy_province(u)].as_str();
        Some(Catalogue {
            legacy: self.legacy.iter().filter(|u| selected(merged(u))).collect(),
            current: self
                .current
                .iter()
                .filter(|u| selected(self.current_province(u)))
                .collect(),
            changes: self.changes(&pairs, &selected),
            skipped,
        })
    }

    /// Every change of the selection: provinces, then communes.
    fn changes<'a>(
        &'a self,
        pairs: &[&'a Pair],
        selected: &dyn Fn(&str) -> bool,
    ) -> Vec<Change<'a>> {
        let mut changes = self.province_changes(selected);
        changes.extend(self.commune_changes(pairs));
        changes
    }

    /// Each old province → the new province it merged into.
    fn province_changes(&self, selected: &dyn Fn(&str) -> bool) -> Vec<Change<'_>> {
        let merged = self.merged_into.iter().filter(|(_, new)| selected(new));
        self.sorted_changes(merged.map(|(old, new)| (old.as_str(), new.as_str())))
    }

    /// Each crosswalk pair.
    fn commune_changes<'a>(&'a self, pairs: &[&'a Pair]) -> Vec<Change<'a>> {
        self.sorted_changes(pairs.iter().map(|p| (&*p.old_commune, &*p.new_commune)))
    }

    /// The changes between (old, new) codes, each once, by old then new code.
    fn sorted_changes<'a>(
        &'a self,
        codes: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Vec<Change<'a>> {
        let codes: BTreeSet<(&str, &str)> = codes.collect();
        codes
            .into_iter()
            .map(|(old, new)| self.change(old, new))
            .collect()
    }

    /// The change from a legacy code to a 2025 code, both checked to exist
    /// when the lists were parsed.
    fn change(&self, old: &str, new: &str) -> Change<'_> {
        Change {
            old: self.legacy_unit(old).expect("a legacy code"),
            new: self.current_unit(new).expect("a 2025 code"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{embedded, EFFECTIVE_ON, LEGACY_UNTIL};
    use super::*;

    fn reference() -> &'static Reference {
        embedded().expect("the embedded lists are well formed")
    }

    fn codes<'a>(changes: &'a [Change], level: Level) -> Vec<(&'a str, &'a str)> {
        changes
            .iter()
            .filter(|c| c.old.level == level)
            .map(|c| (c.old.code.as_str(), c.new.code.as_str()))
            .collect()
    }

    #[test]
    fn phu_tho_is_three_old_provinces() {
        let r = reference();
        let c = r.catalogue(Some("25")).unwrap();
        let old: Vec<&str> = c
            .legacy
            .iter()
            .filter(|u| u.level == Level::Province)
            .map(|u| u.code.as_str())
            .collect();
        assert_eq!(old, ["17", "25", "26"]);
        assert_eq!(
            codes(&c.changes, Level::Province),
            [("17", "25"), ("25", "25"), ("26", "25")]
        );
        assert!(c.current.iter().all(|u| u.code == "25" || u.parent == "25"));
        assert!(c.skipped.is_empty());
        let districts = c.legacy.iter().filter(|u| u.level == Level::District);
        assert_eq!(districts.count(), 32);
    }

    #[test]
    fn the_country_with_the_pairs_of_the_unknown_code_left_out() {
        let r = reference();
        let c = r.catalogue(None).unwrap();
        assert_eq!((c.legacy.len(), c.current.len()), (10_794, 3_355));
        assert_eq!(codes(&c.changes, Level::Province).len(), 63);
        assert_eq!(codes(&c.changes, Level::Commune).len(), 10_602 - 5);
        assert_eq!(c.skipped.len(), 5);
        assert!(c.skipped.iter().all(|p| p.old_commune == "00000"));
    }

    #[test]
    fn only_new_provinces_have_a_catalogue() {
        let r = reference();
        assert!(r.catalogue(Some("26")).is_none());
        assert!(r.catalogue(Some("00004")).is_none());
    }

    #[test]
    fn units_of_a_province_on_a_day() {
        let r = reference();
        let before = r.units_on(LEGACY_UNTIL, Some("26")).unwrap();
        assert_eq!(before[0].name, "Tỉnh Vĩnh Phúc");
        assert!(before.iter().all(|u| r.legacy_province(u) == "26"));
        assert!(r.units_on(EFFECTIVE_ON, Some("26")).is_none());
        let after = r.units_on(EFFECTIVE_ON, Some("25")).unwrap();
        assert_eq!(after.len(), 1 + 148);
        assert_eq!(r.units_on(EFFECTIVE_ON, None).unwrap().len(), 3_355);
    }
}
