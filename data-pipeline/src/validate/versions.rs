//! The validated catalogue ([`Units`]): the unit versions of `units.csv`
//! with what became of those that ended (`unit_changes.csv`), and from it
//! which version holds a dossier in each month ([`Timeline`]).
//!
//! A dossier belongs to the version of its `unit_code` valid on the day it
//! was received. If that version ends while the dossier is still pending,
//! its *heir* holds it from then on: the one successor, when the old unit
//! went wholly into one; otherwise (divided, or ended without successor)
//! the province's pool of "dossiers from divided units". Nothing is ever
//! allocated by area or population, and every dossier is counted once in
//! every month.

use super::rows::Rows;
use super::units::{validity_text, ByCode, Unit, OPEN_END, OPEN_START};
use crate::error::InputError;
use chrono::Datelike;
use contract::{Before, Level, Month};
use polars::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// The name of a province's pool of dossiers from divided units.
pub const POOL_NAME: &str = "Hồ sơ từ đơn vị bị chia tách";

/// The validated unit versions, in the order of `units.csv` (pools last),
/// with what became of those that ended.
pub struct Units {
    pub list: Vec<Unit>,
    /// The versions of each code, oldest first.
    pub by_code: ByCode,
    /// Which version holds a dossier in which month.
    pub timeline: Timeline,
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

    /// The version of `code` valid in the month `month` (an index).
    pub fn version_at(&self, code: &str, month: i32) -> Option<usize> {
        let versions = self.by_code.get(code)?;
        versions
            .iter()
            .copied()
            .find(|&u| self.list[u].valid_in(month))
    }

