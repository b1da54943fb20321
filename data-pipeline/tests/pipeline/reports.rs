//! Form 06 reports (`reports.csv`) merged with dossier exports: the tiny
//! fixture plus reports for two units that have no dossiers.

use crate::util::*;
use contract::{Count, Fields};

const HEADER: &str = "unit_code,month,carried_over,received_online,received_offline,\
resolved_early,resolved_on_time,resolved_late,pending_within,pending_overdue,\
received_total,resolved_total,pending_total";

/// The tiny fixture with `reports.csv` holding `rows` (after the header).
fn input_with_reports(name: &str, rows: &[&str]) -> TempDir {
    let dir = tiny_copy(name);
    let text = format!("{HEADER}\n{}\n", rows.join("\n"));
    std::fs::write(dir.join("input/reports.csv"), text).unwrap();
    dir
}

/// Commune 00115 (district 001, no dossiers) reports December and February
/// only; January and November are missing.
const GOOD: [&str; 2] = [
    "00115,2023-12,0,3,5,2,3,1,1,1,8,6,2",
    "00115,2024-02,2,4,0,1,1,0,3,0,,,",
];

/// The counts of one unit-month of `indicators.csv`, from `received_total` on.
fn row(rows: &[Vec<String>], unit: &str, month: &str) -> String {
    let r = rows
        .iter()
        .find(|r| r[0] == unit && r[4] == month)
        .unwrap_or_else(|| panic!("no row for {unit} {month}"));
    r[5..].join(",")
}

/// Builds [`input_with_reports`] into the folder's `out`.
fn built(name: &str, rows: &[&str]) -> TempDir {
    let dir = input_with_reports(name, rows);
    build_ok(&dir.join("input"), &dir.join("out"));
    dir
}

#[test]
fn a_report_gives_its_fields_and_null_for_the_rest() {
    let rows = indicators(&built("reports-merge", &GOOD).join("out"));
    assert_eq!(
        row(&rows, "00115", "2023-12"),
        "8,3,,0,6,2,3,1,2,1,,,,5,10,,,"
    );
    assert_eq!(
        row(&rows, "00115", "2024-02"),
        "4,4,,2,2,1,1,0,3,0,,,,5,11,,,"
    );
    // No report and no dossier: no data, not zero (services come from the catalogue).
    assert_eq!(row(&rows, "00115", "2023-11"), ",,,,,,,,,,,,,5,9,,,");
    assert_eq!(row(&rows, "00115", "2024-01"), ",,,,,,,,,,,,,5,10,,,");
    // Its sibling's dossiers are untouched.
    assert_eq!(
        row(&rows, "00004", "2023-12"),
        "6,2,0,2,5,0,4,1,3,3,0,5,5,5,10,1,0,0"
    );
}

#[test]
fn roll_ups_sum_what_exists_and_mark_what_is_incomplete() {
    let dir = built("reports-rollup", &GOOD);
    let out = dir.join("out");
    let rows = indicators(&out);
    // District 001 = 00004 (dossiers) + 00115 (report).
    assert_eq!(
        row(&rows, "001", "2023-12"),
        "14,5,0,2,11,2,7,2,5,4,0,5,5,10,13,1,0,0"
    );
    // November: 00115 sent nothing, so the district has 00004's counts alone.
    assert_eq!(
        row(&rows, "001", "2023-11"),
        "7,0,3,0,5,2,3,0,2,0,0,1,1,10,11,0,0,0"
    );
    let snap = province(&out, "01");
    let district = &snap.units["001"];
    let form06_gaps = Fields::of(&[
        Count::ReceivedPostal,
        Count::LateWithApology,
        Count::RatedTotal,
        Count::RatedSatisfied,
        Count::Level3Dossiers,
        Count::Level4Dossiers,
        Count::ServicesUsed,
    ]);
    assert_eq!(district.incomplete[1], form06_gaps, "December");
    let everything_sent = Fields::of(&Count::ALL)
        .without(Fields::of(&[Count::Level3Services, Count::Level4Services]));
    assert_eq!(district.incomplete[0], everything_sent, "November");
    // The province carries the marks up; a unit with dossiers only has none.
    assert_eq!(snap.units["01"].incomplete[1], form06_gaps);
    assert!(snap.units["00004"].incomplete.is_empty());
    // The reporting commune itself is not incomplete: its fields are known or unknown.
    assert!(snap.units["00115"].incomplete.is_empty());
}

