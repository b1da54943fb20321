//! Revisions: a rebuild that changes a published figure adds it to
//! `revisions.csv` (unit, month, field, old and new value, the day), the
//! manifest counts them, province snapshots carry their units', and
//! earlier builds' revisions are never lost.

use crate::util::*;
use std::collections::BTreeMap;
use std::path::Path;

const DOSSIER: &str = "HS-00000004,00004,2.001039,direct,19/11/2023,2023-11-19,2023-11-19,,";
/// The same dossier re-exported resolved a day late, still in November.
const RESOLVED_LATE: &str = "HS-00000004,00004,2.001039,direct,19/11/2023,2023-11-19,2023-11-20,,";
const HEADER: &str = "unit_code,month,field,old_value,new_value,revised_on";

/// Today in Vietnam, the day a build dates its revisions.
fn today() -> String {
    data_pipeline::validate::dates::today().to_string()
}

/// `field` of `unit` in `month` in the `indicators.csv` of `out`.
fn figure(out: &Path, unit: &str, month: &str, field: &str) -> u64 {
    let rows = indicators(out);
    let at = rows[0].iter().position(|h| h == field).unwrap();
    let row = rows.iter().find(|r| r[0] == unit && r[4] == month).unwrap();
    row[at].parse().unwrap()
}

fn revisions(out: &Path) -> Vec<Vec<String>> {
    read_csv(&out.join("revisions.csv"))
}

#[test]
fn a_re_export_that_changes_one_past_dossier_gives_exactly_its_revisions() {
    let dir = tiny_copy("revisions-one");
    let (input, out) = (dir.join("input"), dir.join("data"));
    build_ok(&input, &out);
    assert_eq!(revisions(&out), [HEADER.split(',').collect::<Vec<_>>()]);
    assert_eq!(manifest(&out)["revisions"], 0);

    // The same input again revises nothing.
    build_ok(&input, &out);
    assert_eq!(revisions(&out).len(), 1);

    let before: BTreeMap<_, _> = ["00004", "001", "01"]
        .into_iter()
        .map(|u| {
            let on_time = figure(&out, u, "2023-11", "resolved_on_time");
            (u, (on_time, figure(&out, u, "2023-11", "resolved_late")))
        })
        .collect();
    edit(&input, "dossiers.csv", |t| {
        t.replace(DOSSIER, RESOLVED_LATE)
    });
    let run = build(&input, &out);
    assert_success(&run);
    assert!(
        String::from_utf8_lossy(&run.stdout).contains("6 published figures revised"),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );

    // The commune, its district and its province, in the order of
    // indicators.csv: one dossier moved from on time to late.
    let today = today();
    let mut expected = vec![HEADER.to_string()];
    let mut reversed = Vec::new();
    let units = ["00004", "001", "01"];
    let rows = indicators(&out);
    let mut ordered: Vec<&str> = rows
        .iter()
        .map(|r| r[0].as_str())
        .filter(|u| units.contains(u))
        .collect();
    ordered.dedup();
    for unit in ordered {
        let (on_time, late) = before[unit];
        expected.push(format!(
            "{unit},2023-11,resolved_on_time,{on_time},{},{today}",
            on_time - 1
        ));
        expected.push(format!(
            "{unit},2023-11,resolved_late,{late},{},{today}",
            late + 1
        ));
        reversed.push(format!(
            "{unit},2023-11,resolved_on_time,{},{on_time},{today}",
            on_time - 1
        ));
        reversed.push(format!(
            "{unit},2023-11,resolved_late,{},{late},{today}",
            late + 1
        ));
    }
    let text = std::fs::read_to_string(out.join("revisions.csv")).unwrap();
    assert_eq!(text, expected.join("\n") + "\n");
    assert_eq!(manifest(&out)["revisions"], 6);

    // The province file carries its units' revisions; the other province's none.
    let province = province(&out, "01");
    assert_eq!(province.revisions.len(), 6);
    assert!(province
        .revisions
        .iter()
        .all(|r| r.month.to_string() == "2023-11"));
    assert!(crate::util::province(&out, "79").revisions.is_empty());

    // Changed back: two more revision notes per unit, the first six kept.
    edit(&input, "dossiers.csv", |t| {
        t.replace(RESOLVED_LATE, DOSSIER)
    });
    build_ok(&input, &out);
    let text = std::fs::read_to_string(out.join("revisions.csv")).unwrap();
    expected.extend(reversed);
    assert_eq!(text, expected.join("\n") + "\n");
    assert_eq!(manifest(&out)["revisions"], 12);
}

#[test]
fn an_altered_revisions_file_stops_the_build_and_writes_nothing() {
    let dir = tiny_copy("revisions-altered");
    let (input, out) = (dir.join("input"), dir.join("data"));
    build_ok(&input, &out);
    edit(&input, "dossiers.csv", |t| {
        t.replace(DOSSIER, RESOLVED_LATE)
    });
    build_ok(&input, &out);
    edit(&out, "revisions.csv", |t| {
        t.lines().take(2).collect::<Vec<_>>().join("\n")
    });
    let stderr = build_fails_and_writes_nothing(&input, &out);
    assert!(stderr.contains("revisions.csv"), "{stderr}");
    assert!(stderr.contains("would be lost"), "{stderr}");

    std::fs::remove_file(out.join("revisions.csv")).unwrap();
    let stderr = build_fails_and_writes_nothing(&input, &out);
    assert!(stderr.contains("revisions.csv"), "{stderr}");
}

#[test]
fn an_altered_open_data_table_is_not_compared_and_the_run_says_so() {
    let dir = tiny_copy("revisions-unverified");
    let (input, out) = (dir.join("input"), dir.join("data"));
    build_ok(&input, &out);
    edit(&out, "indicators.csv", |t| {
        t.replacen(",7,0,3,", ",8,0,3,", 1)
    });
    let run = build(&input, &out);
    assert_success(&run);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("revisions not looked for") && stdout.contains("indicators.csv differs"),
        "{stdout}"
    );
    assert_eq!(revisions(&out).len(), 1);
}
