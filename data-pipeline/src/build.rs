//! The `build` and `validate` commands: the four stages in order, read →
//! validate → compute → write, each timed when `DATA_PIPELINE_TIMINGS` is
//! set. Nothing is written unless every stage succeeds.

use crate::compute::{self, Computed};
use crate::error::Error;
use crate::read::{self, read_toml, Inputs, NONE_KNOWN};
use crate::state::{self, Previous};
use crate::summary;
use crate::validate::{self, dates, Latest, Valid};
use crate::write::revisions::Revisions;
use crate::write::{self, Snapshot};
use chrono::NaiveDate;
use contract::index766::IndexSeries;
use polars::prelude::DataFrame;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How `build` and `validate` treat the input.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Set invalid dossier rows aside in `rejected.csv` beside the output
    /// instead of failing the run.
    pub quarantine: bool,
    /// The last day a dossier may be received or resolved on (`--as-of`);
    /// the build's day when `None`.
    pub as_of: Option<NaiveDate>,
    /// The 766 index's scoring rules (`--rules`); the bundled ones when `None`.
    pub rules: Option<PathBuf>,
    /// Read and validate every input file, even those the saved state of
    /// the last build holds (`--full`).
    pub full: bool,
}

/// How much of the input a build read: all of it, and why; or only the
/// dossier files changed since the last build, the others' validated rows
/// coming from its saved state ([`crate::state`]).
#[derive(Debug)]
pub enum Scope {
    Full(String),
    Incremental { read: usize, known: usize },
}

/// `build`: the whole pipeline. The returned text is the report printed on
/// success. The state for the next build is written on a thread of its
/// own while stages 3 and 4 run, and put in place after the output.
pub fn build(input: &Path, out: &Path, options: &Options) -> Result<String, Error> {
    let started = Instant::now();
    let quarantine = options.quarantine;
    let previous = match (options.full, quarantine) {
        (true, _) => Err("--full".into()),
        (_, true) => Err("--quarantine (rejected rows are not kept between builds)".into()),
        _ => state::open(out),
    };
    let (inputs, valid, scope) = read_and_validate(input, options, previous.as_ref())?;
    if !quarantine && !valid.dossiers.problems.is_empty() {
        return Err(Error::Input(valid.dossiers.problems));
    }
    std::thread::scope(|threads| {
        let staged = (!quarantine).then(|| {
            let (inputs, checked) = (&inputs, &valid.dossiers.checked);
            let previous = previous.as_ref().ok();
            threads.spawn(move || state::stage(out, inputs, checked, previous))
        });
        let (mut report, computed) = compute_and_write(input, out, &inputs, &valid)?;
        if quarantine {
            let rejected = &valid.dossiers.rejected;
            let path = write::write_rejected(out, &inputs.dossiers, rejected)?;
            report.push_str(&summary::rejected(rejected.height(), &path));
        }
        if let Some(staged) = staged {
            let mut clock = Instant::now();
            let latest = Latest::new(options.as_of);
            let saved = staged
                .join()
                .expect("the state thread")
                .and_then(|staged| state::commit(staged, out, &inputs, latest));
            report.push_str(&summary::state(&scope, saved.err(), &state::folder(out)));
            stage("state", &mut clock);
        }
        report.push_str(&summary::built(&valid, &computed, out, started.elapsed()));
        Ok(report)
    })
}

/// Stages 3 and 4, with the revisions found between them: the report's
/// first lines, and what was computed.
fn compute_and_write(
    input: &Path,
    out: &Path,
    inputs: &Inputs,
    valid: &Valid,
) -> Result<(String, Computed), Error> {
    let mut clock = Instant::now();
    let computed = compute::all(valid)?;
    let index = compute::index::series(valid, &computed)?;
    stage("compute", &mut clock);
    let units = &valid.units;
    let open_data = write::indicators_csv(units, &computed, 0..units.list.len());
    let revisions = write::revisions::find(out, &open_data, units, &computed, dates::today())?;
    stage("revisions", &mut clock);
    let made = Made {
        computed: &computed,
        index: &index,
        open_data: &open_data,
        revisions: &revisions,
    };
    write_snapshots(input, out, inputs, valid, made)?;
    stage("write", &mut clock);
    let mut report = summary::warnings(inputs, &valid.reports);
    report.push_str(&summary::revisions(&revisions));
    Ok((report, computed))
}

/// `validate`: the checks alone, with a summary a clerk can act on.
/// Fails (non-zero exit) when any row has a problem.
pub fn validate_only(input: &Path, options: &Options) -> Result<String, Error> {
    let (inputs, valid, _) = read_and_validate(input, options, Err(&String::new()))?;
    let mut report = summary::warnings(&inputs, &valid.reports);
    report.push_str(&summary::input_files(&valid.input_entries(&inputs)?));
    let problems = valid.dossiers.problems;
    if problems.is_empty() {
        report.push_str("no problems found: the input is ready for `data-pipeline build`");
        return Ok(report);
    }
    eprint!("{report}\n{}", summary::problems_by_kind(&problems));
    Err(Error::Input(problems))
}

