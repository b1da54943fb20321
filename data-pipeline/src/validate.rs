//! Stage 2, validate: every rule of contract sections 1–2. Units and
//! procedures are small and checked row by row; dossiers are checked with
//! frame operations on their distinct values, so validation stays fast on
//! millions of rows. The output is a dossier frame of integer columns.

use crate::error::{Error, InputError};
use crate::read::{clean_text, Columns, Rows, Table, FILE, LINE};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use contract::Level;
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};

pub const UNIT_COLUMNS: Columns = Columns {
    required: &["unit_code", "unit_name", "level", "parent_code"],
    optional: &[],
};

pub const PROCEDURE_COLUMNS: Columns = Columns {
    required: &[
        "procedure_code",
        "procedure_name",
        "field",
        "unit_level",
        "online_level",
    ],
    optional: &["online_since"],
};

pub const DOSSIER_COLUMNS: Columns = Columns {
    required: &[
        "dossier_id",
        "unit_code",
        "procedure_code",
        "channel",
        "received_on",
        "due_on",
        "resolved_on",
        "apology_issued",
        "rating",
    ],
    optional: &[],
};

/// Years a dossier date may fall in. A typo such as `2204` would otherwise
/// stretch the month range over centuries (and the snapshots with it).
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Parses a date in one of the contract's three forms.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let parsed = match text.len() {
        10 if text.as_bytes()[2] == b'/' => NaiveDate::parse_from_str(text, "%d/%m/%Y").ok(),
        10 => NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
        19 => NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
            .ok()
            .map(|t| t.date()),
        _ => None,
    };
    parsed.ok_or_else(|| {
        "not a valid date (expected YYYY-MM-DD, DD/MM/YYYY or YYYY-MM-DDTHH:MM:SS)".to_string()
    })
}

// ---------------------------------------------------------------- units

pub struct Unit {
    pub code: String,
    pub name: String,
    pub level: Level,
    pub parent: Option<usize>,
}

/// The validated unit tree, in the order of `units.csv`.
pub struct Units {
    pub list: Vec<Unit>,
    pub by_code: HashMap<String, usize>,
}

impl Units {
    /// The unit itself, then its parent, up to its province.
    pub fn self_and_ancestors(&self, unit: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(unit), |&u| self.list[u].parent)
    }

    pub fn province(&self, unit: usize) -> usize {
        self.self_and_ancestors(unit)
            .last()
            .expect("a unit is its own ancestor")
    }

    /// For each unit, the levels of itself and every unit below it: the
    /// procedure levels it offers (contract: `level3_services`).
    pub fn levels_within(&self) -> Vec<[bool; 3]> {
        let mut levels = vec![[false; 3]; self.list.len()];
        for (u, unit) in self.list.iter().enumerate() {
            for a in self.self_and_ancestors(u) {
                levels[a][unit.level as usize] = true;
            }
        }
        levels
    }
}

