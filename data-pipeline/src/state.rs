//! What an incremental build starts from: the validated rows of every
//! dossier file the last build read, kept in a folder beside the output
//! (`public/data` → `public/data.state`), never inside it, since it holds a
//! row per dossier.
//!
//! A dossier file whose name, size and modification time are those saved
//! is not read or validated again: its rows come from the state. Everything
//! after that (duplicates across files, reports, compute, write) runs as in
//! a full build, over all rows, so the output is the same byte for byte.
//!
//! The state serves only the output it was saved with (the SHA-256 of its
//! `manifest.json`), the same catalogues, dossier columns and pipeline
//! binary, and an `--as-of` no earlier than its own; its files must match
//! their SHA-256. Otherwise the build is a full one and says why.

use crate::error::{io, Error};
use crate::read::{self, hex, stamp, Inputs, SourceFile, Table, DOSSIER_COLUMNS};
use crate::validate::dates::{day_number, Latest};
use crate::validate::dossiers::unheld;
use crate::validate::Units;
use crate::write::Staging;
use chrono::NaiveDate;
use contract::columns::{FILE, RECV_DAY, RES_DAY};
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// Bumped whenever the saved rows change meaning.
const FORMAT: u32 = 1;
const RECORD: &str = "state.json";

/// The folder of the state of `out`: its sibling `<name>.state`.
pub fn folder(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or("data".into(), |n| n.to_string_lossy());
    out.with_file_name(format!("{name}.state"))
}

/// The state's account of itself and of every dossier file it holds.
#[derive(Serialize, Deserialize)]
struct Record {
    format: u32,
    /// The SHA-256 of the `manifest.json` written with this state.
    manifest_sha256: String,
    /// What else shapes validated rows (see [`context`]).
    context: String,
    /// The last day dossiers could be received or resolved on.
    as_of: NaiveDate,
    files: Vec<Saved>,
}

/// One dossier file as read, and where its validated rows are.
#[derive(Clone, Serialize, Deserialize)]
struct Saved {
    name: String,
    size: u64,
    /// Nanoseconds since the Unix epoch.
    modified: u64,
    sha256: String,
    rows: u64,
    has: Vec<String>,
    warnings: Vec<String>,
    /// The Parquet file of its validated rows, in the state folder.
    rows_file: String,
    rows_sha256: String,
}

/// The state an earlier build left beside the output.
pub struct Previous {
    dir: PathBuf,
    record: Record,
}

/// The state beside `out`, if there is one and it belongs to the output
/// in `out`; otherwise why not (for the build's report).
pub fn open(out: &Path) -> Result<Previous, String> {
    let dir = folder(out);
    let text = std::fs::read_to_string(dir.join(RECORD))
        .map_err(|_| format!("no saved state in {}", dir.display()))?;
    let record: Record = serde_json::from_str(&text)
        .map_err(|e| format!("the saved state {} cannot be read: {e}", dir.display()))?;
    if record.format != FORMAT {
        return Err("the saved state is of an older format".into());
    }
    let manifest = read::sha256(&out.join(contract::files::MANIFEST)).unwrap_or_default();
    if manifest != record.manifest_sha256 {
        return Err(format!(
            "the saved state in {} is not that of the output in {}",
            dir.display(),
            out.display()
        ));
    }
    Ok(Previous { dir, record })
}

impl Previous {
    /// The dossier file `name` as the earlier build read it, if it is
    /// unchanged (same size and modification time).
    pub fn known(&self, name: &str, path: &Path) -> Option<SourceFile> {
        let saved = self.record.files.iter().find(|f| f.name == name)?;
        (stamp(path)? == (saved.size, saved.modified)).then(|| SourceFile {
            name: saved.name.clone(),
            sha256: saved.sha256.clone(),
            rows: saved.rows,
            has: DOSSIER_COLUMNS
                .optional
                .iter()
                .copied()
                .filter(|c| saved.has.iter().any(|h| h == c))
                .collect(),
            warnings: saved.warnings.clone(),
            stamp: Some((saved.size, saved.modified)),
        })
    }

