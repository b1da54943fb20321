//! Parsing and checking the embedded lists. They are plain CSV without
//! quoted cells (no name holds a comma), so a record is one line split at
//! commas; a quote is refused rather than read wrongly. Every check that
//! the rest of the pipeline relies on (unique codes, parents that exist,
//! one new province per old one) is made here, once.

use super::{Pair, Reference, Unit, CROSSWALK_FILE, CURRENT_FILE, LEGACY_FILE};
use crate::error::InputError;
use contract::Level;
use std::collections::{BTreeMap, HashMap};

/// One record: its line (the header is line 1) and its cells in the order
/// the caller asked for them.
struct Record<'t> {
    line: u64,
    cells: Vec<&'t str>,
}

impl Reference {
    /// Parses and checks the three lists (the texts of `units-legacy.csv`,
    /// `units-2025.csv` and `crosswalk-2025.csv`).
    pub fn parse(legacy: &str, current: &str, crosswalk: &str) -> Result<Reference, InputError> {
        let legacy = units(LEGACY_FILE, legacy, false)?;
        let current = units(CURRENT_FILE, current, true)?;
        let legacy_index = index(LEGACY_FILE, &legacy)?;
        let current_index = index(CURRENT_FILE, &current)?;
        let crosswalk = pairs(crosswalk)?;
        let mut reference = Reference {
            legacy,
            current,
            crosswalk,
            legacy_index,
            current_index,
            merged_into: BTreeMap::new(),
        };
        reference.check_pairs()?;
        reference.merged_into = reference.merged_provinces()?;
        Ok(reference)
    }

    /// Every pair's new commune is a 2025 commune of its new province, and
    /// every known old commune lies in its old province.
    fn check_pairs(&self) -> Result<(), InputError> {
        for (i, pair) in self.crosswalk.iter().enumerate() {
            let new = self.current_unit(&pair.new_commune);
            if new.is_none_or(|u| u.level != Level::Commune) {
                return Err(pair_error(i, "not a commune of units-2025.csv"));
            }
            if new.is_some_and(|u| self.current_province(u) != pair.new_province) {
                return Err(pair_error(i, "the new commune is not in new_province_code"));
            }
            let old = self.legacy_unit(&pair.old_commune);
            if old.is_some_and(|u| self.legacy_province(u) != pair.old_province) {
                return Err(pair_error(i, "the old commune is not in old_province_code"));
            }
        }
        Ok(())
    }

    /// The new province of each old province, from the crosswalk's province
    /// codes. Provinces merged whole, so each has exactly one; anything else
    /// would split an old province's history between two new ones.
    fn merged_provinces(&self) -> Result<BTreeMap<String, String>, InputError> {
        let mut merged: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for pair in self.crosswalk.iter().filter(|p| self.is_known(p)) {
            let new = merged.entry(&pair.old_province).or_default();
            if !new.contains(&pair.new_province.as_str()) {
                new.push(&pair.new_province);
            }
        }
        let provinces = self.legacy.iter().filter(|u| u.level == Level::Province);
        provinces
            .map(|p| match merged.get(p.code.as_str()).map(Vec::as_slice) {
                Some([new]) => Ok((p.code.clone(), new.to_string())),
                new => Err(InputError::file(
                    CROSSWALK_FILE,
                    format!(
                        "old province {} {} must have merged into exactly one new province, not {:?}",
                        p.code,
                        p.name,
                        new.unwrap_or_default()
                    ),
                )),
            })
            .collect()
    }
}

fn pair_error(index: usize, reason: &str) -> InputError {
    InputError::cell(
        CROSSWALK_FILE,
        index as u64 + 2,
        "new_commune_code",
        None,
        reason,
    )
}