pub fn units(rows: &Rows) -> Result<Units, Vec<InputError>> {
    let mut problems = Vec::new();
    let mut by_code = HashMap::new();
    let mut list = Vec::new();
    for row in 0..rows.len() {
        let code = rows.get(row, "unit_code");
        let level = rows.get(row, "level").and_then(Level::parse);
        match code {
            None => problems.push(rows.error(row, "unit_code", "required value is empty")),
            Some(code) if by_code.contains_key(code) => {
                let first = rows.lines[by_code[code]];
                problems.push(rows.error(
                    row,
                    "unit_code",
                    format!("duplicate unit_code (first on line {first})"),
                ))
            }
            Some(code) => {
                by_code.insert(code.to_string(), row);
            }
        }
        if rows.get(row, "unit_name").is_none() {
            problems.push(rows.error(row, "unit_name", "required value is empty"));
        }
        if level.is_none() {
            problems.push(rows.error(row, "level", "must be province, district or commune"));
        }
        list.push(Unit {
            code: code.unwrap_or_default().to_string(),
            name: rows.get(row, "unit_name").unwrap_or_default().to_string(),
            level: level.unwrap_or(Level::Commune),
            parent: None,
        });
    }
    for (row, unit) in list.iter_mut().enumerate() {
        let parent = rows.get(row, "parent_code");
        match (unit.level, parent) {
            (Level::Province, None) => {}
            (Level::Province, Some(_)) => {
                problems.push(rows.error(row, "parent_code", "a province has no parent"))
            }
            (_, None) => {
                problems.push(rows.error(row, "parent_code", "required for a district or commune"))
            }
            (_, Some(p)) => match by_code.get(p) {
                None => problems.push(rows.error(
                    row,
                    "parent_code",
                    "dangling parent: no unit has this code",
                )),
                Some(&p) => unit.parent = Some(p),
            },
        }
    }
    for row in 0..rows.len() {
        if let Some(cycle) = cycle_from(&list, row) {
            problems.push(rows.error(row, "parent_code", format!("cycle in parent_code: {cycle}")));
        } else if let Some(p) = list[row].parent {
            if list[p].level >= list[row].level {
                let reason = format!(
                    "parent {} is a {}, not a higher level than {}",
                    list[p].code, list[p].level, list[row].level
                );
                problems.push(rows.error(row, "parent_code", reason));
            }
        }
    }
    if problems.is_empty() {
        Ok(Units { list, by_code })
    } else {
        Err(problems)
    }
}

/// The chain `a → b → a` if following parents from `start` comes back to it.
fn cycle_from(list: &[Unit], start: usize) -> Option<String> {
    let mut chain = vec![start];
    let mut at = list[start].parent?;
    while chain.len() <= list.len() {
        chain.push(at);
        if at == start {
            return Some(
                chain
                    .iter()
                    .map(|&u| list[u].code.as_str())
                    .collect::<Vec<_>>()
                    .join(" → "),
            );
        }
        at = list[at].parent?;
    }
    None
}

// ----------------------------------------------------------- procedures

pub struct Procedure {
    pub code: String,
    pub name: String,
    pub field: String,
    pub unit_level: Level,
    /// 1..=4 (`partial` = 3, `full` = 4).
    pub online_level: u8,
    pub online_since: Option<NaiveDate>,
}

impl Procedure {
    /// The online level in force on `date`: level 2 before `online_since`.
    pub fn level_on(&self, date: NaiveDate) -> u8 {
        match self.online_since {
            Some(since) if date < since => 2,
            _ => self.online_level,
        }
    }
}

fn parse_online_level(text: &str) -> Option<u8> {
    match text {
        "partial" => Some(3),
        "full" => Some(4),
        _ => text.parse().ok().filter(|l| (1..=4).contains(l)),
    }
}

pub fn procedures(rows: &Rows) -> Result<Vec<Procedure>, Vec<InputError>> {
    let mut problems = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut list = Vec::new();
    for row in 0..rows.len() {
        let required = |column: &str, problems: &mut Vec<InputError>| {
            let value = rows.get(row, column);
            if value.is_none() {
                problems.push(rows.error(row, column, "required value is empty"));
            }
            value.unwrap_or_default().to_string()
        };
        let code = required("procedure_code", &mut problems);
        let name = required("procedure_name", &mut problems);
        let field = required("field", &mut problems);
        if let Some(first) = seen
            .insert(code.clone(), rows.lines[row])
            .filter(|_| !code.is_empty())
        {
            problems.push(rows.error(
                row,
                "procedure_code",
                format!("duplicate procedure_code (first on line {first})"),
            ));
        }
        let unit_level = rows.get(row, "unit_level").and_then(Level::parse);
        if unit_level.is_none() {
            problems.push(rows.error(row, "unit_level", "must be province, district or commune"));
        }
        let online_level = rows.get(row, "online_level").and_then(parse_online_level);
        if online_level.is_none() {
            problems.push(rows.error(row, "online_level", "must be 1, 2, 3, 4, partial or full"));
        }
        let online_since = match rows.get(row, "online_since").map(parse_date) {
            Some(Err(reason)) => {
                problems.push(rows.error(row, "online_since", reason));
                None
            }
            Some(Ok(date)) => Some(date),
            None => None,
        };
        list.push(Procedure {
            code,
            name,
            field,
            unit_level: unit_level.unwrap_or(Level::Commune),
            online_level: online_level.unwrap_or(1),
            online_since,
        });
    }
    if problems.is_empty() {
        Ok(list)
    } else {
        Err(problems)
    }
}

