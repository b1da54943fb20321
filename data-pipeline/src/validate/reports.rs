//! `reports.csv`: Form 06 aggregate reports (Biểu số 06, Circular
//! 01/2020/TT-VPCP). Units that keep no dossier export send one row per
//! month; the rows are few (units × months), so they are checked one by one
//! and become records that `compute` merges with those derived from
//! dossiers. Any problem fails the run: a report is a whole unit-month, and
//! there is no smaller piece to set aside.

use super::dates::PLAUSIBLE_YEARS;
use super::{Rows, Units};
use crate::error::{Error, InputError};
use crate::read::{Table, REPORT_COLUMNS};
use contract::columns::{RECV_MONTH, RES_MONTH, UNIT};
use contract::{Count, Counts, Month};
use polars::prelude::*;
use std::collections::{HashMap, HashSet};

/// The fields Form 06 cannot give: null in its records, never 0.
/// (`level3_services` and `level4_services` come from the procedure
/// catalogue, whatever the unit sends.)
pub const NOT_IN_FORM_06: [Count; 7] = [
    Count::ReceivedPostal,
    Count::LateWithApology,
    Count::RatedTotal,
    Count::RatedSatisfied,
    Count::Level3Dossiers,
    Count::Level4Dossiers,
    Count::ServicesUsed,
];

/// A larger count in one unit-month is a typo, not a report.
const PLAUSIBLE_COUNT: u64 = 1_000_000_000;

/// One unit's own counts for one month, as reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub unit: usize,
    pub month: Month,
    pub line: u64,
    /// The fields of [`NOT_IN_FORM_06`] are `None`.
    pub counts: Counts,
}

/// The valid reports, without identical copies.
pub struct Reports {
    pub list: Vec<Report>,
    pub read: u64,
    pub duplicates: u64,
    /// Non-fatal findings for the report, such as a `carried_over` that
    /// differs from the previous month's pending total.
    pub warnings: Vec<String>,
}

/// A total column of the form and the parts it must equal.
const TOTALS: [(&str, Count, [&str; 3]); 3] = [
    (
        "received_total",
        Count::ReceivedTotal,
        ["received_online", "received_offline", ""],
    ),
    (
        "resolved_total",
        Count::ResolvedTotal,
        ["resolved_early", "resolved_on_time", "resolved_late"],
    ),
    (
        "pending_total",
        Count::PendingTotal,
        ["pending_within", "pending_overdue", ""],
    ),
];

/// Checks every row, then that no unit-month comes both from dossiers (the
/// validated `dossiers` frame) and from a report.
pub fn check(table: &Table, units: &Units, dossiers: &DataFrame) -> Result<Reports, Error> {
    let rows = Rows::from_table(table, &REPORT_COLUMNS)?;
    let reports = checked_rows(&rows, units).map_err(Error::Input)?;
    if !reports.list.is_empty() {
        check_overlap(&rows.file, &reports, &dossier_months(dossiers)?)?;
    }
    Ok(reports)
}

