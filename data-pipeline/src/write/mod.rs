//! Stage 4, write: the snapshot files of contract section 4, atomically.
//! Everything is written to a temporary folder beside the output, which
//! then takes the output's place in one atomic exchange; a run that fails
//! or is killed part-way leaves the previous snapshots as they were.
//! With `--quarantine`, the rejected dossier rows go to `rejected.csv`
//! beside the output folder. The 766 index's files are written by `index`,
//! each province's downloads (`exports/`) by `workbook` and here, and the
//! folder's `README.md` by `readme`, last, from the list of what was written.
//! `revisions` finds the published figures the new set changes.

mod describe;
mod index;
mod readme;
pub mod revisions;
mod workbook;

use crate::compute::Computed;
use crate::error::{io, Error};
use crate::read::{hex, Table, DOSSIER_COLUMNS};
use crate::validate::{Unit, Units};
use contract::columns::{FILE, LINE, REASON};
use contract::index766::{IndexSeries, IndexSnapshot, ProvincesSnapshot};
use contract::{
    files, Count, Counts, FileEntry, IndexRules, InputEntry, Manifest, Month, ProvinceSnapshot,
    Targets, UnitInfo, UnitSeries, SCHEMA_VERSION,
};
use polars::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What the input folder says about itself (`dataset.toml`, optional).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Dataset {
    /// The data source shown on every page.
    pub source: String,
    /// True for fictional demo data.
    pub sample: bool,
}

/// Everything the snapshot set is made of.
pub struct Snapshot<'a> {
    pub units: &'a Units,
    pub computed: &'a Computed,
    /// The 766 index's series, parallel to the computed ones, and its rules.
    pub index: &'a [IndexSeries],
    pub rules: &'a IndexRules,
    pub inputs: Vec<InputEntry>,
    pub targets: Targets,
    pub dataset: Dataset,
    /// The text of `indicators.csv` ([`indicators_csv`] of every unit),
    /// made once: the revisions are found by comparing it with the
    /// published one.
    pub open_data: &'a str,
    /// Every published figure a build changed, this one's included.
    pub revisions: &'a revisions::Revisions,
}

/// Writes the snapshot set to `out`, replacing what was there only once
/// every file is complete.
pub fn write_atomically(out: &Path, snapshot: &Snapshot) -> Result<(), Error> {
    atomically(out, |staging| write_all(staging, snapshot))
}

/// Fills a new folder with `fill` and puts it in place of `dir` only once
/// `fill` succeeded: `dir` is always either the old folder or the new one.
pub fn atomically(dir: &Path, fill: impl FnOnce(&Path) -> Result<(), Error>) -> Result<(), Error> {
    let staging = Staging::new(dir)?;
    fill(&staging.path)?;
    staging.commit()
}

/// A new folder filled beside `dir` and put in its place by
/// [`Staging::commit`]; removed if dropped before (a failed build).
pub struct Staging {
    pub path: PathBuf,
    dir: PathBuf,
}

impl Staging {
    pub fn new(dir: &Path) -> Result<Staging, Error> {
        let path = sibling(dir, "tmp");
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).map_err(|e| io(&path, e))?;
        Ok(Staging {
            path,
            dir: dir.to_path_buf(),
        })
    }

    /// Puts the folder in place of `dir`, in one atomic step.
    pub fn commit(self) -> Result<(), Error> {
        replace(&self.dir, &self.path)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// When the set is made: now, or `SOURCE_DATE_EPOCH` (seconds) when set,
/// the reproducible-builds convention, so two builds of the same input
/// can be compared byte for byte.
fn generated_at() -> chrono::DateTime<chrono::Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .unwrap_or_else(chrono::Utc::now)
}