// -------------------------------------------------------------- dossiers

/// Column carrying the reason of a problem row while it is reported.
const REASON: &str = "__reason";

/// Integer codes of the validated dossier frame.
pub mod codes {
    pub const ONLINE: i32 = 0;
    pub const DIRECT: i32 = 1;
    pub const POSTAL: i32 = 2;
    pub const DISSATISFIED: i32 = 0;
    pub const SATISFIED: i32 = 1;
    pub const VERY_SATISFIED: i32 = 2;
}

/// Days since 1 January of year 1: dates as plain integers in frames.
pub fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

pub fn date_of(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).expect("day numbers come from valid dates")
}

/// A dossier date as frame columns: the day, its month index, and whether
/// it is the last day of its month (for "overdue at month end").
fn date_columns(text: &str) -> Result<[i32; 3], String> {
    let date = parse_date(text)?;
    if !PLAUSIBLE_YEARS.contains(&date.year()) {
        return Err(format!(
            "implausible date: the year must be between {} and {}",
            PLAUSIBLE_YEARS.start(),
            PLAUSIBLE_YEARS.end()
        ));
    }
    let month = contract::Month::of(date);
    Ok([
        day_number(date),
        month.index(),
        (date == month.last_day()) as i32,
    ])
}

/// The validated dossiers, one row each, as integer columns:
/// `unit`, `proc`, `channel_code`, `level` (online level of the procedure on the
/// day received), `recv_day`, `recv_month`, `due_day`, `due_month`,
/// `due_end`, `res_day`, `res_month` (null while pending), `apology`
/// (null/0/1) and `rating_code` (null or a code of [`codes`]).
pub struct Dossiers {
    pub frame: DataFrame,
    pub read: u64,
    pub duplicates: u64,
    /// Every problem found, by file and line. Their rows are not in `frame`.
    pub problems: Vec<InputError>,
    /// The rejected rows as read, with [`FILE`], [`LINE`] and `reason`.
    pub rejected: DataFrame,
}

