//! `index_metrics.csv`: the 766 index's figures that dossiers cannot give
//! (transparency, petitions, the portal's composite ratios), one row per
//! unit, month and metric. Any problem fails the run: a row is a whole
//! unit-month of a metric.

use super::reports::{fail, month, unit};
use super::{Rows, Units};
use crate::error::{Error, InputError};
use crate::read::{Table, INDEX_METRIC_COLUMNS};
use contract::index766::{Figure, Rules, Source};
use contract::Month;
use std::collections::{HashMap, HashSet};

/// One figure given for a unit version, month and metric.
#[derive(Clone, Debug, PartialEq)]
pub struct Given {
    pub unit: usize,
    pub month: Month,
    /// Index into the rules' metrics.
    pub metric: usize,
    pub figure: Figure,
    pub line: u64,
}

#[derive(Default)]
pub struct IndexMetrics {
    pub list: Vec<Given>,
    pub read: u64,
    /// Identical copies of a row, collapsed.
    pub duplicates: u64,
}

/// What the dossiers (and Form 06 reports) already give: a metric given
/// here too for the same unit and month is an error.
pub struct FromData<'a> {
    /// Unit versions and months with dossiers received or resolved.
    pub dossier_months: &'a HashSet<(usize, Month)>,
    /// Unit versions and months with a Form 06 report.
    pub report_months: HashSet<(usize, Month)>,
    /// The dossier columns of the index the input has (`contract::columns::FLAG_INPUTS`).
    pub flags: Vec<&'static str>,
    /// The catalogue says which procedures charge a fee.
    pub fee: bool,
}

