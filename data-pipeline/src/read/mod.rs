//! Stage 1, read: the input folder's files (CSV, Parquet or Excel) into
//! polars frames of text columns (dossiers: categories of their text, and
//! booleans), with the file and line of every row, ready for validation;
//! and the folder's optional TOML settings. Workbooks are read by `excel`.

mod excel;
mod rules;

pub use rules::index_rules;

use crate::error::{io, Error, InputError};
use contract::columns::{DOSSIER_ID, FILE, FLAG_INPUTS, LINE};
use polars::io::utils::compression::SupportedCompression;
use polars::prelude::*;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// The columns an input must and may have.
pub struct Columns {
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
    /// Every column but the first is read straight into categories: codes,
    /// dates and words repeat over millions of dossiers, so each cell holds
    /// a 4-byte code of its distinct text, and the text is never held once
    /// per row. Validation parses each distinct value once (`validate::checks`).
    pub coded: bool,
    /// Columns of `true`/`false`/empty that a CSV reader parses as booleans
    /// when every cell is one of those (any case): a bit per cell instead of
    /// a category code, and no text to look up. Any other cell, or any file
    /// that is not CSV, and the whole table is read coded again, so that
    /// validation reports the cell (see [`read_table`]).
    pub booleans: &'static [&'static str],
}

impl Columns {
    /// The types of the columns not read as text, with `booleans` as
    /// booleans or not. The categories are one set per column, shared by
    /// every file of the input so that their frames stack.
    fn read_types(&self, booleans: bool) -> Vec<(&'static str, DataType)> {
        if !self.coded {
            return Vec::new();
        }
        let categories = || Categories::random(PlSmallStr::EMPTY, CategoricalPhysical::U32);
        let all = self.required.iter().chain(self.optional).skip(1);
        all.map(|&c| match booleans && self.booleans.contains(&c) {
            true => (c, DataType::Boolean),
            false => (c, DataType::from_categories(categories())),
        })
        .collect()
    }
}

/// `units.csv`: the unit tree (contract section 1).
pub const UNIT_COLUMNS: Columns = Columns {
    required: &["unit_code", "unit_name", "level", "parent_code"],
    optional: &["valid_from", "valid_to"],
    coded: false,
    booleans: &[],
};

/// `unit_changes.csv`: what became of unit versions that ended.
pub const CHANGE_COLUMNS: Columns = Columns {
    required: &["old_code", "new_code", "effective_on"],
    optional: &[],
    coded: false,
    booleans: &[],
};

/// `procedures.csv`: the procedure catalogue.
pub const PROCEDURE_COLUMNS: Columns = Columns {
    required: &[
        "procedure_code",
        "procedure_name",
        "field",
        "unit_level",
        "online_level",
    ],
    optional: &["online_since", "fee"],
    coded: false,
    booleans: &[],
};

/// `dossiers.csv`: one row per dossier.
pub const DOSSIER_COLUMNS: Columns = Columns {
    required: &[
        DOSSIER_ID,
        "unit_code",
        "procedure_code",
        "channel",
        "received_on",
        "due_on",
        "resolved_on",
        "apology_issued",
        "rating",
    ],
    optional: &FLAG_INPUTS,
    coded: true,
    booleans: &DOSSIER_BOOLEANS,
};

/// The dossier columns of `true`/`false`/empty: the apology and the index's flags.
const DOSSIER_BOOLEANS: [&str; 1 + FLAG_INPUTS.len()] = {
    let mut all = ["apology_issued"; 1 + FLAG_INPUTS.len()];
    let mut i = 0;
    while i < FLAG_INPUTS.len() {
        all[i + 1] = FLAG_INPUTS[i];
        i += 1;
    }
    all
};

/// `index_metrics.csv`: index figures that dossiers cannot give, one row per
/// unit, month and metric: counts, or a published ratio.
pub const INDEX_METRIC_COLUMNS: Columns = Columns {
    required: &["unit_code", "month", "metric"],
    optional: &["numerator", "denominator", "ratio"],
    coded: false,
    booleans: &[],
};

