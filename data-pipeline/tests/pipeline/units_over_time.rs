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

/// Form 06 reports and dossiers on both sides of the change, on the units
/// of `util/reorganisation.rs`. Before 1 July 2025: Phường Trúc Bạch
/// (00004) and Xã Hai Mốt (00021, merged whole into the new 00020) report
/// by Form 06, Trúc Bạch for May only; Xã Bảy (00007, divided), Xã Mười
/// (00010, wholly into the new 00010) and Xã Hai Mươi (00020) send
/// dossiers. After it: the new Phường Ba Đình (00004, not comparable) and
/// Xã Hai Mươi Mới (00020, combined) send dossiers; the new Xã Mười Mới
/// (00010, not comparable) reports by Form 06.
mod mixed {
    /// (id, unit, procedure, channel, received, due, resolved, apology, rating).
    pub const DOSSIERS: [[&str; 9]; 13] = [
        // Xã Hai Mươi: May early and very satisfied; June late with an
        // apology and dissatisfied; A3 pending at the change, handed over to
        // Xã Hai Mươi Mới and resolved there early.
        [
            "A1",
            "00020",
            "P.XA",
            "online",
            "2025-05-05",
            "2025-05-10",
            "2025-05-08",
            "",
            "very_satisfied",
        ],
        [
            "A2",
            "00020",
            "P.XA",
            "direct",
            "2025-06-10",
            "2025-06-15",
            "2025-06-20",
            "true",
            "dissatisfied",
        ],
        [
            "A3",
            "00020",
            "P.XA",
            "online",
            "2025-06-25",
            "2025-07-05",
            "2025-07-03",
            "",
            "",
        ],
        // Xã Bảy (divided): May on time by post; B2 (overdue since June)
        // and B3 pending at the change go to the province's pool, where B2
        // is resolved late in August and B3 is still pending.
        [
            "B1",
            "00007",
            "P.XA",
            "postal",
            "2025-05-12",
            "2025-05-20",
            "2025-05-20",
            "",
            "satisfied",
        ],
        [
            "B2",
            "00007",
            "P.XA",
            "online",
            "2025-06-15",
            "2025-06-25",
            "2025-08-10",
            "false",
            "",
        ],
        [
            "B3",
            "00007",
            "P.XA",
            "direct",
            "2025-06-28",
            "2025-07-10",
            "",
            "",
            "",
        ],
        // Xã Mười: May on time; C1 pending at the change goes to Xã Mười
        // Mới, which reports by Form 06 (its reports include it).
        [
            "C2",
            "00010",
            "P.XA",
            "direct",
            "2025-05-03",
            "2025-05-06",
            "2025-05-06",
            "",
            "",
        ],
        [
            "C1",
            "00010",
            "P.XA",
            "online",
            "2025-06-20",
            "2025-07-15",
            "2025-08-05",
            "",
            "",
        ],
        // Phường Ba Đình: July early and satisfied; E2 overdue at August's end.
        [
            "E1",
            "00004",
            "P.XA",
            "online",
            "2025-07-02",
            "2025-07-05",
            "2025-07-04",
            "",
            "satisfied",
        ],
        [
            "E2",
            "00004",
            "P.XA",
            "direct",
            "2025-08-01",
            "2025-08-05",
            "",
            "",
            "",
        ],
        // Xã Hai Mươi Mới: July late with an apology; F2 pending, not yet due.
        [
            "F1",
            "00020",
            "P.XA",
            "online",
            "2025-07-15",
            "2025-07-20",
            "2025-07-25",
            "true",
            "",
        ],
        [
            "F2",
            "00020",
            "P.XA",
            "postal",
            "2025-08-20",
            "2025-09-05",
            "",
            "",
            "",
        ],
        // A district-level procedure submitted online at Xã Hai Mươi (no
        // longer a district after July: only before the change).
        [
            "G1",
            "00020",
            "P.HUYEN",
            "online",
            "2025-05-06",
            "2025-05-20",
            "2025-05-20",
            "",
            "",
        ],
    ];

    /// The version of each code is the one valid on the month's first day:
    /// 00004 in May and June is Trúc Bạch, 00010 in July is Xã Mười Mới.
    pub const REPORTS: &str = "\
unit_code,month,carried_over,received_online,received_offline,resolved_early,resolved_on_time,resolved_late,pending_within,pending_overdue
00004,2025-05,0,2,1,1,1,0,1,0
00021,2025-05,0,1,1,2,0,0,0,0
00021,2025-06,0,1,1,0,1,0,1,0
00010,2025-07,1,2,1,1,1,0,2,0
00010,2025-08,2,0,1,0,1,1,0,1
";
}

/// The counts of a record as `indicators.csv` writes them (empty for "no data").
fn line(counts: Option<Counts>) -> Option<String> {
    counts.map(|c| {
        Count::ALL
            .iter()
            .map(|&f| c[f].map_or_else(String::new, |v| v.to_string()))
            .collect::<Vec<_>>()
            .join(",")
    })
}

