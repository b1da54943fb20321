//! The snapshot files in `public/data/` (contract section 4): written by the
//! pipeline, read by the app. Serialisable types live here and nowhere else.
//!
//! Layout, designed so the first view loads only what it shows:
//! `manifest.json` (small), `units.json` (the tree), then one
//! `indicators/<province>.json` per province, plus the flat `indicators.csv`,
//! the downloads of each province (`exports/`) and a `README.md`.
//!
//! Units are *versions* (contract section 1): codes were reused on 1 July
//! 2025, so `00004` is Phường Trúc Bạch until June 2025 (version id
//! `00004`) and the larger Phường Ba Đình from July (`00004@2025-07-01`).
//! Everything is keyed by version id. A version's series covers its own
//! months and, when every predecessor went wholly into it, the months
//! before (their figures added up, [`Before::Combined`]); when one was
//! divided, nothing before ([`Before::NotComparable`]). A period the series
//! does not wholly cover has no figure: a year across the change is refused,
//! never estimated.

use crate::counts::{Counts, Fields};
use crate::indicator::Targets;
use crate::month::Month;
use crate::period::Period;
use crate::revision::Revision;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Bumped whenever a snapshot file changes shape; the app refuses others.
pub const SCHEMA_VERSION: u32 = 2;

/// A snapshot file that carries [`SCHEMA_VERSION`], read once the whole file
/// is parsed (a reader parses each file once, then checks its version).
pub trait Versioned {
    fn schema_version(&self) -> u32;
}

/// Implements [`Versioned`] for snapshot types with a `schema_version` field.
macro_rules! versioned {
    ($($t:ty),*) => {$(
        impl $crate::Versioned for $t {
            fn schema_version(&self) -> u32 {
                self.schema_version
            }
        }
    )*};
}
pub(crate) use versioned;
versioned!(Manifest, ProvinceSnapshot);

/// The snapshot folder's files, by name: written by the pipeline, fetched
/// and linked by the app.
pub mod files {
    /// What the set is and the hash of every other file ([`super::Manifest`]).
    pub const MANIFEST: &str = "manifest.json";
    /// The unit tree ([`super::UnitInfo`]).
    pub const UNITS: &str = "units.json";
    /// The open-data table: one row per unit and month.
    pub const INDICATORS_CSV: &str = "indicators.csv";
    /// The 766 index's open-data table: one row per unit, period and code.
    pub const INDEX_CSV: &str = "index766.csv";
    /// Quarantined dossier rows, beside the output folder (never inside it).
    pub const REJECTED: &str = "rejected.csv";
    /// What every file of the folder is, its licence and caveats, and the
    /// indicators' definitions, in Vietnamese and English.
    pub const DATA_README: &str = "README.md";
    /// Every published figure a build changed ([`crate::Revision`]),
    /// kept across builds.
    pub const REVISIONS_CSV: &str = "revisions.csv";
    /// The folder of the per-province downloads.
    pub const EXPORTS: &str = "exports";

    /// A province version's Excel workbook (a sheet per indicator, the
    /// units and the definitions); `key` is the province
    /// version's id, as in `indicators/<key>.json`.
    pub fn export_xlsx(key: &str) -> String {
        format!("{EXPORTS}/{key}.xlsx")
    }

    /// A province version's rows of [`INDICATORS_CSV`], after a UTF-8 byte
    /// order mark so that Excel reads the Vietnamese names right.
    pub fn export_csv(key: &str) -> String {
        format!("{EXPORTS}/{key}.csv")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Province,
    District,
    Commune,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Province, Level::District, Level::Commune];