    /// The validated rows of the known files of `inputs.dossiers`, each
    /// with its file's index, checked against the catalogues `units` and
    /// the day `latest`; or why they cannot be used.
    pub fn earlier(
        &self,
        inputs: &Inputs,
        units: &Units,
        latest: Latest,
    ) -> Result<DataFrame, String> {
        if context(inputs) != self.record.context {
            return Err("the catalogues, the dossier columns or the pipeline changed".into());
        }
        if latest.day < self.record.as_of {
            return Err(format!(
                "--as-of is earlier than the last build's {}",
                self.record.as_of
            ));
        }
        let table = &inputs.dossiers;
        let frames = table
            .known
            .iter()
            .map(|&i| self.rows_of(table, i))
            .collect::<Result<Vec<_>, String>>()?;
        let frame = concat(
            frames.into_iter().map(IntoLazy::lazy).collect::<Vec<_>>(),
            UnionArgs::default(),
        )
        .and_then(|lf| lf.collect())
        .map_err(|e| format!("the saved rows cannot be read: {e}"))?;
        still_valid(&frame, units, latest)?;
        Ok(frame)
    }

    /// The saved rows of the known file `index` of `table`, verified.
    fn rows_of(&self, table: &Table, index: u32) -> Result<DataFrame, String> {
        let name = table.file_name(index);
        let saved = self.record.files.iter().find(|f| f.name == name);
        let saved = saved.ok_or_else(|| format!("{name} is not in the saved state"))?;
        let path = self.dir.join(&saved.rows_file);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if hex(Sha256::digest(&bytes).as_slice()) != saved.rows_sha256 {
            return Err(format!(
                "the saved rows {} do not match their SHA-256",
                path.display()
            ));
        }
        let frame = ParquetReader::new(Cursor::new(bytes))
            .finish()
            .and_then(|f| f.lazy().with_column(lit(index).alias(FILE)).collect())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(frame)
    }

    /// A saved file carried into the new state folder `dir` (a hard link).
    fn keep(&self, dir: &Path, name: &str) -> Result<Saved, Error> {
        let saved = self.record.files.iter().find(|f| f.name == name);
        let saved = saved.expect("a known file is in the state").clone();
        let (from, to) = (self.dir.join(&saved.rows_file), dir.join(&saved.rows_file));
        if !to.exists() {
            std::fs::hard_link(&from, &to)
                .or_else(|_| std::fs::copy(&from, &to).map(|_| ()))
                .map_err(|e| io(&to, e))?;
        }
        Ok(saved)
    }
}

/// What shapes a dossier file's validated rows besides the file itself:
/// the unit tree and its changes, the catalogue, the dossier columns
/// every file has, and this pipeline binary.
fn context(inputs: &Inputs) -> String {
    let mut hasher = Sha256::new();
    let catalogues = [
        Some(&inputs.units),
        inputs.changes.as_ref(),
        inputs.procedures.as_ref(),
    ];
    for table in catalogues {
        let hashes = table.into_iter().flat_map(|t| &t.files).map(|f| &f.sha256);
        hasher.update(format!("{:?};", hashes.collect::<Vec<_>>()));
    }
    hasher.update(format!("{:?};", inputs.dossiers.present));
    let binary = std::env::current_exe().ok().and_then(|p| stamp(&p));
    hasher.update(format!("{binary:?};{}", env!("CARGO_PKG_VERSION")));
    hex(hasher.finalize().as_slice())
}

/// The checks of a dossier that depend on the day of the build, run again
/// on saved rows for a later `latest`: no date after it, and a unit holding
/// each pending dossier until then.
fn still_valid(frame: &DataFrame, units: &Units, latest: Latest) -> Result<(), String> {
    let day = day_number(latest.day);
    let failing = col(RECV_DAY)
        .gt(lit(day))
        .or(col(RES_DAY).gt(lit(day)))
        .or(unheld(units, latest));
    let count = frame
        .clone()
        .lazy()
        .filter(failing)
        .select([len()])
        .collect()
        .ok()
        .and_then(|f| f.column("len").ok()?.idx().ok()?.get(0));
    match count {
        Some(0) => Ok(()),
        _ => Err("some saved dossiers fail the checks of the new --as-of".into()),
    }
}

/// The new state, written while the build computes and writes: the rows
/// of the files it read (`checked`) and, for the files it knew, those
/// already saved. Put in place by [`commit`] once the output is.
pub struct Staged {
    staging: Staging,
    files: Vec<Saved>,
}

/// Starts the new state of `out` (see [`Staged`]).
pub fn stage(
    out: &Path,
    inputs: &Inputs,
    checked: &DataFrame,
    previous: Option<&Previous>,
) -> Result<Staged, Error> {
    let staging = Staging::new(&folder(out))?;
    let table = &inputs.dossiers;
    let mut rows = rows_by_file(checked)?;
    let mut files = Vec::new();
    for (i, file) in table.files.iter().enumerate() {
        let i = i as u32;
        let saved = match previous.filter(|_| table.known.contains(&i)) {
            Some(p) => p.keep(&staging.path, &file.name)?,
            None => {
                let rows = rows.remove(&i).unwrap_or_else(|| checked.clear());
                save_rows(&staging.path, file, rows)?
            }
        };
        files.push(saved);
    }
    Ok(Staged { staging, files })
}

