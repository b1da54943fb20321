//! The cases of the malformed-input corpus: each breaks a copy of the tiny
//! input and says what the build must do. Plain `std` and the parent
//! module's `append` and `edit`, so that the fuzzing's seed corpus
//! (`data-pipeline/fuzz/seeds.rs`) includes this file by path and starts
//! from the very same broken inputs.

use super::{append, edit};
use std::path::Path;

/// What a case must lead to.
pub enum Outcome {
    /// Builds; the snapshot's `indicators.csv` contains this text.
    Builds(&'static str),
    /// Fails; the message contains every one of these.
    Fails(&'static [&'static str]),
}
use Outcome::*;

pub type Edit = fn(&Path);

const D: &str = "dossiers.csv";
const U: &str = "units.csv";
const P: &str = "procedures.csv";
const REPORT_HEADER: &str = "unit_code,month,carried_over,received_online,received_offline,\
resolved_early,resolved_on_time,resolved_late,pending_within,pending_overdue\n";
/// A valid dossier row of commune 00004, to vary one cell at a time.
const ROW: &str = "Z-1,00004,1.001130,direct,2024-01-05,2024-01-08,2024-01-08,,satisfied";

fn row_with(column: usize, value: &str) -> String {
    let mut cells: Vec<&str> = ROW.split(',').collect();
    cells[column] = value;
    cells.join(",")
}

