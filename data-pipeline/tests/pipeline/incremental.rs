//! Incremental builds: a build with the state of the last one beside its
//! output reads only the dossier files that changed, and writes exactly
//! what a full build of the same input writes; when the state cannot
//! serve, the build is a full one and says why; a killed build loses
//! nothing.

use crate::util::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

/// `build`, with the set's `generated_at` fixed so that two builds of the
/// same input can be compared byte for byte.
fn run(input: &Path, out: &Path, flags: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_data-pipeline"))
        .args(["build", "--input", input.to_str().unwrap()])
        .args(["--out", out.to_str().unwrap()])
        .args(flags)
        .env("SOURCE_DATE_EPOCH", "1764633600")
        .output()
        .unwrap();
    assert_success(&output);
    output
}

/// What a build reported on stdout.
fn report(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every file below `dir`, by its path inside it, with its bytes.
fn files_of(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    snapshot_of(dir)
        .into_iter()
        .map(|(path, bytes)| (path.strip_prefix(dir).unwrap().to_path_buf(), bytes))
        .collect()
}

/// Builds `input` with every file read (`--full`) into a copy of
/// `previous` (the set the incremental build replaced, so that both find
/// the same revisions) and asserts that it equals `incremental`.
fn assert_same_as_full(input: &Path, previous: &Path, incremental: &Path) {
    let full = previous.with_file_name("full");
    let _ = std::fs::remove_dir_all(&full);
    copy_dir(previous, &full);
    let output = run(input, &full, &["--full"]);
    assert!(
        report(&output).contains("full build: --full"),
        "{}",
        report(&output)
    );
    let (a, b) = (files_of(incremental), files_of(&full));
    let names = |f: &[(PathBuf, Vec<u8>)]| f.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{} differs from a full build", path.display());
    }
}

