//! Units that change over time (contract section 1: unit versions and
//! `unit_changes.csv`), on the input of `util/reorganisation.rs`: two old
//! provinces merged whole into one on 1 July 2025, a reused commune code,
//! two communes merged whole, one divided, and districts abolished. Every
//! expectation is worked out by hand from its dossier list.

use crate::util::reorganisation::{write_input, AS_OF, CHANGES, DOSSIERS, UNITS};
use crate::util::*;
use contract::{Before, Count, Counts, Month, Period, UnitInfo};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The input above, built as of 31 August 2025 in a folder of its own.
fn built(name: &str) -> (TempDir, PathBuf) {
    let dir = temp_dir(name);
    write_input(&dir.join("input"), UNITS, CHANGES, &DOSSIERS);
    let out = dir.join("out");
    assert_success(&build_with(&dir.join("input"), &out, &["--as-of", AS_OF]));
    (dir, out)
}

fn units(out: &Path) -> HashMap<String, UnitInfo> {
    let text = std::fs::read_to_string(out.join("units.json")).unwrap();
    let list: Vec<UnitInfo> = serde_json::from_str(&text).unwrap();
    list.into_iter().map(|u| (u.id.clone(), u)).collect()
}

/// A row of `indicators.csv`: name, parent code and counts.
type Row = (String, String, Vec<Option<u64>>);

/// `indicators.csv` by (unit_code, month).
fn rows(out: &Path) -> HashMap<(String, String), Row> {
    let table = indicators(out);
    table[1..]
        .iter()
        .map(|r| {
            let counts = r[5..].iter().map(|c| c.parse().ok()).collect();
            (
                (r[0].clone(), r[4].clone()),
                (r[1].clone(), r[3].clone(), counts),
            )
        })
        .collect()
}

fn field(counts: &[Option<u64>], f: Count) -> Option<u64> {
    counts[f as usize]
}

#[test]
fn a_reused_code_names_a_different_unit_on_each_side_of_the_change() {
    let (_dir, out) = built("units-reused-code");
    let rows = rows(&out);
    let (june_name, _, june) = &rows[&("00004".into(), "2025-06".into())];
    let (july_name, july_parent, july) = &rows[&("00004".into(), "2025-07".into())];
    assert_eq!(june_name, "Phường Trúc Bạch");
    assert_eq!(july_name, "Phường Ba Đình");
    assert_eq!(
        july_parent, "01",
        "communes sit under the province from July"
    );
    assert_eq!(field(june, Count::ReceivedTotal), Some(1), "D1 only");
    assert_eq!(field(july, Count::ReceivedTotal), Some(1), "D2 only");
    let units = units(&out);
    assert_eq!(units["00004"].valid_to, Month::parse("2025-06"));
    assert_eq!(
        units["00004@2025-07-01"].valid_from,
        Month::parse("2025-07")
    );
    // Districts are in June's tree and not in July's.
    assert!(!rows.contains_key(&("001".into(), "2025-07".into())));
    assert!(rows.contains_key(&("001".into(), "2025-06".into())));
}

#[test]
fn every_dossier_is_counted_once_in_every_month_whichever_tree() {
    let (_dir, out) = built("units-conservation");
    let months = ["2025-05", "2025-06", "2025-07", "2025-08"];
    // Worked out from DOSSIERS: received, resolved, pending at the end,
    // overdue at the end, for the whole country in each month.
    let expected = [[2, 1, 1, 0], [4, 2, 3, 2], [1, 2, 2, 2], [1, 1, 2, 2]];
    let fields = [
        Count::ReceivedTotal,
        Count::ResolvedTotal,
        Count::PendingTotal,
        Count::PendingOverdue,
    ];
    for (month, expected) in months.iter().zip(expected) {
        let provinces = level_sums(&out, month, "province", &fields);
        assert_eq!(provinces, expected, "{month}: provinces");
        // Each province equals the sum of its children in that month's tree
        // (no province or district here receives dossiers itself, but a
        // district's own dossier moved to the pool).
        for (code, children) in children_sums(&out, month, &fields) {
            let own = row_values(&out, &code, month, &fields);
            if own_dossiers(&code, month) {
                continue;
            }
            assert_eq!(own, children, "{month}: {code} against its children");
        }
    }
}

/// The unit codes with dossiers of their own in `month`, where a unit's
/// total is more than its children's.
fn own_dossiers(code: &str, month: &str) -> bool {
    code == "002" && ["2025-06"].contains(&month)
}

/// Sums of `fields` over the rows of `level` in `month`.
fn level_sums(out: &Path, month: &str, level: &str, fields: &[Count]) -> Vec<u64> {
    let mut sums = vec![0; fields.len()];
    for r in indicators(out)
        .iter()
        .skip(1)
        .filter(|r| r[4] == month && r[2] == level)
    {
        for (s, f) in sums.iter_mut().zip(fields) {
            *s += r[5 + *f as usize].parse::<u64>().unwrap();
        }
    }
    sums
}