/// `reports.csv`: Form 06 aggregate reports, one row per unit and month.
pub const REPORT_COLUMNS: Columns = Columns {
    required: &[
        "unit_code",
        "month",
        "carried_over",
        "received_online",
        "received_offline",
        "resolved_early",
        "resolved_on_time",
        "resolved_late",
        "pending_within",
        "pending_overdue",
    ],
    optional: &["received_total", "resolved_total", "pending_total"],
    coded: false,
    booleans: &[],
};

/// The inputs as read. An absent `dossiers` or `reports` input is an
/// empty table; an absent catalogue is `None` (no services are known).
pub struct Inputs {
    pub units: Table,
    pub changes: Option<Table>,
    pub procedures: Option<Table>,
    pub dossiers: Table,
    pub reports: Table,
    pub index_metrics: Option<Table>,
}

impl Inputs {
    /// The tables that were read, in the order units, changes, procedures,
    /// dossiers, reports, index metrics.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        [&self.units]
            .into_iter()
            .chain(&self.changes)
            .chain(&self.procedures)
            .chain([&self.dossiers, &self.reports])
            .chain(&self.index_metrics)
    }
}

/// Reads the input folder. Units are always required; dossiers unless there
/// are Form 06 reports or index metrics (units that send only reports keep
/// no dossier export, nor a catalogue); the catalogue whenever there are
/// dossiers.
///
/// Dossier files that `known` recognises are not read again: an earlier
/// build validated them and they are unchanged (see [`crate::state`]).
/// With `as_written`, no dossier column is read as booleans, so rejected
/// rows are written back exactly as they were (`TRUE`, not `true`).
pub fn inputs(dir: &Path, known: Known, as_written: bool) -> Result<Inputs, Error> {
    if !dir.is_dir() {
        return Err(Error::Io(format!(
            "{}: input folder not found",
            dir.display()
        )));
    }
    let reports = read_optional(dir, "reports", &REPORT_COLUMNS, NONE_KNOWN)?;
    let index_metrics = read_optional(dir, "index_metrics", &INDEX_METRIC_COLUMNS, NONE_KNOWN)?;
    let dossier_columns = match as_written {
        true => Columns {
            booleans: &[],
            ..DOSSIER_COLUMNS
        },
        false => DOSSIER_COLUMNS,
    };
    let dossiers = match reports.is_some() || index_metrics.is_some() {
        true => read_optional(dir, "dossiers", &dossier_columns, known)?,
        false => Some(read_required(dir, "dossiers", &dossier_columns, known)?),
    };
    let procedures = match dossiers {
        Some(_) => Some(read_required(
            dir,
            "procedures",
            &PROCEDURE_COLUMNS,
            NONE_KNOWN,
        )?),
        None => read_optional(dir, "procedures", &PROCEDURE_COLUMNS, NONE_KNOWN)?,
    };
    let units = read_required(dir, "units", &UNIT_COLUMNS, NONE_KNOWN)?;
    let changes = read_optional(dir, "unit_changes", &CHANGE_COLUMNS, NONE_KNOWN)?;
    Ok(Inputs {
        units,
        changes,
        procedures,
        dossiers: or_empty(dossiers, &DOSSIER_COLUMNS)?,
        reports: or_empty(reports, &REPORT_COLUMNS)?,
        index_metrics,
    })
}

fn or_empty(table: Option<Table>, columns: &Columns) -> Result<Table, Error> {
    table.map_or_else(|| Table::empty(columns), Ok)
}

