//! The snapshot files in `public/data/` (contract section 4): written by the
//! pipeline, read by the app. Serialisable types live here and nowhere else.
//!
//! Layout, designed so the first view loads only what it shows:
//! `manifest.json` (small), `units.json` (the tree), then one
//! `indicators/<province>.json` per province, plus the flat `indicators.csv`.

use crate::counts::{Counts, Fields};
use crate::indicator::Targets;
use crate::month::Month;
use crate::period::Period;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Bumped whenever a snapshot file changes shape; the app refuses others.
pub const SCHEMA_VERSION: u32 = 1;

/// The snapshot folder's files, by name: written by the pipeline, fetched
/// and linked by the app.
pub mod files {
    /// What the set is and the hash of every other file ([`super::Manifest`]).
    pub const MANIFEST: &str = "manifest.json";
    /// The unit tree ([`super::UnitInfo`]).
    pub const UNITS: &str = "units.json";
    /// The open-data table: one row per unit and month.
    pub const INDICATORS_CSV: &str = "indicators.csv";
    /// Quarantined dossier rows, beside the output folder (never inside it).
    pub const REJECTED: &str = "rejected.csv";
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

/// One administrative unit of `units.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitInfo {
    pub code: String,
    pub name: String,
    pub level: Level,
    pub parent: Option<String>,
    /// The province whose indicator file holds this unit.
    pub province: String,
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

/// The monthly records of one unit, from the snapshot's first month on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UnitSeries {
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

impl UnitSeries {
    /// The unit's record for any period, aggregated by the contract's rules.
    pub fn counts(&self, first: Month, period: Period) -> Option<Counts> {
        let distinct = self.services_used.get(&period.to_string()).copied();
        period.aggregate(first, &self.months, distinct)
    }

    /// The fields of [`UnitSeries::counts`] that are incomplete.
    pub fn incomplete(&self, first: Month, period: Period) -> Fields {
        period.incomplete(first, &self.months, &self.incomplete)
    }
}

/// `indicators/<province>.json`: every unit of one province.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvinceSnapshot {
    pub schema_version: u32,
    pub province: String,
    pub first_month: Month,
    pub units: BTreeMap<String, UnitSeries>,
}

impl ProvinceSnapshot {
    /// The path of a province's file inside the snapshot folder.
    pub fn file_name(province: &str) -> String {
        format!("indicators/{province}.json")
    }

    pub fn counts(&self, unit: &str, period: Period) -> Option<Counts> {
        self.units.get(unit)?.counts(self.first_month, period)
    }

    pub fn incomplete(&self, unit: &str, period: Period) -> Fields {
        self.units
            .get(unit)
            .map_or(Fields::NONE, |s| s.incomplete(self.first_month, period))
    }
}
