//! Every kind of bad input fails the run with a message naming file, line,
//! column, value and reason, and leaves the previous output untouched.

use crate::util::*;
use std::path::Path;

/// Copies the tiny input, builds it, lets `break_it` break it, and builds
/// again over the good output: returns stderr after checking that the run
/// failed and left the previous output byte for byte as it was.
fn fails(name: &str, break_it: impl FnOnce(&Path)) -> String {
    let dir = tiny_copy(name);
    let (input, out) = (dir.join("input"), dir.join("data"));
    build_ok(&input, &out);
    break_it(&input);
    build_fails_and_writes_nothing(&input, &out)
}

fn replace_in(input: &Path, file: &str, from: &str, to: &str) {
    edit(input, file, |text| {
        assert!(text.contains(from), "{file} contains {from:?}");
        text.replacen(from, to, 1)
    });
}

const DOSSIERS: &str = "dossiers.csv";
/// Line 121 is the first line appended to the tiny dossiers (120 lines).
const NEW_LINE: &str = "line 121";

fn assert_mentions(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "expected {part:?} in:\n{stderr}");
    }
}

#[test]
fn missing_file() {
    let e = fails("missing-file", |i| {
        std::fs::remove_file(i.join("procedures.csv")).unwrap()
    });
    assert_mentions(&e, &["procedures.csv", "required input is missing"]);
}

#[test]
fn missing_column() {
    let e = fails("missing-column", |i| {
        replace_in(i, DOSSIERS, "due_on", "due_date")
    });
    assert_mentions(
        &e,
        &[
            "dossiers.csv, line 1, column due_on",
            "required column is missing",
        ],
    );
}

#[test]
fn bad_date() {
    let e = fails("bad-date", |i| {
        append(
            i,
            DOSSIERS,
            "X-1,00004,1.001130,direct,31/02/2024,2024-03-05,,,",
        )
    });
    assert_mentions(
        &e,
        &[
            "dossiers.csv",
            NEW_LINE,
            "column received_on",
            "value \"31/02/2024\"",
            "not a valid date",
        ],
    );
}

#[test]
fn unknown_unit() {
    let e = fails("unknown-unit", |i| {
        append(
            i,
            DOSSIERS,
            "X-2,77777,1.001130,direct,2024-01-05,2024-01-06,,,",
        )
    });
    assert_mentions(
        &e,
        &[
            NEW_LINE,
            "column unit_code",
            "value \"77777\"",
            "unknown unit",
        ],
    );
}

#[test]
fn unknown_procedure() {
    let e = fails("unknown-procedure", |i| {
        append(
            i,
            DOSSIERS,
            "X-3,00004,9.999999,direct,2024-01-05,2024-01-06,,,",
        )
    });
    assert_mentions(
        &e,
        &[
            NEW_LINE,
            "column procedure_code",
            "value \"9.999999\"",
            "unknown procedure",
        ],
    );
}

#[test]
fn due_before_received() {
    let e = fails("due-before", |i| {
        append(
            i,
            DOSSIERS,
            "X-4,00004,1.001130,direct,2024-01-05,2024-01-04,,,",
        )
    });
    assert_mentions(
        &e,
        &[NEW_LINE, "column due_on", "due_on is before received_on"],
    );
}

#[test]
fn resolved_before_received() {
    let e = fails("resolved-before", |i| {
        append(
            i,
            DOSSIERS,
            "X-5,00004,1.001130,direct,2024-01-05,2024-01-09,2024-01-01,,",
        )
    });
    assert_mentions(
        &e,
        &[
            NEW_LINE,
            "column resolved_on",
            "resolved_on is before received_on",
        ],
    );
}

#[test]
fn unknown_channel() {
    let e = fails("unknown-channel", |i| {
        append(
            i,
            DOSSIERS,
            "X-6,00004,1.001130,fax,2024-01-05,2024-01-06,,,",
        )
    });
    assert_mentions(
        &e,
        &[
            NEW_LINE,
            "column channel",
            "value \"fax\"",
            "unknown channel",
        ],
    );
}