/// For each parent code with rows in `month`, the sums of its children's.
fn children_sums(out: &Path, month: &str, fields: &[Count]) -> HashMap<String, Vec<u64>> {
    let mut sums: HashMap<String, Vec<u64>> = HashMap::new();
    for r in indicators(out)
        .iter()
        .skip(1)
        .filter(|r| r[4] == month && !r[3].is_empty())
    {
        let entry = sums
            .entry(r[3].clone())
            .or_insert_with(|| vec![0; fields.len()]);
        for (s, f) in entry.iter_mut().zip(fields) {
            *s += r[5 + *f as usize].parse::<u64>().unwrap();
        }
    }
    sums
}

fn row_values(out: &Path, code: &str, month: &str, fields: &[Count]) -> Vec<u64> {
    let table = indicators(out);
    let row = table
        .iter()
        .find(|r| r[0] == code && r[4] == month)
        .unwrap();
    fields
        .iter()
        .map(|f| row[5 + *f as usize].parse().unwrap())
        .collect()
}

#[test]
fn a_dossier_across_the_change_moves_to_the_successor_or_the_pool() {
    let (_dir, out) = built("units-hand-over");
    let rows = rows(&out);
    let new = &rows[&("00020".into(), "2025-07".into())].2;
    assert_eq!(field(new, Count::CarriedOver), Some(1), "D3 handed over");
    assert_eq!(field(new, Count::ResolvedTotal), Some(1));
    assert_eq!(field(new, Count::ResolvedLate), Some(1));
    assert_eq!(field(new, Count::PendingTotal), Some(0));
    let (name, parent, pool) = &rows[&("01~divided".into(), "2025-07".into())];
    assert_eq!(
        (name.as_str(), parent.as_str()),
        ("Hồ sơ từ đơn vị bị chia tách", "01")
    );
    assert_eq!(field(pool, Count::CarriedOver), Some(2), "D4 and D5");
    assert_eq!(field(pool, Count::PendingTotal), Some(2));
    let august = &rows[&("01~divided".into(), "2025-08".into())].2;
    assert_eq!(field(august, Count::ResolvedTotal), Some(1), "D5");
    assert_eq!(field(august, Count::PendingTotal), Some(1), "D4");
    // Every record balances: carried over + received = resolved + pending.
    for ((code, month), (_, _, c)) in &rows {
        if month == "2025-05" {
            continue;
        }
        let [carried, received, resolved, pending] = [
            Count::CarriedOver,
            Count::ReceivedTotal,
            Count::ResolvedTotal,
            Count::PendingTotal,
        ]
        .map(|f| field(c, f).unwrap());
        assert_eq!(carried + received, resolved + pending, "{code} {month}");
    }
}

#[test]
fn a_unit_merged_whole_shows_its_predecessors_combined() {
    let (_dir, out) = built("units-merged-whole");
    let units = units(&out);
    let new = &units["00020@2025-07-01"];
    assert_eq!(new.before, Before::Combined);
    assert_eq!(new.predecessors, ["00020", "00021"]);
    assert_eq!(units["00021"].successors, ["00020@2025-07-01"]);
    let snap = province(&out, "01@2025-07-01");
    let total = |unit: &str, period: &str| {
        snap.counts(unit, Period::parse(period).unwrap())
            .map(|c: Counts| c[Count::ReceivedTotal].unwrap())
    };
    // May: D6 at 00021; June: D3 at 00020; the year: D2.. all of them.
    assert_eq!(total("00020@2025-07-01", "2025-05"), Some(1));
    assert_eq!(total("00020@2025-07-01", "2025-06"), Some(1));
    assert_eq!(total("00020@2025-07-01", "2025"), Some(3));
    // The services a territory offered: the district procedure (level 3)
    // while it had districts, combined from the old provinces; not after.
    let services = |period: &str| {
        let c = snap
            .counts("01@2025-07-01", Period::parse(period).unwrap())
            .unwrap();
        (c[Count::Level3Services], c[Count::Level4Services])
    };
    assert_eq!(services("2025-06"), (Some(1), Some(1)));
    assert_eq!(services("2025-07"), (Some(0), Some(1)));
    // The merged province: both old provinces combined.
    assert_eq!(units["01@2025-07-01"].before, Before::Combined);
    assert_eq!(total("01@2025-07-01", "2025-06"), Some(4));
    assert_eq!(total("01@2025-07-01", "2025"), Some(8));
    // Combined months are not the new unit's rows in the open data: May's
    // one row for code 00020 is the old commune's.
    let may: Vec<_> = indicators(&out)
        .into_iter()
        .filter(|r| r[0] == "00020" && r[4] == "2025-05")
        .collect();
    assert_eq!(may.len(), 1);
    assert_eq!(may[0][1], "Xã Hai Mươi");
}