    /// The latest version of `code`.
    pub fn latest(&self, code: &str) -> Option<usize> {
        self.by_code.get(code)?.last().copied()
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

/// Links the changes, classifies each version's history and works out
/// who holds whose dossiers when.
pub fn link(
    mut list: Vec<Unit>,
    by_code: ByCode,
    changes: Option<&Rows>,
) -> Result<Units, Vec<InputError>> {
    let mut problems = Vec::new();
    let first_rows = match changes {
        Some(rows) => link_changes(rows, &mut list, &by_code, &mut problems),
        None => HashMap::new(),
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    classify_history(&mut list);
    let mut units = Units {
        list,
        by_code,
        timeline: Timeline::default(),
    };
    let heirs = heirs(&mut units).map_err(|(unit, reason)| {
        let rows = changes.expect("only changes can divide a unit");
        vec![rows.error(first_rows[&unit], "old_code", reason)]
    })?;
    units.timeline = Timeline::new(&units, &heirs);
    Ok(units)
}

/// Each change row links an old version (ending the day before
/// `effective_on`) to a new one (starting on it). Returns the first row of
/// each old version, for messages about it.
fn link_changes(
    rows: &Rows,
    list: &mut [Unit],
    by_code: &ByCode,
    problems: &mut Vec<InputError>,
) -> HashMap<usize, usize> {
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    let mut first_rows = HashMap::new();
    for row in 0..rows.len() {
        let Some(month) = effective_month(rows, row, problems) else {
            continue;
        };
        let old = version(rows, row, "old_code", by_code, list, |u| u.to == month - 1);
        let new = version(rows, row, "new_code", by_code, list, |u| u.from == month);
        let (old, new) = match (old, new) {
            (Ok(old), Ok(new)) => (old, new),
            (old, new) => {
                problems.extend([old.err(), new.err()].into_iter().flatten());
                continue;
            }
        };
        if list[old].level != list[new].level {
            let reason = format!(
                "a {} cannot become a {}: a change links units of one level (a district's territory is told by its communes' changes)",
                list[old].level, list[new].level
            );
            problems.push(rows.error(row, "new_code", reason));
            continue;
        }
        if let Some(first) = seen.insert((old, new), row) {
            let reason = format!("repeated change (first on line {})", rows.lines[first]);
            problems.push(rows.error(row, "new_code", reason));
            continue;
        }
        first_rows.entry(old).or_insert(row);
        list[old].successors.push(new);
        list[new].predecessors.push(old);
    }
    first_rows
}

/// `effective_on` as a month index: a first day of a month.
fn effective_month(rows: &Rows, row: usize, problems: &mut Vec<InputError>) -> Option<i32> {
    let Some(text) = rows.get(row, "effective_on") else {
        problems.push(rows.error(row, "effective_on", "required value is empty"));
        return None;
    };
    match super::dates::parse_date(text) {
        Ok(day) if day.day() == 1 => Some(Month::of(day).index()),
        Ok(_) => {
            let reason = "must be the first day of a month: units change between months";
            problems.push(rows.error(row, "effective_on", reason));
            None
        }
        Err(reason) => {
            problems.push(rows.error(row, "effective_on", reason));
            None
        }
    }
}

/// The version of the code in `column` that `fits` the change.
fn version(
    rows: &Rows,
    row: usize,
    column: &str,
    by_code: &ByCode,
    list: &[Unit],
    fits: impl Fn(&Unit) -> bool,
) -> Result<usize, InputError> {
    let Some(code) = rows.get(row, column) else {
        return Err(rows.error(row, column, "required value is empty"));
    };
    let Some(versions) = by_code.get(code) else {
        return Err(rows.error(row, column, "unknown unit: not in units.csv"));
    };
    versions
        .iter()
        .copied()
        .find(|&u| fits(&list[u]))
        .ok_or_else(|| {
            let side = match column {
                "old_code" => "ends the day before effective_on",
                _ => "starts on effective_on",
            };
            let known: Vec<String> = versions.iter().map(|&u| validity_text(&list[u])).collect();
            let reason = format!(
                "no version of this unit {side} (it is {})",
                known.join("; ")
            );
            rows.error(row, column, reason)
        })
}

/// [`Before`] of every version with predecessors: combined when each went
/// wholly into it (and is itself comparable), not comparable otherwise.
fn classify_history(list: &mut [Unit]) {
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by_key(|&u| list[u].from);
    for u in order {
        if list[u].predecessors.is_empty() {
            continue;
        }
        let mut divided = BTreeSet::new();
        for &p in &list[u].predecessors {
            if list[p].successors.len() > 1 {
                divided.insert(list[p].id.clone());
            }
            if let Before::NotComparable { divided: earlier } = &list[p].before {
                divided.extend(earlier.iter().cloned());
            }
        }
        list[u].before = match divided.is_empty() {
            true => Before::Combined,
            false => Before::NotComparable {
                divided: divided.into_iter().collect(),
            },
        };
    }
}

/// The heir of every version that ends: the one successor of a unit that
/// went wholly into it; otherwise the pool of the province that took the
/// territory (created here). Provinces first, so a unit that ended without
/// successor can follow its province. An error names the version and why.
fn heirs(units: &mut Units) -> Result<Vec<Option<usize>>, (usize, String)> {
    let mut order: Vec<usize> = (0..units.list.len()).collect();
    order.sort_by_key(|&u| (units.list[u].level != Level::Province, units.list[u].from));
    let mut heirs = vec![None; units.list.len()];
    for u in order {
        heirs[u] = heir(units, &heirs, u)?;
    }
    // Pools end with their province: their dossiers go to the next pool
    // (which may be created here, and is then looked at in turn).
    let mut u = 0;
    while u < units.list.len() {
        heirs.resize(units.list.len(), None);
        if units.list[u].pool {
            let province = units.list[u].parent.expect("a pool has a province");
            let next = heirs[province].map(|p| pool_of(units, p));
            heirs.resize(units.list.len(), None);
            heirs[u] = next;
        }
        u += 1;
    }
    Ok(heirs)
}

fn heir(
    units: &mut Units,
    heirs: &[Option<usize>],
    u: usize,
) -> Result<Option<usize>, (usize, String)> {
    let unit = &units.list[u];
    if unit.to == OPEN_END {
        return Ok(None);
    }
    match unit.successors.as_slice() {
        [one] => Ok(Some(*one)),
        [] if unit.level == Level::Province => Ok(None),
        [] => {
            // Ended without successor: its province, or the province's heir.
            let after = unit.to + 1;
            let mut province = Some(units.province(u));
            while let Some(p) = province.filter(|&p| !units.list[p].valid_in(after)) {
                province = heirs[p];
            }
            Ok(province.map(|p| pool_of(units, p)))
        }
        divided => {
            let provinces: BTreeSet<usize> = divided.iter().map(|&s| units.province(s)).collect();
            match provinces.into_iter().collect::<Vec<_>>().as_slice() {
                [p] => Ok(Some(pool_of(units, *p))),
                several => Err((
                    u,
                    format!(
                        "divided between units of {} provinces ({}): its pending dossiers would have no province to be counted in",
                        several.len(),
                        several.iter().map(|&p| units.list[p].code.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                )),
            }
        }
    }
}

/// The province's pool of dossiers from divided units, created on first use.
fn pool_of(units: &mut Units, province: usize) -> usize {
    let p = &units.list[province];
    let id = format!("{}~divided", p.id);
    if let Some(existing) = units.list.iter().position(|u| u.id == id) {
        return existing;
    }
    let pool = Unit {
        id,
        code: format!("{}~divided", p.code),
        name: POOL_NAME.into(),
        level: Level::Commune,
        parent: Some(province),
        from: p.from,
        to: p.to,
        predecessors: Vec::new(),
        successors: Vec::new(),
        before: Before::Nothing,
        pool: true,
    };
    units.list.push(pool);
    units.list.len() - 1
}

/// Which version holds what, month by month. The months are cut into
/// *epochs* at every start and end of a version (in real data one cut:
/// July 2025); within an epoch nothing changes, so two small tables, by
/// version and epoch, answer every question with one look-up per dossier.
#[derive(Default)]
pub struct Timeline {
    /// Month indexes where a version starts or the month after one ends.
    cuts: Vec<i32>,
    /// By version × epoch: the version holding its dossiers.
    owners: Vec<Option<u32>>,
    /// By first version of a code × epoch: the code's version valid then.
    versions: Vec<Option<u32>>,
}

impl Timeline {
    fn new(units: &Units, heirs: &[Option<usize>]) -> Timeline {
        let list = &units.list;
        let cuts: BTreeSet<i32> = list
            .iter()
            .flat_map(|u| [u.from, u.to.saturating_add(1)])
            .filter(|&m| m != OPEN_START && m != OPEN_END)
            .collect();
        let mut timeline = Timeline {
            cuts: cuts.into_iter().collect(),
            ..Timeline::default()
        };
        let epochs = timeline.epochs();
        let month: Vec<i32> = (0..epochs).map(|e| timeline.first_month_of(e)).collect();
        timeline.owners = (0..list.len() * epochs)
            .map(|i| owner(list, heirs, i / epochs, month[i % epochs]).map(|v| v as u32))
            .collect();
        let mut versions = vec![None; list.len() * epochs];
        for code_versions in units.by_code.values() {
            for e in 0..epochs {
                let valid = code_versions.iter().find(|&&v| list[v].valid_in(month[e]));
                versions[code_versions[0] * epochs + e] = valid.map(|&v| v as u32);
            }
        }
        timeline.versions = versions;
        timeline
    }

    /// True without any change: every code is one version for all time.
    pub fn is_static(&self) -> bool {
        self.cuts.is_empty()
    }

    pub fn epochs(&self) -> usize {
        self.cuts.len() + 1
    }

    /// The month indexes where units changed, in order.
    pub fn cuts(&self) -> &[i32] {
        &self.cuts
    }

    fn epoch(&self, month: i32) -> usize {
        self.cuts.partition_point(|&c| c <= month)
    }

    /// A month inside epoch `e`.
    fn first_month_of(&self, e: usize) -> i32 {
        match e {
            0 => self.cuts.first().map_or(0, |c| c - 1),
            _ => self.cuts[e - 1],
        }
    }

    /// The version holding the dossiers of `unit` in month `month`.
    pub fn owner(&self, unit: usize, month: i32) -> Option<usize> {
        self.owners[unit * self.epochs() + self.epoch(month)].map(|v| v as usize)
    }

    /// [`Timeline::owner`] as a frame expression (the unit itself when
    /// nothing ever changed).
    pub fn owner_expr(&self, unit: Expr, month: Expr) -> Expr {
        self.look_up(&self.owners, unit, month)
    }

    /// The version valid in `month` of the code whose first version is
    /// `first_version`.
    pub fn version_expr(&self, first_version: Expr, month: Expr) -> Expr {
        self.look_up(&self.versions, first_version, month)
    }

    fn look_up(&self, table: &[Option<u32>], unit: Expr, month: Expr) -> Expr {
        if self.is_static() {
            return unit;
        }
        let epoch = self
            .cuts
            .iter()
            .map(|&c| month.clone().gt_eq(lit(c)).cast(DataType::Int32))
            .reduce(|a, b| a + b)
            .expect("a cut");
        let index = (unit * lit(self.epochs() as i32) + epoch).cast(IDX_DTYPE);
        let table: Series = table.iter().map(|v| v.map(|v| v as i32)).collect();
        lit(table).gather(index, false)
    }
}

/// The version holding `unit`'s dossiers in `month`: itself while valid,
/// then its heirs; none before it started.
fn owner(list: &[Unit], heirs: &[Option<usize>], unit: usize, month: i32) -> Option<usize> {
    let mut at = unit;
    while !list[at].valid_in(month) {
        if month < list[at].from {
            return None;
        }
        at = heirs[at]?;
    }
    Some(at)
}