#[test]
fn unknown_rating() {
    let e = fails("unknown-rating", |i| {
        append(
            i,
            DOSSIERS,
            "X-7,00004,1.001130,direct,2024-01-05,2024-01-06,2024-01-06,,great",
        )
    });
    assert_mentions(
        &e,
        &[
            NEW_LINE,
            "column rating",
            "value \"great\"",
            "unknown rating",
        ],
    );
}

#[test]
fn conflicting_duplicate_id() {
    let e = fails("conflicting-id", |i| {
        append(
            i,
            DOSSIERS,
            "X-8,00004,1.001130,direct,2024-01-05,2024-01-06,,,",
        );
        append(
            i,
            DOSSIERS,
            "X-8,00004,1.001130,online,2024-01-05,2024-01-06,,,",
        );
    });
    assert_mentions(
        &e,
        &[
            "line 121",
            "line 122",
            "column dossier_id",
            "value \"X-8\"",
            "different content",
        ],
    );
}

#[test]
fn cycle_in_units() {
    let e = fails("cycle", |i| {
        append(i, "units.csv", "00900,Xã Vòng A,commune,00901,x");
        append(i, "units.csv", "00901,Xã Vòng B,commune,00900,x");
    });
    assert_mentions(
        &e,
        &[
            "units.csv",
            "line 13",
            "column parent_code",
            "cycle in parent_code: 00900 → 00901 → 00900",
        ],
    );
}

#[test]
fn dangling_parent() {
    let e = fails("dangling", |i| {
        append(i, "units.csv", "00999,Xã Lạc,commune,555,x")
    });
    assert_mentions(
        &e,
        &[
            "units.csv, line 13, column parent_code, value \"555\"",
            "dangling parent",
        ],
    );
}

#[test]
fn bad_online_level() {
    let e = fails("online-level", |i| {
        append(i, "procedures.csv", "9.000001,Thủ tục X,Hộ tịch,commune,5,")
    });
    assert_mentions(
        &e,
        &["procedures.csv, line 42, column online_level, value \"5\""],
    );
}

#[test]
fn empty_file() {
    let e = fails("empty", |i| std::fs::write(i.join(DOSSIERS), "").unwrap());
    assert_mentions(&e, &["dossiers.csv", "empty"]);
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let e = fails("many", |i| {
        append(
            i,
            DOSSIERS,
            "X-9,00004,1.001130,fax,2024-01-05,2024-01-06,,,",
        );
        append(
            i,
            DOSSIERS,
            "X-10,00004,1.001130,direct,2024-13-05,2024-01-06,,,",
        );
    });
    assert_mentions(&e, &["2 problem(s)", "line 121", "line 122"]);
}

/// `build --as-of DAY`: a build of past data refuses dossiers received or
/// resolved after that day, and leaves a previous output as it was.
#[test]
fn as_of_refuses_later_dates_and_keeps_the_previous_output() {
    let dir = tiny_copy("as-of");
    let (input, out) = (dir.join("input"), dir.join("data"));
    build_ok(&input, &out);
    let before = snapshot_of(&out);
    let run = build_with(&input, &out, &["--as-of", "31/01/2024"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert_mentions(
        &stderr,
        &[
            "dossiers.csv, line ",
            "column received_on, value \"2024-02-",
            ": a date after --as-of 2024-01-31",
        ],
    );
    assert_eq!(
        snapshot_of(&out),
        before,
        "the previous output is untouched"
    );
}

/// With `--quarantine`, a dossier dated in the future is set aside like
/// any other bad row, and the rest is built.
#[test]
fn quarantine_sets_a_future_date_aside() {
    let dir = tiny_copy("future-quarantine");
    let (input, out) = (dir.join("input"), dir.join("data"));
    append(
        &input,
        "dossiers.csv",
        "F-1,00004,1.001130,direct,2099-01-10,2099-01-12,,,",
    );
    let run = build_with(&input, &out, &["--quarantine"]);
    assert_success(&run);
    let rejected = read_csv(&dir.join("rejected.csv"));
    assert_eq!(rejected.len(), 2, "{rejected:?}");
    assert_eq!(rejected[1][..3], ["dossiers.csv", "121", "F-1"]);
    assert!(rejected[1].last().unwrap().contains("a date in the future"));
    assert_eq!(
        manifest(&out)["last_month"],
        "2024-02",
        "2099 stretches nothing"
    );
}