/// The valid reports, without identical copies; any problem fails.
fn checked_rows(rows: &Rows, units: &Units) -> Result<Reports, Vec<InputError>> {
    let mut problems = Vec::new();
    let mut list: Vec<Report> = Vec::new();
    let mut seen: HashMap<(usize, Month), usize> = HashMap::new();
    let mut duplicates = 0;
    for row in 0..rows.len() {
        let Some(report) = report(rows, row, units, &mut problems) else {
            continue;
        };
        match seen.get(&(report.unit, report.month)) {
            Some(&first) if list[first].counts == report.counts => duplicates += 1,
            Some(&first) => problems.push(rows.error(
                row,
                "month",
                format!(
                    "a different report for this unit and month is on line {}",
                    list[first].line
                ),
            )),
            None => {
                seen.insert((report.unit, report.month), list.len());
                list.push(report);
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let warnings = carried_over_warnings(&rows.file, &list, &seen, units);
    Ok(Reports {
        list,
        read: rows.len() as u64,
        duplicates,
        warnings,
    })
}

/// One row as a report, or `None` with its problems recorded.
fn report(
    rows: &Rows,
    row: usize,
    units: &Units,
    problems: &mut Vec<InputError>,
) -> Option<Report> {
    let before = problems.len();
    let month = month(rows, row, problems);
    let unit = unit(rows, row, units, month, problems);
    let counts = counts(rows, row, problems);
    check_totals(rows, row, &counts, problems);
    (problems.len() == before).then_some(Report {
        unit: unit?,
        month: month?,
        line: rows.lines[row],
        counts,
    })
}

/// The reporting unit: the version of its code valid on the first day of
/// the month reported.
pub(super) fn unit(
    rows: &Rows,
    row: usize,
    units: &Units,
    month: Option<Month>,
    problems: &mut Vec<InputError>,
) -> Option<usize> {
    let reason = match (rows.get(row, "unit_code"), month) {
        (None, _) => "required value is empty",
        (Some(code), _) if !units.by_code.contains_key(code) => "unknown unit: not in units.csv",
        (Some(_), None) => return None,
        (Some(code), Some(month)) => match units.version_at(code, month.index()) {
            Some(unit) => return Some(unit),
            None => "no version of this unit is valid in the month reported (valid_from/valid_to in units.csv)",
        },
    };
    fail(problems, rows.error(row, "unit_code", reason))
}

/// The counts the form gives (its totals as the sums of their parts), and
/// `None` for those of [`NOT_IN_FORM_06`].
fn counts(rows: &Rows, row: usize, problems: &mut Vec<InputError>) -> Counts {
    let mut value = |column: &str| count(rows, row, column, true, problems);
    let online = value("received_online");
    let offline = value("received_offline");
    let [early, on_time, late] =
        ["resolved_early", "resolved_on_time", "resolved_late"].map(&mut value);
    let within = value("pending_within");
    let overdue = value("pending_overdue");
    let carried_over = value("carried_over");
    let mut counts = Counts::zero();
    for field in NOT_IN_FORM_06 {
        counts[field] = None;
    }
    counts[Count::CarriedOver] = carried_over;
    counts[Count::ReceivedOnline] = online;
    counts[Count::ResolvedEarly] = early;
    counts[Count::ResolvedOnTime] = on_time;
    counts[Count::ResolvedLate] = late;
    counts[Count::PendingOverdue] = overdue;
    counts[Count::ReceivedTotal] = online.zip(offline).map(|(a, b)| a + b);
    counts[Count::ResolvedTotal] = early.zip(on_time).zip(late).map(|((a, b), c)| a + b + c);
    counts[Count::PendingTotal] = within.zip(overdue).map(|(a, b)| a + b);
    counts
}

/// A total the form gives (optional) must equal the sum of its parts.
fn check_totals(rows: &Rows, row: usize, counts: &Counts, problems: &mut Vec<InputError>) {
    for (column, field, parts) in TOTALS {
        let (Some(total), Some(sum)) = (count(rows, row, column, false, problems), counts[field])
        else {
            continue;
        };
        if total != sum {
            let parts = parts.iter().filter(|p| !p.is_empty()).copied();
            let reason = format!(
                "{column} {total} does not equal the sum of its parts ({} = {sum})",
                parts.collect::<Vec<_>>().join(" + ")
            );
            problems.push(rows.error(row, column, reason));
        }
    }
}

pub(super) fn fail<T>(problems: &mut Vec<InputError>, problem: InputError) -> Option<T> {
    problems.push(problem);
    None
}

/// `YYYY-MM` within the plausible years.
pub(super) fn month(rows: &Rows, row: usize, problems: &mut Vec<InputError>) -> Option<Month> {
    let Some(text) = rows.get(row, "month") else {
        return fail(
            problems,
            rows.error(row, "month", "required value is empty"),
        );
    };
    match Month::parse(text) {
        Some(m) if PLAUSIBLE_YEARS.contains(&m.year()) => Some(m),
        Some(_) => fail(
            problems,
            rows.error(
                row,
                "month",
                format!(
                    "implausible month: the year must be between {} and {}",
                    PLAUSIBLE_YEARS.start(),
                    PLAUSIBLE_YEARS.end()
                ),
            ),
        ),
        None => fail(
            problems,
            rows.error(row, "month", "not a valid month (expected YYYY-MM)"),
        ),
    }
}

/// A count cell: a whole number from 0 to [`PLAUSIBLE_COUNT`], digits only
/// (`1.234` and `1,234` are ambiguous between locales, so both are refused).
fn count(
    rows: &Rows,
    row: usize,
    column: &str,
    required: bool,
    problems: &mut Vec<InputError>,
) -> Option<u64> {
    let Some(text) = rows.get(row, column) else {
        if required {
            problems.push(rows.error(row, column, "required value is empty"));
        }
        return None;
    };
    let reason = if !text.bytes().all(|b| b.is_ascii_digit()) {
        "must be a whole number of dossiers, 0 or more, digits only".to_string()
    } else {
        match text.parse::<u64>() {
            Ok(n) if n <= PLAUSIBLE_COUNT => return Some(n),
            _ => format!("implausibly large: more than {PLAUSIBLE_COUNT} dossiers in one month"),
        }
    };
    fail(problems, rows.error(row, column, reason))
}

/// Form 06's "carried over from the previous period" should be the previous
/// month's pending total; a difference is worth a look, not a failure.
fn carried_over_warnings(
    file: &str,
    list: &[Report],
    index: &HashMap<(usize, Month), usize>,
    units: &Units,
) -> Vec<String> {
    let mut warnings = Vec::new();
    for report in list {
        let Some(&before) = index.get(&(report.unit, report.month.plus(-1))) else {
            continue;
        };
        let (carried, pending) = (
            report.counts[Count::CarriedOver],
            list[before].counts[Count::PendingTotal],
        );
        if carried != pending {
            warnings.push(format!(
                "{file}, line {}: unit {} carried_over {} differs from pending_total {} \
                 reported for {} (line {})",
                report.line,
                units.list[report.unit].code,
                carried.unwrap_or(0),
                pending.unwrap_or(0),
                list[before].month,
                list[before].line
            ));
        }
    }
    warnings
}

/// The unit-months that have a dossier received or resolved: a report for
/// one of them would count it twice. One pass over the rows into a grid of
/// units × months (millions of rows, thousands of distinct pairs).
pub fn dossier_months(dossiers: &DataFrame) -> Result<HashSet<(usize, Month)>, Error> {
    let units = dossiers.column(UNIT)?.i32()?;
    let received = dossiers.column(RECV_MONTH)?.i32()?;
    let resolved = dossiers.column(RES_MONTH)?.i32()?;
    let first = received.min().into_iter().chain(resolved.min()).min();
    let last = received.max().into_iter().chain(resolved.max()).max();
    let (Some(first), Some(last), Some(count)) = (first, last, units.max()) else {
        return Ok(HashSet::new());
    };
    let span = (last - first + 1) as usize;
    let mut seen = vec![false; (count as usize + 1) * span];
    let rows = units.iter().zip(received.iter()).zip(resolved.iter());
    for ((unit, received), resolved) in rows {
        let Some(unit) = unit else { continue };
        for month in [received, resolved].into_iter().flatten() {
            seen[unit as usize * span + (month - first) as usize] = true;
        }
    }
    Ok((0..seen.len())
        .filter(|&cell| seen[cell])
        .map(|cell| (cell / span, Month::from_index(first + (cell % span) as i32)))
        .collect())
}

/// A report for a unit-month that also has dossiers is an error.
fn check_overlap(
    file: &str,
    reports: &Reports,
    dossier_months: &HashSet<(usize, Month)>,
) -> Result<(), Error> {
    let problems: Vec<InputError> = reports
        .list
        .iter()
        .filter(|r| dossier_months.contains(&(r.unit, r.month)))
        .map(|r| {
            InputError::cell(
                file,
                r.line,
                "month",
                Some(&r.month.to_string()),
                "this unit also has dossiers received or resolved in this month: \
                 a unit-month comes from the dossier export or from a report, not both \
                 (it would be counted twice)",
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(problems))
    }
}
