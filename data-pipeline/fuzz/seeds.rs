//! `seeds TINY_INPUT SEEDS`: writes the seed corpus of each reader to
//! `SEEDS/<reader>/`: the tiny fixture's files, the reorganisation input of
//! the tests (unit versions and `unit_changes.csv`), and every input file
//! that a case of the malformed-input corpus breaks or adds. Each seed
//! starts with the byte `fuzz_targets/inputs.rs` reads: its format and
//! which valid inputs go beside it.
//!
//! Plain `std`, so `run.sh` compiles it with `rustc` alone; the cases and
//! the reorganisation are the tests' own files, included by path.

#![allow(dead_code)]

#[path = "../tests/pipeline/malformed_corpus/cases.rs"]
mod cases;
#[path = "../tests/pipeline/util/reorganisation.rs"]
mod reorganisation;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const READERS: [&str; 5] = ["units", "procedures", "dossiers", "reports", "unit_changes"];
const FORMATS: [&str; 3] = ["csv", "parquet", "xlsx"];

/// Rewrites `file` of the folder `input` (as the tests' `util::edit`).
fn edit(input: &Path, file: &str, change: impl FnOnce(String) -> String) {
    let path = input.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(path, change(text)).unwrap();
}

/// Appends the line `line` to `file` of the folder `input`.
fn append(input: &Path, file: &str, line: &str) {
    edit(input, file, |t| format!("{t}{line}\n"));
}

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [tiny, seeds] = &args[..] else {
        panic!("usage: seeds TINY_INPUT SEEDS");
    };
    let work = std::env::temp_dir().join(format!("par-seeds-{}", std::process::id()));
    let original = files(tiny);
    for (name, bytes) in &original {
        seed(seeds, "tiny", name, bytes, false);
    }
    let dir = work.join("reorganisation");
    use reorganisation::*;
    write_input(&dir, UNITS, CHANGES, &DOSSIERS);
    for (name, bytes) in &files(&dir) {
        seed(seeds, "reorganisation", name, bytes, true);
    }
    for (index, (_, break_it, _)) in cases::cases().into_iter().enumerate() {
        let dir = work.join(format!("case-{index}"));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in &original {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        break_it(&dir);
        for (name, bytes) in &files(&dir) {
            if original.get(name) != Some(bytes) {
                seed(seeds, &format!("case-{index:02}"), name, bytes, false);
            }
        }
    }
    std::fs::remove_dir_all(&work).unwrap();
}

/// The files of `dir` and of its folders, by their path below `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            for (inner, bytes) in files(&path) {
                found.insert(format!("{name}/{inner}"), bytes);
            }
        } else {
            found.insert(name, std::fs::read(&path).unwrap());
        }
    }
    found
}

/// Writes the input file `name` (`dossiers.csv`, `dossiers/b.csv` …) as a
/// seed of its reader, if it is one of a reader's files.
fn seed(seeds: &Path, tag: &str, name: &str, bytes: &[u8], reorganisation: bool) {
    let path = Path::new(name);
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    let stem = match path.parent().and_then(Path::to_str) {
        Some(folder) if !folder.is_empty() => folder.to_string(),
        _ => path.file_stem().unwrap().to_string_lossy().into_owned(),
    };
    let format = FORMATS
        .iter()
        .position(|f| Some(*f) == extension.as_deref());
    let (Some(format), true) = (format, READERS.contains(&stem.as_str())) else {
        return;
    };
    let folder = seeds.join(&stem);
    std::fs::create_dir_all(&folder).unwrap();
    let first = (format + 3 * usize::from(reorganisation)) as u8;
    let text = [&[first][..], bytes].concat();
    std::fs::write(
        folder.join(format!("{tag}-{}", name.replace('/', "-"))),
        text,
    )
    .unwrap();
}