/// A required input: a problem naming the file when it is absent.
fn read_required(dir: &Path, stem: &str, columns: &Columns, known: Known) -> Result<Table, Error> {
    let paths = find_input(dir, stem)?;
    if paths.is_empty() {
        let reason = format!(
            "required input is missing (expected {stem}.csv, {stem}.parquet or a folder {stem}/)"
        );
        return Err(InputError::file(&format!("{stem}.csv"), reason).into());
    }
    read_table(dir, &paths, columns, known)
}

/// An optional input: `None` when absent.
fn read_optional(
    dir: &Path,
    stem: &str,
    columns: &Columns,
    known: Known,
) -> Result<Option<Table>, Error> {
    let paths = find_input(dir, stem)?;
    if paths.is_empty() {
        return Ok(None);
    }
    read_table(dir, &paths, columns, known).map(Some)
}

/// An optional TOML file of the input folder (`targets.toml`,
/// `dataset.toml`); absent means defaults.
pub fn read_toml<T: serde::de::DeserializeOwned + Default>(
    dir: &Path,
    name: &str,
) -> Result<T, Error> {
    let path = dir.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).map_err(|e| InputError::file(name, e.to_string()).into()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(io(&path, e)),
    }
}

/// One input file as read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The name used in messages and the manifest (relative to the input folder).
    pub name: String,
    pub sha256: String,
    pub rows: u64,
    /// The optional columns its header has.
    pub has: Vec<&'static str>,
    /// What reading it noted for the report (extra columns ignored).
    pub warnings: Vec<String>,
    /// Its size and modification time before it was read: what tells a
    /// later build that it is unchanged (see [`crate::state`]).
    pub stamp: Option<(u64, u64)>,
}

/// A file's size and modification time (nanoseconds since the Unix epoch).
pub fn stamp(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((meta.len(), modified.as_nanos() as u64))
}

/// The stamp of a file about to be read, unless it was modified in the
/// last two seconds: it could change again within the same tick of the
/// file system's clock, unseen, so it will be read again next time (the
/// "racy clean" rule of git).
fn settled_stamp(path: &Path) -> Option<(u64, u64)> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    stamp(path).filter(|&(_, modified)| modified + 2_000_000_000 < now.as_nanos() as u64)
}

/// Recognises an input file (by its name and path) that an earlier build
/// read and validated and that is unchanged since: what reading it gave.
pub type Known<'a> = &'a dyn Fn(&str, &Path) -> Option<SourceFile>;

/// No file is known: every file is read.
pub const NONE_KNOWN: Known = &|_, _| None;

/// One logical input (e.g. all dossier files) as a single frame of text
/// columns plus [`LINE`] and [`FILE`].
pub struct Table {
    pub files: Vec<SourceFile>,
    pub frame: DataFrame,
    /// The optional columns that every file has (the others are null).
    pub present: Vec<&'static str>,
    /// The files that were known, not read: their rows are not in `frame`.
    pub known: Vec<u32>,
    /// Non-fatal notes for the report, such as ignored extra columns.
    pub warnings: Vec<String>,
}

impl Table {
    /// A table with the given columns and no rows or files: an optional
    /// input that is absent.
    pub fn empty(columns: &Columns) -> Result<Table, Error> {
        let coded = columns.read_types(false);
        let mut series: Vec<Column> = columns
            .required
            .iter()
            .chain(columns.optional)
            .map(|c| Column::new_empty((*c).into(), &read_type(&coded, c)))
            .collect();
        series.push(Column::new_empty(LINE.into(), &IDX_DTYPE));
        series.push(Column::new_empty(FILE.into(), &DataType::UInt32));
        Ok(Table {
            files: Vec::new(),
            frame: DataFrame::new_infer_height(series)?,
            present: Vec::new(),
            known: Vec::new(),
            warnings: Vec::new(),
        })
    }

    pub fn file_name(&self, index: u32) -> &str {
        &self.files[index as usize].name
    }