/// Checks every dossier against the contract. Rows with problems are set
/// aside (the caller fails the run on them, or quarantines them).
///
/// The frame stays materialised between checks: each column is hashed
/// once into codes of its distinct values, and its parsed integer columns
/// are gathered by code and added beside the others.
pub fn dossiers(table: &Table, units: &Units, procedures: &[Procedure]) -> Result<Dossiers, Error> {
    let unit_codes: HashMap<&str, i32> = units
        .by_code
        .iter()
        .map(|(c, &i)| (c.as_str(), i as i32))
        .collect();
    // The procedure's index, online level and the day that level starts
    // (before it the procedure is level 2; no date: always in force).
    let proc_codes: HashMap<&str, [i32; 3]> = procedures
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let since = p.online_since.map_or(i32::MIN, day_number);
            (p.code.as_str(), [i as i32, p.online_level as i32, since])
        })
        .collect();
    let mut checks = Checks {
        table,
        problems: Vec::new(),
        rejected: BTreeMap::new(),
    };
    let mut frame = categorised(with_clean_ids(table.frame.clone())?)?;
    checks.map_values(&mut frame, "unit_code", &["unit"], true, |v| {
        unit_codes
            .get(v)
            .map(|&u| [u])
            .ok_or_else(|| "unknown unit: not in units.csv".to_string())
    })?;
    checks.map_values(
        &mut frame,
        "procedure_code",
        &["proc", ONLINE_LEVEL, SINCE_DAY],
        true,
        |v| {
            proc_codes
                .get(v)
                .copied()
                .ok_or_else(|| "unknown procedure: not in procedures.csv".to_string())
        },
    )?;
    checks.map_values(
        &mut frame,
        "channel",
        &["channel_code"],
        true,
        |v| match v {
            "online" => Ok([codes::ONLINE]),
            "direct" => Ok([codes::DIRECT]),
            "postal" => Ok([codes::POSTAL]),
            _ => Err("unknown channel: must be online, direct or postal".into()),
        },
    )?;
    checks.map_values(
        &mut frame,
        "received_on",
        &["recv_day", "recv_month", "recv_end"],
        true,
        date_columns,
    )?;
    checks.map_values(
        &mut frame,
        "due_on",
        &["due_day", "due_month", "due_end"],
        true,
        date_columns,
    )?;
    checks.map_values(
        &mut frame,
        "resolved_on",
        &["res_day", "res_month", "res_end"],
        false,
        date_columns,
    )?;
    checks.map_values(
        &mut frame,
        "apology_issued",
        &["apology"],
        false,
        |v| match v.to_ascii_lowercase().as_str() {
            "true" => Ok([1]),
            "false" => Ok([0]),
            _ => Err("must be true, false or empty".into()),
        },
    )?;
    checks.map_values(&mut frame, "rating", &["rating_code"], false, |v| match v {
        "very_satisfied" => Ok([codes::VERY_SATISFIED]),
        "satisfied" => Ok([codes::SATISFIED]),
        "dissatisfied" => Ok([codes::DISSATISFIED]),
        _ => Err("unknown rating: must be very_satisfied, satisfied, dissatisfied or empty".into()),
    })?;
    let lf = frame.lazy();
    checks.rows_where(
        &lf,
        "dossier_id",
        col("dossier_id").is_null(),
        "required value is empty",
    )?;
    checks.rows_where(
        &lf,
        "due_on",
        col("due_day").lt(col("recv_day")),
        "due_on is before received_on",
    )?;
    checks.rows_where(
        &lf,
        "resolved_on",
        col("res_day").lt(col("recv_day")),
        "resolved_on is before received_on",
    )?;
    let frame = checks.without_rejected(with_level(lf))?.collect()?;
    let (unique, duplicates) = checks.collapse_duplicates(frame)?;
    let frame = checks.without_rejected(unique.lazy())?.collect()?;
    let rejected = checks.rejected_rows()?;
    let read = table.frame.height() as u64;
    Ok(Dossiers {
        frame,
        read,
        duplicates,
        problems: checks.finish(),
        rejected,
    })
}

/// Helper columns of the procedure lookup, replaced by `level`.
const ONLINE_LEVEL: &str = "__online_level";
const SINCE_DAY: &str = "__since_day";

/// The columns of the validated frame: the dossier id (for duplicates),
/// where each row came from, and the integer columns compute reads.
const VALIDATED: [&str; 16] = [
    "dossier_id",
    FILE,
    LINE,
    "unit",
    "proc",
    "channel_code",
    "level",
    "recv_day",
    "recv_month",
    "due_day",
    "due_month",
    "due_end",
    "res_day",
    "res_month",
    "apology",
    "rating_code",
];

/// Trims and NFC-normalises `dossier_id` like every other cell, so that
/// copies of one dossier compare equal. One pass, and only when an id needs it.
fn with_clean_ids(mut frame: DataFrame) -> Result<DataFrame, Error> {
    let ids = frame.column("dossier_id")?.str()?;
    let unclean = |id: &str| !id.is_ascii() || id.trim() != id;
    if ids.iter().flatten().any(unclean) {
        let cleaned: StringChunked = ids
            .iter()
            .map(|id| id.map(clean_text).filter(|id| !id.is_empty()))
            .collect();
        frame.with_column(cleaned.with_name("dossier_id".into()).into_column())?;
    }
    Ok(frame)
}