/// Stages 1 and 2: what `build` computes from and `validate` reports on.
/// With the `previous` build's state, the dossier files it holds unchanged
/// are not read again; if its rows cannot serve, everything is read.
fn read_and_validate(
    input: &Path,
    options: &Options,
    previous: Result<&Previous, &String>,
) -> Result<(Inputs, Valid, Scope), Error> {
    let mut clock = Instant::now();
    let latest = Latest::new(options.as_of);
    let rules = read::index_rules(options.rules.as_deref())?;
    let read = match previous {
        Ok(previous) => match read_reusing(input, previous, latest)? {
            Ok(read) => read,
            Err(why) => read_all(input, why, options.quarantine)?,
        },
        Err(why) => read_all(input, why.clone(), options.quarantine)?,
    };
    stage("read", &mut clock);
    let Read {
        mut inputs,
        catalogues,
        earlier,
        scope,
    } = read;
    let valid = validate::all(&inputs, catalogues, latest, rules, earlier)?;
    // The dossier rows as read are not needed again (their validated copy
    // is in `valid`): freed here, they are not held through compute.
    inputs.dossiers.frame = inputs.dossiers.frame.clear();
    stage("validate", &mut clock);
    Ok((inputs, valid, scope))
}

/// What stage 1 gives validation: the inputs and their catalogues, and
/// the saved rows of the dossier files that were not read.
struct Read {
    inputs: Inputs,
    catalogues: validate::Catalogues,
    earlier: Option<DataFrame>,
    scope: Scope,
}

/// Reads the input but the dossier files the `previous` state holds
/// unchanged, whose saved rows it loads; or says why they cannot serve.
fn read_reusing(
    input: &Path,
    previous: &Previous,
    latest: Latest,
) -> Result<Result<Read, String>, Error> {
    // Never with `--quarantine`, whose rejected rows need their cells as written.
    let inputs = read::inputs(input, &|name, path| previous.known(name, path), false)?;
    let catalogues = validate::catalogues(&inputs)?;
    let (files, known) = (inputs.dossiers.files.len(), inputs.dossiers.known.len());
    if known == 0 {
        let why = "no dossier file is unchanged since the last build".into();
        return Ok(Ok(Read {
            inputs,
            catalogues,
            earlier: None,
            scope: Scope::Full(why),
        }));
    }
    let earlier = previous.earlier(&inputs, &catalogues.units, latest);
    Ok(earlier.map(|earlier| Read {
        inputs,
        catalogues,
        earlier: Some(earlier),
        scope: Scope::Incremental {
            read: files - known,
            known,
        },
    }))
}

/// Reads every input file; `why` says why for the report. With
/// `as_written` (`--quarantine`), rejected rows keep their cells' text.
fn read_all(input: &Path, why: String, as_written: bool) -> Result<Read, Error> {
    let inputs = read::inputs(input, NONE_KNOWN, as_written)?;
    let catalogues = validate::catalogues(&inputs)?;
    Ok(Read {
        inputs,
        catalogues,
        earlier: None,
        scope: Scope::Full(why),
    })
}

/// What stage 3 made, for stage 4 to write.
struct Made<'a> {
    computed: &'a Computed,
    index: &'a [IndexSeries],
    open_data: &'a str,
    revisions: &'a Revisions,
}

/// Stage 4: the snapshot set, with the manifest's account of the inputs
/// and the input folder's optional `targets.toml` and `dataset.toml`.
fn write_snapshots(
    input: &Path,
    out: &Path,
    inputs: &Inputs,
    valid: &Valid,
    made: Made,
) -> Result<(), Error> {
    let snapshot = Snapshot {
        units: &valid.units,
        computed: made.computed,
        index: made.index,
        open_data: made.open_data,
        rules: &valid.index.rules,
        inputs: valid.input_entries(inputs)?,
        targets: read_toml(input, "targets.toml")?,
        dataset: read_toml(input, "dataset.toml")?,
        revisions: made.revisions,
    };
    write::write_atomically(out, &snapshot)
}

/// With `DATA_PIPELINE_TIMINGS` set, prints how long a stage took (the
/// profile the benchmark reports) and restarts the clock.
fn stage(name: &str, clock: &mut Instant) {
    if std::env::var_os("DATA_PIPELINE_TIMINGS").is_some() {
        eprintln!("{name}: {:.2} s", clock.elapsed().as_secs_f64());
    }
    *clock = Instant::now();
}