    pub fn name(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == text)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One version of an administrative unit in `units.json`: a code together
/// with the months it is valid (codes were reused on 1 July 2025, so a code
/// alone does not name a territory).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitInfo {
    /// Stable version id: the code, or `code@YYYY-MM-DD` (its first day)
    /// for a version that starts on a date. The key of everything else.
    pub id: String,
    pub code: String,
    pub name: String,
    pub level: Level,
    /// The parent version's id.
    pub parent: Option<String>,
    /// The id of the province version whose indicator file holds this unit.
    pub province: String,
    /// First month valid; `None`: since before the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Month>,
    /// Last month valid; `None`: still in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<Month>,
    /// The versions it was formed from (`unit_changes.csv`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub predecessors: Vec<String>,
    /// The versions that took its territory when it ended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub successors: Vec<String>,
    /// What its figures are before `valid_from`.
    #[serde(default, skip_serializing_if = "Before::is_nothing")]
    pub before: Before,
    /// The province's share of dossiers handed over from divided units
    /// (not a real unit: no ranking, no picker).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pool: bool,
}

impl UnitInfo {
    /// A version's id: the code alone when it has no start date.
    pub fn version_id(code: &str, valid_from: Option<NaiveDate>) -> String {
        match valid_from {
            None => code.to_string(),
            Some(day) => format!("{code}@{}", crate::month::iso_date::format(day)),
        }
    }

    /// Whether the version is valid in `month`.
    pub fn valid_in(&self, month: Month) -> bool {
        self.valid_from.is_none_or(|f| f <= month) && self.valid_to.is_none_or(|t| month <= t)
    }

    /// The unit a page shows when its URL names none: the first province of
    /// the data's `last` month. Decided here for both crates, as the
    /// pipeline names its file in the manifest ([`Manifest::default_file`]).
    pub fn default_of(units: &[UnitInfo], last: Month) -> Option<&UnitInfo> {
        let provinces = || units.iter().filter(|u| u.level == Level::Province);
        (provinces().find(|u| u.valid_in(last)))
            .or(provinces().next())
            .or(units.first())
    }
}

/// What a unit's figures are for the months before it existed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Before {
    /// Nothing: the unit has no predecessors (or is older than the data).
    #[default]
    Nothing,
    /// Every predecessor went wholly into this unit: its earlier months are
    /// the predecessors' figures added up ("predecessors combined").
    Combined,
    /// Some predecessors were divided between several units: no figure
    /// before `valid_from` is comparable, and none is given.
    NotComparable {
        /// The divided predecessors' ids.
        divided: Vec<String>,
    },
}

impl Before {
    pub fn is_nothing(&self) -> bool {
        *self == Before::Nothing
    }
}

/// An input file as the pipeline read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputEntry {
    pub file: String,
    pub sha256: String,
    pub rows_read: u64,
    pub rows_accepted: u64,
    pub rows_rejected: u64,
    pub duplicates: u64,
}

/// An output file with its hash, so a reader can check the set is whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    pub file: String,
    pub sha256: String,
}

/// `manifest.json`: what the snapshot set is, where it came from, and what it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    /// RFC 3339.
    pub generated_at: String,
    pub first_month: Month,
    pub last_month: Month,
    /// The last day any dossier was received or resolved: the data's "as of" date.
    #[serde(with = "crate::month::iso_date")]
    pub as_of: NaiveDate,
    /// Where the data come from, as shown on every page.
    pub source: String,
    /// True for the bundled demo data: the app shows a banner.
    pub sample: bool,
    pub inputs: Vec<InputEntry>,
    pub outputs: Vec<FileEntry>,
    pub targets: Targets,
    /// Names of the count fields, in the order of each record's array.
    pub count_fields: Vec<String>,
    /// The 766 index's scoring rules the snapshots were built with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<IndexRules>,
    /// The rows of [`files::REVISIONS_CSV`]: every published figure that a
    /// build changed, this one's and every earlier one's.
    #[serde(default)]
    pub revisions: u64,
    /// The province file of the unit shown when a URL names none
    /// ([`UnitInfo::default_of`]): the waiting page's script
    /// (`public/shell.js`) fetches it while the wasm downloads, a round
    /// trip sooner than the app could ask for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_file: Option<String>,
}