/// A hidden folder next to `out`, on the same file system so rename is atomic.
fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "data".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Puts the complete `staging` folder in place of `out`. On Linux the two
/// folders are exchanged in one atomic `renameat2(RENAME_EXCHANGE)`, so
/// `out` is always either the old or the new set, even if the process is
/// killed; elsewhere two renames leave a short window without `out`.
fn replace(out: &Path, staging: &Path) -> Result<(), Error> {
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(|e| io(out, e));
    }
    exchange(staging, out).map_err(|e| io(out, e))?;
    let _ = std::fs::remove_dir_all(staging);
    Ok(())
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let path = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
    let (a, b) = (path(a)?, path(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(staging: &Path, out: &Path) -> std::io::Result<()> {
    let old = sibling(out, "old");
    std::fs::rename(out, &old)?;
    std::fs::rename(staging, out)?;
    std::fs::rename(&old, staging)
}

fn write_all(dir: &Path, s: &Snapshot) -> Result<(), Error> {
    for folder in ["indicators", "index", files::EXPORTS] {
        std::fs::create_dir_all(dir.join(folder)).map_err(|e| io(dir, e))?;
    }
    // index766.csv, the largest file by far, is made and written on its
    // own thread while the others are.
    let rules = &s.rules.rules;
    let infos = unit_infos(s.units);
    let (written, index_csv) = std::thread::scope(|scope| {
        let index_csv = scope.spawn(|| {
            let parts = index::csv(s.units, s.computed, s.index, rules);
            file_entry(dir, files::INDEX_CSV, &parts)
        });
        let written = other_files(dir, s, &infos);
        (written, index_csv.join().expect("the index766.csv thread"))
    });
    let mut outputs = written?;
    outputs.push(index_csv?);
    let generated_at = generated_at().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let readme = readme::text(s, &generated_at, &outputs);
    outputs.push(file_entry(dir, files::DATA_README, &[readme])?);
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        generated_at,
        first_month: s.computed.first,
        last_month: s.computed.last,
        as_of: s.computed.as_of,
        source: s.dataset.source.clone(),
        sample: s.dataset.sample,
        inputs: s.inputs.clone(),
        outputs,
        targets: s.targets.clone(),
        count_fields: Count::ALL.iter().map(|c| c.name().to_string()).collect(),
        index: Some(s.rules.clone()),
        revisions: s.revisions.rows.len() as u64,
        default_file: UnitInfo::default_of(&infos, s.computed.last)
            .map(|u| ProvinceSnapshot::file_name(&u.province)),
    };
    let manifest = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Io(e.to_string()))?;
    std::fs::write(dir.join(files::MANIFEST), manifest).map_err(|e| io(dir, e))
}

/// Every file but the manifest, `index766.csv` and `README.md`, with their hashes.
fn other_files(dir: &Path, s: &Snapshot, infos: &[UnitInfo]) -> Result<Vec<FileEntry>, Error> {
    let mut written = Writer {
        dir,
        files: Vec::new(),
    };
    written.file(files::UNITS, &json(infos)?)?;
    let members = province_members(s.units);
    let revised = revisions::by_province(&s.revisions.rows, s.units);
    for (province, mut snapshot) in province_snapshots(s.units, s.computed, &members) {
        snapshot.revisions = revised.get(&province).cloned().unwrap_or_default();
        written.file(&ProvinceSnapshot::file_name(&province), &json(&snapshot)?)?;
    }
    for (province, snapshot) in index::snapshots(s.units, s.computed, s.index) {
        written.file(&IndexSnapshot::file_name(&province), &json(&snapshot)?)?;
    }
    let provinces = index::provinces(s.units, s.computed, s.index);
    written.file(ProvincesSnapshot::FILE, &json(&provinces)?)?;
    written.file(files::INDICATORS_CSV, s.open_data.as_bytes())?;
    let revisions = revisions::csv(&s.revisions.rows);
    written.file(files::REVISIONS_CSV, revisions.as_bytes())?;
    let provinces: Vec<&[usize]> = members.values().map(Vec::as_slice).collect();
    let workbooks = workbook::all(s, &provinces)?;
    for ((province, units), xlsx) in members.iter().zip(workbooks) {
        let csv = indicators_csv(s.units, s.computed, units.iter().copied());
        let bom = "\u{feff}";
        written.parts(&files::export_csv(province), &[bom, &csv])?;
        written.file(&files::export_xlsx(province), &xlsx)?;
    }
    Ok(written.files)
}

struct Writer<'a> {
    dir: &'a Path,
    files: Vec<FileEntry>,
}

impl Writer<'_> {
    fn file(&mut self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        self.parts(name, &[bytes])
    }

    /// A file written as `parts` one after the other.
    fn parts(&mut self, name: &str, parts: &[impl AsRef<[u8]>]) -> Result<(), Error> {
        self.files.push(file_entry(self.dir, name, parts)?);
        Ok(())
    }
}

/// Writes `parts` one after the other as the file `name`, and its entry
/// in the manifest (with the hash of the whole).
fn file_entry(dir: &Path, name: &str, parts: &[impl AsRef<[u8]>]) -> Result<FileEntry, Error> {
    let path = dir.join(name);
    let mut file = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
    let mut hash = Sha256::new();
    for part in parts.iter().map(AsRef::as_ref) {
        file.write_all(part).map_err(|e| io(&path, e))?;
        hash.update(part);
    }
    Ok(FileEntry {
        file: name.into(),
        sha256: hex(&hash.finalize()),
    })
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(|e| Error::Io(e.to_string()))
}

fn unit_infos(units: &Units) -> Vec<UnitInfo> {
    let ids = |list: &[usize]| list.iter().map(|&u| units.list[u].id.clone()).collect();
    (0..units.list.len())
        .map(|u| {
            let unit = &units.list[u];
            let (valid_from, valid_to) = unit.valid_months();
            UnitInfo {
                id: unit.id.clone(),
                code: unit.code.clone(),
                name: unit.name.clone(),
                level: unit.level,
                parent: unit.parent.map(|p| units.list[p].id.clone()),
                province: units.list[units.province(u)].id.clone(),
                valid_from,
                valid_to,
                predecessors: ids(&unit.predecessors),
                successors: ids(&unit.successors),
                before: unit.before.clone(),
                pool: unit.pool,
            }
        })
        .collect()
}

