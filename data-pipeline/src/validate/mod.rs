//! Stage 2, validate: every rule of contract sections 1–2, one file per
//! input. Units, procedures and Form 06 reports are small and checked row by
//! row ([`Rows`]); dossiers are checked with frame operations on their
//! distinct values, so validation stays fast on millions of rows.
//!
//! Problems in the catalogues (units, procedures) and in reports always fail
//! the run: a wrong unit tree would put wrong numbers on every level, and a
//! report row is a whole unit-month. Dossier problems are returned with the
//! valid rows ([`Dossiers::problems`]), for the caller to fail on or to
//! quarantine.

mod checks;
pub mod dates;
pub mod dossiers;
pub mod index_metrics;
pub mod procedures;
pub mod reports;
mod rows;
pub mod units;
pub mod versions;

pub use dates::Latest;
pub use dossiers::Dossiers;
pub use index_metrics::{Given, IndexMetrics};
pub use procedures::Procedure;
pub use reports::{Report, Reports};
pub use rows::Rows;
pub use units::Unit;
pub use versions::Units;

use crate::error::Error;
use crate::read::{Inputs, SourceFile, CHANGE_COLUMNS, PROCEDURE_COLUMNS, UNIT_COLUMNS};
use contract::columns::{FILE, FLAG_INPUTS};
use contract::{IndexRules, InputEntry};
use polars::prelude::*;
use std::collections::HashMap;

/// Integer codes of the validated dossier frame.
pub mod codes {
    pub const ONLINE: i32 = 0;
    pub const DIRECT: i32 = 1;
    pub const POSTAL: i32 = 2;
    pub const DISSATISFIED: i32 = 0;
    pub const SATISFIED: i32 = 1;
    pub const VERY_SATISFIED: i32 = 2;
}

/// The input, validated: what `build` computes from and `validate` reports on.
pub struct Valid {
    pub units: Units,
    /// `None` when there is no catalogue (allowed without dossiers).
    pub procedures: Option<Vec<Procedure>>,
    pub dossiers: Dossiers,
    pub reports: Reports,
    /// The 766 index: its rules, the dossier columns it can count, and the
    /// figures of `index_metrics.csv`.
    pub index: Index,
}

pub struct Index {
    pub rules: IndexRules,
    /// The index flags the dossiers have ([`FLAG_INPUTS`]).
    pub flags: Vec<&'static str>,
    /// The catalogue says which procedures charge a fee.
    pub fee: bool,
    pub given: IndexMetrics,
}

/// The unit tree and the catalogue, validated: what every other input is
/// checked against.
pub struct Catalogues {
    pub units: Units,
    /// `None` when there is no catalogue (allowed without dossiers).
    pub procedures: Option<Vec<Procedure>>,
}

/// Validates the inputs against their catalogues ([`catalogues`]), in the
/// order dossiers, reports, index metrics. Dossier dates after `latest`
/// are refused. `earlier` holds the validated rows of the dossier files
/// that were known, not read ([`crate::read::Known`]).
pub fn all(
    inputs: &Inputs,
    catalogues: Catalogues,
    latest: Latest,
    rules: IndexRules,
    earlier: Option<DataFrame>,
) -> Result<Valid, Error> {
    let Catalogues { units, procedures } = catalogues;
    let dossiers = dossiers::check(
        &inputs.dossiers,
        &units,
        procedures.as_deref().unwrap_or(&[]),
        latest,
        earlier,
    )?;
    let reports = reports::check(&inputs.reports, &units, &dossiers.frame)?;
    let flags: Vec<&'static str> = FLAG_INPUTS
        .into_iter()
        .filter(|f| inputs.dossiers.has(f))
        .collect();
    let fee = inputs.procedures.as_ref().is_some_and(|p| p.has("fee"));
    // Only `index_metrics.csv` needs the unit-months with dossiers.
    let dossier_months = match inputs.index_metrics {
        Some(_) => reports::dossier_months(&dossiers.frame)?,
        None => Default::default(),
    };
    let from_data = index_metrics::FromData {
        dossier_months: &dossier_months,
        report_months: reports.list.iter().map(|r| (r.unit, r.month)).collect(),
        flags: flags.clone(),
        fee,
    };
    let table = inputs.index_metrics.as_ref();
    let given = index_metrics::check(table, &units, &rules.rules, &from_data)?;
    Ok(Valid {
        units,
        procedures,
        dossiers,
        reports,
        index: Index {
            rules,
            flags,
            fee,
            given,
        },
    })
}

