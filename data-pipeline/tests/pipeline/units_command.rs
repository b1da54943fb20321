//! `data-pipeline units`: the real unit catalogues embedded in the binary,
//! on a day or across the change of 1 July 2025, and a build that takes
//! them as its `units.csv`.

use crate::util::*;
use std::collections::BTreeSet;
use std::path::Path;

/// Runs `data-pipeline units --out DIR` with `flags`, asserting success;
/// returns the report.
fn units(out: &Path, flags: &[&str]) -> String {
    let mut args = vec!["units", "--out", out.to_str().unwrap()];
    args.extend_from_slice(flags);
    let run = pipeline(&args);
    assert_success(&run);
    String::from_utf8(run.stdout).unwrap()
}

/// The rows of `units.csv` (header first).
fn unit_rows(out: &Path) -> Vec<Vec<String>> {
    read_csv(&out.join("units.csv"))
}

/// How many units of each level (province, district, commune).
fn levels(rows: &[Vec<String>]) -> [usize; 3] {
    ["province", "district", "commune"].map(|l| rows.iter().filter(|r| r[2] == l).count())
}

/// The rows of `units.csv` with this code.
fn with_code(rows: &[Vec<String>], code: &str) -> Vec<Vec<String>> {
    rows.iter().filter(|r| r[0] == code).cloned().collect()
}

/// The (old, new) pairs of `unit_changes.csv`, checking the header and date.
fn changes(out: &Path) -> Vec<(String, String)> {
    let rows = read_csv(&out.join("unit_changes.csv"));
    assert_eq!(rows[0], ["old_code", "new_code", "effective_on"]);
    rows[1..]
        .iter()
        .map(|r| {
            assert_eq!(r[2], "2025-07-01");
            (r[0].clone(), r[1].clone())
        })
        .collect()
}

#[test]
fn the_two_tier_units_from_july_2025() {
    let dir = temp_dir("units-2026");
    let report = units(&dir, &["--at", "2026-01-01"]);
    let rows = unit_rows(&dir);
    assert_eq!(rows[0], ["unit_code", "unit_name", "level", "parent_code"]);
    assert_eq!(levels(&rows), [34, 0, 3_321]);
    assert_eq!(rows[1], ["01", "Thành phố Hà Nội", "province", ""]);
    assert!(report.starts_with("wrote the units in force on 2026-01-01"));
    assert!(report.contains("34 provinces, 0 districts, 3321 communes"));
    assert!(!dir.join("unit_changes.csv").exists());
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["units.csv"], "no temporary file is left");
}

#[test]
fn the_three_tier_units_until_june_2025() {
    let dir = temp_dir("units-2025-06-30");
    units(&dir, &["--at", "30/06/2025"]);
    assert_eq!(levels(&unit_rows(&dir)), [63, 696, 10_035]);
}

#[test]
fn a_reused_code_names_the_unit_of_its_day() {
    let dir = temp_dir("units-reused-code");
    let name_on = |day| {
        units(&dir, &["--at", day]);
        with_code(&unit_rows(&dir), "00004")[0][1].clone()
    };
    assert_eq!(name_on("2025-06-30"), "Phường Trúc Bạch");
    assert_eq!(name_on("2025-07-01"), "Phường Ba Đình");
    units(&dir, &["--history"]);
    let rows = unit_rows(&dir);
    assert_eq!(
        rows[0],
        [
            "unit_code",
            "unit_name",
            "level",
            "parent_code",
            "valid_from",
            "valid_to"
        ]
    );
    let versions = with_code(&rows, "00004");
    assert_eq!(
        versions,
        [
            [
                "00004",
                "Phường Trúc Bạch",
                "commune",
                "001",
                "",
                "2025-06-30"
            ],
            ["00004", "Phường Ba Đình", "commune", "01", "2025-07-01", ""],
        ]
    );
}

#[test]
fn phu_tho_history_holds_the_three_provinces_it_was_made_of() {
    let dir = temp_dir("units-history-25");
    let report = units(&dir, &["--province", "25", "--history"]);
    let rows = unit_rows(&dir);
    let old_provinces: Vec<&str> = (rows.iter())
        .filter(|r| r[2] == "province" && r[5] == "2025-06-30")
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(old_provinces, ["17", "25", "26"]);
    assert_eq!(with_code(&rows, "26")[0][1], "Tỉnh Vĩnh Phúc");
    assert!(rows[1..]
        .iter()
        .all(|r| r[2] != "commune" || !r[3].is_empty()));
    let changes = changes(&dir);
    let provinces: Vec<(&str, &str)> = (changes.iter())
        .filter(|(old, _)| old.len() == 2)
        .map(|(old, new)| (old.as_str(), new.as_str()))
        .collect();
    assert_eq!(provinces, [("17", "25"), ("25", "25"), ("26", "25")]);
    assert!(report.contains("3 from provinces"), "{report}");
    assert!(!report.contains("skipped"), "{report}");
}