/// The 766 index's rules as used, with where they came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexRules {
    /// The rules file (`index-766.toml (bundled)` or the `--rules` path).
    pub file: String,
    pub sha256: String,
    pub rules: crate::index766::Rules,
}

/// Input rows of a unit and the units below it, over the whole input: the
/// data-quality panel's figures for the unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowCounts {
    /// Dossier rows and Form 06 reports used in the figures.
    pub accepted: u64,
    /// Dossier rows set aside by `--quarantine` (those naming a known unit).
    pub rejected: u64,
}

impl RowCounts {
    pub fn is_empty(&self) -> bool {
        *self == RowCounts::default()
    }
}

/// The monthly records of one unit version: from the snapshot's first month
/// (or `offset` months later, when it started later) to its last.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UnitSeries {
    /// Months between the snapshot's first month and the first record.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub offset: u32,
    pub months: Vec<Counts>,
    /// `services_used` of every longer period, by period text (`2024-Q1`):
    /// a distinct count cannot be summed from months.
    pub services_used: BTreeMap<String, u64>,
    /// Per month, the fields summed over only some of the units below (a mix
    /// of dossier exports and Form 06 reports); empty when none is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incomplete: Vec<Fields>,
    #[serde(default, skip_serializing_if = "RowCounts::is_empty")]
    pub rows: RowCounts,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl UnitSeries {
    /// The unit's record for any period of the snapshot's months
    /// `first..=last`, aggregated by the contract's rules. `None` when the
    /// series does not cover every month of the period that the snapshot
    /// has: a unit that ended or started inside a period has no figure for it.
    pub fn counts(&self, first: Month, last: Month, period: Period) -> Option<Counts> {
        let (start, months) = self.covers(first, last, period)?;
        let distinct = self.services_used.get(&period.to_string()).copied();
        period.aggregate(start, &self.months[..months], distinct)
    }

    /// The fields of [`UnitSeries::counts`] that are incomplete.
    pub fn incomplete(&self, first: Month, last: Month, period: Period) -> Fields {
        match self.covers(first, last, period) {
            Some((start, months)) => {
                let marks = &self.incomplete[..months.min(self.incomplete.len())];
                period.incomplete(start, &self.months[..months], marks)
            }
            None => Fields::NONE,
        }
    }

    /// The series' first month and how many of its months reach up to the
    /// period's end, when it covers `period` within `first..=last`.
    pub(crate) fn covers(
        &self,
        first: Month,
        last: Month,
        period: Period,
    ) -> Option<(Month, usize)> {
        let start = first.plus(self.offset as i32);
        let end = start.plus(self.months.len() as i32 - 1);
        let (from, to) = period.months();
        let (from, to) = (from.max(first), to.min(last));
        let covered = from <= to && start <= from && to <= end;
        covered.then(|| (start, (to.index() - start.index() + 1) as usize))
    }
}

/// `indicators/<province>.json`: every unit version of one province version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvinceSnapshot {
    pub schema_version: u32,
    /// The province version's id.
    pub province: String,
    pub first_month: Month,
    pub last_month: Month,
    /// By version id.
    pub units: BTreeMap<String, UnitSeries>,
    /// The revised figures of these units (by version id), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
}

impl ProvinceSnapshot {
    /// The path of a province version's file inside the snapshot folder.
    pub fn file_name(province: &str) -> String {
        format!("indicators/{province}.json")
    }

    pub fn counts(&self, unit: &str, period: Period) -> Option<Counts> {
        self.units
            .get(unit)?
            .counts(self.first_month, self.last_month, period)
    }

    /// The day `unit`'s figure for `period` computed from the fields
    /// `uses` (an indicator's: `Indicator::fields`) was last revised, if
    /// a build ever revised it.
    pub fn revised(&self, unit: &str, uses: Fields, period: Period) -> Option<NaiveDate> {
        let mine = self.revisions.iter().filter(|r| r.unit == unit);
        mine.filter(|r| r.changes(uses, period)).map(|r| r.on).max()
    }

