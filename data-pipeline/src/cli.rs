//! The command line: `build` runs read → validate → compute → write,
//! `sample` writes the demo input. All flags are defined here.

use crate::compute::compute;
use crate::contract::InputEntry;
use crate::error::{Error, InputError};
use crate::read::{find_input, read_table, Columns, Rows, Table, FILE};
use crate::validate::{self, DOSSIER_COLUMNS, PROCEDURE_COLUMNS, UNIT_COLUMNS};
use crate::write::{write_atomically, Snapshot};
use polars::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub const USAGE: &str = "\
usage:
  data-pipeline build  --input DIR [--out DIR]     read, validate, compute, write snapshots
                                                     (default --out public/data)
  data-pipeline sample --out DIR [--seed N]        write the fictional demo input";

/// Runs one command; the returned text is the report printed on success.
pub fn run(args: &[String]) -> Result<String, Error> {
    let (command, flags) = args.split_first().ok_or_else(|| Error::Usage(USAGE.into()))?;
    let flag = |name: &str| -> Option<&String> {
        flags.iter().position(|f| f == name).and_then(|i| flags.get(i + 1))
    };
    let path = |name: &str| flag(name).map(PathBuf::from);
    match command.as_str() {
        "build" => {
            let input = path("--input").ok_or_else(|| Error::Usage(format!("build needs --input DIR\n{USAGE}")))?;
            let out = path("--out").unwrap_or_else(|| PathBuf::from("public/data"));
            build(&input, &out)
        }
        "sample" => {
            let out = path("--out").ok_or_else(|| Error::Usage(format!("sample needs --out DIR\n{USAGE}")))?;
            let seed = match flag("--seed") {
                Some(s) => s.parse().map_err(|_| Error::Usage(format!("--seed must be a number, not {s:?}")))?,
                None => 2024,
            };
            crate::sample::write_sample(&out, seed)
        }
        "help" | "--help" | "-h" => Ok(USAGE.into()),
        other => Err(Error::Usage(format!("unknown command {other:?}\n{USAGE}"))),
    }
}

/// `build`: the whole pipeline. Nothing is written unless every stage succeeds.
pub fn build(input: &Path, out: &Path) -> Result<String, Error> {
    let started = Instant::now();
    if !input.is_dir() {
        return Err(Error::Io(format!("{}: input folder not found", input.display())));
    }
    let units_table = read_required(input, "units", &UNIT_COLUMNS)?;
    let procedures_table = read_required(input, "procedures", &PROCEDURE_COLUMNS)?;
    let dossiers_table = read_required(input, "dossiers", &DOSSIER_COLUMNS)?;

    let units = validate::units(&Rows::from_table(&units_table, &UNIT_COLUMNS)?);
    let procedures = validate::procedures(&Rows::from_table(&procedures_table, &PROCEDURE_COLUMNS)?);
    let (units, procedures) = match (units, procedures) {
        (Ok(u), Ok(p)) => (u, p),
        (u, p) => {
            let problems = [u.err(), p.err()].into_iter().flatten().flatten().collect();
            return Err(Error::Input(problems));
        }
    };
    let dossiers = validate::dossiers(&dossiers_table, &units, &procedures)?;
    let computed = compute(&units, &procedures, &dossiers.frame)?;

    let mut inputs = vec![whole_table(&units_table), whole_table(&procedures_table)];
    inputs.extend(dossier_entries(&dossiers_table, &dossiers.frame)?);
    let snapshot = Snapshot {
        units: &units,
        computed: &computed,
        inputs,
        targets: read_toml(input, "targets.toml")?,
        dataset: read_toml(input, "dataset.toml")?,
    };
    write_atomically(out, &snapshot)?;

    let warnings: Vec<&String> =
        [&units_table, &procedures_table, &dossiers_table].iter().flat_map(|t| &t.warnings).collect();
    let mut report = String::new();
    for w in warnings {
        report.push_str(&format!("warning: {w}\n"));
    }
    report.push_str(&format!(
        "read {} dossiers ({} identical duplicates collapsed), {} units, {} procedures\n\
         wrote {} months ({} to {}) for {} units to {} in {:.2} s",
        dossiers.read,
        dossiers.duplicates,
        units.list.len(),
        procedures.len(),
        computed.series.first().map_or(0, |s| s.months.len()),
        computed.first,
        computed.last,
        units.list.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(report)
}

fn read_required(dir: &Path, stem: &str, columns: &Columns) -> Result<Table, Error> {
    let paths = find_input(dir, stem)?;
    if paths.is_empty() {
        let reason = format!("required input is missing (expected {stem}.csv, {stem}.parquet or a folder {stem}/)");
        return Err(InputError::file(&format!("{stem}.csv"), reason).into());
    }
    read_table(dir, &paths, columns)
}

fn whole_table(table: &Table) -> InputEntry {
    let file = &table.files[0];
    InputEntry {
        file: file.name.clone(),
        sha256: file.sha256.clone(),
        rows_read: file.rows,
        rows_accepted: file.rows,
        rows_rejected: 0,
        duplicates: 0,
    }
}

/// Per dossier file: rows read, kept, and identical duplicates collapsed.
fn dossier_entries(table: &Table, kept: &DataFrame) -> Result<Vec<InputEntry>, Error> {
    let per_file = kept.clone().lazy().group_by([col(FILE)]).agg([len().alias("kept")]).collect()?;
    let files = per_file.column(FILE)?.u32()?;
    let counts = per_file.column("kept")?.cast(&DataType::UInt64)?;
    let kept: std::collections::HashMap<u32, u64> =
        files.iter().zip(counts.u64()?.iter()).filter_map(|(f, k)| Some((f?, k?))).collect();
    Ok(table
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let accepted = kept.get(&(i as u32)).copied().unwrap_or(0);
            InputEntry {
                file: f.name.clone(),
                sha256: f.sha256.clone(),
                rows_read: f.rows,
                rows_accepted: accepted,
                rows_rejected: 0,
                duplicates: f.rows - accepted,
            }
        })
        .collect())
}

/// An optional TOML file of the input folder; absent means defaults.
fn read_toml<T: serde::de::DeserializeOwned + Default>(dir: &Path, name: &str) -> Result<T, Error> {
    let path = dir.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).map_err(|e| InputError::file(name, e.to_string()).into()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(crate::error::io(&path, e)),
    }
}