#[test]
fn a_divided_commune_has_several_change_rows_and_districts_none() {
    let dir = temp_dir("units-history-divided");
    units(&dir, &["--province", "25", "--history"]);
    let changes = changes(&dir);
    let into = |old: &str| -> BTreeSet<&str> {
        (changes.iter())
            .filter(|(o, _)| o == old)
            .map(|(_, new)| new.as_str())
            .collect()
    };
    // Xã 04891 of old Hòa Bình went to two new communes (the crosswalk's
    // old_commune_divided).
    assert_eq!(into("04891"), ["04828", "04891"].into());
    // A change links units of one level: no district has a row.
    assert!(changes.iter().all(|(old, new)| old.len() == new.len()));
    assert!(changes.iter().all(|(old, _)| old.len() != 3));
}

#[test]
fn the_whole_history_reports_the_skipped_crosswalk_pairs() {
    let dir = temp_dir("units-history-all");
    let report = units(&dir, &["--history"]);
    assert_eq!(levels(&unit_rows(&dir)), [63 + 34, 696, 10_035 + 3_321]);
    let skipped: Vec<&str> = report.lines().filter(|l| l.contains("skipped")).collect();
    assert_eq!(skipped.len(), 1, "{report}");
    assert!(skipped[0].starts_with("skipped 5 crosswalk pairs whose old code 00000"));
    assert!(changes(&dir).iter().all(|(old, _)| old != "00000"));
}

#[test]
fn an_old_province_is_named_with_the_province_it_became() {
    let dir = temp_dir("units-unknown-province");
    let usage_error = |flags: &[&str]| {
        let mut args = vec!["units", "--out", dir.to_str().unwrap()];
        args.extend_from_slice(flags);
        let run = pipeline(&args);
        assert_eq!(run.status.code(), Some(2));
        String::from_utf8(run.stderr).unwrap()
    };
    assert_eq!(
        usage_error(&["--province", "26", "--at", "2026-01-01"]),
        "error: 26 is not a province on 2026-01-01: Tỉnh Vĩnh Phúc merged into 25 Tỉnh Phú Thọ \
         on 1/7/2025\n"
    );
    assert_eq!(
        usage_error(&["--province", "26", "--history"]),
        "error: 26 is not a province from 1/7/2025: Tỉnh Vĩnh Phúc merged into 25 Tỉnh Phú Thọ \
         on 1/7/2025 (--history takes one of the 34 provinces from 1/7/2025)\n"
    );
    assert_eq!(
        usage_error(&["--province", "99", "--at", "2025-06-30"]),
        "error: 99 is not a province on 2025-06-30\n"
    );
    assert!(
        std::fs::read_dir(&dir).unwrap().next().is_none(),
        "nothing written"
    );
}

/// A catalogue of one commune procedure, for the builds below.
fn write_procedures(input: &Path) {
    std::fs::write(
        input.join("procedures.csv"),
        "procedure_code,procedure_name,field,unit_level,online_level,online_since\n\
         1.000001,Đăng ký khai sinh,Hộ tịch,commune,4,\n",
    )
    .unwrap();
}

#[test]
fn a_build_takes_the_units_of_a_day() {
    for (day, commune) in [("2026-01-01", "00004"), ("2025-06-30", "00004")] {
        let dir = temp_dir(&format!("units-build-{day}"));
        let input = dir.join("input");
        units(&input, &["--at", day]);
        write_procedures(&input);
        std::fs::write(
            input.join("dossiers.csv"),
            format!(
                "dossier_id,unit_code,procedure_code,channel,received_on,due_on,resolved_on,apology_issued,rating\n\
                 HS-1,{commune},1.000001,online,{day},{day},{day},,satisfied\n"
            ),
        )
        .unwrap();
        let out = dir.join("out");
        build_ok(&input, &out);
        let written = indicators(&out);
        let units: BTreeSet<&str> = written[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(units.len(), unit_rows(&input).len() - 1, "{day}");
    }
}

#[test]
fn a_build_takes_a_province_history_across_the_change() {
    let dir = temp_dir("units-build-history");
    let input = dir.join("input");
    units(&input, &["--province", "25", "--history"]);
    write_procedures(&input);
    // Xã 04891 (old Hòa Bình) was divided: its dossier pending on 1 July
    // goes to the province's pool; the new 04891 starts afresh.
    std::fs::write(
        input.join("dossiers.csv"),
        "dossier_id,unit_code,procedure_code,channel,received_on,due_on,resolved_on,apology_issued,rating\n\
         HS-1,04891,1.000001,online,2025-06-20,2025-06-25,2025-07-02,,\n\
         HS-2,04891,1.000001,online,2025-07-03,2025-07-05,2025-07-04,,\n",
    )
    .unwrap();
    let out = dir.join("out");
    assert_success(&build_with(&input, &out, &["--as-of", "2025-07-31"]));
    let rows = indicators(&out);
    let row = |code: &str, month: &str| {
        rows.iter()
            .find(|r| r[0] == code && r[4] == month)
            .unwrap_or_else(|| panic!("{code} {month}"))
            .clone()
    };
    let resolved = 5 + contract::Count::ResolvedTotal as usize;
    assert_eq!(row("25~divided", "2025-07")[resolved], "1", "HS-1");
    assert_eq!(row("04891", "2025-07")[resolved], "1", "HS-2");
    assert_eq!(row("25", "2025-07")[resolved], "2");
    let received = 5 + contract::Count::ReceivedTotal as usize;
    assert_eq!(row("17", "2025-06")[received], "1", "HS-1 in old Hòa Bình");
}
