//! Stage 1, read: input files (CSV or Parquet) into polars frames of text
//! columns, with the line number of every row, ready for validation.

use crate::error::{io, Error, InputError};
use polars::prelude::*;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// Column holding each row's 1-based line number in its file.
pub const LINE: &str = "__line";
/// Column holding the index of the row's file in [`Table::files`].
pub const FILE: &str = "__file";

/// The columns an input must and may have.
pub struct Columns {
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
}

/// One input file as read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The name used in messages and the manifest (relative to the input folder).
    pub name: String,
    pub sha256: String,
    pub rows: u64,
}

/// One logical input (e.g. all dossier files) as a single frame of text
/// columns plus [`LINE`] and [`FILE`].
pub struct Table {
    pub files: Vec<SourceFile>,
    pub frame: DataFrame,
    /// Non-fatal notes for the report, such as ignored extra columns.
    pub warnings: Vec<String>,
}

impl Table {
    /// A table with the given columns and no rows or files: an optional
    /// input that is absent.
    pub fn empty(columns: &Columns) -> Result<Table, Error> {
        let mut series: Vec<Column> = columns
            .required
            .iter()
            .chain(columns.optional)
            .map(|c| Column::new_empty((*c).into(), &DataType::String))
            .collect();
        series.push(Column::new_empty(LINE.into(), &IDX_DTYPE));
        series.push(Column::new_empty(FILE.into(), &DataType::UInt32));
        Ok(Table {
            files: Vec::new(),
            frame: DataFrame::new_infer_height(series)?,
            warnings: Vec::new(),
        })
    }

    pub fn file_name(&self, index: u32) -> &str {
        &self.files[index as usize].name
    }
}

/// The formats an input may come in.
const INPUT_EXTENSIONS: [&str; 3] = ["csv", "parquet", "xlsx"];

