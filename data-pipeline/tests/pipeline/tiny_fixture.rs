//! The pipeline must reproduce the independently computed
//! `shared/fixtures/tiny/expected/indicators.csv` cell for cell.

use crate::util::*;
use std::collections::BTreeMap;

#[test]
fn tiny_fixture_matches_expected_indicators_cell_for_cell() {
    let dir = temp_dir("tiny");
    let out = dir.join("data");
    build_ok(&tiny().join("input"), &out);

    let expected = read_csv(&tiny().join("expected/indicators.csv"));
    let actual = indicators(&out);
    assert_eq!(actual[0], expected[0], "header");
    let key = |row: &Vec<String>| (row[0].clone(), row[4].clone());
    let actual: BTreeMap<_, _> = actual[1..].iter().map(|r| (key(r), r.clone())).collect();
    assert_eq!(
        actual.len(),
        expected.len() - 1,
        "one row per unit and month"
    );
    let header = &expected[0];
    let mut differences = Vec::new();
    for row in &expected[1..] {
        let Some(got) = actual.get(&key(row)) else {
            differences.push(format!("missing row {:?}", key(row)));
            continue;
        };
        for (i, (want, have)) in row.iter().zip(got).enumerate() {
            if want != have {
                differences.push(format!(
                    "{:?} {}: expected {want}, got {have}",
                    key(row),
                    header[i]
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
fn manifest_records_inputs_outputs_and_duplicates() {
    let dir = temp_dir("tiny-manifest");
    let out = dir.join("data");
    build_ok(&tiny().join("input"), &out);
    let manifest = manifest(&out);
    assert_eq!(manifest["schema_version"], contract::SCHEMA_VERSION);
    assert_eq!(manifest["first_month"], "2023-11");
    assert_eq!(manifest["last_month"], "2024-02");
    let dossiers = manifest_input(&out, "dossiers.csv");
    assert_eq!(dossiers["rows_read"], 119);
    assert!(
        dossiers["duplicates"].as_u64().unwrap() > 0,
        "the fixture has exact duplicate rows"
    );
    assert_eq!(
        dossiers["rows_read"].as_u64().unwrap(),
        dossiers["rows_accepted"].as_u64().unwrap() + dossiers["duplicates"].as_u64().unwrap()
    );
    for output in manifest["outputs"].as_array().unwrap() {
        assert!(
            out.join(output["file"].as_str().unwrap()).is_file(),
            "{output}"
        );
    }
    // The file a page without a unit opens on (the waiting page fetches it
    // early), one of the outputs.
    assert_eq!(manifest["default_file"], "indicators/01.json");
    let outputs = manifest["outputs"].as_array().unwrap();
    assert!(outputs
        .iter()
        .any(|o| o["file"] == manifest["default_file"]));
}

/// Every cell of every sheet of a workbook (its zip hides the text).
fn workbook_text(path: &std::path::Path) -> String {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let mut text = String::new();
    for (_, range) in book.worksheets() {
        for cell in range.used_cells() {
            text.push_str(&cell.2.to_string());
            text.push('\n');
        }
    }
    assert!(!text.is_empty(), "{} read", path.display());
    text
}

#[test]
fn snapshots_hold_no_dossier_ids() {
    let dir = temp_dir("tiny-no-ids");
    let out = dir.join("data");
    build_ok(&tiny().join("input"), &out);
    for (path, bytes) in snapshot_of(&out) {
        let text = match path.extension().is_some_and(|e| e == "xlsx") {
            true => workbook_text(&path),
            false => String::from_utf8(bytes).unwrap(),
        };
        assert!(
            !text.contains("HS-"),
            "{} holds a dossier id",
            path.display()
        );
    }
}
