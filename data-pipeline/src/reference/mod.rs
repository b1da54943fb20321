//! The reference lists of Vietnam's administrative units before and after
//! the reorganisation of 1 July 2025 (`data-pipeline/reference/vn-admin-2025/`,
//! sources in its `SOURCES.md`). They are embedded in the binary so that
//! `data-pipeline units` (and the demo samples) give real unit catalogues
//! anywhere, without a download or a path into the repository.
//!
//! The lists are parsed once, on first use, into typed rows and checked: a
//! list that contradicts itself (a duplicate code, a parent that does not
//! exist, an old province merged into two new ones) is an error, never a
//! quiet guess. [`catalogue`] reads them across the change.

mod catalogue;
mod parse;

pub use catalogue::{Catalogue, Change};

use crate::error::{Error, InputError};
use chrono::NaiveDate;
use contract::Level;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// The first day of the two-tier units (Resolution 202/2025/QH15).
pub const EFFECTIVE_ON: NaiveDate = day(2025, 7, 1);
/// The last day of the three-tier units.
pub const LEGACY_UNTIL: NaiveDate = day(2025, 6, 30);

const fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => panic!("a valid date"),
    }
}

/// Where the lists come from, for reports.
pub const SOURCE: &str = "data-pipeline/reference/vn-admin-2025 (GSO code lists and the national \
                          merger map; see its SOURCES.md)";

const LEGACY_FILE: &str = "units-legacy.csv";
const CURRENT_FILE: &str = "units-2025.csv";
const CROSSWALK_FILE: &str = "crosswalk-2025.csv";
const LEGACY_CSV: &str = include_str!("../../reference/vn-admin-2025/units-legacy.csv");
const CURRENT_CSV: &str = include_str!("../../reference/vn-admin-2025/units-2025.csv");
const CROSSWALK_CSV: &str = include_str!("../../reference/vn-admin-2025/crosswalk-2025.csv");

/// One unit of either list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub level: Level,
    /// Empty for a province.
    pub parent: String,
    /// Residents, published for the 2025 communes only (75 of them have
    /// none): what the demo sample sizes a commune's dossiers by.
    pub population: Option<u64>,
}

/// One (old commune, new commune) pair of the crosswalk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub old_commune: String,
    pub new_commune: String,
    pub old_province: String,
    pub new_province: String,
    /// The old commune's territory went to more than one new commune.
    pub old_commune_divided: bool,
}

/// The three lists, parsed and checked.
#[derive(Debug)]
pub struct Reference {
    /// The three-tier units in force until 30 June 2025, in list order.
    pub legacy: Vec<Unit>,
    /// The two-tier units in force from 1 July 2025, in list order.
    pub current: Vec<Unit>,
    /// Every (old commune, new commune) pair, one old code of which is not
    /// in the legacy list (see [`Reference::is_known`]).
    pub crosswalk: Vec<Pair>,
    legacy_index: HashMap<String, usize>,
    current_index: HashMap<String, usize>,
    /// Old province code → the code of the new province it merged into.
    merged_into: BTreeMap<String, String>,
}

/// The embedded lists, parsed on first use.
pub fn embedded() -> Result<&'static Reference, Error> {
    static PARSED: OnceLock<Result<Reference, InputError>> = OnceLock::new();
    PARSED
        .get_or_init(|| Reference::parse(LEGACY_CSV, CURRENT_CSV, CROSSWALK_CSV))
        .as_ref()
        .map_err(|e| Error::Input(vec![e.clone()]))
}

impl Reference {
    /// The units in force on `day`: the legacy list before 1 July 2025,
    /// the two-tier list from it.
    pub fn in_force(&self, day: NaiveDate) -> &[Unit] {
        match day < EFFECTIVE_ON {
            true => &self.legacy,
            false => &self.current,
        }
    }

    /// The legacy unit with this code.
    pub fn legacy_unit(&self, code: &str) -> Option<&Unit> {
        self.legacy_index.get(code).map(|&i| &self.legacy[i])
    }

    /// The 2025 unit with this code.
    pub fn current_unit(&self, code: &str) -> Option<&Unit> {
        self.current_index.get(code).map(|&i| &self.current[i])
    }

