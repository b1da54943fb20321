//! `units.csv`: the unit tree, as unit *versions*. A row is one version of
//! a code, valid from `valid_from` to `valid_to` (inclusive, empty = open):
//! codes were reused on 1 July 2025, so a code names a territory only
//! together with a date. Versions of one code never overlap; every parent
//! is a version valid for the whole life of its child, of a higher level,
//! and leads up to a province without a cycle. Validity runs in whole
//! months, because every figure is monthly: the tree of a month is the tree
//! valid in it. Any problem fails the run: a wrong tree would put wrong
//! numbers on every level.
//!
//! What became of ended versions (`unit_changes.csv`), and the validated
//! catalogue ([`super::Units`]), are in [`super::versions`].

use super::dates::parse_date;
use super::Rows;
use crate::error::InputError;
use chrono::{Datelike, NaiveDate};
use contract::{Before, Level, Month, UnitInfo};
use std::collections::HashMap;

/// The month index of an open start or end.
pub const OPEN_START: i32 = i32::MIN;
pub const OPEN_END: i32 = i32::MAX;

pub struct Unit {
    /// The version id ([`UnitInfo::version_id`]).
    pub id: String,
    pub code: String,
    pub name: String,
    pub level: Level,
    pub parent: Option<usize>,
    /// First and last month valid, as month indexes ([`OPEN_START`] and
    /// [`OPEN_END`] when open).
    pub from: i32,
    pub to: i32,
    /// The versions it was formed from, and those that took its territory.
    pub predecessors: Vec<usize>,
    pub successors: Vec<usize>,
    pub before: Before,
    /// The province's holder of dossiers handed over by divided units.
    pub pool: bool,
}

impl Unit {
    pub fn valid_in(&self, month: i32) -> bool {
        self.from <= month && month <= self.to
    }

    /// The validity as months, `None` where open.
    pub fn valid_months(&self) -> (Option<Month>, Option<Month>) {
        let month = |m: i32, open: i32| (m != open).then(|| Month::from_index(m));
        (month(self.from, OPEN_START), month(self.to, OPEN_END))
    }
}

/// The positions of each code's versions in the list, oldest first.
pub type ByCode = HashMap<String, Vec<usize>>;

/// The versions of `units.csv`, each linked to its parent, and the
/// versions of each code; any problem fails.
pub fn check(rows: &Rows) -> Result<(Vec<Unit>, ByCode), Vec<InputError>> {
    let mut problems = Vec::new();
    let (mut list, by_code) = listed(rows, &mut problems);
    check_overlaps(rows, &list, &by_code, &mut problems);
    link_parents(rows, &mut list, &by_code, &mut problems);
    check_tree(rows, &list, &mut problems);
    match problems.is_empty() {
        true => Ok((list, by_code)),
        false => Err(problems),
    }
}

/// The versions as listed (parents not yet linked), with their own
/// problems: an empty code or name, an unknown level, a bad validity.
fn listed(rows: &Rows, problems: &mut Vec<InputError>) -> (Vec<Unit>, ByCode) {
    let mut by_code: HashMap<String, Vec<usize>> = HashMap::new();
    let mut list = Vec::new();
    for row in 0..rows.len() {
        let code = rows.get(row, "unit_code").unwrap_or_default();
        if code.is_empty() {
            problems.push(rows.error(row, "unit_code", "required value is empty"));
        } else {
            by_code.entry(code.to_string()).or_default().push(row);
        }
        if rows.get(row, "unit_name").is_none() {
            problems.push(rows.error(row, "unit_name", "required value is empty"));
        }
        let level = rows.get(row, "level").and_then(Level::parse);
        if level.is_none() {
            problems.push(rows.error(row, "level", "must be province, district or commune"));
        }
        let (valid_from, from, to) = validity(rows, row, problems);
        list.push(Unit {
            id: UnitInfo::version_id(code, valid_from),
            code: code.to_string(),
            name: rows.get(row, "unit_name").unwrap_or_default().to_string(),
            level: level.unwrap_or(Level::Commune),
            parent: None,
            from,
            to,
            predecessors: Vec::new(),
            successors: Vec::new(),
            before: Before::Nothing,
            pool: false,
        });
    }
    for versions in by_code.values_mut() {
        versions.sort_by_key(|&u| list[u].from);
    }
    (list, by_code)
}