pub fn cases() -> Vec<(&'static str, Edit, Outcome)> {
    vec![
        (
            "a dossier received in the future (2099 typed for 2024)",
            |i| append(i, D, &row_with(4, "2099-01-10").replace("2024-01-08", "")),
            Fails(&[
                "dossiers.csv, line 121, column received_on, value \"2099-01-10\": \
                 a date in the future: after ",
                "the day of this build (give --as-of DATE",
            ]),
        ),
        (
            "a dossier resolved in the future (2052 typed for 2025)",
            |i| append(i, D, &row_with(6, "10/01/2052")),
            Fails(&[
                "dossiers.csv, line 121, column resolved_on, value \"10/01/2052\": \
                 a date in the future",
            ]),
        ),
        (
            "a due date in the future is an appointment, not a typo",
            |i| {
                append(
                    i,
                    D,
                    &row_with(5, "2099-01-10").replace(",2024-01-08,", ",,"),
                )
            },
            Builds("00004"),
        ),
        (
            "a column twice in the header (two exports side by side)",
            |i| {
                edit(i, D, |t| {
                    t.lines()
                        .enumerate()
                        .map(|(n, l)| match n {
                            0 => format!("{l},channel"),
                            _ => format!("{l},online"),
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                        + "\n"
                })
            },
            Fails(&["dossiers.csv, line 1, column channel: \
                 the column appears 2 times in the header (columns 4 and 10): keep one"]),
        ),
        (
            "a unit's name with a line break moves the lines after it",
            |i| {
                append(i, U, "00300,\"Xã Hai\nDòng\",commune,001,x");
                append(i, U, "00301,Xã Sai Cấp,village,001,x");
            },
            Fails(&["units.csv, line 15, column level, value \"village\""]),
        ),
        (
            "a blank line at the end",
            |i| edit(i, D, |t| t + "\n"),
            Builds("00004"),
        ),
        (
            "blank lines in units",
            |i| edit(i, U, |t| t.replacen('\n', "\n\n", 2)),
            Builds("00004"),
        ),
        (
            "an id with a trailing space is the same id",
            |i| {
                append(i, D, ROW);
                append(i, D, &row_with(0, "Z-1 ").replace("direct", "postal"));
            },
            Fails(&["different content"]),
        ),
        (
            "an id in NFD conflicts with its NFC twin",
            |i| {
                append(i, D, &row_with(0, "HS-M\u{1ef9}"));
                append(
                    i,
                    D,
                    &row_with(0, "HS-My\u{303}").replace("direct", "online"),
                );
            },
            Fails(&["different content"]),
        ),
        (
            "reports.csv without the Form 06 columns",
            |i| std::fs::write(i.join("reports.csv"), "unit_code,month\n").unwrap(),
            Fails(&["reports.csv, line 1, column carried_over: required column is missing"]),
        ),
        (
            "reports.csv with only a header",
            |i| std::fs::write(i.join("reports.csv"), REPORT_HEADER).unwrap(),
            Builds("00004"),
        ),
        (
            "an empty reports.csv",
            |i| std::fs::write(i.join("reports.csv"), "").unwrap(),
            Fails(&["reports.csv", "the file is empty"]),
        ),
        (
            "a formula-looking count in a report",
            |i| {
                let row = "00115,2024-01,0,=1+1,0,0,0,0,0,0";
                std::fs::write(i.join("reports.csv"), format!("{REPORT_HEADER}{row}\n")).unwrap()
            },
            Fails(&["column received_online, value \"=1+1\": must be a whole number"]),
        ),
        (
            "a report for month 2024-00",
            |i| {
                let row = "00115,2024-00,0,1,0,0,0,0,0,0";
                std::fs::write(i.join("reports.csv"), format!("{REPORT_HEADER}{row}\n")).unwrap()
            },
            Fails(&["column month, value \"2024-00\": not a valid month"]),
        ),
        (
            "a CSV file named .xlsx",
            |i| {
                std::fs::copy(i.join(D), i.join("procedures.xlsx"))
                    .map(|_| ())
                    .unwrap()
            },
            Fails(&["procedures.xlsx: cannot be read as xlsx"]),
        ),
        (
            "a CSV that starts like zlib data (found by fuzzing: polars panicked)",
            |i| std::fs::write(i.join("reports.csv"), "x^uc").unwrap(),
            Fails(&["reports.csv: cannot be read as csv: \
                 its first bytes are those of a zlib-compressed file (give the CSV uncompressed)"]),
        ),
        (
            "a gzipped export under its .csv name",
            |i| std::fs::write(i.join(D), b"\x1f\x8b\x08\x00\x00\x00\x00\x00").unwrap(),
            Fails(&["dossiers.csv: cannot be read as csv: \
                 its first bytes are those of a gzip-compressed file"]),
        ),
        (
            "an empty .xlsx file",
            |i| std::fs::write(i.join("dossiers.xlsx"), "").unwrap(),
            Fails(&["dossiers.xlsx: the file is empty"]),
        ),
        (
            "not utf-8 (Windows-1258 bytes)",
            |i| std::fs::write(i.join(D), b"dossier_id,unit_code\n\xd0\xe3,\xff\xfe\n").unwrap(),
            Fails(&["dossiers.csv"]),
        ),
        (
            "truncated mid-row",
            |i| edit(i, D, |t| t[..t.len() - 30].to_string()),
            Fails(&["dossiers.csv"]),
        ),
        (
            "wrong header",
            |i| edit(i, U, |t| t.replacen("unit_name", "ten_don_vi", 1)),
            Fails(&["units.csv, line 1, column unit_name", "missing"]),
        ),
        (
            "semicolon separated",
            |i| edit(i, P, |t| t.replace(',', ";")),
            Fails(&["procedures.csv", "missing"]),
        ),
        (
            "empty units file",
            |i| std::fs::write(i.join(U), "").unwrap(),
            Fails(&["units.csv", "empty"]),
        ),
        (
            "only a header",
            |i| edit(i, D, |t| t.lines().next().unwrap().to_string() + "\n"),
            Fails(&["no dossiers"]),
        ),
        (
            "31 February",
            |i| append(i, D, &row_with(4, "31/02/2024")),
            Fails(&["received_on", "31/02/2024", "not a valid date"]),
        ),
        (
            "slashes the wrong way round",
            |i| append(i, D, &row_with(4, "2024/01/05")),
            Fails(&["not a valid date"]),
        ),
        (
            "day and month unpadded",
            |i| append(i, D, &row_with(5, "8/1/2024")),
            Fails(&["due_on", "not a valid date"]),
        ),
        (
            "typo year 2204",
            |i| append(i, D, &row_with(6, "2204-01-08")),
            Fails(&["resolved_on", "implausible date"]),
        ),
        (
            "year 0099",
            |i| append(i, D, &row_with(4, "0099-01-05")),
            Fails(&["implausible date"]),
        ),
        (
            "time with a T",
            |i| append(i, D, &row_with(6, "2024-01-08T16:45:00")),
            Builds("00004"),
        ),
        (
            "spaces around cells",
            |i| append(i, D, &ROW.replace(',', " , ").replace("Z-1 ", "Z-1")),
            Builds("00004"),
        ),
        (
            "CRLF line endings",
            |i| edit(i, D, |t| t.replace('\n', "\r\n")),
            Builds("00004"),
        ),
        (
            "BOM in dossiers",
            |i| edit(i, D, |t| format!("\u{feff}{t}")),
            Builds("00004"),
        ),
        (
            "extra column",
            |i| {
                edit(i, D, |t| {
                    t.lines()
                        .map(|l| format!("{l},x"))
                        .collect::<Vec<_>>()
                        .join("\n")
                        + "\n"
                })
            },
            Builds("00004"),
        ),
        (
            "quoted name with comma and newline",
            |i| {
                append(
                    i,
                    U,
                    "00200,\"Xã Hòa, \"\"Mới\"\"\nhai dòng\",commune,001,x",
                )
            },
            Builds("\"Xã Hòa, \"\"Mới\"\"\nhai dòng\""),
        ),
        (
            "a dossier file cut short just after opening a quote",
            |i| edit(i, D, |t| format!("{t}{}", row_with(7, "\""))),
            Fails(&["dossiers.csv, line", "never closed"]),
        ),
        (
            "the same with a Windows line ending",
            |i| edit(i, D, |t| format!("{t}{}\r", row_with(7, "\""))),
            Fails(&["dossiers.csv, line", "never closed"]),
        ),
        (
            "a quote opened in one dossier and never closed",
            |i| {
                append(i, D, &row_with(8, "\"satisfied"));
                append(i, D, ROW);
            },
            Fails(&["dossiers.csv, line", "never closed"]),
        ),
        (
            "a flag opened with a quote in the last dossier",
            |i| edit(i, D, |t| format!("{t}{}", row_with(7, "\"true"))),
            Fails(&["dossiers.csv, line", "never closed"]),
        ),
        (
            "formula-looking name",
            |i| append(i, U, "00201,=HYPERLINK(\"http://x\"),commune,001,x"),
            Builds("\"=HYPERLINK(\"\"http://x\"\")\""),
        ),
        (
            "markup name",
            |i| append(i, U, "00202,<script>alert(1)</script>,commune,001,x"),
            Builds("<script>alert(1)</script>"),
        ),
        (
            "code without its leading zeros",
            |i| append(i, D, &row_with(1, "4")),
            Fails(&["unit_code", "\"4\"", "unknown unit"]),
        ),
        (
            "unknown procedure",
            |i| append(i, D, &row_with(2, "9.999999")),
            Fails(&["unknown procedure"]),
        ),
        (
            "channel in capitals",
            |i| append(i, D, &row_with(3, "ONLINE")),
            Fails(&["unknown channel"]),
        ),
        (
            "rating as a word",
            |i| append(i, D, &row_with(8, "tốt")),
            Fails(&["unknown rating"]),
        ),
        (
            "apology as yes",
            |i| append(i, D, &row_with(7, "yes")),
            Fails(&["apology_issued", "true, false or empty"]),
        ),
        (
            "empty dossier id",
            |i| append(i, D, &row_with(0, "")),
            Fails(&["dossier_id", "required value is empty"]),
        ),
        (
            "empty received_on",
            |i| append(i, D, &row_with(4, "")),
            Fails(&["received_on", "required value is empty"]),
        ),
        (
            "due before received",
            |i| append(i, D, &row_with(5, "2024-01-01")),
            Fails(&["due_on is before received_on"]),
        ),
        (
            "too many fields",
            |i| append(i, D, &format!("{ROW},x,y")),
            Fails(&["dossiers.csv"]),
        ),
        (
            "self parent",
            |i| append(i, U, "00203,Xã Vòng,commune,00203,x"),
            Fails(&["cycle in parent_code"]),
        ),
        (
            "duplicate unit code",
            |i| append(i, U, "00004,Xã Trùng,commune,001,x"),
            Fails(&["duplicate unit_code"]),
        ),
        (
            "duplicate procedure code",
            |i| append(i, P, "1.001130,Trùng,Hộ tịch,commune,2,"),
            Fails(&["duplicate procedure_code"]),
        ),
        (
            "commune above a district",
            |i| append(i, U, "007,Huyện Lạ,district,00004,x"),
            Fails(&["not a higher level"]),
        ),
        (
            "province with a parent",
            |i| append(i, U, "02,Tỉnh Lạ,province,01,x"),
            Fails(&["a province has no parent"]),
        ),
        (
            "unknown level",
            |i| append(i, U, "00204,Xã Lạ,village,001,x"),
            Fails(&["must be province, district or commune"]),
        ),
        (
            "online level 5",
            |i| append(i, P, "9.000001,Thủ tục X,Hộ tịch,commune,5,"),
            Fails(&["online_level"]),
        ),
        (
            "bad online_since",
            |i| append(i, P, "9.000002,Thủ tục Y,Hộ tịch,commune,3,sớm"),
            Fails(&["online_since", "not a valid date"]),
        ),
        (
            "CSV bytes named .parquet",
            |i| std::fs::rename(i.join(D), i.join("dossiers.parquet")).unwrap(),
            Fails(&["dossiers.parquet", "parquet"]),
        ),
        (
            "a folder of files, one broken",
            |i| {
                std::fs::create_dir(i.join("dossiers")).unwrap();
                std::fs::rename(i.join(D), i.join("dossiers/a.csv")).unwrap();
                std::fs::write(i.join("dossiers/b.csv"), "dossier_id,unit\nQ-1,00004\n").unwrap();
            },
            Fails(&["dossiers/b.csv, line 1", "missing"]),
        ),
        (
            "conflicting duplicate",
            |i| {
                append(i, D, ROW);
                append(i, D, &row_with(3, "online"));
            },
            Fails(&["different content"]),
        ),
        (
            "identical duplicate",
            |i| {
                append(i, D, ROW);
                append(i, D, ROW);
            },
            Builds("00004"),
        ),
        (
            "a very long cell",
            |i| append(i, D, &row_with(0, &"X".repeat(100_000))),
            Builds("00004"),
        ),
        (
            "bad targets.toml",
            |i| std::fs::write(i.join("targets.toml"), "on_time_rate = \"cao\"").unwrap(),
            Fails(&["targets.toml"]),
        ),
    ]
}