    /// A new commune's published population.
    pub fn population(&self, commune: &str) -> Option<u64> {
        self.current_unit(commune).and_then(|u| u.population)
    }

    /// The new province an old province merged into (`None` for a code
    /// that is not an old province).
    pub fn merged_into(&self, old_province: &str) -> Option<&Unit> {
        let new = self.merged_into.get(old_province)?;
        self.current_unit(new)
    }

    /// Whether the pair's old commune is in the legacy list.
    pub fn is_known(&self, pair: &Pair) -> bool {
        self.legacy_index.contains_key(&pair.old_commune)
    }

    /// The code of the province a legacy unit lies in.
    pub fn legacy_province<'a>(&'a self, unit: &'a Unit) -> &'a str {
        province(&self.legacy, &self.legacy_index, unit)
    }

    /// The code of the province a 2025 unit lies in.
    pub fn current_province<'a>(&'a self, unit: &'a Unit) -> &'a str {
        province(&self.current, &self.current_index, unit)
    }
}

/// The province above `unit` in `list` (parents are checked to exist when
/// the lists are parsed, and the levels to go up).
fn province<'a>(list: &'a [Unit], index: &HashMap<String, usize>, unit: &'a Unit) -> &'a str {
    let mut unit = unit;
    while unit.level != Level::Province {
        unit = &list[index[&unit.parent]];
    }
    &unit.code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> &'static Reference {
        embedded().expect("the embedded lists are well formed")
    }

    fn count(units: &[Unit], level: Level) -> usize {
        units.iter().filter(|u| u.level == level).count()
    }

    #[test]
    fn the_lists_hold_what_sources_md_says() {
        let r = reference();
        let counts = |units| Level::ALL.map(|l| count(units, l));
        assert_eq!(counts(&r.legacy), [63, 696, 10_035]);
        assert_eq!(counts(&r.current), [34, 0, 3_321]);
        assert_eq!(r.crosswalk.len(), 10_602);
        let divided: std::collections::BTreeSet<_> = r
            .crosswalk
            .iter()
            .filter(|p| p.old_commune_divided)
            .map(|p| &p.old_commune)
            .collect();
        assert_eq!(divided.len(), 472);
    }

    #[test]
    fn codes_keep_their_zeros_and_names_their_accents() {
        let r = reference();
        assert_eq!(r.legacy[0].code, "01");
        assert_eq!(r.legacy_unit("00004").unwrap().name, "Phường Trúc Bạch");
        assert_eq!(r.current_unit("00004").unwrap().name, "Phường Ba Đình");
        assert_eq!(r.legacy_unit("00004").unwrap().parent, "001");
        assert_eq!(r.current_unit("00004").unwrap().parent, "01");
    }

    #[test]
    fn population_only_for_new_communes() {
        let r = reference();
        assert_eq!(r.population("00004"), Some(65_023));
        assert_eq!(r.population("01"), None);
        let without = r
            .current
            .iter()
            .filter(|u| u.level == Level::Commune && u.population.is_none())
            .count();
        assert_eq!(without, 75);
    }

    #[test]
    fn each_old_province_merged_into_one_new_province() {
        let r = reference();
        for (old, new) in [("26", "25"), ("17", "25"), ("25", "25"), ("01", "01")] {
            assert_eq!(r.merged_into(old).unwrap().code, new, "{old}");
        }
        assert_eq!(r.merged_into("99"), None);
        assert_eq!(r.merged_into.len(), 63);
    }

    #[test]
    fn the_one_unknown_old_code_of_the_crosswalk() {
        let r = reference();
        let unknown: std::collections::BTreeSet<_> = r
            .crosswalk
            .iter()
            .filter(|p| !r.is_known(p))
            .map(|p| p.old_commune.as_str())
            .collect();
        assert_eq!(unknown, ["00000"].into());
    }

    #[test]
    fn units_in_force_change_on_the_first_of_july_2025() {
        let r = reference();
        assert_eq!(r.in_force(LEGACY_UNTIL).len(), 10_794);
        assert_eq!(r.in_force(EFFECTIVE_ON).len(), 3_355);
        let commune = r.legacy_unit("00004").unwrap();
        assert_eq!(r.legacy_province(commune), "01");
        assert_eq!(r.current_province(r.current_unit("00004").unwrap()), "01");
    }
}
