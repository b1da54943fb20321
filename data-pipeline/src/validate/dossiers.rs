//! `dossiers.csv`: one row per dossier, millions of them, checked with frame
//! operations on the distinct values of each column (see `checks`), so
//! validation stays fast. Rows with problems are set aside; the others
//! become the validated frame of integer columns (`contract::columns`).

use super::checks::Checks;
use super::codes;
use super::dates::{date_columns, day_number, Latest};
use super::{Procedure, Units};
use crate::error::{Error, InputError};
use crate::read::{clean_text, Table};
use contract::columns::{
    APOLOGY, CHANNEL_CODE, DOSSIER_ID, DUE_DAY, DUE_END, DUE_MONTH, FEE_BIT, FILE, FLAGS,
    FLAG_INPUTS, LEVEL, LINE, PROC, RATING_CODE, RECV_DAY, RECV_MONTH, RES_DAY, RES_MONTH, UNIT,
};
use contract::Month;
use polars::prelude::*;
use std::collections::HashMap;

/// The validated dossiers, one row each, in the [`VALIDATED`] columns:
/// `unit`, `proc`, `channel_code`, `level` (online level of the procedure on the
/// day received), `recv_day`, `recv_month`, `due_day`, `due_month`,
/// `due_end`, `res_day`, `res_month` (null while pending), `apology`
/// (null/0/1) and `rating_code` (null or a code of [`codes`]); and, when
/// the input has any of the index's flags, `flags` ([`FLAGS`]).
pub struct Dossiers {
    pub frame: DataFrame,
    pub read: u64,
    pub duplicates: u64,
    /// Every problem found, by file and line. Their rows are not in `frame`.
    pub problems: Vec<InputError>,
    /// The rejected rows as read, with [`FILE`], [`LINE`] and
    /// [`contract::columns::REASON`].
    pub rejected: DataFrame,
    /// The valid rows of the files that were read, before duplicates
    /// across files are collapsed: what an incremental build reuses.
    pub checked: DataFrame,
}

/// The columns of the validated frame: the dossier id (for duplicates),
/// where each row came from, and the integer columns compute reads.
const VALIDATED: [&str; 16] = [
    DOSSIER_ID,
    FILE,
    LINE,
    UNIT,
    PROC,
    CHANNEL_CODE,
    LEVEL,
    RECV_DAY,
    RECV_MONTH,
    DUE_DAY,
    DUE_MONTH,
    DUE_END,
    RES_DAY,
    RES_MONTH,
    APOLOGY,
    RATING_CODE,
];

/// The first version of the dossier's code, before [`with_versions`].
const CODE_VERSION: &str = "__code_version";
/// Helper columns of the procedure lookup, replaced by `level`.
const ONLINE_LEVEL: &str = "__online_level";
const SINCE_DAY: &str = "__since_day";
/// The procedure's `fee` (0/1), for [`FLAGS`].
const FEE: &str = "__fee";
/// Parsed with every dossier date, but only [`DUE_END`] is kept.
const RECV_END: &str = "recv_end";
const RES_END: &str = "res_end";

/// Checks every dossier against the contract. Rows with problems are set
/// aside (the caller fails the run on them, or quarantines them).
/// `earlier` holds the valid rows of the files known from an earlier
/// build, not read: only duplicates are looked for among them.
///
/// The columns come as categories of their text (`read::Columns::coded`),
/// the booleans often as booleans: each distinct value is parsed once, and
/// the parsed integer columns are lazy gathers by code, materialised only
/// in the validated frame.
pub fn check(
    table: &Table,
    units: &Units,
    procedures: &[Procedure],
    latest: Latest,
    earlier: Option<DataFrame>,
) -> Result<Dossiers, Error> {
    let mut checks = Checks::new(table);
    let flags: Vec<&str> = FLAG_INPUTS.into_iter().filter(|f| table.has(f)).collect();
    let frame = with_clean_ids(table.frame.clone())?;
    let mut parsed = map_unit_and_procedure(&mut checks, &frame, units, procedures)?;
    parsed.extend(map_words_and_dates(&mut checks, &frame, latest)?);
    parsed.extend(flag_values(&mut checks, &frame, &flags)?);
    let fee = procedures.iter().any(|p| p.fee);
    let lf = frame.lazy().with_columns(parsed);
    let lf = with_versions(&mut checks, lf, units, latest)?;
    check_rows(&mut checks, &lf)?;
    let checked = checks
        .without_rejected(with_level(lf, &flags, fee))?
        .collect()?;
    let frame = match earlier {
        Some(earlier) => stacked(&checked, earlier)?,
        None => checked.clone(),
    };
    let (unique, duplicates) = checks.collapse_duplicates(frame)?;
    let frame = checks.without_rejected(unique.lazy())?.collect()?;
    let rejected = checks.rejected_rows()?;
    let read = table.files.iter().map(|f| f.rows).sum();
    Ok(Dossiers {
        frame,
        read,
        duplicates,
        problems: checks.finish(),
        rejected,
        checked,
    })
}

