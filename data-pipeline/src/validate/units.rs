//! `units.csv`: the unit tree. Every code is unique, every level known, and
//! every parent exists, is of a higher level and leads up to a province
//! without a cycle. Any problem fails the run: a wrong tree would put wrong
//! numbers on every level.

use super::Rows;
use crate::error::InputError;
use contract::Level;
use std::collections::HashMap;

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

/// Checks every row; any problem fails.
pub fn check(rows: &Rows) -> Result<Units, Vec<InputError>> {
    let mut problems = Vec::new();
    let mut units = listed(rows, &mut problems);
    link_parents(rows, &mut units, &mut problems);
    check_tree(rows, &units.list, &mut problems);
    if problems.is_empty() {
        Ok(units)
    } else {
        Err(problems)
    }
}

/// The units as listed (parents not yet linked), with their own problems:
/// an empty or repeated code, an empty name, an unknown level.
fn listed(rows: &Rows, problems: &mut Vec<InputError>) -> Units {
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
    Units { list, by_code }
}

/// Links each unit to its parent: none for a province, an existing unit
/// for the others.
fn link_parents(rows: &Rows, units: &mut Units, problems: &mut Vec<InputError>) {
    for (row, unit) in units.list.iter_mut().enumerate() {
        let parent = rows.get(row, "parent_code");
        match (unit.level, parent) {
            (Level::Province, None) => {}
            (Level::Province, Some(_)) => {
                problems.push(rows.error(row, "parent_code", "a province has no parent"))
            }
            (_, None) => {
                problems.push(rows.error(row, "parent_code", "required for a district or commune"))
            }
            (_, Some(p)) => match units.by_code.get(p) {
                None => problems.push(rows.error(
                    row,
                    "parent_code",
                    "dangling parent: no unit has this code",
                )),
                Some(&p) => unit.parent = Some(p),
            },
        }
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
