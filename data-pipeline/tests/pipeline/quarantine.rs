//! `--quarantine` sets invalid dossier rows aside instead of failing, and
//! `validate` runs the checks alone.

use crate::util::*;

const BAD_ROWS: &str = "\
X-1,00004,1.001130,fax,2024-01-05,2024-01-06,,TRUE,
X-2,00004,1.001130,direct,31/02/2024,2024-03-05,,,
";

fn broken_input(name: &str) -> TempDir {
    let dir = tiny_copy(name);
    edit(&dir.join("input"), "dossiers.csv", |t| t + BAD_ROWS);
    dir
}

#[test]
fn quarantine_sets_bad_rows_aside_and_counts_them() {
    let dir = broken_input("quarantine");
    let out = dir.join("data");
    let run = build_with(&dir.join("input"), &out, &["--quarantine"]);
    assert_success(&run);

    let rejected = read_csv(&dir.join("rejected.csv"));
    assert_eq!(rejected[0].first().map(String::as_str), Some("file"));
    assert_eq!(rejected[0].last().map(String::as_str), Some("reason"));
    assert_eq!(
        rejected.len(),
        3,
        "header and the two bad rows: {rejected:?}"
    );
    // Every cell as written, though codes, dates and words are read into
    // categories.
    let first = ["dossiers.csv", "121", "X-1", "00004", "1.001130", "fax"];
    assert_eq!(
        rejected[1][..8],
        [&first[..], &["2024-01-05", "2024-01-06"]].concat()
    );
    assert_eq!(rejected[2][5..7], ["direct", "31/02/2024"]);
    // ... and booleans, which a build without --quarantine reads as such.
    assert_eq!(rejected[1][9], "TRUE");
    assert!(rejected[1].last().unwrap().contains("unknown channel"));
    assert!(rejected[2].last().unwrap().contains("not a valid date"));

    let manifest = manifest(&out);
    let dossiers = &manifest["inputs"][2];
    assert_eq!(dossiers["rows_read"], 121);
    assert_eq!(dossiers["rows_rejected"], 2);
    let sum = ["rows_accepted", "rows_rejected", "duplicates"]
        .map(|k| dossiers[k].as_u64().unwrap())
        .iter()
        .sum::<u64>();
    assert_eq!(sum, 121, "every row is accounted for");

    // The figures are those of the input without the bad rows.
    let clean_dir = temp_dir("quarantine-clean");
    let clean = clean_dir.join("data");
    build_ok(&tiny().join("input"), &clean);
    let figures =
        |dir: &std::path::Path| std::fs::read_to_string(dir.join("indicators.csv")).unwrap();
    assert_eq!(figures(&out), figures(&clean));
    assert!(!std::fs::read_to_string(out.join("indicators.csv"))
        .unwrap()
        .contains("X-1"));
}

#[test]
fn validate_passes_clean_input_and_summarises_problems() {
    let clean = pipeline(&[
        "validate",
        "--input",
        tiny().join("input").to_str().unwrap(),
    ]);
    assert_success(&clean);
    assert!(String::from_utf8_lossy(&clean.stdout).contains("no problems found"));

    let dir = broken_input("validate");
    let run = pipeline(&["validate", "--input", dir.join("input").to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("dossiers.csv: 121 rows read"), "{stderr}");
    assert!(
        stderr.contains("1 × column channel: unknown channel"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 × column received_on: not a valid date"),
        "{stderr}"
    );
    assert!(!dir.join("data").exists(), "validate writes nothing");
}
