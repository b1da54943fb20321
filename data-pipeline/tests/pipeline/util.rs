//! Helpers shared by the integration tests: temporary folders and copies of
//! the tiny fixture, running the real binary (and checking that a failed
//! build writes nothing), and reading what a build wrote.

pub mod dak_lak;
mod folders;
pub mod reorganisation;

use contract::ProvinceSnapshot;
pub use folders::{copy_dir, temp_dir, TempDir};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The `tiny` fixture of the shared folder (`input/`, `expected/`).
pub fn tiny() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/tiny")
}

/// A fresh folder named after `name`, holding a copy of the tiny input in `input/`.
pub fn tiny_copy(name: &str) -> TempDir {
    let dir = temp_dir(name);
    copy_dir(&tiny().join("input"), &dir.join("input"));
    dir
}

/// Rewrites `file` of the folder `input` (an absent file reads as empty).
pub fn edit(input: &Path, file: &str, change: impl FnOnce(String) -> String) {
    let path = input.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(path, change(text)).unwrap();
}

/// Appends the line `line` to `file` of the folder `input`.
pub fn append(input: &Path, file: &str, line: &str) {
    edit(input, file, |t| format!("{t}{line}\n"));
}

/// Runs the real `data-pipeline` binary.
pub fn pipeline(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_data-pipeline"))
        .args(args)
        .output()
        .unwrap()
}

/// `data-pipeline build --input input --out out`.
pub fn build(input: &Path, out: &Path) -> Output {
    build_with(input, out, &[])
}

/// [`build`] with more flags (`--quarantine`, `--as-of DAY`).
pub fn build_with(input: &Path, out: &Path, flags: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--input",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(flags);
    pipeline(&args)
}

/// Asserts that a run succeeded, showing its stderr when it did not.
pub fn assert_success(run: &Output) {
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Builds `input` into `out` and asserts that it succeeded.
pub fn build_ok(input: &Path, out: &Path) {
    assert_success(&build(input, out));
}

/// Builds `input` into `out`, expecting it to fail, and returns stderr.
/// Panics unless the run failed with exit code 1 and wrote nothing: `out`
/// as it was (absent, or byte for byte), and no temporary folder beside it.
pub fn build_fails_and_writes_nothing(input: &Path, out: &Path) -> String {
    build_failure(input, out).unwrap_or_else(|wrong| panic!("{wrong}"))
}

/// [`build_fails_and_writes_nothing`] without panicking: stderr, or what
/// was wrong.
pub fn build_failure(input: &Path, out: &Path) -> Result<String, String> {
    let before = (snapshot_if_any(out), entries_beside(out));
    let run = build(input, out);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    let code = run.status.code();
    if code != Some(1) {
        return Err(format!("exit code {code:?}, not 1 (a crash?)\n{stderr}"));
    }
    if snapshot_if_any(out) != before.0 {
        return Err(format!("the failed build changed {}", out.display()));
    }
    if entries_beside(out) != before.1 {
        return Err(format!(
            "the failed build left files beside {}",
            out.display()
        ));
    }
    Ok(stderr)
}

fn snapshot_if_any(dir: &Path) -> Option<Vec<(PathBuf, Vec<u8>)>> {
    dir.exists().then(|| snapshot_of(dir))
}

/// The names in the folder that holds `path`.
fn entries_beside(path: &Path) -> Vec<OsString> {
    let mut names: Vec<OsString> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    names
}

pub use data_pipeline::write::revisions::parse_csv;

/// The rows of a CSV file.
pub fn read_csv(path: &Path) -> Vec<Vec<String>> {
    parse_csv(&std::fs::read_to_string(path).unwrap())
}

/// The rows of the `indicators.csv` a build wrote to `out`, header first.
pub fn indicators(out: &Path) -> Vec<Vec<String>> {
    read_csv(&out.join("indicators.csv"))
}

/// The `manifest.json` a build wrote to `out`.
pub fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

/// The entry of `manifest.json` for the input file `file`.
pub fn manifest_input(out: &Path, file: &str) -> serde_json::Value {
    manifest(out)["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["file"] == file)
        .unwrap_or_else(|| panic!("{file} is listed in the manifest"))
        .clone()
}

/// The snapshot of one province a build wrote to `out`.
pub fn province(out: &Path, code: &str) -> ProvinceSnapshot {
    let text = std::fs::read_to_string(out.join(ProvinceSnapshot::file_name(code))).unwrap();
    serde_json::from_str(&text).unwrap()
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