/// The unit tree and the catalogue; the problems of both fail together.
pub fn catalogues(inputs: &Inputs) -> Result<Catalogues, Error> {
    let changes = match &inputs.changes {
        Some(t) => Some(Rows::from_table(t, &CHANGE_COLUMNS)?),
        None => None,
    };
    let units = units::check(&Rows::from_table(&inputs.units, &UNIT_COLUMNS)?)
        .and_then(|(list, by_code)| versions::link(list, by_code, changes.as_ref()));
    let procedures = match &inputs.procedures {
        Some(t) => Some(procedures::check(&Rows::from_table(t, &PROCEDURE_COLUMNS)?)),
        None => None,
    };
    match (units, procedures.transpose()) {
        (Ok(units), Ok(procedures)) => Ok(Catalogues { units, procedures }),
        (u, p) => Err(Error::Input(
            [u.err(), p.err()].into_iter().flatten().flatten().collect(),
        )),
    }
}

impl Valid {
    /// Rows read, accepted, rejected and collapsed, per input file (the
    /// manifest's `inputs`).
    pub fn input_entries(&self, inputs: &Inputs) -> Result<Vec<InputEntry>, Error> {
        let catalogues = [
            Some(&inputs.units),
            inputs.changes.as_ref(),
            inputs.procedures.as_ref(),
        ];
        let mut entries: Vec<InputEntry> = catalogues
            .into_iter()
            .flatten()
            .flat_map(|t| t.files.first())
            .map(|f| entry(f, f.rows, 0, 0))
            .collect();
        let kept = rows_per_file(&self.dossiers.frame)?;
        let rejected = rows_per_file(&self.dossiers.rejected)?;
        for (i, file) in inputs.dossiers.files.iter().enumerate() {
            let (kept, rejected) = (
                kept.get(&(i as u32)).copied().unwrap_or(0),
                rejected.get(&(i as u32)).copied().unwrap_or(0),
            );
            entries.push(entry(file, kept, rejected, file.rows - kept - rejected));
        }
        if let Some(file) = inputs.reports.files.first() {
            let accepted = self.reports.list.len() as u64;
            entries.push(entry(file, accepted, 0, self.reports.read - accepted));
        }
        let index = inputs.index_metrics.as_ref().and_then(|t| t.files.first());
        if let Some(file) = index {
            let given = &self.index.given;
            entries.push(entry(file, given.list.len() as u64, 0, given.duplicates));
        }
        Ok(entries)
    }
}

fn entry(file: &SourceFile, accepted: u64, rejected: u64, duplicates: u64) -> InputEntry {
    InputEntry {
        file: file.name.clone(),
        sha256: file.sha256.clone(),
        rows_read: file.rows,
        rows_accepted: accepted,
        rows_rejected: rejected,
        duplicates,
    }
}

/// Rows of `frame` per file index ([`FILE`]).
fn rows_per_file(frame: &DataFrame) -> Result<HashMap<u32, u64>, Error> {
    let per_file = frame
        .clone()
        .lazy()
        .group_by([col(FILE)])
        .agg([len().alias("rows")])
        .collect()?;
    let files = per_file.column(FILE)?.u32()?;
    let counts = per_file.column("rows")?.cast(&DataType::UInt64)?;
    Ok(files
        .iter()
        .zip(counts.u64()?.iter())
        .filter_map(|(f, k)| Some((f?, k?)))
        .collect())
}
