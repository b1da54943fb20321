//! `procedures.csv`: the procedure catalogue, with each procedure's online
//! level (and the day it took effect) and the unit level that handles it.
//! Any problem fails the run.

use super::dates::parse_date;
use super::Rows;
use crate::error::InputError;
use chrono::NaiveDate;
use contract::Level;
use std::collections::HashMap;

pub struct Procedure {
    pub code: String,
    pub name: String,
    pub field: String,
    pub unit_level: Level,
    /// 1..=4 (`partial` = 3, `full` = 4).
    pub online_level: u8,
    pub online_since: Option<NaiveDate>,
    /// The optional `fee` column: the procedure charges a fee or charge.
    pub fee: bool,
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

/// Checks every row; any problem fails.
pub fn check(rows: &Rows) -> Result<Vec<Procedure>, Vec<InputError>> {
    let mut problems = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let list = (0..rows.len())
        .map(|row| procedure(rows, row, &mut seen, &mut problems))
        .collect();
    if problems.is_empty() {
        Ok(list)
    } else {
        Err(problems)
    }
}

/// One row as a procedure, its problems recorded (and defaults in their
/// place); `seen` holds the line of each code so far.
fn procedure(
    rows: &Rows,
    row: usize,
    seen: &mut HashMap<String, u64>,
    problems: &mut Vec<InputError>,
) -> Procedure {
    let mut required = |column: &str| {
        let value = rows.get(row, column);
        if value.is_none() {
            problems.push(rows.error(row, column, "required value is empty"));
        }
        value.unwrap_or_default().to_string()
    };
    let (code, name, field) = (
        required("procedure_code"),
        required("procedure_name"),
        required("field"),
    );
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
    Procedure {
        code,
        name,
        field,
        unit_level: unit_level.unwrap_or(Level::Commune),
        online_level: online_level.unwrap_or(1),
        online_since: online_since(rows, row, problems),
        fee: fee(rows, row, problems),
    }
}

/// The optional `fee` column: `true` or `false` wherever it is given.
fn fee(rows: &Rows, row: usize, problems: &mut Vec<InputError>) -> bool {
    match rows.get(row, "fee").map(str::to_ascii_lowercase).as_deref() {
        Some("true") => true,
        Some("false") => false,
        Some(_) => {
            problems.push(rows.error(row, "fee", "must be true or false"));
            false
        }
        None if rows.has("fee") => {
            problems.push(rows.error(
                row,
                "fee",
                "required value is empty (the column is given: say true or false)",
            ));
            false
        }
        None => false,
    }
}

/// The optional day the online level took effect.
fn online_since(rows: &Rows, row: usize, problems: &mut Vec<InputError>) -> Option<NaiveDate> {
    match rows.get(row, "online_since").map(parse_date) {
        Some(Err(reason)) => {
            problems.push(rows.error(row, "online_since", reason));
            None
        }
        Some(Ok(date)) => Some(date),
        None => None,
    }
}

fn parse_online_level(text: &str) -> Option<u8> {
    match text {
        "partial" => Some(3),
        "full" => Some(4),
        _ => text.parse().ok().filter(|l| (1..=4).contains(l)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn online_levels_accept_numbers_and_decree_42_words() {
        assert_eq!(parse_online_level("partial"), Some(3));
        assert_eq!(parse_online_level("full"), Some(4));
        assert_eq!(parse_online_level("2"), Some(2));
        assert_eq!(parse_online_level("5"), None);
        assert_eq!(parse_online_level("0"), None);
    }
}
