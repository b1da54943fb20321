//! The command line: `build` runs read → validate → compute → write,
//! `sample` writes the demo input. All flags are defined here.

use crate::compute::{compute, row_counts};
use crate::error::{Error, InputError};
use crate::read::{find_input, read_table, Columns, Rows, SourceFile, Table, FILE, LINE};
use crate::reports::{self, Reports, REPORT_COLUMNS};
use crate::validate::{self, DOSSIER_COLUMNS, PROCEDURE_COLUMNS, UNIT_COLUMNS};
use crate::write::{csv_cell, write_atomically, Snapshot};
use contract::InputEntry;
use polars::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub const USAGE: &str = "\
usage:
  data-pipeline build    --input DIR [--out DIR] [--quarantine]
                         read, validate, compute and write the snapshots (default --out public/data);
                         --quarantine sets invalid dossier rows aside in rejected.csv beside the
                         output instead of failing
  data-pipeline validate --input DIR
                         the checks alone, with a summary; exit code 0 when the input is clean
  data-pipeline sample   --out DIR [--seed N]
                         write the fictional demo input (one province, 24 months, CSV)
  data-pipeline sample   --out DIR [--seed N] --scale national | SIZE… [--format csv|parquet]
                         write a sized sample for benchmarks; --scale national is
                         --provinces 34 --districts 0 --communes 3321 --start 2025-07 --months 12
                         --dossiers 10000000, and any of those flags alone starts from it";

/// Runs one command; the returned text is the report printed on success.
pub fn run(args: &[String]) -> Result<String, Error> {
    let (command, flags) = args
        .split_first()
        .ok_or_else(|| Error::Usage(USAGE.into()))?;
    let flag = |name: &str| -> Option<&String> {
        flags
            .iter()
            .position(|f| f == name)
            .and_then(|i| flags.get(i + 1))
    };
    let path = |name: &str| flag(name).map(PathBuf::from);
    match command.as_str() {
        "build" => {
            let input = path("--input")
                .ok_or_else(|| Error::Usage(format!("build needs --input DIR\n{USAGE}")))?;
            let out = path("--out").unwrap_or_else(|| PathBuf::from("public/data"));
            build(&input, &out, flags.iter().any(|f| f == "--quarantine"))
        }
        "validate" => {
            let input = path("--input")
                .ok_or_else(|| Error::Usage(format!("validate needs --input DIR\n{USAGE}")))?;
            validate_only(&input)
        }
        "sample" => {
            let out = path("--out")
                .ok_or_else(|| Error::Usage(format!("sample needs --out DIR\n{USAGE}")))?;
            let seed = match flag("--seed") {
                Some(s) => s
                    .parse()
                    .map_err(|_| Error::Usage(format!("--seed must be a number, not {s:?}")))?,
                None => 2024,
            };
            match sample_size(&flag)? {
                Some(size) => crate::sample::scaled::write_scaled(&out, seed, &size),
                None => crate::sample::write_sample(&out, seed),
            }
        }
        "help" | "--help" | "-h" => Ok(USAGE.into()),
        other => Err(Error::Usage(format!("unknown command {other:?}\n{USAGE}"))),
    }
}

