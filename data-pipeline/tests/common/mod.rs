//! Helpers shared by the pipeline's integration tests: temporary folders,
//! running the real binary, reading CSV.

// Each test binary uses some of the helpers.
#![allow(dead_code, unused_imports)]

mod folders;

pub use folders::{copy_dir, temp_dir, TempDir};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The `tiny` fixture of the shared folder.
pub fn tiny() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/tiny")
}

/// Runs the real `data-pipeline` binary.
pub fn pipeline(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_data-pipeline"))
        .args(args)
        .output()
        .unwrap()
}

pub fn build(input: &Path, out: &Path) -> Output {
    pipeline(&[
        "build",
        "--input",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

/// Parses CSV text (quotes and doubled quotes supported) into rows of cells.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Every file below `dir` with its bytes, to show a folder did not change.
pub fn snapshot_of(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}
