//! The bookkeeping of the dossier checks: parsing each column's distinct
//! values once, recording the rows that break a rule (by file and line, with
//! their reasons), setting them aside, and collapsing duplicate ids.

use crate::error::{Error, InputError};
use crate::read::{clean_text, Table};
use contract::columns::{
    APOLOGY, CHANNEL_CODE, DOSSIER_ID, DUE_DAY, FILE, FLAGS, LINE, PROC, RATING_CODE, REASON,
    RECV_DAY, RES_DAY, UNIT,
};
use polars::prelude::*;
use std::collections::BTreeMap;

/// Column carrying the reason of a problem row while it is reported.
const PROBLEM: &str = "__reason";

/// Collects problems while the dossier frame is checked.
pub struct Checks<'a> {
    table: &'a Table,
    problems: Vec<InputError>,
    /// The reasons of each rejected row, by (file index, line).
    rejected: BTreeMap<(u32, u32), Vec<String>>,
}

/// The rows of `frame` whose ([`FILE`], [`LINE`]) is not in `keys`
/// (which has those two columns and [`PROBLEM`] set to true).
fn without(frame: LazyFrame, keys: LazyFrame) -> LazyFrame {
    let on = [col(FILE), col(LINE)];
    frame
        .join(keys, on.clone(), on, JoinArgs::new(JoinType::Left))
        .filter(col(PROBLEM).is_null())
        .drop(Selector::ByName {
            names: [PROBLEM.into()].into(),
            strict: true,
        })
}

/// Each distinct value (category) of a categorical column parsed once: for
/// each output, the value of every category, and the reason of every
/// category that does not parse (or is empty when `required`).
fn parse_categories<const N: usize>(
    mapping: &CategoricalMapping,
    required: bool,
    parse: impl Fn(&str) -> Result<[i32; N], String>,
) -> (Vec<Vec<Option<i32>>>, Vec<Option<String>>) {
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
    (parsed, reasons)
}

impl<'a> Checks<'a> {
    pub fn new(table: &'a Table) -> Checks<'a> {
        Checks {
            table,
            problems: Vec::new(),
            rejected: BTreeMap::new(),
        }
    }

    /// Validates `column` by parsing each of its distinct values once, and
    /// returns the parsed integer columns `outputs` as expressions that
    /// gather each row's value by its category code: they are computed
    /// only where a later step reads them, so millions of rows never hold
    /// a column nobody keeps. Rows whose value does not parse (or is empty
    /// when `required`) become problems.
    pub fn map_values<const N: usize>(
        &mut self,
        frame: &DataFrame,
        column: &str,
        outputs: &[&str; N],
        required: bool,
        parse: impl Fn(&str) -> Result<[i32; N], String>,
    ) -> Result<Vec<Expr>, Error> {
        let coded = frame.column(column)?;
        let DataType::Categorical(_, mapping) = coded.dtype() else {
            unreachable!("read::Columns::coded reads {column} into categories");
        };
        let (parsed, reasons) = parse_categories(mapping, required, parse);
        if reasons.iter().any(Option::is_some) {
            let codes = coded.cat32()?.physical();
            let reasons = Series::new(PROBLEM.into(), reasons).take(codes)?;
            let mut rows = frame.select([FILE, LINE, column])?;
            rows.with_column(reasons.into())?;
            self.report(rows.lazy().filter(col(PROBLEM).is_not_null()), column)?;
        }
        if required {
            self.rows_where(
                &frame.clone().lazy(),
                column,
                col(column).is_null(),
                "required value is empty",
            )?;
        }
        let code = col(column).to_physical();
        Ok((outputs.iter().zip(parsed))
            .map(|(name, values)| {
                let values = Series::new((*name).into(), values);
                lit(values).gather(code.clone(), true).alias(*name)
            })
            .collect())
    }

    /// Records a problem for every row matching `predicate`.
    pub fn rows_where(
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
                .with_column(lit(reason).alias(PROBLEM)),
            column,
        )
    }