/// [`mixed`] built as of 31 August 2025 in a folder of its own.
fn mixed_built(name: &str) -> (TempDir, PathBuf) {
    let dir = temp_dir(name);
    let input = dir.join("input");
    write_input(&input, UNITS, CHANGES, &[]);
    let mut text = String::from(
        "dossier_id,unit_code,procedure_code,channel,received_on,due_on,resolved_on,apology_issued,rating\n",
    );
    for d in mixed::DOSSIERS {
        text += &format!("{}\n", d.join(","));
    }
    std::fs::write(input.join("dossiers.csv"), text).unwrap();
    std::fs::write(input.join("reports.csv"), mixed::REPORTS).unwrap();
    let out = dir.join("out");
    assert_success(&build_with(&input, &out, &["--as-of", AS_OF]));
    (dir, out)
}

#[test]
fn form_06_reports_and_dossiers_on_both_sides_of_the_change() {
    use contract::Fields;
    let (_dir, out) = mixed_built("units-mixed-sources");
    let units = units(&out);
    let pool = units.values().find(|u| u.pool).unwrap().id.clone();
    let snap = province(&out, "01@2025-07-01");
    let at = |unit: &str, period: &str| line(snap.counts(unit, Period::parse(period).unwrap()));
    let marks = |unit: &str, period: &str| snap.incomplete(unit, Period::parse(period).unwrap());
    let form06_gaps = Fields::of(&[
        Count::ReceivedPostal,
        Count::LateWithApology,
        Count::RatedTotal,
        Count::RatedSatisfied,
        Count::Level3Dossiers,
        Count::Level4Dossiers,
        Count::ServicesUsed,
    ]);
    let everything_sent = Fields::of(&Count::ALL)
        .without(Fields::of(&[Count::Level3Services, Count::Level4Services]));
    // The fields, in the order of contract section 3:
    // received_total, received_online, received_postal, carried_over,
    // resolved_total, resolved_early, resolved_on_time, resolved_late,
    // pending_total, pending_overdue, late_with_apology, rated_total,
    // rated_satisfied, level3_services, level4_services, level3_dossiers,
    // level4_dossiers, services_used.

    // Xã Hai Mươi Mới before it existed: Xã Hai Mươi's dossiers plus Xã Hai
    // Mốt's reports, which give none of the Form 06 gaps (marked incomplete).
    // A commune's territory offers the commune procedure (level 4) only;
    // G1 is another level's procedure: an online level-3 dossier, no service used.
    let merged = "00020@2025-07-01";
    let combined = [
        // May: A1, G1 + the report (2 received, 2 early).
        ("2025-05", "4,3,0,0,4,3,1,0,0,0,0,1,1,0,1,1,1,1"),
        // June: A2, A3 + the report (2 received, 1 on time, 1 pending).
        ("2025-06", "4,2,0,0,2,0,1,1,2,0,1,1,0,0,1,0,1,1"),
        // Q2 (May–June within the data): flows added, stocks from June.
        ("2025-Q2", "8,5,0,0,6,3,2,1,2,0,1,2,1,0,1,1,2,1"),
    ];
    for (period, expected) in combined {
        assert_eq!(
            at(merged, period).as_deref(),
            Some(expected),
            "{merged} {period}"
        );
        assert_eq!(marks(merged, period), form06_gaps, "{merged} {period}");
    }
    // Its own months: A3 handed over (carried over), resolved early; F1
    // late with an apology; F2 by post, pending. Xã Hai Mốt's reported
    // pending dossier is not handed over: a report has no dossiers to move.
    assert_eq!(
        at(merged, "2025-07").as_deref(),
        Some("1,1,0,1,2,1,0,1,0,0,1,0,0,0,1,0,1,1")
    );
    assert_eq!(
        at(merged, "2025-08").as_deref(),
        Some("1,0,1,0,0,0,0,0,1,0,0,0,0,0,1,0,0,0")
    );
    assert_eq!(marks(merged, "2025-07"), Fields::NONE);

    // Not comparable (Xã Bảy was divided): no figure before July, nor for
    // any period that reaches before it, whatever its predecessors sent.
    for unit in ["00004@2025-07-01", "00010@2025-07-01"] {
        for period in ["2025-06", "2025-Q2", "2025-Q3", "2025", "2025-YTD08"] {
            let within = period == "2025-Q3";
            assert_eq!(at(unit, period).is_some(), within, "{unit} {period}");
        }
    }
    // Phường Ba Đình sends dossiers: E1, then E2 overdue.
    let ba_dinh = "00004@2025-07-01";
    assert_eq!(
        at(ba_dinh, "2025-07").as_deref(),
        Some("1,1,0,0,1,1,0,0,0,0,0,1,1,0,1,0,1,1")
    );
    assert_eq!(
        at(ba_dinh, "2025-08").as_deref(),
        Some("1,0,0,0,0,0,0,0,1,1,0,0,0,0,1,0,0,0")
    );
    // Xã Mười Mới reports: its reports, as they are (C1, handed over to it,
    // is in them and not counted again), with the Form 06 gaps empty.
    let muoi = "00010@2025-07-01";
    assert_eq!(
        at(muoi, "2025-07").as_deref(),
        Some("3,2,,1,2,1,1,0,2,0,,,,0,1,,,")
    );
    assert_eq!(
        at(muoi, "2025-08").as_deref(),
        Some("1,0,,2,2,0,1,1,1,1,,,,0,1,,,")
    );
    assert_eq!(
        at(muoi, "2025-Q3").as_deref(),
        Some("4,2,,1,4,1,2,1,1,1,,,,0,1,,,")
    );
    assert_eq!(marks(muoi, "2025-07"), Fields::NONE, "known or unknown");

    // The pool: B2 (overdue) and B3 handed over from the divided Xã Bảy;
    // B3 overdue from July; B2 resolved late in August.
    assert_eq!(
        at(&pool, "2025-07").as_deref(),
        Some("0,0,0,2,0,0,0,0,2,2,0,0,0,0,1,0,0,0")
    );
    assert_eq!(
        at(&pool, "2025-08").as_deref(),
        Some("0,0,0,2,1,0,0,1,1,1,0,0,0,0,1,0,0,0")
    );

    // The province. Before July: the two old provinces combined (Trúc
    // Bạch sent no June report, so June is incomplete in every field it
    // sends); their territory had districts, so it offered the district
    // procedure too (level 3), and G1 used it.
    let province = "01@2025-07-01";
    let expected = [
        (
            "2025-05",
            "9,5,1,0,8,4,4,0,1,0,0,2,2,1,1,1,1,2",
            form06_gaps,
        ),
        (
            "2025-06",
            "7,4,0,0,2,0,1,1,5,1,1,1,0,1,1,0,3,1",
            everything_sent,
        ),
        // From July: its four communes' units (the pool included).
        (
            "2025-07",
            "5,4,0,4,5,3,1,1,4,2,1,1,1,0,1,0,2,1",
            form06_gaps,
        ),
        (
            "2025-08",
            "3,0,1,4,3,0,1,2,4,3,0,0,0,0,1,0,0,0",
            form06_gaps,
        ),
    ];
    for (period, counts, incomplete) in expected {
        assert_eq!(
            at(province, period).as_deref(),
            Some(counts),
            "{province} {period}"
        );
        assert_eq!(marks(province, period), incomplete, "{province} {period}");
    }
    // July's carried over (4) is June's pending (5) less Xã Hai Mốt's
    // reported one: no dossier carries it across.
    // Across the change: the flows of all four months, pending from August,
    // carried over from May; incomplete where a month it takes is (June's
    // gap in every flow). services_used: see the ignored test below.
    let ytd = Period::parse("2025-YTD08").unwrap();
    let mut counts = snap.counts(province, ytd).unwrap();
    counts[Count::ServicesUsed] = None;
    assert_eq!(
        line(Some(counts)).unwrap(),
        "24,13,2,0,18,7,7,4,4,3,2,4,3,0,1,1,6,"
    );
    let stocks = Fields::of(&[
        Count::CarriedOver,
        Count::PendingTotal,
        Count::PendingOverdue,
    ]);
    assert_eq!(
        marks(province, "2025-YTD08"),
        everything_sent.without(stocks)
    );
}

/// `services_used` of a period across the change is kept to the services
/// offered at the period's end (`level*_services`, a stock). A merged
/// province offered the district procedure while it had districts (G1
/// used it in May) and not after July, so 2025-YTD08 counts only P.XA:
/// otherwise 2 services used of 1 offered, a utilisation of 200 %, which
/// contract section 3 rules out.
#[test]
fn services_used_across_the_change_stays_within_the_services_offered() {
    let (_dir, out) = mixed_built("units-mixed-services");
    let snap = province(&out, "01@2025-07-01");
    for period in ["2025-YTD08", "2025", "2025-Q2"] {
        let c = snap
            .counts("01@2025-07-01", Period::parse(period).unwrap())
            .unwrap();
        let offered = c[Count::Level3Services].unwrap() + c[Count::Level4Services].unwrap();
        let used = c[Count::ServicesUsed].unwrap();
        assert!(
            used <= offered,
            "{period}: {used} services used of {offered} offered"
        );
    }
    let ytd = snap
        .counts("01@2025-07-01", Period::parse("2025-YTD08").unwrap())
        .unwrap();
    assert_eq!(ytd[Count::ServicesUsed], Some(1), "P.XA only");
}