/// Splits `dossiers.csv` of `input` into `dossiers/<part>.csv` by the key
/// that `part` gives each row, and returns the parts' names in order.
fn split(input: &Path, part: impl Fn(&[&str]) -> String) -> Vec<String> {
    let text = std::fs::read_to_string(input.join("dossiers.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let mut parts: std::collections::BTreeMap<String, String> = Default::default();
    for line in lines.filter(|l| !l.is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        let text = parts
            .entry(part(&cells))
            .or_insert_with(|| format!("{header}\n"));
        text.push_str(line);
        text.push('\n');
    }
    std::fs::remove_file(input.join("dossiers.csv")).unwrap();
    let folder = input.join("dossiers");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, text) in &parts {
        let path = folder.join(format!("{name}.csv"));
        std::fs::write(&path, text).unwrap();
        settle(&path);
    }
    parts.into_keys().collect()
}

/// Dates a file an hour back from when it was written: a file modified in
/// the two seconds before a build reads it is read again by the next one
/// (it might change again unseen within the same tick of the clock).
fn settle(path: &Path) {
    let file = std::fs::File::options().append(true).open(path).unwrap();
    let written = file.metadata().unwrap().modified().unwrap();
    file.set_modified(written - std::time::Duration::from_secs(3600))
        .unwrap();
}

/// Moves `dossiers/<name>.csv` out of the input into `aside`, and back.
fn set_aside(input: &Path, aside: &Path, name: &str) {
    std::fs::rename(input.join(format!("dossiers/{name}.csv")), aside).unwrap();
}

fn put_back(input: &Path, aside: &Path, name: &str) {
    std::fs::rename(aside, input.join(format!("dossiers/{name}.csv"))).unwrap();
}

/// A sampled history of made-up units over the 12 months of 2025, one
/// file per month received; returns the months.
fn sampled_history(input: &Path, provinces: &str, communes: &str, dossiers: &str) -> Vec<String> {
    let sample = pipeline(&[
        "sample",
        "--out",
        input.to_str().unwrap(),
        "--provinces",
        provinces,
        "--communes",
        communes,
        "--start",
        "2025-01",
        "--months",
        "12",
        "--dossiers",
        dossiers,
    ]);
    assert_success(&sample);
    let months = split(input, |cells| cells[4][..7].to_string());
    assert_eq!(months.len(), 12, "{months:?}");
    months
}

/// Last month's publication: builds the input without its last file
/// `last` into `out`, puts the file back and keeps a copy of that output
/// (and its state) in `previous`. Returns the build's report.
fn build_without(input: &Path, last: &str, out: &Path, previous: &Path) -> String {
    let aside = previous.with_file_name("aside.csv");
    set_aside(input, &aside, last);
    let built = report(&run(input, out, &[]));
    put_back(input, &aside, last);
    copy_dir(out, previous);
    copy_dir(&state::folder(out), &state::folder(previous));
    built
}

/// The tiny fixture in three files of about 40 rows; the last is added as
/// next month's export, then a past file is re-exported with a change,
/// then one is withdrawn: each incremental build reads only what changed
/// and equals a full build.
#[test]
fn incremental_builds_equal_full_builds_on_the_tiny_fixture() {
    let dir = tiny_copy("incremental-tiny");
    let (input, out, previous) = (dir.join("input"), dir.join("data"), dir.join("previous"));
    let row = std::cell::Cell::new(0);
    let parts = split(&input, |_| {
        row.set(row.get() + 1);
        format!("part-{}", (row.get() - 1) / 40)
    });
    assert_eq!(parts, ["part-0", "part-1", "part-2"]);
    let first = build_without(&input, "part-2", &out, &previous);
    assert!(first.contains("full build: no saved state in"), "{first}");
    assert!(state::folder(&out).join("state.json").is_file());
    let added = report(&run(&input, &out, &[]));
    assert!(
        added.contains("incremental build: 1 dossier files read, 2 unchanged"),
        "{added}"
    );
    assert_same_as_full(&input, &previous, &out);
    let sorted = |mut rows: Vec<Vec<String>>| {
        rows.sort();
        rows
    };
    assert_eq!(
        sorted(indicators(&out)),
        sorted(read_csv(&tiny().join("expected/indicators.csv")))
    );

    // A re-export of a past file: one dossier resolved a day later.
    std::fs::remove_dir_all(&previous).unwrap();
    copy_dir(&out, &previous);
    edit(&input, "dossiers/part-0.csv", |t| {
        let row = "HS-00000036,00189,1.001390,online,2023-12-22,2023-12-23,2023-12-23";
        assert!(t.contains(row));
        t.replace(row, &row.replace("12-23,2023-12-23", "12-23,2023-12-24"))
    });
    settle(&input.join("dossiers/part-0.csv"));
    let changed = report(&run(&input, &out, &[]));
    assert!(
        changed.contains("incremental build: 1 dossier files read, 2 unchanged"),
        "{changed}"
    );
    assert!(changed.contains("published figures revised"), "{changed}");
    assert_same_as_full(&input, &previous, &out);

    // A file withdrawn: nothing to read, two files from the state.
    std::fs::remove_dir_all(&previous).unwrap();
    copy_dir(&out, &previous);
    std::fs::remove_file(input.join("dossiers/part-1.csv")).unwrap();
    let withdrawn = report(&run(&input, &out, &[]));
    assert!(
        withdrawn.contains("incremental build: 0 dossier files read, 2 unchanged"),
        "{withdrawn}"
    );
    assert_same_as_full(&input, &previous, &out);
}

/// A sampled history of three provinces over 12 months, one file per
/// month received: adding the twelfth month reads that month alone.
#[test]
fn adding_a_month_to_a_sampled_three_province_history_equals_a_full_build() {
    let dir = temp_dir("incremental-sample");
    let (input, out, previous) = (dir.join("input"), dir.join("data"), dir.join("previous"));
    let months = sampled_history(&input, "3", "45", "30000");
    build_without(&input, &months[11], &out, &previous);
    let added = report(&run(&input, &out, &[]));
    assert!(
        added.contains("incremental build: 1 dossier files read, 11 unchanged"),
        "{added}"
    );
    assert_same_as_full(&input, &previous, &out);
}

/// A saved state that cannot serve gives a full build that says why, and
/// the same output.
#[test]
fn a_state_that_cannot_serve_gives_a_full_build_that_says_why() {
    let dir = tiny_copy("incremental-fallback");
    let (input, out, previous) = (dir.join("input"), dir.join("data"), dir.join("previous"));
    let row = std::cell::Cell::new(0);
    split(&input, |_| {
        row.set(row.get() + 1);
        format!("part-{}", (row.get() - 1) / 60)
    });
    run(&input, &out, &[]);
    let state = state::folder(&out);
    let check = |why: &str| {
        let _ = std::fs::remove_dir_all(&previous);
        copy_dir(&out, &previous);
        let built = report(&run(&input, &out, &[]));
        assert!(built.contains(&format!("full build: {why}")), "{built}");
        assert_same_as_full(&input, &previous, &out);
        let again = report(&run(&input, &out, &[]));
        assert!(
            again.contains("incremental build: 0 dossier files read, 2 unchanged"),
            "{again}"
        );
    };

    // Saved rows altered.
    let saved = std::fs::read_dir(&state)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "parquet"))
        .unwrap();
    let mut bytes = std::fs::read(&saved).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&saved, bytes).unwrap();
    check("the saved rows");
    // The state of another output (the manifest it was saved with differs).
    edit(&out, "manifest.json", |t| t.replacen('{', "{ ", 1));
    check("the saved state in");
    // A catalogue changed.
    append(
        &input,
        "procedures.csv",
        "9.999999,Thủ tục mới,Hộ tịch,commune,2,",
    );
    check("the catalogues, the dossier columns or the pipeline changed");
    // No state at all.
    std::fs::remove_dir_all(&state).unwrap();
    check("no saved state in");
    // An --as-of before the last build's.
    let built = report(&run(&input, &out, &["--as-of", "2024-12-31"]));
    assert!(built.contains("full build: --as-of is earlier"), "{built}");
    // --quarantine neither uses nor saves a state; here it writes the
    // same set, which the state still serves.
    let saved = std::fs::read(state.join("state.json")).unwrap();
    let built = report(&run(&input, &out, &["--quarantine"]));
    assert!(built.contains("0 rows rejected"), "{built}");
    assert_eq!(std::fs::read(state.join("state.json")).unwrap(), saved);
    let built = report(&run(&input, &out, &[]));
    assert!(
        built.contains("incremental build: 0 dossier files read"),
        "{built}"
    );
}