/// Casts every dossier column but `dossier_id` (codes, dates and words,
/// whose values repeat) to categories of its own: one hashing pass
/// gives each distinct value a code and each row its value's code. A cast
/// is one sequential pass, so the columns are cast on parallel threads.
fn categorised(mut frame: DataFrame) -> Result<DataFrame, Error> {
    let coded = std::thread::scope(|scope| {
        let casts: Vec<_> = DOSSIER_COLUMNS
            .required
            .iter()
            .filter(|&&name| name != "dossier_id")
            .map(|&name| {
                let column = frame.column(name);
                scope.spawn(move || {
                    let categories =
                        Categories::random(PlSmallStr::EMPTY, CategoricalPhysical::U32);
                    column?.cast(&DataType::from_categories(categories))
                })
            })
            .collect();
        casts
            .into_iter()
            .map(|cast| cast.join().expect("a cast thread"))
            .collect::<PolarsResult<Vec<Column>>>()
    })?;
    for column in coded {
        frame.with_column(column)?;
    }
    Ok(frame)
}

/// Adds `level`, the procedure's online level on the day the dossier was
/// received, and keeps only the [`VALIDATED`] columns.
fn with_level(frame: LazyFrame) -> LazyFrame {
    let level = when(col(SINCE_DAY).lt_eq(col("recv_day")))
        .then(col(ONLINE_LEVEL))
        .otherwise(lit(2))
        .alias("level");
    frame.with_column(level).select(VALIDATED.map(col))
}

/// Whether some id may occur more than once: two equal 64-bit hashes,
/// neighbours once sorted. Far cheaper than grouping millions of strings;
/// a rare false alarm (a hash collision) only costs the exact check.
fn may_repeat(ids: &StringChunked) -> Result<bool, Error> {
    let mut hashes = Vec::with_capacity(ids.len());
    ids.vec_hash(PlSeedableRandomStateQuality::default(), &mut hashes)?;
    let sorted = UInt64Chunked::from_vec("hash".into(), hashes).sort(false);
    Ok(sorted.equal(&sorted.shift(1)).any())
}

/// Collects problems while the dossier frame is checked.
struct Checks<'a> {
    table: &'a Table,
    problems: Vec<InputError>,
    /// The reasons of each rejected row, by (file index, line).
    rejected: BTreeMap<(u32, u32), Vec<String>>,
}

/// The rows of `frame` whose ([`FILE`], [`LINE`]) is not in `keys`
/// (which has those two columns and [`REASON`] set to true).
fn without(frame: LazyFrame, keys: LazyFrame) -> LazyFrame {
    let on = [col(FILE), col(LINE)];
    frame
        .join(keys, on.clone(), on, JoinArgs::new(JoinType::Left))
        .filter(col(REASON).is_null())
        .drop(Selector::ByName {
            names: [REASON.into()].into(),
            strict: true,
        })
}

