//! The 766 index through the real binary: the published Đắk Lắk figures
//! fed as `index_metrics.csv` give exactly the published points; dossier
//! flags are counted and rolled up; bad index input fails with a clear
//! message and writes nothing; `--rules` replaces the bundled rules.

use crate::util::dak_lak::{write_input, DAK_LAK, DAK_LAK_UNITS};
use crate::util::*;
use std::path::Path;

const AS_OF: [&str; 2] = ["--as-of", "2026-11-30"];

/// A folder with `units.csv` and `index_metrics.csv` only (no dossiers).
fn index_only(name: &str, units: &str, metrics: &str) -> TempDir {
    let dir = temp_dir(name);
    std::fs::create_dir_all(dir.join("input")).unwrap();
    std::fs::write(dir.join("input/units.csv"), units).unwrap();
    std::fs::write(dir.join("input/index_metrics.csv"), metrics).unwrap();
    dir
}

/// The rows of `index766.csv` for one unit and period, as `kind code points grade`.
fn scored(out: &Path, unit: &str, period: &str) -> Vec<String> {
    read_csv(&out.join("index766.csv"))
        .into_iter()
        .filter(|r| r[0] == unit && r[1] == period)
        .map(|r| {
            format!("{} {} {} {}", r[2], r[3], r[7], r[9])
                .trim_end()
                .to_string()
        })
        .collect()
}

fn points(rows: &[String], kind_code: &str) -> String {
    let row = rows
        .iter()
        .find(|r| r.starts_with(&format!("{kind_code} ")) || r.as_str() == kind_code)
        .unwrap_or_else(|| panic!("no {kind_code} in {rows:?}"));
    row[kind_code.len()..].trim().to_string()
}