pub fn check(
    table: Option<&Table>,
    units: &Units,
    rules: &Rules,
    data: &FromData,
) -> Result<IndexMetrics, Error> {
    let Some(table) = table else {
        return Ok(IndexMetrics::default());
    };
    let rows = Rows::from_table(table, &INDEX_METRIC_COLUMNS)?;
    let mut problems = Vec::new();
    let mut list: Vec<Given> = Vec::new();
    let mut seen: HashMap<(usize, Month, usize), usize> = HashMap::new();
    let mut duplicates = 0;
    let given_by_data = given_by_data(units, data);
    for row in 0..rows.len() {
        let Some(given) = given(&rows, row, units, rules, &mut problems) else {
            continue;
        };
        let key = (given.unit, given.month, given.metric);
        match seen.get(&key) {
            Some(&first) if list[first].figure == given.figure => duplicates += 1,
            Some(&first) => problems.push(rows.error(
                row,
                "metric",
                format!(
                    "a different row for this unit, month and metric is on line {}",
                    list[first].line
                ),
            )),
            None => {
                let metric = &rules.metrics[given.metric];
                if let Some(source) = metric.source.filter(|&s| given_by_data(s, &key)) {
                    problems.push(rows.error(row, "metric", conflict(source)));
                }
                seen.insert(key, list.len());
                list.push(given);
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    Ok(IndexMetrics {
        list,
        read: rows.len() as u64,
        duplicates,
    })
}

fn conflict(source: Source) -> String {
    let from = match source {
        Source::Progress | Source::OnlineShare => "the dossiers or Form 06 reports",
        _ => "the dossiers",
    };
    format!(
        "this metric is also computed from {from} of this unit (or of the units below it) \
         in this month: give it in one place only"
    )
}

/// Whether the data give a metric of `source` for a unit version and
/// month: its columns are in the input and the unit, or one below it, has
/// dossiers that month (or, for the figures Form 06 gives, a report).
fn given_by_data<'a>(
    units: &'a Units,
    data: &'a FromData,
) -> impl Fn(Source, &(usize, Month, usize)) -> bool + 'a {
    let mut with_dossiers: HashSet<(usize, Month)> = HashSet::new();
    let mut with_reports: HashSet<(usize, Month)> = HashSet::new();
    for (set, own) in [
        (&mut with_dossiers, data.dossier_months),
        (&mut with_reports, &data.report_months),
    ] {
        for &(u, m) in own {
            set.extend(units.self_and_ancestors(u).map(|a| (a, m)));
        }
    }
    move |source, &(unit, month, _)| {
        let has = |column: &str| data.flags.contains(&column);
        let columns = match source {
            Source::Progress | Source::ReceivingSatisfaction | Source::OnlineShare => true,
            Source::ResultElectronic => has("result_electronic"),
            Source::Digitised => has("digitised"),
            Source::ReusedData => has("reused_data"),
            Source::CitizenData => has("citizen_data"),
            Source::Synced => has("synced"),
            Source::PaidOnline => has("paid_online") && data.fee,
        };
        let reported = matches!(source, Source::Progress | Source::OnlineShare)
            && with_reports.contains(&(unit, month));
        columns && (with_dossiers.contains(&(unit, month)) || reported)
    }
}

/// One row, or `None` with its problems recorded.
fn given(
    rows: &Rows,
    row: usize,
    units: &Units,
    rules: &Rules,
    problems: &mut Vec<InputError>,
) -> Option<Given> {
    let before = problems.len();
    let month = month(rows, row, problems);
    let unit = unit(rows, row, units, month, problems);
    let metric = metric(rows, row, rules, problems);
    let figure = figure(rows, row, problems);
    (problems.len() == before).then_some(Given {
        unit: unit?,
        month: month?,
        metric: metric?,
        figure: figure?,
        line: rows.lines[row],
    })
}

fn metric(rows: &Rows, row: usize, rules: &Rules, problems: &mut Vec<InputError>) -> Option<usize> {
    let reason = match rows.get(row, "metric") {
        None => "required value is empty".to_string(),
        Some(code) => match rules.metrics.iter().position(|m| m.code == code) {
            Some(i) => return Some(i),
            None => format!(
                "unknown metric: not a code of the index rules ({})",
                rules.name
            ),
        },
    };
    fail(problems, rows.error(row, "metric", reason))
}

/// Counts (`numerator` ≤ `denominator`) or a `ratio`, never both.
fn figure(rows: &Rows, row: usize, problems: &mut Vec<InputError>) -> Option<Figure> {
    let cell = |column: &str| rows.get(row, column);
    match (cell("numerator"), cell("denominator"), cell("ratio")) {
        (None, None, None) => fail(
            problems,
            rows.error(row, "ratio", "give numerator and denominator, or ratio"),
        ),
        (Some(_), _, Some(_)) | (_, Some(_), Some(_)) => fail(
            problems,
            rows.error(row, "ratio", "both a ratio and counts on one row: give one or the other"),
        ),
        (None, None, Some(text)) => match percent(text) {
            Some(millionths) => Some(Figure::Ratio { millionths }),
            None => fail(
                problems,
                rows.error(row, "ratio", "must be a percentage from 0 to 100 with a point for decimals (at most 4), e.g. 74.75"),
            ),
        },
        (numerator, denominator, None) => {
            let numerator = count(rows, row, "numerator", numerator, problems);
            let denominator = count(rows, row, "denominator", denominator, problems);
            let (numerator, denominator) = (numerator?, denominator?);
            if numerator > denominator {
                let reason = format!("numerator {numerator} is above its denominator {denominator}");
                return fail(problems, rows.error(row, "numerator", reason));
            }
            Some(Figure::Counts { numerator, denominator })
        }
    }
}

fn count(
    rows: &Rows,
    row: usize,
    column: &str,
    text: Option<&str>,
    problems: &mut Vec<InputError>,
) -> Option<u64> {
    let reason = match text {
        None => "required with the other count (numerator and denominator go together)",
        Some(t) if t.bytes().all(|b| b.is_ascii_digit()) && t.len() <= 15 => return t.parse().ok(),
        Some(_) => "must be a whole number, 0 or more, digits only",
    };
    fail(problems, rows.error(row, column, reason))
}

/// A percentage `0`–`100` with at most four decimals, in millionths of 1.
fn percent(text: &str) -> Option<u64> {
    let (whole, decimals) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 3
        || decimals.len() > 4
        || !digits(whole)
        || !digits(decimals)
    {
        return None;
    }
    let padded = format!("{decimals:0<4}");
    let millionths = whole.parse::<u64>().ok()? * 10_000 + padded.parse::<u64>().ok()?;
    (millionths <= 1_000_000).then_some(millionths)
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages_are_read_exactly() {
        assert_eq!(percent("74.75"), Some(747_500));
        assert_eq!(percent("100"), Some(1_000_000));
        assert_eq!(percent("0.0001"), Some(1));
        for bad in ["100.01", "74,75", "-1", ".5", "74.12345", "1e2", ""] {
            assert_eq!(percent(bad), None, "{bad}");
        }
    }
}