    pub fn has(&self, column: &str) -> bool {
        self.present.contains(&column)
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

/// Reads every file of one input into one table: with its `booleans` read
/// as booleans when every file is CSV and every such cell is a boolean,
/// else coded (the rare input that needs it is read twice).
pub fn read_table(
    root: &Path,
    paths: &[PathBuf],
    columns: &Columns,
    known: Known,
) -> Result<Table, Error> {
    if !columns.booleans.is_empty() && paths.iter().all(|p| is_csv(p)) {
        let typed = columns.read_types(true);
        if let Ok(table) = read_files(root, paths, columns, &typed, known) {
            return Ok(table);
        }
    }
    read_files(root, paths, columns, &columns.read_types(false), known)
}

/// Whether a file is read as CSV: any file that is not a workbook or Parquet.
fn is_csv(path: &Path) -> bool {
    !matches!(extension(path).as_str(), "xlsx" | "parquet")
}

/// Reads every file of one input, with the columns of `coded` in their types.
fn read_files(
    root: &Path,
    paths: &[PathBuf],
    columns: &Columns,
    coded: &[(&str, DataType)],
    known: Known,
) -> Result<Table, Error> {
    let mut frames = Vec::new();
    let mut files = Vec::new();
    let mut known_files = Vec::new();
    let mut problems = Vec::new();
    for (index, path) in paths.iter().enumerate() {
        let name = path
            .strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string();
        if let Some(file) = known(&name, path) {
            known_files.push(index as u32);
            files.push(file);
            continue;
        }
        let stamp = settled_stamp(path);
        let mut warnings = Vec::new();
        let (read, hashed) = read_and_hash(path, &name, columns, coded, &mut warnings);
        match read {
            Ok(Sheet {
                frame,
                name,
                first_line,
                has,
            }) => {
                let Hashed {
                    sha256,
                    lines,
                    open_quote,
                } = hashed?;
                if let Some(line) = open_quote {
                    let reason = "a quoted cell opens on this line and is never closed \
                                  (the file may be cut short): close the quote";
                    problems.push(InputError::line(&name, line, reason));
                    continue;
                }
                let frame = numbered(frame, index as u32, first_line, columns)?;
                let frame = lines.apply(frame)?;
                files.push(SourceFile {
                    name,
                    sha256,
                    rows: frame.height() as u64,
                    has,
                    warnings,
                    stamp,
                });
                frames.push(frame);
            }
            Err(mut e) => problems.append(&mut e),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let (present, warnings) = present_columns(&files, columns);
    Ok(Table {
        frame: match frames.is_empty() {
            true => Table::empty(columns)?.frame,
            false => one_frame(frames)?,
        },
        files,
        present,
        known: known_files,
        warnings,
    })
}

/// The optional columns every file has, and the files' warnings with one
/// for each column only some files have.
fn present_columns(files: &[SourceFile], columns: &Columns) -> (Vec<&'static str>, Vec<String>) {
    let mut present = columns.optional.to_vec();
    let mut warnings: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for file in files {
        present.retain(|c| file.has.contains(c));
        seen.extend(&file.has);
        warnings.extend(file.warnings.iter().cloned());
    }
    seen.sort_unstable();
    seen.dedup();
    for column in seen.iter().filter(|c| !present.contains(c)) {
        warnings.push(format!(
            "column {column:?} is only in some of the files: it is read as absent everywhere"
        ));
    }
    (present, warnings)
}

/// One pass over a file's bytes: its SHA-256 and, for CSV, how its
/// records lie on its lines.
struct Hashed {
    sha256: String,
    lines: LineShifts,
    /// The line a record starts on whose quoted cell is never closed (a
    /// file cut short): polars' reader would take the rest of the file
    /// as that cell.
    open_quote: Option<u64>,
}

/// Reads one file while another thread computes its checksum for the
/// manifest and, for CSV, where records span several lines.
fn read_and_hash(
    path: &Path,
    name: &str,
    columns: &Columns,
    coded: &[(&str, DataType)],
    warnings: &mut Vec<String>,
) -> (Result<Sheet, Vec<InputError>>, Result<Hashed, Error>) {
    std::thread::scope(|scope| {
        let hashing = scope.spawn(|| hash_and_scan(path, is_csv(path)));
        let read = read_file(path, name, columns, coded, warnings);
        (read, hashing.join().expect("hashing thread"))
    })
}

/// The frames of an input's files, one after the other.
fn one_frame(mut frames: Vec<DataFrame>) -> Result<DataFrame, Error> {
    Ok(match frames.len() {
        1 => frames.pop().expect("one frame"),
        _ => concat(
            frames.into_iter().map(IntoLazy::lazy).collect::<Vec<_>>(),
            UnionArgs::default(),
        )?
        .collect()?,
    })
}

/// One file as read: its text cells, the name messages use for it, and
/// the line (or Excel row) of its first data row.
pub struct Sheet {
    pub frame: DataFrame,
    pub name: String,
    pub first_line: IdxSize,
    /// The optional columns its header has.
    pub has: Vec<&'static str>,
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
/// what the clerk wrote, or categories of that text when `coded`.
fn read_file(
    path: &Path,
    name: &str,
    columns: &Columns,
    coded: &[(&str, DataType)],
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
        "xlsx" => excel::read_xlsx(path, name, columns.required[0])?,
        format => {
            if let Some(kind) = (format == "csv").then(|| compressed(path)).flatten() {
                return Err(file_error(format!(
                    "cannot be read as csv: its first bytes are those of a {kind}-compressed \
                     file (give the CSV uncompressed)"
                )));
            }
            let frame = match format {
                "parquet" => read_parquet(path, coded),
                _ => read_csv(path, coded),
            };
            let frame =
                frame.map_err(|e| file_error(format!("cannot be read as {format}: {e}")))?;
            // A header line, then one row per line.
            Sheet {
                frame,
                name: name.to_string(),
                first_line: 2,
                has: Vec::new(),
            }
        }
    };
    let (frame, has) = select_columns(sheet.frame, &sheet.name, columns, coded, warnings)?;
    Ok(Sheet {
        frame,
        has,
        ..sheet
    })
}

/// A CSV file with every column as text but those of `coded`. Polars'
/// in-memory reader, not its streaming one (a lazy scan): both find where
/// records end on one thread, byte by byte in a stable Rust build, and
/// this one's loop takes less than half the time (the streaming one took
/// a third of the read stage's CPU; the read stage is a third shorter).
fn read_csv(path: &Path, coded: &[(&str, DataType)]) -> PolarsResult<DataFrame> {
    let types = coded
        .iter()
        .map(|(c, t)| Field::new((*c).into(), t.clone()));
    CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .with_schema_overwrite(Some(Arc::new(types.collect())))
        .with_rechunk(false)
        .try_into_reader_with_file_path(Some(path.to_path_buf()))?
        .finish()
}

/// A Parquet file, with the columns of `coded` cast to their types while
/// it is scanned (polars' streaming engine, a batch at a time): their text
/// is never held whole, which for 20 M dossiers took 2 GB more than
/// DuckDB. `select_columns` checks the header afterwards, as for CSV.
fn read_parquet(path: &Path, coded: &[(&str, DataType)]) -> PolarsResult<DataFrame> {
    let source = PlRefPath::new(path.to_string_lossy().as_ref());
    let mut scan = LazyFrame::scan_parquet(source, Default::default())?;
    let schema = scan.collect_schema()?;
    // Only the coded columns are named: a name such as `*` would not be
    // taken as itself.
    let casts = schema.iter_names().filter_map(|name| {
        let (_, dtype) = coded.iter().find(|(c, _)| *c == clean_text(name))?;
        Some(col(name.clone()).cast(dtype.clone()))
    });
    let casts: Vec<Expr> = casts.collect();
    let read = scan
        .with_columns(casts)
        .collect_with_engine(Engine::Streaming)?;
    Ok(read.unwrap_single())
}

/// The compression (`gzip`, `zlib` or `zstd`) that polars takes a CSV file
/// for from its first four bytes (a gzipped export, or a text that happens
/// to start with `x^`): built without decompression, polars would panic on it.
fn compressed(path: &Path) -> Option<String> {
    let mut start = [0u8; 4];
    std::io::Read::read_exact(&mut std::fs::File::open(path).ok()?, &mut start).ok()?;
    SupportedCompression::check(&start).map(|kind| format!("{kind:?}").to_lowercase())
}

/// Header names are trimmed and NFC-normalised; missing required columns
/// are errors, missing optional ones become empty, extra ones are ignored.
fn select_columns(
    mut frame: DataFrame,
    name: &str,
    columns: &Columns,
    coded: &[(&str, DataType)],
    warnings: &mut Vec<String>,
) -> Result<(DataFrame, Vec<&'static str>), Vec<InputError>> {
    let read: Vec<&str> = frame
        .get_column_names()
        .iter()
        .map(|h| h.as_str())
        .collect();
    let headers: Vec<String> = read
        .iter()
        .map(|h| clean_text(as_written(h, &read)))
        .collect();
    let repeated = repeated_columns(name, &headers);
    if !repeated.is_empty() {
        return Err(repeated);
    }
    frame
        .set_column_names(&headers)
        .map_err(|e| vec![InputError::file(name, e.to_string())])?;
    let missing = missing_columns(name, &headers, columns);
    if !missing.is_empty() {
        return Err(missing);
    }
    if let Some(column) = not_booleans(&frame, coded) {
        // Its header was written otherwise (`" synced"`): read as text.
        let reason = format!("{column} was not read as booleans");
        return Err(vec![InputError::file(name, reason)]);
    }
    for extra in headers.iter().filter(|h| {
        !columns.required.contains(&h.as_str()) && !columns.optional.contains(&h.as_str())
    }) {
        warnings.push(format!("{name}: unknown column {extra:?} ignored"));
    }
    let has = columns
        .optional
        .iter()
        .copied()
        .filter(|c| headers.iter().any(|h| h == c))
        .collect();
    let frame = frame
        .lazy()
        .select(as_text(&headers, columns, coded))
        .collect()
        .map_err(|e| vec![InputError::file(name, e.to_string())])?;
    Ok((frame, has))
}

/// A column that `coded` reads as booleans but the reader did not: only
/// the reader parses them, since a cast would turn other text into nulls.
fn not_booleans<'a>(frame: &DataFrame, coded: &[(&'a str, DataType)]) -> Option<&'a str> {
    coded
        .iter()
        .filter(|(_, dtype)| dtype.is_bool())
        .map(|(column, _)| *column)
        .find(|c| frame.column(c).is_ok_and(|read| !read.dtype().is_bool()))
}

