//! `units`: real unit catalogues out of the box, from the reference lists
//! embedded in the binary ([`crate::reference`]). A team starts from the
//! units in force on a day (`units.csv` as contract section 1 has it), or
//! from every version across 1 July 2025 with `unit_changes.csv`, for one
//! province or the whole country, instead of typing 3,000 communes.

use crate::error::{io, Error};
use crate::reference::{self, Catalogue, Change, Reference, Unit, EFFECTIVE_ON, LEGACY_UNTIL};
use crate::write::csv_cell;
use chrono::NaiveDate;
use contract::Level;
use std::path::{Path, PathBuf};

/// Which units to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// The units in force on this day, without validity columns.
    On(NaiveDate),
    /// Every version across the change, with `unit_changes.csv`.
    History,
}

const UNITS: &str = "units.csv";
const CHANGES: &str = "unit_changes.csv";
const UNIT_HEADER: &str = "unit_code,unit_name,level,parent_code";

/// Writes the catalogue into `out` and returns the report.
pub fn write_units(out: &Path, province: Option<&str>, when: When) -> Result<String, Error> {
    let reference = reference::embedded()?;
    let report = match when {
        When::On(day) => write_on(reference, out, province, day)?,
        When::History => write_history(reference, out, province)?,
    };
    Ok(format!("{report}source: {}", reference::SOURCE))
}

/// `--at DAY`: the units in force on that day.
fn write_on(
    r: &Reference,
    out: &Path,
    province: Option<&str>,
    day: NaiveDate,
) -> Result<String, Error> {
    let units = r
        .units_on(day, province)
        .ok_or_else(|| not_a_province(r, province.unwrap_or_default(), &format!("on {day}")))?;
    let mut text = format!("{UNIT_HEADER}\n");
    for unit in &units {
        text.push_str(&unit_row(unit, &[]));
    }
    let [path] = write_files(out, [(UNITS, text)])?;
    let mut report = format!(
        "wrote the units in force on {day} to {}: {}\n",
        path.display(),
        levels(&units)
    );
    if out.join(CHANGES).exists() {
        report.push_str(&format!(
            "warning: {} was left as it was; it belongs to a --history catalogue, not to these units\n",
            out.join(CHANGES).display()
        ));
    }
    Ok(report)
}

/// `--history`: every version of the units, and the changes between them.
fn write_history(r: &Reference, out: &Path, province: Option<&str>) -> Result<String, Error> {
    let catalogue = r.catalogue(province).ok_or_else(|| {
        let code = province.unwrap_or_default();
        let from = format!("from {}", change_day());
        let e = not_a_province(r, code, &from);
        Error::Usage(format!(
            "{e} (--history takes one of the 34 provinces {from})"
        ))
    })?;
    let [units, changes] = write_files(out, history_files(&catalogue))?;
    let mut report = format!(
        "wrote {} unit versions to {}: until {LEGACY_UNTIL} {}; from {EFFECTIVE_ON} {}; {} codes have both\n\
         wrote {} changes on {EFFECTIVE_ON} to {}: {}\n",
        catalogue.legacy.len() + catalogue.current.len(),
        units.display(),
        levels(&catalogue.legacy),
        levels(&catalogue.current),
        reused(&catalogue),
        catalogue.changes.len(),
        changes.display(),
        change_counts(&catalogue.changes),
    );
    report.push_str(&skipped(&catalogue));
    report.push_str(&without_successor(&catalogue));
    Ok(report)
}