#[test]
fn a_divided_predecessor_leaves_nothing_comparable() {
    let (_dir, out) = built("units-divided");
    let units = units(&out);
    let divided = Before::NotComparable {
        divided: vec!["00007".into()],
    };
    assert_eq!(units["00004@2025-07-01"].before, divided);
    let snap = province(&out, "01@2025-07-01");
    let counts = |period: &str| snap.counts("00004@2025-07-01", Period::parse(period).unwrap());
    assert!(counts("2025-07").is_some());
    assert_eq!(counts("2025-06"), None, "no figure before the change");
    assert_eq!(counts("2025"), None, "the year spans the change");
    assert_eq!(counts("2025-YTD08"), None);
    // The old unit ends with its last month.
    let old = province(&out, "01");
    assert_eq!(old.counts("00004", Period::parse("2025-07").unwrap()), None);
    assert!(old
        .counts("00004", Period::parse("2025-Q2").unwrap())
        .is_some());
}

#[test]
fn without_validity_columns_nothing_changes() {
    // The tiny fixture (no validity columns) is checked cell for cell in
    // tiny_fixture.rs; here its units.json keeps ids equal to codes.
    let dir = tiny_copy("units-unversioned");
    let out = dir.join("out");
    build_ok(&dir.join("input"), &out);
    for unit in units(&out).values() {
        assert_eq!(unit.id, unit.code);
        assert_eq!((unit.valid_from, unit.valid_to), (None, None));
        assert_eq!(unit.before, Before::Nothing);
    }
}

/// Builds `units`/`changes`/`dossiers` and returns the failure's text.
fn failure(
    name: &str,
    units: &str,
    changes: &str,
    dossiers: &[(&str, &str, &str, &str, &str)],
) -> String {
    let dir = temp_dir(name);
    write_input(&dir.join("input"), units, changes, dossiers);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "previous output").unwrap();
    build_fails_and_writes_nothing(&dir.join("input"), &out)
}

#[test]
fn bad_versions_and_changes_fail_with_file_line_column_value_and_reason() {
    let cases: [(&str, String, String, &str); 5] = [
        (
            "overlap",
            format!("{UNITS}00004,Phường Khác,commune,01,2025-08-01,\n"),
            CHANGES.into(),
            "units.csv, line 15, column unit_code, value \"00004\": overlaps the version of this code on line 12 (valid from 2025-07)",
        ),
        (
            "parent-too-short",
            format!("{UNITS}00099,Xã Lẻ,commune,001,,\n"),
            CHANGES.into(),
            "units.csv, line 15, column parent_code, value \"001\": the parent is not valid for the whole life of this unit",
        ),
        (
            "no-such-version",
            UNITS.into(),
            format!("{CHANGES}00020,00020,2025-08-01\n"),
            "unit_changes.csv, line 10, column old_code, value \"00020\": no version of this unit ends the day before effective_on",
        ),
        (
            "mid-month",
            UNITS.replace("00020,Xã Hai Mươi Mới,commune,01,2025-07-01,", "00020,Xã Hai Mươi Mới,commune,01,2025-07-15,"),
            CHANGES.into(),
            "units.csv, line 14, column valid_from, value \"2025-07-15\": must be the first day of a month",
        ),
        (
            "cycle",
            format!("{UNITS}003,Huyện Ba,district,004,2025-07-01,\n004,Huyện Bốn,district,003,2025-07-01,\n"),
            CHANGES.into(),
            "cycle in parent_code: 003 → 004 → 003",
        ),
    ];
    for (name, units, changes, expected) in cases {
        let message = failure(name, &units, &changes, &DOSSIERS);
        assert!(message.contains(expected), "{name}: {message}");
    }
}

#[test]
fn a_dossier_without_a_valid_version_is_refused() {
    let mut dossiers = DOSSIERS.to_vec();
    dossiers.push(("D9", "00021", "2025-07-05", "2025-07-06", ""));
    let message = failure("no-version", UNITS, CHANGES, &dossiers);
    assert!(
        message.contains("dossiers.csv, line 10, column unit_code, value \"00021\": no version of this unit is valid on the day received"),
        "{message}"
    );
}

#[test]
fn a_report_belongs_to_the_version_valid_on_its_first_day() {
    let header = "unit_code,month,carried_over,received_online,received_offline,resolved_early,resolved_on_time,resolved_late,pending_within,pending_overdue";
    // Xã Hai Mốt reports April (it exists), then July (it was merged away).
    let reports =
        format!("{header}\n00021,2025-04,0,1,0,1,0,0,0,0\n00021,2025-07,0,1,0,1,0,0,0,0\n");
    let dir = temp_dir("units-report-version");
    write_input(&dir.join("input"), UNITS, CHANGES, &DOSSIERS);
    std::fs::write(dir.join("input/reports.csv"), reports).unwrap();
    let out = dir.join("out");
    let message = build_fails_and_writes_nothing(&dir.join("input"), &out);
    assert!(
        message.contains("reports.csv, line 3, column unit_code, value \"00021\": no version of this unit is valid in the month reported"),
        "{message}"
    );
    assert!(
        !message.contains("line 2,"),
        "April has a version: {message}"
    );
}
