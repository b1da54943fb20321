//! Errors a run can end with. Input problems always name the file, line,
//! column and value, so a clerk can find and fix the row.

use std::fmt;

/// One problem with one cell (or a whole file when `line` is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    /// 1-based line in the file (the header is line 1).
    pub line: Option<u64>,
    pub column: Option<String>,
    pub value: Option<String>,
    pub reason: String,
}

impl InputError {
    pub fn file(file: &str, reason: impl Into<String>) -> InputError {
        InputError {
            file: file.into(),
            line: None,
            column: None,
            value: None,
            reason: reason.into(),
        }
    }

    /// A problem with a whole line.
    pub fn line(file: &str, line: u64, reason: impl Into<String>) -> InputError {
        InputError {
            line: Some(line),
            ..InputError::file(file, reason)
        }
    }

    pub fn cell(
        file: &str,
        line: u64,
        column: &str,
        value: Option<&str>,
        reason: impl Into<String>,
    ) -> InputError {
        InputError {
            file: file.into(),
            line: Some(line),
            column: Some(column.into()),
            value: value.map(Into::into),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        if let Some(value) = &self.value {
            write!(f, ", value {value:?}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// How a run failed.
#[derive(Debug)]
pub enum Error {
    /// The input breaks the contract; nothing was written.
    Input(Vec<InputError>),
    /// Reading or writing files failed.
    Io(String),
    /// The command line was wrong.
    Usage(String),
}

/// How many input problems a report lists before summarising the rest.
const SHOWN: usize = 50;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(problems) => {
                writeln!(
                    f,
                    "the input has {} problem(s); nothing was written:",
                    problems.len()
                )?;
                for p in problems.iter().take(SHOWN) {
                    writeln!(f, "  {p}")?;
                }
                if problems.len() > SHOWN {
                    writeln!(f, "  … and {} more", problems.len() - SHOWN)?;
                }
                Ok(())
            }
            Error::Io(message) | Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

impl From<InputError> for Error {
    fn from(e: InputError) -> Error {
        Error::Input(vec![e])
    }
}

/// Attaches a path to an I/O error.
pub fn io(path: &std::path::Path, e: impl fmt::Display) -> Error {
    Error::Io(format!("{}: {e}", path.display()))
}

/// Polars errors that are not about a particular input cell (internal
/// failures of a query) still fail the run with a message, never a panic.
impl From<polars::error::PolarsError> for Error {
    fn from(e: polars::error::PolarsError) -> Error {
        Error::Io(format!("data processing failed: {e}"))
    }
}