/// The two files of a `--history` catalogue, named and as text:
/// `units.csv` with validity and `unit_changes.csv`. The demo samples write
/// these same bytes, so a sample's units are exactly what `units` gives.
pub(crate) fn history_files(c: &Catalogue) -> [(&'static str, String); 2] {
    [(UNITS, versions_csv(c)), (CHANGES, changes_csv(&c.changes))]
}

/// The usage error for a code that is not a province `when`, saying what
/// became of it when it is an old province that merged.
fn not_a_province(r: &Reference, code: &str, when: &str) -> Error {
    let mut message = format!("{code} is not a province {when}");
    let old = r.legacy_unit(code).filter(|u| u.level == Level::Province);
    if let Some((old, new)) = old.zip(r.merged_into(code)) {
        message.push_str(&format!(
            ": {} merged into {} {} on {}",
            old.name,
            new.code,
            new.name,
            change_day()
        ));
    }
    Error::Usage(message)
}

/// The day of the change as Vietnamese texts write it: 1/7/2025.
fn change_day() -> String {
    EFFECTIVE_ON.format("%-d/%-m/%Y").to_string()
}

/// One line of `units.csv`: the unit, then `validity` (none, or
/// `valid_from`, `valid_to`).
fn unit_row(unit: &Unit, validity: &[&str]) -> String {
    let cells = [
        unit.code.as_str(),
        &unit.name,
        unit.level.name(),
        &unit.parent,
    ];
    let mut row: Vec<String> = cells.iter().chain(validity).map(|c| csv_cell(c)).collect();
    row.last_mut().expect("cells").push('\n');
    row.join(",")
}

/// `units.csv` with `valid_from`, `valid_to`: the legacy units until
/// 30 June 2025, the new ones from 1 July 2025 (a reused code has both).
fn versions_csv(c: &Catalogue) -> String {
    let (until, from) = (LEGACY_UNTIL.to_string(), EFFECTIVE_ON.to_string());
    let mut text = format!("{UNIT_HEADER},valid_from,valid_to\n");
    for unit in &c.legacy {
        text.push_str(&unit_row(unit, &["", &until]));
    }
    for unit in &c.current {
        text.push_str(&unit_row(unit, &[&from, ""]));
    }
    text
}

/// `unit_changes.csv`.
fn changes_csv(changes: &[Change]) -> String {
    let mut text = String::from("old_code,new_code,effective_on\n");
    for c in changes {
        let cells = [&c.old.code, &c.new.code].map(|code| csv_cell(code));
        text.push_str(&format!("{},{},{EFFECTIVE_ON}\n", cells[0], cells[1]));
    }
    text
}

/// Writes each (name, text) into `dir` through a temporary file beside it,
/// renamed into place once every file is complete: a reader never sees half
/// a file, and a failed run leaves no temporary file behind.
fn write_files<const N: usize>(
    dir: &Path,
    files: [(&str, String); N],
) -> Result<[PathBuf; N], Error> {
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let pid = std::process::id();
    let staged = files
        .each_ref()
        .map(|(name, _)| dir.join(format!(".{name}.tmp-{pid}")));
    let result = stage_then_rename(dir, &files, &staged);
    if result.is_err() {
        staged
            .iter()
            .for_each(|temp| drop(std::fs::remove_file(temp)));
    }
    result
}

fn stage_then_rename<const N: usize>(
    dir: &Path,
    files: &[(&str, String); N],
    staged: &[PathBuf; N],
) -> Result<[PathBuf; N], Error> {
    for ((_, text), temp) in files.iter().zip(staged) {
        std::fs::write(temp, text).map_err(|e| io(temp, e))?;
    }
    let paths = files.each_ref().map(|(name, _)| dir.join(name));
    for (temp, path) in staged.iter().zip(&paths) {
        std::fs::rename(temp, path).map_err(|e| io(path, e))?;
    }
    Ok(paths)
}

/// "34 provinces, 0 districts, 3321 communes".
fn levels(units: &[&Unit]) -> String {
    let count = |level| units.iter().filter(|u| u.level == level).count();
    Level::ALL
        .map(|level| counted(count(level), level))
        .join(", ")
}

/// Changes by the level of the old unit, with how many old communes were divided.
fn change_counts(changes: &[Change]) -> String {
    let count = |level| changes.iter().filter(|c| c.old.level == level).count();
    let communes = changes.iter().filter(|c| c.old.level == Level::Commune);
    let mut seen = std::collections::HashMap::new();
    communes.for_each(|c| *seen.entry(&c.old.code).or_insert(0) += 1);
    let divided = seen.values().filter(|&&n| n > 1).count();
    format!(
        "{} from provinces, {} from communes ({} divided)",
        count(Level::Province),
        count(Level::Commune),
        counted(divided, Level::Commune),
    )
}

/// "1 province", "3321 communes".
fn counted(n: usize, level: Level) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{n} {}{s}", level.name())
}

/// How many codes name a unit on both sides of the change.
fn reused(c: &Catalogue) -> usize {
    let old: std::collections::HashSet<&str> = c.legacy.iter().map(|u| u.code.as_str()).collect();
    c.current
        .iter()
        .filter(|u| old.contains(u.code.as_str()))
        .count()
}

/// The report line for crosswalk pairs left out (empty when none).
fn skipped(c: &Catalogue) -> String {
    if c.skipped.is_empty() {
        return String::new();
    }
    let mut old: Vec<&str> = c.skipped.iter().map(|p| p.old_commune.as_str()).collect();
    old.dedup();
    let new: Vec<&str> = c.skipped.iter().map(|p| p.new_commune.as_str()).collect();
    format!(
        "skipped {} crosswalk pairs whose old code {} is not in the legacy list (see SOURCES.md): \
         no change row into {}\n",
        c.skipped.len(),
        old.join(", "),
        new.join(", ")
    )
}

/// The report lines for old units no change row leads from: the districts
/// (by design: a change links units of one level, and their pending
/// dossiers go to their new province), and any other (empty when none).
fn without_successor(c: &Catalogue) -> String {
    let ended: std::collections::HashSet<&str> =
        c.changes.iter().map(|ch| ch.old.code.as_str()).collect();
    let (districts, others): (Vec<&Unit>, Vec<&Unit>) = (c.legacy.iter())
        .filter(|u| !ended.contains(u.code.as_str()))
        .partition(|u| u.level == Level::District);
    let mut text = String::new();
    if !districts.is_empty() {
        text += &format!(
            "{}: no change rows (districts were abolished; the build counts their own pending dossiers at their new province)\n",
            counted(districts.len(), Level::District)
        );
    }
    if !others.is_empty() {
        let names: Vec<String> = others
            .iter()
            .map(|u| format!("{} {}", u.code, u.name))
            .collect();
        text += &format!(
            "note: {} other old units lead to no new unit in {CHANGES}: {}\n",
            others.len(),
            names.join(", ")
        );
    }
    text
}