/// A header name as the file has it: polars renames the second `channel` of
/// a header to `channel_duplicated_0`.
fn as_written<'a>(read: &'a str, all: &[&str]) -> &'a str {
    match read.rsplit_once("_duplicated_") {
        Some((base, n)) if n.parse::<u32>().is_ok() && all.contains(&base) => base,
        _ => read,
    }
}

/// A problem for each column name that appears more than once in the
/// header (two exports pasted side by side): which copy holds the data is
/// anyone's guess, so neither is used.
pub fn repeated_columns(name: &str, headers: &[String]) -> Vec<InputError> {
    let mut problems = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        let positions: Vec<usize> = (i..headers.len())
            .filter(|&j| &headers[j] == header)
            .map(|j| j + 1)
            .collect();
        if positions.len() > 1 && !headers[..i].contains(header) {
            let list: Vec<String> = positions.iter().map(usize::to_string).collect();
            problems.push(InputError::cell(
                name,
                1,
                header,
                None,
                format!(
                    "the column appears {} times in the header (columns {}): keep one",
                    positions.len(),
                    list.join(" and ")
                ),
            ));
        }
    }
    problems
}

/// A problem (on the header line) for each required column not in `headers`.
fn missing_columns(name: &str, headers: &[String], columns: &Columns) -> Vec<InputError> {
    columns
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
        .collect()
}