/// The rows just checked followed by those of earlier files, in the
/// column types of the first.
fn stacked(checked: &DataFrame, earlier: DataFrame) -> Result<DataFrame, Error> {
    let columns: Vec<Expr> = checked
        .schema()
        .iter()
        .map(|(name, dtype)| col(name.clone()).cast(dtype.clone()))
        .collect();
    let earlier = earlier.lazy().select(columns);
    Ok(concat([checked.clone().lazy(), earlier], UnionArgs::default())?.collect()?)
}

/// [`UNIT`] and [`PROC`] (with the procedure's online level and the day it
/// starts, for [`with_level`]) from the codes, which must be known.
fn map_unit_and_procedure(
    checks: &mut Checks,
    frame: &DataFrame,
    units: &Units,
    procedures: &[Procedure],
) -> Result<Vec<Expr>, Error> {
    // The code's first version: [`with_versions`] picks the one valid.
    let unit_codes: HashMap<&str, i32> = units
        .by_code
        .iter()
        .map(|(c, versions)| (c.as_str(), versions[0] as i32))
        .collect();
    // The procedure's index, online level and the day that level starts
    // (before it the procedure is level 2; no date: always in force).
    let proc_codes: HashMap<&str, [i32; 4]> = procedures
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let since = p.online_since.map_or(i32::MIN, day_number);
            let values = [i as i32, p.online_level as i32, since, p.fee as i32];
            (p.code.as_str(), values)
        })
        .collect();
    let mut parsed = checks.map_values(frame, "unit_code", &[UNIT], true, |v| {
        unit_codes
            .get(v)
            .map(|&u| [u])
            .ok_or_else(|| "unknown unit: not in units.csv".to_string())
    })?;
    parsed.extend(checks.map_values(
        frame,
        "procedure_code",
        &[PROC, ONLINE_LEVEL, SINCE_DAY, FEE],
        true,
        |v| {
            proc_codes
                .get(v)
                .copied()
                .ok_or_else(|| "unknown procedure: not in procedures.csv".to_string())
        },
    )?);
    Ok(parsed)
}

/// [`UNIT`] becomes the version of the code valid on the day received.
/// Every dossier needs one, and a unit to hold it until it is resolved (or
/// until `latest` while pending) when its own unit ends: a successor or
/// the province (`unit_changes.csv`).
fn with_versions(
    checks: &mut Checks,
    lf: LazyFrame,
    units: &Units,
    latest: Latest,
) -> Result<LazyFrame, Error> {
    let timeline = &units.timeline;
    if timeline.is_static() {
        return Ok(lf);
    }
    let lf = lf.with_columns([
        col(UNIT).alias(CODE_VERSION),
        timeline
            .version_expr(col(UNIT), col(RECV_MONTH))
            .alias(UNIT),
    ]);
    let known = col(CODE_VERSION)
        .is_not_null()
        .and(col(RECV_MONTH).is_not_null());
    checks.rows_where(
        &lf,
        "unit_code",
        known.and(col(UNIT).is_null()),
        "no version of this unit is valid on the day received (valid_from/valid_to in units.csv)",
    )?;
    checks.rows_where(
        &lf,
        "resolved_on",
        unheld(units, latest),
        "its unit ended before it was resolved, and unit_changes.csv names no unit that took it over",
    )?;
    Ok(lf)
}

/// A dossier of a unit version that ended while it was pending (until it
/// was resolved, or until `latest`), with no unit taking it over.
pub fn unheld(units: &Units, latest: Latest) -> Expr {
    let held_until = when(col(RES_MONTH).is_null())
        .then(lit(Month::of(latest.day).index()))
        .otherwise(col(RES_MONTH));
    col(UNIT)
        .is_not_null()
        .and(units.timeline.owner_expr(col(UNIT), held_until).is_null())
}

/// The channel, the three dates, the apology and the rating as integers.
/// A dossier cannot be received or resolved after `latest`; its due date
/// (the appointment) may well be later.
fn map_words_and_dates(
    checks: &mut Checks,
    frame: &DataFrame,
    latest: Latest,
) -> Result<Vec<Expr>, Error> {
    let until_latest = |text: &str| latest.date_columns(text);
    let received = [RECV_DAY, RECV_MONTH, RECV_END];
    let due = [DUE_DAY, DUE_MONTH, DUE_END];
    let resolved = [RES_DAY, RES_MONTH, RES_END];
    Ok([
        checks.map_values(frame, "channel", &[CHANNEL_CODE], true, channel)?,
        checks.map_values(frame, "received_on", &received, true, until_latest)?,
        checks.map_values(frame, "due_on", &due, true, date_columns)?,
        checks.map_values(frame, "resolved_on", &resolved, false, until_latest)?,
        boolean_values(checks, frame, "apology_issued", APOLOGY)?,
        checks.map_values(frame, "rating", &[RATING_CODE], false, rating)?,
    ]
    .concat())
}