/// A build killed at any moment leaves the previous set whole (or the new
/// one complete), and the next build, incremental or not, equals a full
/// build.
#[test]
fn an_incremental_build_killed_at_any_moment_loses_nothing() {
    let dir = temp_dir("incremental-kill");
    let (input, out, previous) = (dir.join("input"), dir.join("data"), dir.join("previous"));
    let months = sampled_history(&input, "2", "20", "20000");
    build_without(&input, &months[11], &out, &previous);
    let before = files_of(&out);
    let restore = || {
        for (from, to) in [
            (previous.to_path_buf(), out.to_path_buf()),
            (state::folder(&previous), state::folder(&out)),
        ] {
            let _ = std::fs::remove_dir_all(&to);
            copy_dir(&from, &to);
        }
    };
    // One whole incremental build, timed; others are killed at points
    // spread over that time.
    let clock = Instant::now();
    run(&input, &out, &[]);
    let whole = clock.elapsed();
    let mut killed = 0;
    for step in 1..=8 {
        restore();
        let mut child = Command::new(env!("CARGO_BIN_EXE_data-pipeline"))
            .args(["build", "--input", input.to_str().unwrap()])
            .args(["--out", out.to_str().unwrap()])
            .env("SOURCE_DATE_EPOCH", "1764633600")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole * step / 9);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
        assert!(
            files_of(&out) == before || manifest_consistent(&out),
            "a killed build left a mixture"
        );
        run(&input, &out, &[]);
        assert_same_as_full(&input, &previous, &out);
    }
    assert!(
        killed >= 4,
        "only {killed} of 8 builds were killed before they ended"
    );
}

/// Every output the manifest lists exists with the recorded SHA-256.
fn manifest_consistent(out: &Path) -> bool {
    manifest(out)["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|entry| {
            let file = out.join(entry["file"].as_str().unwrap());
            data_pipeline::read::sha256(&file).ok().as_deref() == entry["sha256"].as_str()
        })
}

use data_pipeline::state;