/// The size of a `sample`: `None` (the bundled demo sample) unless
/// `--scale` or a size flag is given; size flags override the preset.
fn sample_size<'a>(
    flag: &impl Fn(&str) -> Option<&'a String>,
) -> Result<Option<crate::sample::scaled::Size>, Error> {
    use crate::sample::scaled::{Format, Size};
    const SIZES: [&str; 6] = [
        "--provinces",
        "--districts",
        "--communes",
        "--months",
        "--dossiers",
        "--start",
    ];
    let scale = flag("--scale");
    if scale.is_none() && SIZES.iter().all(|f| flag(f).is_none()) {
        return match flag("--format") {
            Some(_) => Err(Error::Usage(
                "--format applies to a sized sample: add --scale national or a size flag".into(),
            )),
            None => Ok(None),
        };
    }
    let mut size = match scale.map(String::as_str) {
        None | Some("national") => Size::national(),
        Some(other) => {
            return Err(Error::Usage(format!(
                "unknown --scale {other:?} (known: national)"
            )))
        }
    };
    let number = |name: &str| -> Result<Option<u64>, Error> {
        flag(name)
            .map(|v| {
                v.replace('_', "")
                    .parse()
                    .map_err(|_| Error::Usage(format!("{name} must be a number, not {v:?}")))
            })
            .transpose()
    };
    let counts = [
        &mut size.provinces,
        &mut size.districts,
        &mut size.communes,
        &mut size.months,
    ];
    for (name, field) in SIZES.iter().zip(counts) {
        if let Some(n) = number(name)? {
            *field = n as usize;
        }
    }
    if let Some(n) = number("--dossiers")? {
        size.dossiers = n;
    }
    if let Some(start) = flag("--start") {
        size.start = contract::Month::parse(start)
            .ok_or_else(|| Error::Usage(format!("--start must be YYYY-MM, not {start:?}")))?;
    }
    if let Some(format) = flag("--format") {
        size.format = Format::parse(format).ok_or_else(|| {
            Error::Usage(format!("--format must be csv or parquet, not {format:?}"))
        })?;
    }
    Ok(Some(size))
}

/// The input, read and validated: what `build` computes from and what
/// `validate` reports on.
struct Checked {
    /// As read, in the order units, procedures, dossiers, reports.
    tables: [Table; 4],
    units: validate::Units,
    /// `None` when there is no catalogue (allowed without dossiers).
    procedures: Option<Vec<validate::Procedure>>,
    dossiers: validate::Dossiers,
    reports: Reports,
}

/// Read and validate. Problems in the catalogues (units, procedures) and in
/// Form 06 reports always fail: a wrong unit tree would put wrong numbers on
/// every level, and a report row is a whole unit-month. Dossier problems are
/// returned with the checked input, for the caller to decide.
fn check(input: &Path) -> Result<Checked, Error> {
    if !input.is_dir() {
        return Err(Error::Io(format!(
            "{}: input folder not found",
            input.display()
        )));
    }
    let mut clock = Instant::now();
    let reports_table = read_optional(input, "reports", &REPORT_COLUMNS)?;
    // Units that send only Form 06 need no dossier export (nor a catalogue).
    let dossiers_table = match reports_table {
        Some(_) => read_optional(input, "dossiers", &DOSSIER_COLUMNS)?,
        None => Some(read_required(input, "dossiers", &DOSSIER_COLUMNS)?),
    };
    let procedures_table = match dossiers_table {
        Some(_) => Some(read_required(input, "procedures", &PROCEDURE_COLUMNS)?),
        None => read_optional(input, "procedures", &PROCEDURE_COLUMNS)?,
    };
    let units_table = read_required(input, "units", &UNIT_COLUMNS)?;
    stage("read", &mut clock);
    let units = validate::units(&Rows::from_table(&units_table, &UNIT_COLUMNS)?);
    let procedures = match &procedures_table {
        Some(t) => Some(validate::procedures(&Rows::from_table(
            t,
            &PROCEDURE_COLUMNS,
        )?)),
        None => None,
    };
    let (units, procedures) = match (units, procedures.transpose()) {
        (Ok(u), Ok(p)) => (u, p),
        (u, p) => {
            return Err(Error::Input(
                [u.err(), p.err()].into_iter().flatten().flatten().collect(),
            ))
        }
    };
    let dossiers_table = dossiers_table.map_or_else(|| Table::empty(&DOSSIER_COLUMNS), Ok)?;
    let dossiers = validate::dossiers(
        &dossiers_table,
        &units,
        procedures.as_deref().unwrap_or(&[]),
    )?;
    let reports_table = reports_table.map_or_else(|| Table::empty(&REPORT_COLUMNS), Ok)?;
    let reports_rows = Rows::from_table(&reports_table, &REPORT_COLUMNS)?;
    let reports = reports::reports(&reports_rows, &units).map_err(Error::Input)?;
    if !reports.list.is_empty() {
        let months = reports::dossier_months(&dossiers.frame)?;
        reports::check_overlap(&reports_rows.file, &reports, &months)?;
    }
    let procedures_table = procedures_table.map_or_else(|| Table::empty(&PROCEDURE_COLUMNS), Ok)?;
    stage("validate", &mut clock);
    Ok(Checked {
        tables: [units_table, procedures_table, dossiers_table, reports_table],
        units,
        procedures,
        dossiers,
        reports,
    })
}