#[test]
fn identical_copies_collapse_and_are_counted() {
    let dir = built("reports-dup", &[GOOD[0], GOOD[1], GOOD[1]]);
    let out = dir.join("out");
    let entry = manifest_input(&out, "reports.csv");
    assert_eq!(entry["rows_read"], 3);
    assert_eq!(entry["rows_accepted"], 2);
    assert_eq!(entry["duplicates"], 1);
}

/// Builds with one bad report row and returns the error text.
fn refused(name: &str, bad: &str) -> String {
    let dir = input_with_reports(name, &[GOOD[0], bad]);
    build_fails_and_writes_nothing(&dir.join("input"), &dir.join("out"))
}

#[test]
fn bad_reports_are_refused_with_line_column_value_and_reason() {
    let cases = [
        (
            "total",
            "00115,2024-02,2,4,0,1,1,0,3,0,5,,",
            "reports.csv, line 3, column received_total, value \"5\": received_total 5 does not equal the sum of its parts (received_online + received_offline = 4)",
        ),
        (
            "resolved-total",
            "00115,2024-02,2,4,0,1,1,0,3,0,,3,",
            "column resolved_total, value \"3\": resolved_total 3 does not equal",
        ),
        (
            "unit",
            "99999,2024-02,2,4,0,1,1,0,3,0,,,",
            "line 3, column unit_code, value \"99999\": unknown unit",
        ),
        (
            "month",
            "00115,2024-13,2,4,0,1,1,0,3,0,,,",
            "column month, value \"2024-13\": not a valid month (expected YYYY-MM)",
        ),
        (
            "negative",
            "00115,2024-02,2,-4,0,1,1,0,3,0,,,",
            "column received_online, value \"-4\": must be a whole number",
        ),
        (
            "decimal",
            "00115,2024-02,2,4,0,1.5,1,0,3,0,,,",
            "column resolved_early, value \"1.5\": must be a whole number",
        ),
        (
            "huge",
            "00115,2024-02,2,4,0,1,1,0,3,99999999999999999999999,,,",
            "column pending_overdue, value \"99999999999999999999999\": implausibly large",
        ),
        (
            "empty",
            "00115,2024-02,2,4,,1,1,0,3,0,,,",
            "column received_offline: required value is empty",
        ),
        (
            "conflict",
            "00115,2023-12,0,3,6,2,3,1,1,1,,,",
            "line 3, column month, value \"2023-12\": a different report for this unit and month is on line 2",
        ),
        (
            "both-sources",
            "00004,2024-01,0,1,1,0,0,0,2,0,,,",
            "line 3, column month, value \"2024-01\": this unit also has dossiers received or resolved in this month",
        ),
    ];
    for (name, bad, expected) in cases {
        let err = refused(&format!("reports-bad-{name}"), bad);
        assert!(
            err.contains(expected),
            "{name}: expected {expected:?} in\n{err}"
        );
    }
}

#[test]
fn reports_alone_need_no_dossiers_nor_catalogue() {
    let dir = temp_dir("reports-only");
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(tiny().join("input/units.csv"), input.join("units.csv")).unwrap();
    std::fs::write(
        input.join("reports.csv"),
        format!("{HEADER}\n{}\n{}\n", GOOD[0], GOOD[1]),
    )
    .unwrap();
    let out = dir.join("out");
    build_ok(&input, &out);
    let rows = indicators(&out);
    // Without a catalogue even the services offered are unknown.
    assert_eq!(row(&rows, "00115", "2023-12"), "8,3,,0,6,2,3,1,2,1,,,,,,,,");
    assert_eq!(row(&rows, "001", "2024-01"), ",,,,,,,,,,,,,,,,,");
    let months: std::collections::BTreeSet<&str> =
        rows[1..].iter().map(|r| r[4].as_str()).collect();
    assert_eq!(
        months.into_iter().collect::<Vec<_>>(),
        ["2023-12", "2024-01", "2024-02"]
    );
}