/// Finds `<stem>.csv`, `<stem>.parquet`, `<stem>.xlsx` or a folder `<stem>/` of those.
pub fn find_input(dir: &Path, stem: &str) -> Result<Vec<PathBuf>, Error> {
    let mut found: Vec<PathBuf> = INPUT_EXTENSIONS
        .iter()
        .map(|ext| dir.join(format!("{stem}.{ext}")))
        .filter(|p| p.is_file())
        .collect();
    let folder = dir.join(stem);
    if folder.is_dir() {
        let entries = std::fs::read_dir(&folder).map_err(|e| io(&folder, e))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| INPUT_EXTENSIONS.contains(&extension(p).as_str()))
            .collect();
        files.sort();
        found.extend(files);
    }
    Ok(found)
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Reads every file of one input into one table.
pub fn read_table(root: &Path, paths: &[PathBuf], columns: &Columns) -> Result<Table, Error> {
    let mut frames = Vec::new();
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let mut problems = Vec::new();
    for (index, path) in paths.iter().enumerate() {
        let name = path
            .strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string();
        // The manifest's checksum is computed while polars parses the file.
        let (read, sha256) = std::thread::scope(|scope| {
            let hashing = scope.spawn(|| sha256(path));
            let read = read_file(path, &name, columns, &mut warnings);
            (read, hashing.join().expect("hashing thread"))
        });
        match read {
            Ok(Sheet {
                frame,
                name,
                first_line,
            }) => {
                let frame = numbered(frame, index as u32, first_line, columns)?;
                files.push(SourceFile {
                    name,
                    sha256: sha256?,
                    rows: frame.height() as u64,
                });
                frames.push(frame);
            }
            Err(mut e) => problems.append(&mut e),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let frame = match frames.len() {
        1 => frames.pop().expect("one frame"),
        _ => concat(
            frames.into_iter().map(IntoLazy::lazy).collect::<Vec<_>>(),
            UnionArgs::default(),
        )?
        .collect()?,
    };
    Ok(Table {
        files,
        frame,
        warnings,
    })
}

/// One file as read: its text cells, the name messages use for it, and
/// the line (or Excel row) of its first data row.
pub struct Sheet {
    pub frame: DataFrame,
    pub name: String,
    pub first_line: IdxSize,
}

/// Adds [`LINE`] (counted from `first_line`) and [`FILE`], and drops blank
/// lines: common at the end of exports, they read as rows of nulls and are
/// no record, so they are skipped, not reported. The frame is copied only
/// when there is such a line.
fn numbered(
    frame: DataFrame,
    index: u32,
    first_line: IdxSize,
    columns: &Columns,
) -> Result<DataFrame, Error> {
    let blank = columns
        .required
        .iter()
        .chain(columns.optional)
        .map(|c| col(*c).is_null())
        .reduce(|a, b| a.and(b))
        .unwrap_or(lit(false));
    let lf = frame
        .lazy()
        .with_row_index(LINE, Some(first_line))
        .with_column(lit(index).cast(DataType::UInt32).alias(FILE));
    let blanks = lf
        .clone()
        .select([blank
            .clone()
            .cast(DataType::UInt32)
            .sum()
            .cast(DataType::UInt64)
            .alias("blank")])
        .collect()?;
    let lf = match blanks.column("blank")?.u64()?.get(0) {
        Some(0) | None => lf,
        Some(_) => lf.filter(blank.not()),
    };
    Ok(lf.collect()?)
}

/// Reads one file; every column becomes text so validation sees exactly
/// what the clerk wrote.
fn read_file(
    path: &Path,
    name: &str,
    columns: &Columns,
    warnings: &mut Vec<String>,
) -> Result<Sheet, Vec<InputError>> {
    let file_error = |reason: String| vec![InputError::file(name, reason)];
    let bytes = std::fs::metadata(path)
        .map_err(|e| file_error(format!("cannot read: {e}")))?
        .len();
    if bytes == 0 {
        return Err(file_error(
            "the file is empty (a header row is required)".into(),
        ));
    }
    let sheet = match extension(path).as_str() {
        "xlsx" => crate::excel::read_xlsx(path, name, columns.required[0])?,
        format => {
            let source = PlRefPath::new(path.to_string_lossy().as_ref());
            let frame = match format {
                "parquet" => LazyFrame::scan_parquet(source, Default::default()),
                _ => LazyCsvReader::new(source)
                    .with_has_header(true)
                    .with_infer_schema_length(Some(0))
                    .finish(),
            };
            let frame = frame
                .and_then(|lf| lf.collect())
                .map_err(|e| file_error(format!("cannot be read as {format}: {e}")))?;
            // A header line, then one row per line.
            Sheet {
                frame,
                name: name.to_string(),
                first_line: 2,
            }
        }
    };
    let frame = select_columns(sheet.frame, &sheet.name, columns, warnings)?;
    Ok(Sheet { frame, ..sheet })
}

/// Header names are trimmed and NFC-normalised; missing required columns
/// are errors, missing optional ones become empty, extra ones are ignored.
fn select_columns(
    mut frame: DataFrame,
    name: &str,
    columns: &Columns,
    warnings: &mut Vec<String>,
) -> Result<DataFrame, Vec<InputError>> {
    let headers: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|h| clean_text(h))
        .collect();
    frame
        .set_column_names(&headers)
        .map_err(|e| vec![InputError::file(name, e.to_string())])?;
    let missing: Vec<InputError> = columns
        .required
        .iter()
        .filter(|c| !headers.iter().any(|h| h == *c))
        .map(|c| {
            InputError::cell(
                name,
                1,
                c,
                None,
                "required column is missing from the header",
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    for extra in headers.iter().filter(|h| {
        !columns.required.contains(&h.as_str()) && !columns.optional.contains(&h.as_str())
    }) {
        warnings.push(format!("{name}: unknown column {extra:?} ignored"));
    }
    let exprs: Vec<Expr> = columns
        .required
        .iter()
        .chain(columns.optional)
        .map(|c| match headers.iter().any(|h| h == c) {
            true => col(*c).cast(DataType::String),
            false => lit(NULL).cast(DataType::String).alias(*c),
        })
        .collect();
    frame
        .lazy()
        .select(exprs)
        .collect()
        .map_err(|e| vec![InputError::file(name, e.to_string())])
}

/// Trims and NFC-normalises a cell (the contract: text is normalised to NFC).
pub fn clean_text(text: &str) -> String {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.is_ascii() {
        trimmed.to_string()
    } else {
        trimmed.nfc().collect()
    }
}

/// Hex SHA-256 of a file, for the manifest.
pub fn sha256(path: &Path) -> Result<String, Error> {
    let mut file = std::fs::File::open(path).map_err(|e| io(path, e))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(|e| io(path, e))?;
    Ok(hex(&hasher.finalize()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The cells of a small table as Rust rows (units, procedures): simpler to
/// check one by one than as frame expressions.
pub struct Rows {
    pub file: String,
    pub names: Vec<String>,
    pub cells: Vec<Vec<Option<String>>>,
    pub lines: Vec<u64>,
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
        })
    }

    pub fn get(&self, row: usize, column: &str) -> Option<&str> {
        let i = self.names.iter().position(|n| n == column)?;
        self.cells[row][i].as_deref()
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