/// The records of `text`, with the cells of `columns` (which its header
/// must name) in that order.
fn records<'t>(file: &str, text: &'t str, columns: &[&str]) -> Result<Vec<Record<'t>>, InputError> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let positions = columns
        .iter()
        .map(|c| {
            header
                .iter()
                .position(|h| h == c)
                .ok_or_else(|| InputError::cell(file, 1, c, None, "required column is missing"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    lines
        .enumerate()
        .map(|(i, text)| {
            let line = i as u64 + 2;
            let cells: Vec<&str> = text.split(',').collect();
            if text.contains('"') || cells.len() != header.len() {
                let reason = format!("expected {} unquoted cells", header.len());
                return Err(InputError::file(file, format!("line {line}: {reason}")));
            }
            let cells = positions.iter().map(|&p| cells[p]).collect();
            Ok(Record { line, cells })
        })
        .collect()
}

/// The units of a list; `population` for the 2025 list.
fn units(file: &str, text: &str, population: bool) -> Result<Vec<Unit>, InputError> {
    let mut columns = vec!["unit_code", "unit_name", "level", "parent_code"];
    if population {
        columns.push("population");
    }
    records(file, text, &columns)?
        .iter()
        .map(|r| unit(file, r))
        .collect()
}

fn unit(file: &str, record: &Record) -> Result<Unit, InputError> {
    let cells = &record.cells;
    let error = |column: &str, value: &str, reason: &str| {
        InputError::cell(file, record.line, column, Some(value), reason)
    };
    let level = Level::parse(cells[2])
        .ok_or_else(|| error("level", cells[2], "not province, district or commune"))?;
    let population = match cells.get(4) {
        None | Some(&"") => None,
        Some(n) => Some(
            n.parse()
                .map_err(|_| error("population", n, "not a number"))?,
        ),
    };
    Ok(Unit {
        code: cells[0].to_string(),
        name: cells[1].to_string(),
        level,
        parent: cells[3].to_string(),
        population,
    })
}

/// Code → position; every code unique, every parent a unit of a higher
/// level in the same list (so walking up to the province always ends).
fn index(file: &str, units: &[Unit]) -> Result<HashMap<String, usize>, InputError> {
    let mut index = HashMap::with_capacity(units.len());
    for (i, unit) in units.iter().enumerate() {
        if index.insert(unit.code.clone(), i).is_some() {
            return Err(unit_error(
                file,
                i,
                "unit_code",
                &unit.code,
                "repeated code",
            ));
        }
    }
    for (i, unit) in units.iter().enumerate() {
        let parent = index.get(&unit.parent).map(|&p| &units[p]);
        let fits = match unit.level {
            Level::Province => unit.parent.is_empty(),
            _ => parent.is_some_and(|p| p.level < unit.level),
        };
        if !fits {
            let reason = "not the code of a unit of a higher level";
            return Err(unit_error(file, i, "parent_code", &unit.parent, reason));
        }
    }
    Ok(index)
}

fn unit_error(file: &str, index: usize, column: &str, value: &str, reason: &str) -> InputError {
    InputError::cell(file, index as u64 + 2, column, Some(value), reason)
}

fn pairs(text: &str) -> Result<Vec<Pair>, InputError> {
    let columns = [
        "old_commune_code",
        "new_commune_code",
        "old_province_code",
        "new_province_code",
        "old_commune_divided",
    ];
    records(CROSSWALK_FILE, text, &columns)?
        .iter()
        .map(|r| {
            let divided = match r.cells[4] {
                "true" => true,
                "false" => false,
                other => {
                    let reason = "not true or false";
                    let column = columns[4];
                    return Err(InputError::cell(
                        CROSSWALK_FILE,
                        r.line,
                        column,
                        Some(other),
                        reason,
                    ));
                }
            };
            Ok(Pair {
                old_commune: r.cells[0].to_string(),
                new_commune: r.cells[1].to_string(),
                old_province: r.cells[2].to_string(),
                new_province: r.cells[3].to_string(),
                old_commune_divided: divided,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEGACY: &str = "unit_code,unit_name,level,parent_code\r\n\
                          26,Tỉnh A,province,\r\n\
                          244,Huyện B,district,26\r\n\
                          08869,Xã C,commune,244\r\n";
    const CURRENT: &str = "unit_code,unit_name,level,parent_code,population\n\
                           25,Tỉnh D,province,,\n\
                           08869,Xã C,commune,25,1200\n\
                           08870,Xã E,commune,25,\n";
    const HEADER: &str = "old_commune_code,new_commune_code,old_province_code,new_province_code,old_commune_divided\n";

    fn parsed(legacy: &str, current: &str, pairs: &str) -> Result<Reference, String> {
        Reference::parse(legacy, current, &format!("{HEADER}{pairs}")).map_err(|e| e.to_string())
    }

    #[test]
    fn a_small_consistent_set_parses() {
        let pairs = "08869,08869,26,25,true\n08869,08870,26,25,true\n00000,08870,26,25,true\n";
        let r = parsed(LEGACY, CURRENT, pairs).unwrap();
        assert_eq!(r.legacy.len(), 3);
        assert_eq!(r.population("08869"), Some(1200));
        assert_eq!(r.population("08870"), None);
        assert_eq!(r.merged_into("26").unwrap().code, "25");
        assert!(!r.is_known(&r.crosswalk[2]));
    }

    #[test]
    fn an_old_province_merged_into_two_is_an_error() {
        let current = format!("{CURRENT}79,Tỉnh F,province,,\n26734,Xã G,commune,79,\n");
        let pairs = "08869,08869,26,25,true\n08869,26734,26,79,true\n";
        let error = parsed(LEGACY, &current, pairs).unwrap_err();
        assert_eq!(
            error,
            "crosswalk-2025.csv: old province 26 Tỉnh A must have merged into exactly one new \
             province, not [\"25\", \"79\"]"
        );
        let error = parsed(LEGACY, CURRENT, "").unwrap_err();
        assert!(error.ends_with("not []"), "{error}");
    }

    #[test]
    fn broken_lists_are_errors_naming_the_line() {
        let pairs = "08869,08869,26,25,false\n";
        let cases = [
            (
                LEGACY.replace("244,Huyện B", "\"244\",Huyện B"),
                "units-legacy.csv: line 3: expected 4 unquoted cells",
            ),
            (
                LEGACY.replace(",district,", ",huyện,"),
                "units-legacy.csv, line 3, column level, value \"huyện\"",
            ),
            (
                LEGACY.replace("08869,Xã C", "244,Xã C"),
                "units-legacy.csv, line 4, column unit_code, value \"244\": repeated code",
            ),
            (
                LEGACY.replace(",commune,244", ",commune,245"),
                "units-legacy.csv, line 4, column parent_code",
            ),
        ];
        for (legacy, expected) in cases {
            let error = parsed(&legacy, CURRENT, pairs).unwrap_err();
            assert!(error.starts_with(expected), "{error}");
        }
        let error = parsed(LEGACY, CURRENT, "08869,08871,26,25,false\n").unwrap_err();
        assert!(
            error.starts_with("crosswalk-2025.csv, line 2, column new_commune_code"),
            "{error}"
        );
        let error = parsed(LEGACY, CURRENT, "08869,08869,27,25,maybe\n").unwrap_err();
        assert!(
            error.contains("value \"maybe\": not true or false"),
            "{error}"
        );
        let error = parsed(LEGACY, CURRENT, "08869,08869,27,25,false\n").unwrap_err();
        assert!(
            error.ends_with("the old commune is not in old_province_code"),
            "{error}"
        );
    }
}