    pub fn incomplete(&self, unit: &str, period: Period) -> Fields {
        self.units.get(unit).map_or(Fields::NONE, |s| {
            s.incomplete(self.first_month, self.last_month, period)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    fn series(offset: u32, months: usize) -> UnitSeries {
        let mut one = Counts::default();
        one[crate::Count::ReceivedTotal] = Some(1);
        UnitSeries {
            offset,
            months: vec![one; months],
            ..UnitSeries::default()
        }
    }

    #[test]
    fn a_period_counts_only_when_the_series_covers_all_of_it() {
        let (first, last) = (month("2025-01"), month("2025-12"));
        let total = |s: &UnitSeries, p: &str| {
            s.counts(first, last, Period::parse(p).unwrap())
                .map(|c| c[crate::Count::ReceivedTotal].unwrap())
        };
        // Valid January–June 2025 (ended on 30 June).
        let old = series(0, 6);
        assert_eq!(total(&old, "2025-Q2"), Some(3));
        assert_eq!(total(&old, "2025-07"), None);
        assert_eq!(total(&old, "2025"), None, "half a year is not the year");
        // From July 2025.
        let new = series(6, 6);
        assert_eq!(total(&new, "2025-Q3"), Some(3));
        assert_eq!(total(&new, "2025-06"), None);
        assert_eq!(total(&new, "2025-YTD09"), None);
        // A period past the snapshot's months is clipped to them, as before.
        let whole = series(0, 12);
        assert_eq!(total(&whole, "2025"), Some(12));
        let clipped = whole.counts(first, month("2025-11"), Period::parse("2025").unwrap());
        assert_eq!(clipped.unwrap()[crate::Count::ReceivedTotal], Some(11));
    }

    #[test]
    fn version_ids_and_validity() {
        let day = NaiveDate::from_ymd_opt(2025, 7, 1);
        assert_eq!(UnitInfo::version_id("00004", day), "00004@2025-07-01");
        assert_eq!(UnitInfo::version_id("00004", None), "00004");
        let json = r#"{"id":"7","code":"7","name":"X","level":"commune","parent":"1","province":"1","valid_to":"2025-06"}"#;
        let unit: UnitInfo = serde_json::from_str(json).unwrap();
        assert!(unit.valid_in(month("2025-06")) && !unit.valid_in(month("2025-07")));
        assert_eq!(unit.before, Before::Nothing);
        let back = serde_json::to_string(&unit).unwrap();
        assert_eq!(back, json, "defaults stay out of the file");
    }

    #[test]
    fn the_default_unit_is_the_first_province_of_the_last_month() {
        let units: Vec<UnitInfo> = serde_json::from_str(
            r#"[{"id":"95","code":"95","name":"A","level":"province","parent":null,"province":"95","valid_to":"2025-06"},
                {"id":"9501","code":"9501","name":"B","level":"commune","parent":"95","province":"95"},
                {"id":"96@2025-07-01","code":"96","name":"C","level":"province","parent":null,"province":"96@2025-07-01","valid_from":"2025-07"}]"#,
        )
        .unwrap();
        let default = |last| UnitInfo::default_of(&units, month(last)).map(|u| u.id.as_str());
        assert_eq!(default("2025-10"), Some("96@2025-07-01"));
        assert_eq!(default("2025-06"), Some("95"));
        assert_eq!(
            default("2024-01"),
            Some("95"),
            "none valid: the first province"
        );
        assert_eq!(
            UnitInfo::default_of(&units[1..2], month("2025-10"))
                .unwrap()
                .id,
            "9501"
        );
        assert_eq!(UnitInfo::default_of(&[], month("2025-10")), None);
    }
}