/// Every column of `columns` as text (or the categories of its text when
/// `coded` names it), in their order; null where the file lacks the
/// (optional) column.
fn as_text(headers: &[String], columns: &Columns, coded: &[(&str, DataType)]) -> Vec<Expr> {
    columns
        .required
        .iter()
        .chain(columns.optional)
        .map(|c| match headers.iter().any(|h| h == c) {
            true => col(*c).cast(read_type(coded, c)),
            false => lit(NULL).cast(read_type(coded, c)).alias(*c),
        })
        .collect()
}

/// The type `column` is read as: its categories when `coded` names it, else text.
fn read_type(coded: &[(&str, DataType)], column: &str) -> DataType {
    let found = coded.iter().find(|(name, _)| *name == column);
    found.map_or(DataType::String, |(_, dtype)| dtype.clone())
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

/// Hex SHA-256 of a file, as the manifest records it.
pub fn sha256(path: &Path) -> Result<String, Error> {
    Ok(hash_and_scan(path, false)?.sha256)
}

/// Hex SHA-256 of a file, for the manifest, and, when `csv`, where its
/// records span several lines: one pass over the bytes for both.
fn hash_and_scan(path: &Path, csv: bool) -> Result<Hashed, Error> {
    let mut file = std::fs::File::open(path).map_err(|e| io(path, e))?;
    let mut hasher = Sha256::new();
    let mut scan = LineScan::default();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let n = std::io::Read::read(&mut file, &mut buffer).map_err(|e| io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        if csv {
            scan.feed(&buffer[..n]);
        }
    }
    Ok(Hashed {
        sha256: hex(&hasher.finalize()),
        open_quote: scan.open_quote(),
        lines: scan.shifts,
    })
}

/// Where CSV records start on a later line than their number says: a
/// quoted cell with a line break makes one record span several lines.
/// Messages name the line a record starts on, which is what an editor or
/// a spreadsheet shows. Empty for the usual file, one record per line.
#[derive(Debug, Default, PartialEq)]
pub struct LineShifts(Vec<(u64, u64)>);

impl LineShifts {
    /// The line record `record` (counted one line per record, the header
    /// being 1) starts on.
    pub fn line_of(&self, record: u64) -> u64 {
        let i = self.0.partition_point(|&(from, _)| from <= record);
        record + i.checked_sub(1).map_or(0, |i| self.0[i].1)
    }

    /// The frame with its [`LINE`] column mapped to the lines records start on.
    fn apply(&self, mut frame: DataFrame) -> Result<DataFrame, Error> {
        if self.0.is_empty() {
            return Ok(frame);
        }
        let lines = frame.column(LINE)?.cast(&DataType::UInt64)?;
        let mapped: Vec<Option<u64>> = lines
            .u64()?
            .iter()
            .map(|l| l.map(|l| self.line_of(l)))
            .collect();
        let mapped = Column::new(LINE.into(), mapped).cast(&IDX_DTYPE)?;
        frame.with_column(mapped)?;
        Ok(frame)
    }
}

/// Counts records and lines through a CSV file's bytes. Until the first
/// quote, records and lines are one and the same and only line breaks are
/// counted (a vectorised count); after it, quotes are followed byte by byte.
#[derive(Default)]
struct LineScan {
    quoted: bool,
    seen_quote: bool,
    /// Line breaks that end a record, and all line breaks, so far.
    records: u64,
    lines: u64,
    shifts: LineShifts,
}

impl LineScan {
    fn feed(&mut self, bytes: &[u8]) {
        if !self.seen_quote && !bytes.contains(&b'"') {
            let breaks = memchr::memchr_iter(b'\n', bytes).count() as u64;
            self.records += breaks;
            self.lines += breaks;
            return;
        }
        self.seen_quote = true;
        for &b in bytes {
            match b {
                b'"' => self.quoted = !self.quoted,
                b'\n' => {
                    self.lines += 1;
                    if !self.quoted {
                        self.records += 1;
                        self.record_starts();
                    }
                }
                _ => {}
            }
        }
    }

    /// The line the last record starts on when the file ends inside quotes.
    fn open_quote(&self) -> Option<u64> {
        self.quoted.then(|| self.shifts.line_of(self.records + 1))
    }

    /// A record starts after a break: note it when its line has moved on.
    fn record_starts(&mut self) {
        let offset = self.lines - self.records;
        let last = self.shifts.0.last().map_or(0, |&(_, o)| o);
        if offset != last {
            // Record n + 1 (1-based) starts after n breaks, on line lines + 1.
            self.shifts.0.push((self.records + 1, offset));
        }
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shifts(text: &str, chunk: usize) -> LineShifts {
        let mut scan = LineScan::default();
        for part in text.as_bytes().chunks(chunk) {
            scan.feed(part);
        }
        scan.shifts
    }

    #[test]
    fn records_after_a_quoted_line_break_start_on_their_real_line() {
        let text = "id,name\nA,\"one\ntwo\"\nB,x\nC,\"a\r\nb\r\nc\"\nD,y\n";
        for chunk in [1, 3, 1 << 20] {
            let s = shifts(text, chunk);
            // Records: header 1, A 2 (lines 2-3), B 3 → line 4, C 4 → 5 (5-7), D 5 → 8.
            let lines: Vec<u64> = (1..=5).map(|r| s.line_of(r)).collect();
            assert_eq!(lines, [1, 2, 4, 5, 8], "chunk {chunk}");
        }
        assert_eq!(shifts("id\nA\nB\n\"q\"\n", 4), LineShifts::default());
        assert_eq!(shifts("id\nA\nB\n", 4).line_of(3), 3);
    }

    /// The type `apology_issued` is read as, from a `dossiers.csv` whose
    /// cells in it are `cells` (as `file` in a folder of its own).
    fn apology_read_as(file: &str, header: &str, cells: [&str; 2]) -> DataType {
        let dir = std::env::temp_dir().join(format!("read-booleans-{}-{file}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let columns = "unit_code,procedure_code,channel,received_on,due_on,resolved_on";
        let mut text = format!("dossier_id,{columns},{header},rating\n");
        for (i, cell) in cells.iter().enumerate() {
            text += &format!("D{i},01,P,online,2024-01-02,2024-01-09,,{cell},\n");
        }
        let path = dir.join(file);
        std::fs::write(&path, text).unwrap();
        let table = read_table(&dir, &[path], &DOSSIER_COLUMNS, NONE_KNOWN).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let read = table.frame.column("apology_issued").unwrap();
        assert_eq!(read.len(), 2);
        read.dtype().clone()
    }

    #[test]
    fn booleans_are_parsed_by_the_reader_only_when_every_cell_is_one() {
        let bool = DataType::Boolean;
        let apology = |file, cells| apology_read_as(file, "apology_issued", cells);
        assert_eq!(apology("case.csv", ["TRUE", "false"]), bool);
        assert_eq!(apology("empty.csv", ["", "\"true\""]), bool);
        // Words that validation cleans or refuses: the table is read coded.
        assert!(apology("spaces.csv", [" true", "false"]).is_categorical());
        assert!(apology("yes.csv", ["yes", "false"]).is_categorical());
        // A header the reader's types miss would otherwise be cast.
        let spaced = apology_read_as("header.csv", " apology_issued", ["true", "false"]);
        assert!(spaced.is_categorical());
    }
}