    /// Records a problem for every row of `rows`, with the reason in [`PROBLEM`].
    fn report(&mut self, rows: LazyFrame, column: &str) -> Result<(), Error> {
        let rows = rows
            .select([
                col(FILE),
                col(LINE),
                col(column).cast(DataType::String),
                col(PROBLEM),
            ])
            .collect()?;
        let files = rows.column(FILE)?.u32()?;
        let lines = rows.column(LINE)?.cast(&DataType::UInt64)?;
        let values = rows.column(column)?.str()?;
        let reasons = rows.column(PROBLEM)?.str()?;
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
    pub fn without_rejected(&self, frame: LazyFrame) -> Result<LazyFrame, Error> {
        if self.rejected.is_empty() {
            return Ok(frame);
        }
        let keys = self
            .rejected_keys()?
            .lazy()
            .with_column(lit(true).alias(PROBLEM));
        Ok(without(frame, keys))
    }

    fn rejected_keys(&self) -> Result<DataFrame, Error> {
        let (files, lines): (Vec<u32>, Vec<u32>) = self.rejected.keys().copied().unzip();
        Ok(df!(FILE => files, LINE => lines)?)
    }

    /// The original cells of every rejected row, with its reasons in [`REASON`].
    /// The cells are text again, as the clerk wrote them (`--quarantine`
    /// reads no booleans, `read::inputs`; elsewhere they are lower case).
    pub fn rejected_rows(&self) -> Result<DataFrame, Error> {
        let frame = &self.table.frame;
        let rows = match self.rejected.is_empty() {
            true => {
                (frame.clear().lazy()).with_column(lit(NULL).cast(DataType::String).alias(REASON))
            }
            false => {
                let mut keys = self.rejected_keys()?;
                let reasons: Vec<String> = self.rejected.values().map(|r| r.join("; ")).collect();
                keys.with_column(Column::new(REASON.into(), reasons))?;
                let on = [col(FILE), col(LINE)];
                (frame.clone().lazy())
                    .join(keys.lazy(), on.clone(), on, JoinArgs::new(JoinType::Inner))
                    .sort([FILE, LINE], Default::default())
            }
        };
        let as_read = frame.schema().iter().map(|(name, dtype)| match dtype {
            DataType::Categorical(..) | DataType::Boolean => {
                col(name.clone()).cast(DataType::String)
            }
            _ => col(name.clone()),
        });
        Ok(rows
            .select(as_read.chain([col(REASON)]).collect::<Vec<_>>())
            .collect()?)
    }

    /// Collapses identical duplicates (returning how many) and reports the
    /// same [`DOSSIER_ID`] with different content as a conflict. The first
    /// copy by file and line is kept. Only ids that occur more than once
    /// (usually none) are compared column by column.
    pub fn collapse_duplicates(&mut self, frame: DataFrame) -> Result<(DataFrame, u64), Error> {
        if !may_repeat(frame.column(DOSSIER_ID)?.str()?)? {
            return Ok((frame, 0));
        }
        let ids = repeated(frame.clone().lazy()).collect()?;
        if ids.height() == 0 {
            return Ok((frame, 0));
        }
        let copies = frame
            .clone()
            .lazy()
            .inner_join(ids.lazy(), col(DOSSIER_ID), col(DOSSIER_ID))
            .sort([FILE, LINE], Default::default())
            .collect()?;
        let kept = copies
            .clone()
            .lazy()
            .unique_stable_generic(Some(content(&copies)), UniqueKeepStrategy::First)
            .collect()?;
        let duplicates = (copies.height() - kept.height()) as u64;
        let clashes = kept.clone().lazy().inner_join(
            repeated(kept.clone().lazy()),
            col(DOSSIER_ID),
            col(DOSSIER_ID),
        );
        self.rows_where(
            &clashes,
            DOSSIER_ID,
            lit(true),
            "the same dossier_id appears with different content",
        )?;
        if duplicates == 0 {
            return Ok((frame, 0));
        }
        let dropped = without(copies.lazy(), marked(kept)).collect()?;
        let unique = without(frame.lazy(), marked(dropped)).collect()?;
        Ok((unique, duplicates))
    }

    /// Problems sorted by file and line, the order a clerk fixes them in.
    pub fn finish(&mut self) -> Vec<InputError> {
        let mut problems = std::mem::take(&mut self.problems);
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        problems.dedup();
        problems
    }
}

/// What makes two copies of a dossier identical.
const CONTENT: [&str; 9] = [
    DOSSIER_ID,
    UNIT,
    PROC,
    CHANNEL_CODE,
    RECV_DAY,
    DUE_DAY,
    RES_DAY,
    APOLOGY,
    RATING_CODE,
];

/// [`CONTENT`], with the index flags when the frame has them.
fn content(frame: &DataFrame) -> Vec<Expr> {
    let flags = frame.column(FLAGS).is_ok().then_some(FLAGS);
    CONTENT.iter().chain(&flags).map(|c| col(*c)).collect()
}

/// The ids that occur more than once in `rows`.
fn repeated(rows: LazyFrame) -> LazyFrame {
    rows.group_by([col(DOSSIER_ID)])
        .agg([len().alias("copies")])
        .filter(col("copies").gt(lit(1)))
        .select([col(DOSSIER_ID)])
}

/// The keys of `rows`, marked for [`without`].
fn marked(rows: DataFrame) -> LazyFrame {
    rows.lazy()
        .select([col(FILE), col(LINE), lit(true).alias(PROBLEM)])
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