#[test]
fn the_published_dak_lak_figures_give_the_published_points() {
    let dir = temp_dir("index-dak-lak");
    write_input(&dir.join("input"));
    let out = dir.join("out");
    assert_success(&build_with(&dir.join("input"), &out, &AS_OF));
    let rows = scored(&out, "66", "2026-09");
    for (group, expected) in [
        ("CKMB", "11.85"),
        ("TDGQ", "17.72"),
        ("ONLINE", "8.97"),
        ("MDSH", "9.08"),
        ("TTTT", "6.69"),
        ("MDHL", "11.18"),
    ] {
        assert_eq!(
            points(&rows, &format!("group {group}")),
            expected,
            "{group}"
        );
    }
    assert_eq!(points(&rows, "total TOTAL"), "65.49 Trung bình");
    assert_eq!(points(&rows, "metric ELECTRONIC_CERTIFIED_COPY"), "2.00");
    let header = std::fs::read_to_string(out.join("index766.csv")).unwrap();
    assert!(header.starts_with(
        "unit_code,period,kind,code,numerator,denominator,ratio,points,max_points,grade\n"
    ));
    // Every province's series, for ranking provinces, scores the same.
    let text = std::fs::read(out.join(contract::index766::ProvincesSnapshot::FILE)).unwrap();
    let provinces: contract::index766::ProvincesSnapshot = serde_json::from_slice(&text).unwrap();
    let rules: contract::index766::Rules =
        serde_json::from_value(manifest(&out)["index"]["rules"].clone()).unwrap();
    let card = provinces.card(&rules, "66", contract::Period::parse("2026-09").unwrap());
    assert_eq!(card.and_then(|c| c.complete_total()), Some(6549));
    // The rules travel with the snapshots, with their hash.
    let manifest = manifest(&out);
    assert_eq!(manifest["index"]["file"], "index-766.toml (bundled)");
    assert_eq!(manifest["index"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(manifest["index"]["rules"]["groups"][0]["code"], "CKMB");
    // Not computed from dossiers when there are none: no data, not 0 / 0.
    let alone = index_only(
        "index-alone",
        DAK_LAK_UNITS,
        &DAK_LAK.replace("66,2026-09,ON_TIME,393087,443565,\n", ""),
    );
    assert_success(&build_with(
        &alone.join("input"),
        &alone.join("out"),
        &AS_OF,
    ));
    assert_eq!(
        points(&scored(&alone.join("out"), "66", "2026-09"), "group TDGQ"),
        ""
    );
    // A published ratio holds for its month alone: a quarter of two months
    // has no composite, while counts add up.
    let august = "66,2026-08,ON_TIME,100,100,\n66,2026-08,ONLINE_COMPOSITE,,,50\n";
    let dir = index_only(
        "index-dak-lak-q3",
        DAK_LAK_UNITS,
        &format!("{DAK_LAK}{august}"),
    );
    let out = dir.join("out");
    assert_success(&build_with(&dir.join("input"), &out, &AS_OF));
    let quarter = scored(&out, "66", "2026-Q3");
    assert!(!quarter.iter().any(|r| r.contains("ONLINE_COMPOSITE")));
    assert_eq!(
        points(&quarter, "group ONLINE"),
        "",
        "incomplete, never scored as 0"
    );
    assert_eq!(points(&quarter, "total TOTAL"), "");
    assert_eq!(
        points(&quarter, "group TDGQ"),
        "17.72",
        "counts add up over months"
    );
}

#[test]
fn a_province_without_its_own_row_adds_up_its_communes() {
    let units = "unit_code,unit_name,level,parent_code\n66,Tỉnh A,province,\n1,Xã B,commune,66\n2,Xã C,commune,66\n";
    let metrics = "unit_code,month,metric,numerator,denominator,ratio\n\
        1,2026-09,PETITION_PROCESSING_ON_TIME,1,4,\n\
        2,2026-09,PETITION_PROCESSING_ON_TIME,2,2,\n\
        1,2026-09,ONLINE_COMPOSITE,,,50\n\
        2,2026-09,ONLINE_COMPOSITE,,,100\n\
        1,2026-09,PETITION_HANDLING_SATISFACTION,1,1,\n";
    let dir = index_only("index-roll-up", units, metrics);
    let out = dir.join("out");
    assert_success(&build_with(&dir.join("input"), &out, &AS_OF));
    let csv = read_csv(&out.join("index766.csv"));
    let row = |unit: &str, code: &str| {
        csv.iter()
            .find(|r| r[0] == unit && r[1] == "2026-09" && r[3] == code)
            .map(|r| r[4..8].join(","))
    };
    assert_eq!(
        row("66", "PETITION_PROCESSING_ON_TIME").as_deref(),
        Some("3,6,50.00,3.00")
    );
    assert_eq!(
        row("1", "ONLINE_COMPOSITE").as_deref(),
        Some(",,50.00,6.00")
    );
    assert_eq!(
        row("66", "ONLINE_COMPOSITE"),
        None,
        "ratios are never averaged"
    );
    assert_eq!(
        row("66", "PETITION_HANDLING_SATISFACTION"),
        None,
        "one commune lacks it"
    );
}

#[test]
fn dossier_flags_are_counted_per_unit_and_rolled_up() {
    let dir = tiny_copy("index-flags");
    let input = dir.join("input");
    // Every dossier of commune 00004 has an electronic result; others not.
    edit(&input, "dossiers.csv", |text| {
        let mut lines = text.lines();
        let mut out = format!("{},result_electronic\n", lines.next().unwrap());
        for line in lines.filter(|l| !l.is_empty()) {
            let flag = if line.split(',').nth(1) == Some("00004") {
                "true"
            } else {
                "false"
            };
            out.push_str(&format!("{line},{flag}\n"));
        }
        out
    });
    let out = dir.join("out");
    assert_success(&build_with(&input, &out, &AS_OF));
    let received = |unit: &str, month: &str| {
        indicators(&out)
            .into_iter()
            .find(|r| r[0] == unit && r[4] == month)
            .map(|r| r[5].clone())
            .unwrap()
    };
    let csv = read_csv(&out.join("index766.csv"));
    let figure = |unit: &str, month: &str| {
        csv.iter()
            .find(|r| r[0] == unit && r[1] == month && r[3] == "ORIGINAL_RESULT_AVAILABLE")
            .map(|r| format!("{}/{}", r[4], r[5]))
            .unwrap()
    };
    for month in ["2023-12", "2024-01"] {
        let own = received("00004", month);
        assert_eq!(figure("00004", month), format!("{own}/{own}"));
        assert_eq!(
            figure("01", month),
            format!("{own}/{}", received("01", month))
        );
    }
    // The columns not given are no data: no row, and an incomplete group.
    assert!(!csv.iter().any(|r| r[3] == "SO_HOA"));
    let mdsh = csv
        .iter()
        .find(|r| r[0] == "01" && r[1] == "2024-01" && r[3] == "MDSH")
        .unwrap();
    assert_eq!(mdsh[7], "");
}

/// `dossiers.csv` with a `digitised` column headed `header`: `word(i)` on
/// data row `i`.
fn with_digitised(text: &str, header: &str, word: impl Fn(usize) -> &'static str) -> String {
    let mut lines = text.lines().filter(|l| !l.is_empty());
    let mut out = format!("{},{header}\n", lines.next().unwrap());
    for (i, line) in lines.enumerate() {
        out.push_str(&format!("{line},{}\n", word(i)));
    }
    out
}

/// The tiny fixture built with a `digitised` column (`with_digitised`):
/// its January row of `SO_HOA` in `index766.csv`.
fn digitised_row(name: &str, header: &str, words: [&'static str; 2]) -> Vec<String> {
    let dir = tiny_copy(name);
    let input = dir.join("input");
    edit(&input, "dossiers.csv", |text| {
        with_digitised(&text, header, |i| words[i % 2])
    });
    let out = dir.join("out");
    assert_success(&build_with(&input, &out, &AS_OF));
    let csv = read_csv(&out.join("index766.csv"));
    csv.into_iter()
        .find(|r| r[0] == "01" && r[1] == "2024-01" && r[3] == "SO_HOA")
        .unwrap()
}

#[test]
fn flags_are_read_in_any_case_and_other_words_are_refused() {
    // "TRUE" and "True" are true, as the apology's words are read: parsed
    // as booleans by the CSV reader.
    let digitised = digitised_row("index-flag-case", "digitised", ["TRUE", "True"]);
    assert_eq!(digitised[4], digitised[5], "every dossier digitised");
    assert_ne!(digitised[5], "0");
    // " TRUE " (spaces) is true too, though the reader does not take it:
    // the dossiers are read as text and each word is cleaned and parsed.
    let spaced = digitised_row("index-flag-spaces", "digitised", [" TRUE ", "True"]);
    assert_eq!(spaced, digitised);
    // A header written with a space is still the column, and its words
    // are read, never taken for empty.
    let header = digitised_row("index-flag-header", " digitised", ["true", "TRUE"]);
    assert_eq!(header, digitised);
    // And "false" counts in the denominator only.
    let none = digitised_row("index-flag-false", "digitised", ["false", "FALSE"]);
    assert_eq!((&none[4], &none[5]), (&"0".to_string(), &digitised[5]));

    // Any other word: its file, line, column, value and reason; nothing written.
    let dir = tiny_copy("index-flag-yes");
    let input = dir.join("input");
    edit(&input, "dossiers.csv", |text| {
        with_digitised(&text, "digitised", |i| if i == 2 { "yes" } else { "" })
    });
    let stderr = build_fails_and_writes_nothing(&input, &dir.join("out"));
    assert!(
        stderr.contains(
            "dossiers.csv, line 4, column digitised, value \"yes\": must be true, false or empty"
        ),
        "{stderr}"
    );
}

/// Builds the Đắk Lắk input with `index_metrics.csv` changed, expecting
/// a failure that writes nothing; returns stderr.
fn dak_lak_fails(name: &str, change: impl FnOnce(String) -> String) -> String {
    let dir = index_only(name, DAK_LAK_UNITS, &change(DAK_LAK.to_string()));
    build_fails_and_writes_nothing(&dir.join("input"), &dir.join("out"))
}

/// A change to the Đắk Lắk rows.
type Edit = fn(String) -> String;

#[test]
fn bad_index_metrics_fail_with_file_line_column_value_and_reason() {
    let cases: [(&str, Edit, &str); 6] = [
        (
            "index-bad-metric",
            |t| t.replace("66,2026-09,SO_HOA", "66,2026-09,SO_HOA_X"),
            "index_metrics.csv, line 9, column metric, value \"SO_HOA_X\": unknown metric",
        ),
        (
            "index-bad-above",
            |t| t.replace("380,1346", "1347,1346"),
            "index_metrics.csv, line 13, column numerator, value \"1347\": numerator 1347 is above its denominator 1346",
        ),
        (
            "index-bad-both",
            |t| t.replace(",,,74.75", ",1,2,74.75"),
            "index_metrics.csv, line 7, column ratio, value \"74.75\": both a ratio and counts on one row",
        ),
        (
            "index-bad-ratio",
            |t| t.replace("74.75", "\"74,75\""),
            "line 7, column ratio, value \"74,75\": must be a percentage from 0 to 100",
        ),
        (
            "index-bad-month",
            |t| t.replace("66,2026-09,ON_TIME", "66,2026-13,ON_TIME"),
            "line 6, column month, value \"2026-13\": not a valid month",
        ),
        (
            "index-bad-twice",
            |t| format!("{t}66,2026-09,ON_TIME,1,2,\n"),
            "line 20, column metric, value \"ON_TIME\": a different row for this unit, month and metric is on line 6",
        ),
    ];
    for (name, change, expected) in cases {
        let stderr = dak_lak_fails(name, change);
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
}

#[test]
fn a_metric_given_by_dossiers_and_by_index_metrics_is_an_error() {
    let dir = tiny_copy("index-conflict");
    let input = dir.join("input");
    std::fs::write(
        input.join("index_metrics.csv"),
        "unit_code,month,metric,numerator,denominator,ratio\n\
         00004,2024-01,ON_TIME,1,2,\n\
         00004,2024-01,PETITION_PROCESSING_ON_TIME,1,2,\n\
         01,2024-01,ON_TIME,1,2,\n",
    )
    .unwrap();
    let stderr = build_fails_and_writes_nothing(&input, &dir.join("out"));
    let reason = "this metric is also computed from the dossiers or Form 06 reports of this unit";
    assert!(
        stderr.contains(&format!(
            "line 2, column metric, value \"ON_TIME\": {reason}"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 4, column metric"),
        "a province rolls its units' dossiers up: {stderr}"
    );
    assert!(
        !stderr.contains("line 3"),
        "petitions come only from index_metrics.csv"
    );
}

#[test]
fn rules_can_be_replaced_and_bad_rules_are_refused() {
    let bundled = include_str!("../../rules/index-766.toml");
    let dir = index_only("index-rules", DAK_LAK_UNITS, DAK_LAK);
    // Full points for progress from 80 %: 88.62 % now earns all 20.
    let rules = bundled.replace(
        "code = \"ON_TIME\"\ngroup = \"TDGQ\"\nmax = 20\n",
        "code = \"ON_TIME\"\ngroup = \"TDGQ\"\nmax = 20\nthreshold = 0.8\n",
    );
    assert_ne!(rules, bundled);
    let file = dir.join("rules.toml");
    std::fs::write(&file, &rules).unwrap();
    let out = dir.join("out");
    let with_rules = [AS_OF[0], AS_OF[1], "--rules", file.to_str().unwrap()];
    assert_success(&build_with(&dir.join("input"), &out, &with_rules));
    let rows = scored(&out, "66", "2026-09");
    assert_eq!(points(&rows, "group TDGQ"), "20.00");
    assert_eq!(points(&rows, "total TOTAL"), "67.77 Trung bình");
    assert_eq!(manifest(&out)["index"]["file"], file.display().to_string());
    // Weights that do not add up to their group's maximum are refused.
    std::fs::write(
        &file,
        bundled.replace(
            "max = 20\nsource = \"progress\"",
            "max = 21\nsource = \"progress\"",
        ),
    )
    .unwrap();
    let run = build_with(&dir.join("input"), &dir.join("out2"), &with_rules);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("not valid rules: TDGQ: max = 20 but its metrics add up to 21.00"),
        "{stderr}"
    );
    assert!(!dir.join("out2").exists());
}

#[test]
fn across_a_change_of_units_index_figures_combine_like_the_indicators() {
    use crate::util::reorganisation::{write_input, AS_OF as DAY, CHANGES, DOSSIERS, UNITS};
    use contract::index766::{Figure, IndexSnapshot};
    let dir = temp_dir("index-reorganisation");
    let input = dir.join("input");
    write_input(&input, UNITS, CHANGES, &DOSSIERS);
    std::fs::write(
        input.join("index_metrics.csv"),
        "unit_code,month,metric,numerator,denominator,ratio\n\
         00020,2025-05,PETITION_PROCESSING_ON_TIME,1,2,\n\
         00021,2025-05,PETITION_PROCESSING_ON_TIME,3,4,\n\
         00007,2025-05,PETITION_PROCESSING_ON_TIME,1,1,\n",
    )
    .unwrap();
    let out = dir.join("out");
    assert_success(&build_with(&input, &out, &["--as-of", DAY]));
    let file = out.join(IndexSnapshot::file_name("01@2025-07-01"));
    let snapshot: IndexSnapshot = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    let petitions = |unit: &str| {
        snapshot.units[unit]
            .given
            .get("PETITION_PROCESSING_ON_TIME")
            .map(|months| months[0])
    };
    // The new commune formed whole from 00020 and 00021 has their May added up.
    let may = Some(Figure::Counts {
        numerator: 4,
        denominator: 6,
    });
    assert_eq!(petitions("00020@2025-07-01"), Some(may));
    // The new province lacks old province 01's May (none of its communes gave
    // it but one): no figure, never a partial sum.
    assert_eq!(petitions("01@2025-07-01").flatten(), None);
    // A commune formed with part of a divided one has no months before it.
    assert_eq!(petitions("00004@2025-07-01"), None);
}