impl Checks<'_> {
    /// Validates `column` by parsing each of its distinct values once, and
    /// adds the parsed integer columns `outputs` to the frame. Rows whose
    /// value does not parse (or is empty when `required`) become problems.
    fn map_values<const N: usize>(
        &mut self,
        frame: &mut DataFrame,
        column: &str,
        outputs: &[&str; N],
        required: bool,
        parse: impl Fn(&str) -> Result<[i32; N], String>,
    ) -> Result<(), Error> {
        // Each distinct value (category) is parsed once, and the results
        // are gathered back to the rows by their category codes.
        let coded = frame.column(column)?.clone();
        let DataType::Categorical(_, mapping) = coded.dtype() else {
            unreachable!("categorised() made {column} categorical");
        };
        let codes = coded.cat32()?.physical();
        let distinct = mapping.num_cats_upper_bound();
        let mut parsed: Vec<Vec<Option<i32>>> = vec![Vec::with_capacity(distinct); N];
        let mut reasons: Vec<Option<String>> = Vec::with_capacity(distinct);
        for code in 0..distinct as u32 {
            let raw = mapping.cat_to_str(code).unwrap_or_default();
            let values = match clean_text(raw).as_str() {
                "" if required => Err("required value is empty".to_string()),
                "" => Ok(None),
                text => parse(text).map(Some),
            };
            let (values, reason) = match values {
                Ok(values) => (values, None),
                Err(reason) => (None, Some(reason)),
            };
            reasons.push(reason);
            for (i, out) in parsed.iter_mut().enumerate() {
                out.push(values.map(|v| v[i]));
            }
        }
        if reasons.iter().any(Option::is_some) {
            let reasons = Series::new(REASON.into(), reasons).take(codes)?;
            let mut rows = frame.select([FILE, LINE, column])?;
            rows.with_column(reasons.into())?;
            self.report(rows.lazy().filter(col(REASON).is_not_null()), column)?;
        }
        for (name, values) in outputs.iter().zip(parsed) {
            frame.with_column(Series::new((*name).into(), values).take(codes)?.into())?;
        }
        if required {
            self.rows_where(
                &frame.clone().lazy(),
                column,
                col(column).is_null(),
                "required value is empty",
            )?;
        }
        Ok(())
    }

    /// Records a problem for every row matching `predicate`.
    fn rows_where(
        &mut self,
        frame: &LazyFrame,
        column: &str,
        predicate: Expr,
        reason: &str,
    ) -> Result<(), Error> {
        self.report(
            frame
                .clone()
                .filter(predicate)
                .with_column(lit(reason).alias(REASON)),
            column,
        )
    }

    /// Records a problem for every row of `rows`, with the reason in [`REASON`].
    fn report(&mut self, rows: LazyFrame, column: &str) -> Result<(), Error> {
        let rows = rows
            .select([
                col(FILE),
                col(LINE),
                col(column).cast(DataType::String),
                col(REASON),
            ])
            .collect()?;
        let files = rows.column(FILE)?.u32()?;
        let lines = rows.column(LINE)?.cast(&DataType::UInt64)?;
        let values = rows.column(column)?.str()?;
        let reasons = rows.column(REASON)?.str()?;
        for (((file, line), value), reason) in files
            .iter()
            .zip(lines.u64()?.iter())
            .zip(values.iter())
            .zip(reasons.iter())
        {
            let (file, line, reason) = (
                file.unwrap_or(0),
                line.unwrap_or(0),
                reason.unwrap_or_default(),
            );
            let name = self.table.file_name(file);
            self.problems
                .push(InputError::cell(name, line, column, value, reason));
            let reasons = self.rejected.entry((file, line as u32)).or_default();
            reasons.push(format!("{column}: {reason}"));
        }
        Ok(())
    }

    /// The rows of `frame` that have no problem so far.
    fn without_rejected(&self, frame: LazyFrame) -> Result<LazyFrame, Error> {
        if self.rejected.is_empty() {
            return Ok(frame);
        }
        let keys = self
            .rejected_keys()?
            .lazy()
            .with_column(lit(true).alias(REASON));
        Ok(without(frame, keys))
    }

    fn rejected_keys(&self) -> Result<DataFrame, Error> {
        let (files, lines): (Vec<u32>, Vec<u32>) = self.rejected.keys().copied().unzip();
        Ok(df!(FILE => files, LINE => lines)?)
    }

    /// The original cells of every rejected row, with its reasons.
    fn rejected_rows(&self) -> Result<DataFrame, Error> {
        if self.rejected.is_empty() {
            let mut none = self.table.frame.clear();
            none.with_column(Column::new_empty("reason".into(), &DataType::String))?;
            return Ok(none);
        }
        let mut keys = self.rejected_keys()?;
        let reasons: Vec<String> = self.rejected.values().map(|r| r.join("; ")).collect();
        keys.with_column(Column::new("reason".into(), reasons))?;
        let on = [col(FILE), col(LINE)];
        Ok(self
            .table
            .frame
            .clone()
            .lazy()
            .join(keys.lazy(), on.clone(), on, JoinArgs::new(JoinType::Inner))
            .sort([FILE, LINE], Default::default())
            .collect()?)
    }

    /// Collapses identical duplicates (returning how many) and reports the
    /// same `dossier_id` with different content as a conflict. The first
    /// copy by file and line is kept. Only ids that occur more than once
    /// (usually none) are compared column by column.
    fn collapse_duplicates(&mut self, frame: DataFrame) -> Result<(DataFrame, u64), Error> {
        let content = [
            "dossier_id",
            "unit",
            "proc",
            "channel_code",
            "recv_day",
            "due_day",
            "res_day",
            "apology",
            "rating_code",
        ];
        if !may_repeat(frame.column("dossier_id")?.str()?)? {
            return Ok((frame, 0));
        }
        let repeated = |rows: LazyFrame| {
            rows.group_by([col("dossier_id")])
                .agg([len().alias("copies")])
                .filter(col("copies").gt(lit(1)))
                .select([col("dossier_id")])
        };
        let ids = repeated(frame.clone().lazy()).collect()?;
        if ids.height() == 0 {
            return Ok((frame, 0));
        }
        let copies = frame
            .clone()
            .lazy()
            .inner_join(ids.lazy(), col("dossier_id"), col("dossier_id"))
            .sort([FILE, LINE], Default::default())
            .collect()?;
        let kept = copies
            .clone()
            .lazy()
            .unique_stable_generic(
                Some(content.iter().map(|c| col(*c)).collect()),
                UniqueKeepStrategy::First,
            )
            .collect()?;
        let duplicates = (copies.height() - kept.height()) as u64;
        let clashes = kept.clone().lazy().inner_join(
            repeated(kept.clone().lazy()),
            col("dossier_id"),
            col("dossier_id"),
        );
        self.rows_where(
            &clashes,
            "dossier_id",
            lit(true),
            "the same dossier_id appears with different content",
        )?;
        if duplicates == 0 {
            return Ok((frame, 0));
        }
        let marked = |rows: DataFrame| {
            rows.lazy()
                .select([col(FILE), col(LINE), lit(true).alias(REASON)])
        };
        let dropped = without(copies.lazy(), marked(kept)).collect()?;
        let unique = without(frame.lazy(), marked(dropped)).collect()?;
        Ok((unique, duplicates))
    }

    /// Problems sorted by file and line, the order a clerk fixes them in.
    fn finish(&mut self) -> Vec<InputError> {
        let mut problems = std::mem::take(&mut self.problems);
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        problems.dedup();
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_three_contract_forms_and_nothing_else() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        assert_eq!(parse_date("2024-03-05"), Ok(day));
        assert_eq!(parse_date("05/03/2024"), Ok(day));
        assert_eq!(parse_date("2024-03-05T23:59:59"), Ok(day));
        for bad in [
            "31/02/2024",
            "2024/03/05",
            "5/3/2024",
            "2024-3-5",
            "20240305",
            "",
            "ngày 5",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn online_levels_accept_numbers_and_decree_42_words() {
        assert_eq!(parse_online_level("partial"), Some(3));
        assert_eq!(parse_online_level("full"), Some(4));
        assert_eq!(parse_online_level("2"), Some(2));
        assert_eq!(parse_online_level("5"), None);
        assert_eq!(parse_online_level("0"), None);
    }
}