/// `build`: the whole pipeline. Nothing is written unless every stage
/// succeeds; with `quarantine`, invalid dossier rows go to `rejected.csv`
/// beside the output instead of failing the run.
pub fn build(input: &Path, out: &Path, quarantine: bool) -> Result<String, Error> {
    let started = Instant::now();
    let Checked {
        tables,
        units,
        procedures,
        dossiers,
        reports,
    } = check(input)?;
    if !quarantine && !dossiers.problems.is_empty() {
        return Err(Error::Input(dossiers.problems));
    }
    let mut clock = Instant::now();
    let mut computed = compute(
        &units,
        procedures.as_deref(),
        &dossiers.frame,
        &reports.list,
    )?;
    let rows = row_counts(&units, &dossiers.frame, &dossiers.rejected, &reports.list)?;
    for (series, rows) in computed.series.iter_mut().zip(rows) {
        series.rows = rows;
    }
    stage("compute", &mut clock);
    let snapshot = Snapshot {
        units: &units,
        computed: &computed,
        inputs: input_entries(&tables, &dossiers, &reports)?,
        targets: read_toml(input, "targets.toml")?,
        dataset: read_toml(input, "dataset.toml")?,
    };
    write_atomically(out, &snapshot)?;
    stage("write", &mut clock);
    let mut report = warnings(&tables, &reports);
    if quarantine {
        let path = write_rejected(out, &tables[2], &dossiers.rejected)?;
        report.push_str(&format!(
            "{} rows rejected, written to {}\n",
            dossiers.rejected.height(),
            path.display()
        ));
    }
    report.push_str(&format!(
        "read {} dossiers ({} identical duplicates collapsed), {} Form 06 reports, {} units, \
         {} procedures\n\
         wrote {} months ({} to {}) for {} units to {} in {:.2} s",
        dossiers.read,
        dossiers.duplicates,
        reports.list.len(),
        units.list.len(),
        procedures.map_or(0, |p| p.len()),
        computed.last.index() - computed.first.index() + 1,
        computed.first,
        computed.last,
        units.list.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(report)
}

/// With `DATA_PIPELINE_TIMINGS` set, prints how long a stage took (the
/// profile the benchmark reports) and restarts the clock.
fn stage(name: &str, clock: &mut Instant) {
    if std::env::var_os("DATA_PIPELINE_TIMINGS").is_some() {
        eprintln!("{name}: {:.2} s", clock.elapsed().as_secs_f64());
    }
    *clock = Instant::now();
}

/// `validate`: the checks alone, with a summary a clerk can act on.
/// Fails (non-zero exit) when any row has a problem.
pub fn validate_only(input: &Path) -> Result<String, Error> {
    let checked = check(input)?;
    let mut report = warnings(&checked.tables, &checked.reports);
    for entry in input_entries(&checked.tables, &checked.dossiers, &checked.reports)? {
        report.push_str(&format!(
            "{}: {} rows read, {} accepted, {} identical duplicates, {} rejected\n",
            entry.file, entry.rows_read, entry.rows_accepted, entry.duplicates, entry.rows_rejected
        ));
    }
    let problems = checked.dossiers.problems;
    if problems.is_empty() {
        report.push_str("no problems found: the input is ready for `data-pipeline build`");
        return Ok(report);
    }
    eprint!("{report}\n{}", summarise(&problems));
    Err(Error::Input(problems))
}

/// Problems grouped by reason, most frequent first, with where to look.
fn summarise(problems: &[InputError]) -> String {
    let mut by_reason: std::collections::BTreeMap<(String, String), Vec<&InputError>> =
        Default::default();
    for p in problems {
        let column = p.column.clone().unwrap_or_default();
        by_reason
            .entry((column, p.reason.clone()))
            .or_default()
            .push(p);
    }
    let mut groups: Vec<_> = by_reason.into_iter().collect();
    groups.sort_by_key(|(_, rows)| std::cmp::Reverse(rows.len()));
    let mut text = String::from("summary by kind of problem:\n");
    for ((column, reason), rows) in groups {
        let lines: Vec<String> = rows
            .iter()
            .take(5)
            .map(|p| format!("{} line {}", p.file, p.line.unwrap_or(0)))
            .collect();
        let more = if rows.len() > 5 { ", …" } else { "" };
        text.push_str(&format!(
            "  {} × column {column}: {reason} ({}{more})\n",
            rows.len(),
            lines.join(", ")
        ));
    }
    text
}

fn warnings(tables: &[Table], reports: &Reports) -> String {
    tables
        .iter()
        .flat_map(|t| &t.warnings)
        .chain(&reports.warnings)
        .map(|w| format!("warning: {w}\n"))
        .collect()
}

fn read_required(dir: &Path, stem: &str, columns: &Columns) -> Result<Table, Error> {
    let paths = find_input(dir, stem)?;
    if paths.is_empty() {
        let reason = format!(
            "required input is missing (expected {stem}.csv, {stem}.parquet or a folder {stem}/)"
        );
        return Err(InputError::file(&format!("{stem}.csv"), reason).into());
    }
    read_table(dir, &paths, columns)
}

/// An optional input: `None` when absent.
fn read_optional(dir: &Path, stem: &str, columns: &Columns) -> Result<Option<Table>, Error> {
    let paths = find_input(dir, stem)?;
    if paths.is_empty() {
        return Ok(None);
    }
    read_table(dir, &paths, columns).map(Some)
}

/// Rows read, accepted, rejected and collapsed, per input file.
fn input_entries(
    tables: &[Table; 4],
    dossiers: &validate::Dossiers,
    reports: &Reports,
) -> Result<Vec<InputEntry>, Error> {
    let [units, procedures, dossier_files, report_files] = tables;
    let mut entries: Vec<InputEntry> = [units, procedures]
        .iter()
        .flat_map(|t| t.files.first())
        .map(|f| entry(f, f.rows, 0, 0))
        .collect();
    let kept = rows_per_file(&dossiers.frame)?;
    let rejected = rows_per_file(&dossiers.rejected)?;
    for (i, file) in dossier_files.files.iter().enumerate() {
        let (kept, rejected) = (
            kept.get(&(i as u32)).copied().unwrap_or(0),
            rejected.get(&(i as u32)).copied().unwrap_or(0),
        );
        entries.push(entry(file, kept, rejected, file.rows - kept - rejected));
    }
    if let Some(file) = report_files.files.first() {
        let accepted = reports.list.len() as u64;
        entries.push(entry(file, accepted, 0, reports.read - accepted));
    }
    Ok(entries)
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

/// `rejected.csv` beside the output folder (never inside it: it holds
/// dossier ids, and the output is published): the original columns, the
/// file and line they came from, and the reason.
fn write_rejected(out: &Path, table: &Table, rejected: &DataFrame) -> Result<PathBuf, Error> {
    let path = out.with_file_name(contract::files::REJECTED);
    let columns = DOSSIER_COLUMNS.required;
    let mut text = format!("file,line,{},reason\n", columns.join(","));
    let files = rejected.column(FILE)?.u32()?;
    let lines = rejected.column(LINE)?.cast(&DataType::UInt64)?;
    let cells: Vec<&StringChunked> = columns
        .iter()
        .chain(&["reason"])
        .map(|c| rejected.column(c).and_then(|c| c.str()))
        .collect::<Result<_, _>>()?;
    for (row, (file, line)) in files.iter().zip(lines.u64()?.iter()).enumerate() {
        let mut fields = vec![
            csv_cell(table.file_name(file.unwrap_or(0))),
            line.unwrap_or(0).to_string(),
        ];
        fields.extend(cells.iter().map(|c| csv_cell(c.get(row).unwrap_or(""))));
        text.push_str(&fields.join(","));
        text.push('\n');
    }
    let staging = out.with_file_name(format!(".rejected.csv.tmp-{}", std::process::id()));
    std::fs::write(&staging, text).map_err(|e| crate::error::io(&staging, e))?;
    std::fs::rename(&staging, &path).map_err(|e| crate::error::io(&path, e))?;
    Ok(path)
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