/// The units of every province version, by its id, in the order of the
/// unit list (the order of `indicators.csv`).
fn province_members(units: &Units) -> BTreeMap<String, Vec<usize>> {
    let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for u in 0..units.list.len() {
        let province = units.list[units.province(u)].id.clone();
        members.entry(province).or_default().push(u);
    }
    members
}

/// One file per province version so the app loads only the area it shows.
/// A unit without a month in the data has no series.
fn province_snapshots(
    units: &Units,
    computed: &Computed,
    members: &BTreeMap<String, Vec<usize>>,
) -> BTreeMap<String, ProvinceSnapshot> {
    let snapshot = |(province, list): (&String, &Vec<usize>)| {
        let series = list
            .iter()
            .filter(|&&u| !computed.series[u].months.is_empty())
            .map(|&u| (units.list[u].id.clone(), computed.series[u].clone()));
        let file = ProvinceSnapshot {
            schema_version: SCHEMA_VERSION,
            province: province.clone(),
            first_month: computed.first,
            last_month: computed.last,
            units: series.collect(),
            revisions: Vec::new(),
        };
        (province.clone(), file)
    };
    members.iter().map(snapshot).collect()
}

/// The columns of `indicators.csv` (and of every table of its rows): the
/// unit and month, then the count fields in the contract's order.
pub fn indicator_columns() -> impl Iterator<Item = &'static str> {
    let head = ["unit_code", "unit_name", "level", "parent_code", "month"];
    head.into_iter().chain(Count::ALL.iter().map(|c| c.name()))
}

/// A unit's own months with their records: the months of its series in
/// which it is valid (the months before, its predecessors' combined, are
/// theirs). The rows of `indicators.csv` and of the workbooks.
pub fn own_months<'a>(
    unit: &'a Unit,
    series: &'a UnitSeries,
    computed: &Computed,
) -> impl Iterator<Item = (Month, &'a Counts)> + 'a {
    let months = computed
        .first
        .plus(series.offset as i32)
        .through(computed.last);
    months
        .zip(&series.months)
        .filter(|(month, _)| unit.valid_in(month.index()))
}

/// The open-data table of the units `members`: one row per unit and
/// month, nulls as empty cells. All units make `indicators.csv`, a
/// province's make its `exports/<province>.csv`.
pub fn indicators_csv(
    units: &Units,
    computed: &Computed,
    members: impl IntoIterator<Item = usize>,
) -> String {
    let mut out = indicator_columns().collect::<Vec<_>>().join(",");
    out.push('\n');
    for u in members {
        let unit = &units.list[u];
        let parent = unit
            .parent
            .map(|p| units.list[p].code.as_str())
            .unwrap_or("");
        for (month, counts) in own_months(unit, &computed.series[u], computed) {
            let cells = [
                unit.code.as_str(),
                &unit.name,
                unit.level.name(),
                parent,
                &month.to_string(),
            ]
            .map(csv_cell)
            .join(",");
            out.push_str(&cells);
            for value in counts.0 {
                out.push(',');
                if let Some(v) = value {
                    out.push_str(&v.to_string());
                }
            }
            out.push('\n');
        }
    }
    out
}

/// Quotes a CSV cell when needed. Cells are written exactly as they are:
/// the open data must equal the records (a name starting with `=` stays so).
pub fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// `rejected.csv` beside the output folder (never inside it: it holds
/// dossier ids, and the output is published): the original columns, the
/// file and line they came from, and the reason. `table` is the dossier
/// input the `rejected` rows come from.
pub fn write_rejected(out: &Path, table: &Table, rejected: &DataFrame) -> Result<PathBuf, Error> {
    let path = out.with_file_name(files::REJECTED);
    let staging = out.with_file_name(format!(".rejected.csv.tmp-{}", std::process::id()));
    std::fs::write(&staging, rejected_csv(table, rejected)?).map_err(|e| io(&staging, e))?;
    std::fs::rename(&staging, &path).map_err(|e| io(&path, e))?;
    Ok(path)
}

fn rejected_csv(table: &Table, rejected: &DataFrame) -> Result<String, Error> {
    let columns = DOSSIER_COLUMNS.required;
    let mut text = format!("file,line,{},{REASON}\n", columns.join(","));
    let files = rejected.column(FILE)?.u32()?;
    let lines = rejected.column(LINE)?.cast(&DataType::UInt64)?;
    let cells: Vec<&StringChunked> = columns
        .iter()
        .chain(&[REASON])
        .map(|c| rejected.column(c).and_then(|c| c.str()))
        .collect::<Result<_, _>>()?;
    for (row, (file, line)) in files.iter().zip(lines.u64()?.iter()).enumerate() {
        let mut fields = vec![
            csv_cell(table.file_name(file.unwrap_or(0))),
            line.unwrap_or(0).to_string(),
        ];
        fields.extend(cells.iter().map(|c| csv_cell(c.get(row).unwrap_or(""))));
        text.push_str(&fields.join(","));
        text.push('\n');
    }
    Ok(text)
}