/// Completes the staged state for the output just written to `out` (its
/// manifest's SHA-256) and puts it in place of the previous one.
pub fn commit(staged: Staged, out: &Path, inputs: &Inputs, latest: Latest) -> Result<(), Error> {
    let Staged { staging, files } = staged;
    let record = Record {
        format: FORMAT,
        manifest_sha256: read::sha256(&out.join(contract::files::MANIFEST))?,
        context: context(inputs),
        as_of: latest.day,
        files,
    };
    let text = serde_json::to_string_pretty(&record).expect("the state serialises");
    let path = staging.path.join(RECORD);
    std::fs::write(&path, text).map_err(|e| io(&path, e))?;
    staging.commit()
}

/// The rows of each file read, by its index: slices of `checked`, which
/// holds them file after file (a filter per file otherwise).
fn rows_by_file(checked: &DataFrame) -> Result<BTreeMap<u32, DataFrame>, Error> {
    let files = checked.column(FILE)?.u32()?;
    let mut runs: Vec<(u32, usize, usize)> = Vec::new();
    for (row, file) in files.into_no_null_iter().enumerate() {
        match runs.last_mut() {
            Some((last, _, len)) if *last == file => *len += 1,
            _ => runs.push((file, row, 1)),
        }
    }
    let mut by_file = BTreeMap::new();
    let in_order = runs.windows(2).all(|w| w[0].0 < w[1].0);
    for (file, start, len) in runs {
        let rows = match in_order {
            true => checked.slice(start as i64, len),
            false => checked
                .clone()
                .lazy()
                .filter(col(FILE).eq(lit(file)))
                .collect()?,
        };
        by_file.insert(file, rows);
    }
    Ok(by_file)
}

/// Saves the validated rows of one file (without [`FILE`], which is the
/// file's place in the next build), named by their SHA-256.
fn save_rows(dir: &Path, file: &SourceFile, rows: DataFrame) -> Result<Saved, Error> {
    let mut rows = rows.drop(FILE)?;
    let writing = dir.join("rows.parquet.part");
    let created = std::fs::File::create(&writing).map_err(|e| io(&writing, e))?;
    let mut hashed = Hashed(std::io::BufWriter::new(created), Sha256::new());
    ParquetWriter::new(&mut hashed)
        .with_compression(ParquetCompression::Lz4Raw)
        .finish(&mut rows)?;
    std::io::Write::flush(&mut hashed.0).map_err(|e| io(&writing, e))?;
    let rows_sha256 = hex(hashed.1.finalize().as_slice());
    let rows_file = format!("{}.parquet", &rows_sha256[..32]);
    let path = dir.join(&rows_file);
    std::fs::rename(&writing, &path).map_err(|e| io(&path, e))?;
    let (size, modified) = file.stamp.unwrap_or_default();
    Ok(Saved {
        name: file.name.clone(),
        size,
        modified,
        sha256: file.sha256.clone(),
        rows: file.rows,
        has: file.has.iter().map(|c| c.to_string()).collect(),
        warnings: file.warnings.clone(),
        rows_file,
        rows_sha256,
    })
}

/// A writer that hashes what goes through it.
struct Hashed<W>(W, Sha256);

impl<W: std::io::Write> std::io::Write for Hashed<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.0.write(bytes)?;
        self.1.update(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(files: &[u32]) -> DataFrame {
        let rows: Vec<i32> = (0..files.len() as i32).collect();
        df!(FILE => files, "row" => rows).unwrap()
    }

    fn rows(frame: &DataFrame) -> Vec<i32> {
        let column = frame.column("row").unwrap().i32().unwrap();
        column.into_no_null_iter().collect()
    }

    #[test]
    fn rows_come_in_slices_per_file_and_out_of_order_rows_still_find_their_file() {
        let in_order = rows_by_file(&frame(&[0, 0, 2, 2, 2, 5])).unwrap();
        assert_eq!(in_order.keys().copied().collect::<Vec<_>>(), [0, 2, 5]);
        assert_eq!(rows(&in_order[&2]), [2, 3, 4]);
        let mixed = rows_by_file(&frame(&[1, 0, 1, 0])).unwrap();
        assert_eq!(rows(&mixed[&0]), [1, 3]);
        assert_eq!(rows(&mixed[&1]), [0, 2]);
    }

    #[test]
    fn the_state_of_public_data_is_its_sibling() {
        assert_eq!(
            folder(Path::new("public/data")),
            Path::new("public/data.state")
        );
    }
}