/// `valid_from` (as given) and the first and last month valid.
fn validity(
    rows: &Rows,
    row: usize,
    problems: &mut Vec<InputError>,
) -> (Option<NaiveDate>, i32, i32) {
    let mut date = |column: &str, month_edge: fn(NaiveDate) -> bool, edge: &str| {
        let text = rows.get(row, column)?;
        let checked = parse_date(text).and_then(|day| match month_edge(day) {
            true => Ok(day),
            false => Err(format!(
                "must be the {edge} day of a month: every figure is monthly, so units change between months"
            )),
        });
        checked
            .map_err(|reason| problems.push(rows.error(row, column, reason)))
            .ok()
    };
    let from = date("valid_from", |d| d.day() == 1, "first");
    let to = date("valid_to", |d| Month::of(d).last_day() == d, "last");
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            problems.push(rows.error(row, "valid_to", format!("before valid_from {f}")));
        }
    }
    (
        from,
        from.map_or(OPEN_START, |d| Month::of(d).index()),
        to.map_or(OPEN_END, |d| Month::of(d).index()),
    )
}

/// "valid 2024-01 to 2025-06", for messages.
pub fn validity_text(unit: &Unit) -> String {
    match unit.valid_months() {
        (None, None) => "valid for all time".into(),
        (Some(f), None) => format!("valid from {f}"),
        (None, Some(t)) => format!("valid until {t}"),
        (Some(f), Some(t)) => format!("valid {f} to {t}"),
    }
}

/// Versions of one code must not overlap: a dossier's date must name one.
fn check_overlaps(rows: &Rows, list: &[Unit], by_code: &ByCode, problems: &mut Vec<InputError>) {
    for versions in by_code.values() {
        for pair in versions.windows(2) {
            let (earlier, later) = (&list[pair[0]], &list[pair[1]]);
            if later.from > earlier.to {
                continue;
            }
            let first = rows.lines[pair[0]];
            let reason = match (earlier.valid_months(), later.valid_months()) {
                ((None, None), (None, None)) => format!("duplicate unit_code (first on line {first})"),
                _ => format!(
                    "overlaps the version of this code on line {first} ({}): versions of a code must not overlap",
                    validity_text(earlier)
                ),
            };
            problems.push(rows.error(pair[1], "unit_code", reason));
        }
    }
}

/// Links each version to its parent: none for a province; for the others,
/// the version of `parent_code` valid for the child's whole life.
fn link_parents(rows: &Rows, list: &mut [Unit], by_code: &ByCode, problems: &mut Vec<InputError>) {
    for row in 0..list.len() {
        let parent = rows.get(row, "parent_code");
        let reason = match (list[row].level, parent) {
            (Level::Province, None) => continue,
            (Level::Province, Some(_)) => "a province has no parent".to_string(),
            (_, None) => "required for a district or commune".to_string(),
            (_, Some(p)) => match by_code.get(p) {
                None => "dangling parent: no unit has this code".to_string(),
                Some(versions) => {
                    let child = &list[row];
                    let covering = versions
                        .iter()
                        .copied()
                        .find(|&v| list[v].from <= child.from && child.to <= list[v].to);
                    match covering {
                        Some(v) => {
                            list[row].parent = Some(v);
                            continue;
                        }
                        None => format!(
                            "the parent is not valid for the whole life of this unit ({}; parent {})",
                            validity_text(child),
                            versions
                                .iter()
                                .map(|&v| validity_text(&list[v]))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    }
                }
            },
        };
        problems.push(rows.error(row, "parent_code", reason));
    }
}

/// No cycles, and every parent of a higher level than its child.
fn check_tree(rows: &Rows, list: &[Unit], problems: &mut Vec<InputError>) {
    for row in 0..rows.len() {
        if let Some(cycle) = cycle_from(list, row) {
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
