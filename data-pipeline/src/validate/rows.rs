//! The cells of a small input (units, procedures, Form 06 reports) as Rust
//! rows: simpler to check one by one than as frame expressions, and every
//! problem names its file, line, column and value.

use crate::error::{Error, InputError};
use crate::read::{clean_text, Columns, Table};
use contract::columns::LINE;
use polars::prelude::*;

/// The cells of a one-file table, cleaned (trimmed, NFC; empty is `None`),
/// with the line of each row.
pub struct Rows {
    pub file: String,
    pub names: Vec<String>,
    pub cells: Vec<Vec<Option<String>>>,
    pub lines: Vec<u64>,
    /// The optional columns the file has.
    pub present: Vec<&'static str>,
}

impl Rows {
    /// The rows of a one-file table (messages name that one file).
    pub fn from_table(table: &Table, columns: &Columns) -> Result<Rows, Error> {
        if let [first, _, ..] = table.files.as_slice() {
            let reason = "give this input as one file, not a folder of files";
            return Err(InputError::file(&first.name, reason).into());
        }
        let names: Vec<String> = columns
            .required
            .iter()
            .chain(columns.optional)
            .map(|c| c.to_string())
            .collect();
        let frame = &table.frame;
        let mut cells = vec![Vec::with_capacity(names.len()); frame.height()];
        for name in &names {
            let column = frame.column(name)?.str()?;
            for (row, value) in column.iter().enumerate() {
                cells[row].push(value.map(clean_text).filter(|v| !v.is_empty()));
            }
        }
        let lines = frame
            .column(LINE)?
            .cast(&DataType::UInt64)?
            .u64()?
            .into_no_null_iter()
            .collect();
        let file = table
            .files
            .first()
            .map(|f| f.name.clone())
            .unwrap_or_default();
        Ok(Rows {
            file,
            names,
            cells,
            lines,
            present: table.present.clone(),
        })
    }

    pub fn get(&self, row: usize, column: &str) -> Option<&str> {
        let i = self.names.iter().position(|n| n == column)?;
        self.cells[row][i].as_deref()
    }

    /// Whether the file has the optional column.
    pub fn has(&self, column: &str) -> bool {
        self.present.contains(&column)
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// An error about one cell of this table.
    pub fn error(&self, row: usize, column: &str, reason: impl Into<String>) -> InputError {
        InputError::cell(
            &self.file,
            self.lines[row],
            column,
            self.get(row, column),
            reason,
        )
    }
}
