//! Excel workbooks (`.xlsx`), part of stage 1, read: officials keep their
//! data in Excel. A sheet becomes the same text table a CSV file does, so
//! validation and its messages are the same; messages name the sheet, and
//! their line is the Excel row.

use super::Sheet;
use crate::error::InputError;
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveTime;
use polars::prelude::*;
use std::path::Path;

/// Columns whose codes lose their leading zeros when stored as numbers.
const CODE_COLUMNS: [&str; 3] = ["unit_code", "parent_code", "procedure_code"];

/// Excel's last day (31/12/9999) as a serial number: larger ones are no dates.
const LAST_SERIAL: f64 = 2_958_466.0;

/// How far down a sheet its header row may be.
const HEADER_WITHIN: usize = 20;

/// Reads the sheet named like the input (`dossiers` in `dossiers.xlsx`), or
/// else the first one. The header is the first row with the column `key`
/// (within the first [`HEADER_WITHIN`] rows), else the first used row.
pub fn read_xlsx(path: &Path, name: &str, key: &str) -> Result<Sheet, Vec<InputError>> {
    let file_error = |reason: String| vec![InputError::file(name, reason)];
    let workbook = std::panic::catch_unwind(|| calamine::open_workbook::<Xlsx<_>, _>(path));
    let mut workbook = match workbook {
        Ok(Ok(book)) => book,
        Ok(Err(e)) => return Err(file_error(format!("cannot be read as xlsx: {e}"))),
        Err(_) => {
            return Err(file_error(
                "cannot be read as xlsx: malformed workbook".into(),
            ))
        }
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let names = workbook.sheet_names();
    let sheet = names
        .iter()
        .find(|s| s.trim().eq_ignore_ascii_case(stem))
        .or(names.first())
        .cloned()
        .ok_or_else(|| file_error("the workbook has no sheet".into()))?;
    let label = format!("{name}, sheet {sheet}");
    let range = workbook
        .worksheet_range(&sheet)
        .map_err(|e| vec![InputError::file(&label, format!("cannot be read: {e}"))])?;
    let Some((top, _)) = range.start() else {
        let reason = "the sheet is empty (a header row is required)";
        return Err(vec![InputError::file(&label, reason)]);
    };
    // Exports often put a title and blank rows above the header.
    let all: Vec<&[Data]> = range.rows().collect();
    let at = all
        .iter()
        .take(HEADER_WITHIN)
        .position(|row| {
            row.iter()
                .any(|c| text(c).as_deref().map(str::trim) == Some(key))
        })
        .unwrap_or(0);
    let header: Vec<String> = all[at]
        .iter()
        .enumerate()
        .map(|(i, cell)| text(cell).unwrap_or_else(|| format!("(empty header {})", i + 1)))
        .collect();
    let cleaned: Vec<String> = header.iter().map(|h| super::clean_text(h)).collect();
    let repeated = super::repeated_columns(&label, &cleaned);
    if !repeated.is_empty() {
        return Err(repeated);
    }
    let first_line = top + at as u32 + 2;
    let rows = all[at + 1..].iter();
    let mut columns = vec![Vec::new(); header.len()];
    let mut problems = Vec::new();
    for (r, row) in rows.enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let value = text(cell);
            if CODE_COLUMNS.contains(&header[c].trim())
                && matches!(cell, Data::Int(_) | Data::Float(_))
            {
                problems.push(InputError::cell(
                    &label,
                    u64::from(first_line) + r as u64,
                    header[c].trim(),
                    value.as_deref(),
                    "a number cell: codes must be text cells, or leading zeros are lost \
                     (format the column as Text in Excel)",
                ));
            }
            columns[c].push(value);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let columns: Vec<Column> = header
        .iter()
        .zip(columns)
        .map(|(h, values)| Column::new(h.as_str().into(), values))
        .collect();
    let frame = DataFrame::new_infer_height(columns)
        .map_err(|e| vec![InputError::file(&label, format!("cannot be read: {e}"))])?;
    Ok(Sheet {
        frame,
        name: label,
        first_line,
        has: Vec::new(),
    })
}

/// A cell as the clerk sees it: dates as `YYYY-MM-DD` (with the time when
/// there is one), whole numbers without a decimal point, `TRUE` as `true`,
/// formula errors as Excel shows them (`#REF!`), so validation can name them.
fn text(cell: &Data) -> Option<String> {
    Some(match cell {
        Data::Empty => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => (*f as i64).to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match (0.0..LAST_SERIAL)
            .contains(&d.as_f64())
            .then(|| d.as_datetime())
            .flatten()
        {
            Some(t) if t.time() == NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => d.as_f64().to_string(),
        },
        Data::Error(e) => e.to_string(),
    })
}