/// A word of a closed list as its code, or `reason`.
fn one_of(text: &str, words: &[(&str, i32)], reason: &str) -> Result<[i32; 1], String> {
    words
        .iter()
        .find(|(word, _)| *word == text)
        .map(|&(_, code)| [code])
        .ok_or_else(|| reason.into())
}

fn channel(text: &str) -> Result<[i32; 1], String> {
    let words = [
        ("online", codes::ONLINE),
        ("direct", codes::DIRECT),
        ("postal", codes::POSTAL),
    ];
    one_of(
        text,
        &words,
        "unknown channel: must be online, direct or postal",
    )
}

/// A column of `true`/`false`/empty (the apology, an index flag) as
/// `output`, 1/0/null: cast when the reader parsed it as booleans
/// (`read::Columns::booleans`), else each distinct text parsed once.
fn boolean_values(
    checks: &mut Checks,
    frame: &DataFrame,
    column: &str,
    output: &str,
) -> Result<Vec<Expr>, Error> {
    match frame.column(column)?.dtype() {
        DataType::Boolean => Ok(vec![col(column).cast(DataType::Int32).alias(output)]),
        _ => checks.map_values(frame, column, &[output], false, boolean),
    }
}

fn boolean(text: &str) -> Result<[i32; 1], String> {
    let words = [("true", 1), ("false", 0)];
    one_of(&text.to_ascii_lowercase(), &words, BOOLEAN)
}

const BOOLEAN: &str = "must be true, false or empty";

/// The index's flags that the input has, each as 1 (`true`), 0 (`false`)
/// or null (empty) in a column of its own ([`flag_column`]), which
/// [`with_level`] gathers into the bit mask [`FLAGS`]. Another value is a
/// problem, with its file, line, column and value.
fn flag_values(checks: &mut Checks, frame: &DataFrame, flags: &[&str]) -> Result<Vec<Expr>, Error> {
    let mut parsed = Vec::new();
    for &name in flags {
        parsed.extend(boolean_values(checks, frame, name, &flag_column(name))?);
    }
    Ok(parsed)
}

/// The parsed column of an index flag.
fn flag_column(name: &str) -> String {
    format!("__{name}")
}

fn rating(text: &str) -> Result<[i32; 1], String> {
    let words = [
        ("very_satisfied", codes::VERY_SATISFIED),
        ("satisfied", codes::SATISFIED),
        ("dissatisfied", codes::DISSATISFIED),
    ];
    let reason = "unknown rating: must be very_satisfied, satisfied, dissatisfied or empty";
    one_of(text, &words, reason)
}

/// The rules across columns: an id, and no date before the day received.
fn check_rows(checks: &mut Checks, lf: &LazyFrame) -> Result<(), Error> {
    checks.rows_where(
        lf,
        DOSSIER_ID,
        col(DOSSIER_ID).is_null(),
        "required value is empty",
    )?;
    checks.rows_where(
        lf,
        "due_on",
        col(DUE_DAY).lt(col(RECV_DAY)),
        "due_on is before received_on",
    )?;
    checks.rows_where(
        lf,
        "resolved_on",
        col(RES_DAY).lt(col(RECV_DAY)),
        "resolved_on is before received_on",
    )
}

/// Trims and NFC-normalises `dossier_id` like every other cell, so that
/// copies of one dossier compare equal. One pass, and only when an id needs it.
fn with_clean_ids(mut frame: DataFrame) -> Result<DataFrame, Error> {
    let ids = frame.column(DOSSIER_ID)?.str()?;
    let unclean = |id: &str| !id.is_ascii() || id.trim() != id;
    if ids.iter().flatten().any(unclean) {
        let cleaned: StringChunked = ids
            .iter()
            .map(|id| id.map(clean_text).filter(|id| !id.is_empty()))
            .collect();
        frame.with_column(cleaned.with_name(DOSSIER_ID.into()).into_column())?;
    }
    Ok(frame)
}

/// Adds [`LEVEL`], the procedure's online level on the day the dossier was
/// received, and keeps only the [`VALIDATED`] columns, with [`FLAGS`] when
/// the input has any index flag or the catalogue any fee.
fn with_level(frame: LazyFrame, flags: &[&str], fee: bool) -> LazyFrame {
    let level = when(col(SINCE_DAY).lt_eq(col(RECV_DAY)))
        .then(col(ONLINE_LEVEL))
        .otherwise(lit(2))
        .alias(LEVEL);
    let mut columns = VALIDATED.map(col).to_vec();
    if !flags.is_empty() || fee {
        let bit = |column: Expr, bit: usize| {
            when(column.eq(lit(1)))
                .then(lit(1i32 << bit))
                .otherwise(lit(0i32))
        };
        let mask = flags
            .iter()
            .fold(bit(col(FEE), FEE_BIT as usize), |mask, &name| {
                let position = FLAG_INPUTS.iter().position(|f| *f == name);
                mask + bit(col(flag_column(name)), position.unwrap_or(0))
            });
        columns.push(mask.alias(FLAGS));
    }
    frame.with_column(level).select(columns)
}
