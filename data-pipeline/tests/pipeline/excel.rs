//! Excel input: the tiny fixture as `.xlsx` workbooks (with real Excel
//! dates, booleans and text codes) gives the same numbers as its CSV, and
//! bad cells are reported with the sheet, row and column.

use crate::util::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::Path;

/// How a CSV cell is written to the sheet.
#[derive(Clone, Copy)]
enum Cell {
    Text,
    /// A real Excel date when the text is `YYYY-MM-DD`, shown as dd/mm/yyyy.
    Date,
    /// A real Excel boolean for `true`/`false`.
    Boolean,
    Number,
}

fn kind(column: &str) -> Cell {
    match column {
        "received_on" | "due_on" | "resolved_on" | "online_since" => Cell::Date,
        "apology_issued" => Cell::Boolean,
        "online_level" => Cell::Number,
        _ => Cell::Text,
    }
}

/// Writes `title` lines, then `rows` (header first) to `path`, in a sheet
/// called `sheet`.
fn write_xlsx(path: &Path, sheet: &str, title: &[&str], rows: &[Vec<String>]) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, line) in title.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
        ws.write_string(r as u32, 0, *line).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let header = &rows[0];
    for (r, row) in rows.iter().enumerate() {
        let kinds = header
            .iter()
            .map(|h| if r == 0 { Cell::Text } else { kind(h) });
        let r = (title.len() + r) as u32;
        for ((c, value), as_kind) in row.iter().enumerate().zip(kinds) {
            let c = c as u16;
            match as_kind {
                _ if value.is_empty() => continue,
                Cell::Date if value.len() == 10 && value.as_bytes()[4] == b'-' => {
                    let d = ExcelDateTime::parse_from_str(value).unwrap();
                    ws.write_datetime_with_format(r, c, d, &date).unwrap()
                }
                Cell::Boolean if value == "true" || value == "false" => {
                    ws.write_boolean(r, c, value == "true").unwrap()
                }
                Cell::Number if value.parse::<f64>().is_ok() => ws
                    .write_number(r, c, value.parse::<f64>().unwrap())
                    .unwrap(),
                _ => ws.write_string(r, c, value.as_str()).unwrap(),
            };
        }
    }
    book.save(path).unwrap();
}

/// The tiny fixture's three inputs as workbooks.
fn tiny_as_xlsx(name: &str) -> TempDir {
    let dir = temp_dir(name);
    let input = dir.join("input");
    std::fs::create_dir_all(&input).unwrap();
    for stem in ["units", "procedures", "dossiers"] {
        let rows = read_csv(&tiny().join(format!("input/{stem}.csv")));
        write_xlsx(&input.join(format!("{stem}.xlsx")), "Sheet1", &[], &rows);
    }
    dir
}

#[test]
fn the_tiny_fixture_from_excel_matches_its_expected_indicators() {
    let dir = tiny_as_xlsx("xlsx-tiny");
    let input = dir.join("input");
    let out = input.with_file_name("out");
    build_ok(&input, &out);
    // Cell for cell; the row order is not part of the contract.
    let sorted = |mut rows: Vec<Vec<String>>| {
        rows[1..].sort();
        rows
    };
    let got = sorted(indicators(&out));
    let expected = sorted(read_csv(&tiny().join("expected/indicators.csv")));
    assert_eq!(got, expected);
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(
        manifest.contains("\"dossiers.xlsx, sheet Sheet1\""),
        "{manifest}"
    );
}

/// Builds `input` into `out` beside it, expecting a failure.
fn failure(input: &Path) -> String {
    build_fails_and_writes_nothing(input, &input.with_file_name("out"))
}

#[test]
fn a_bad_cell_names_the_sheet_row_and_column() {
    let dir = tiny_as_xlsx("xlsx-bad-date");
    let input = dir.join("input");
    let mut rows = read_csv(&tiny().join("input/dossiers.csv"));
    rows[3][4] = "31/02/2024".into();
    // As exported: a title and a blank row above the header, in a sheet named
    // "Hồ sơ". The header is Excel row 3, so data row 3 is Excel row 6.
    let title = ["Danh sách hồ sơ tháng 01/2024", ""];
    write_xlsx(&input.join("dossiers.xlsx"), "Hồ sơ", &title, &rows);
    let err = failure(&input);
    assert!(
        err.contains(
            "dossiers.xlsx, sheet Hồ sơ, line 6, column received_on, value \"31/02/2024\": not a valid date"
        ),
        "{err}"
    );
}

#[test]
fn codes_stored_as_numbers_are_refused() {
    let dir = tiny_as_xlsx("xlsx-number-code");
    let input = dir.join("input");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let rows = read_csv(&tiny().join("input/units.csv"));
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match value.parse::<f64>() {
                // 00004 becomes the number 4 in a General-formatted column.
                Ok(n) if r > 0 && c == 0 => ws.write_number(r, c, n).unwrap(),
                _ => ws.write_string(r, c, value.as_str()).unwrap(),
            };
        }
    }
    book.save(input.join("units.xlsx")).unwrap();
    let err = failure(&input);
    assert!(
        err.contains("units.xlsx, sheet Sheet1, line 7, column unit_code, value \"4\": a number cell: codes must be text cells"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused() {
    let dir = tiny_as_xlsx("xlsx-not-zip");
    let input = dir.join("input");
    std::fs::write(input.join("dossiers.xlsx"), "dossier_id,unit_code\n1,2\n").unwrap();
    let err = failure(&input);
    assert!(
        err.contains("dossiers.xlsx: cannot be read as xlsx"),
        "{err}"
    );
}
