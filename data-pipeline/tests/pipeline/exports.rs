//! The downloads of each province (`exports/<province>.xlsx` and `.csv`)
//! and the folder's `README.md`: the workbook's figures are the contract's
//! rates of `indicators.csv`'s counts, the CSV is its province's rows after
//! a byte order mark, every new file is in the manifest with its hash and
//! named by the README, and the workbooks are the same bytes on a rebuild.

use crate::util::*;
use calamine::{Data, Reader, Xlsx};
use contract::{files, Count, Counts, Indicator, Month, Targets, UnitInfo};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Builds the default sample (a province across 1 July 2025) into `data/`.
fn sample_build(name: &str) -> TempDir {
    let dir = temp_dir(name);
    let input = dir.join("input");
    assert_success(&pipeline(&["sample", "--out", input.to_str().unwrap()]));
    build_ok(&input, &dir.join("data"));
    dir
}

fn units(out: &Path) -> Vec<UnitInfo> {
    serde_json::from_slice(&std::fs::read(out.join(files::UNITS)).unwrap()).unwrap()
}

/// The province version ids, the keys of `indicators/<key>.json`.
fn provinces(out: &Path) -> Vec<String> {
    let units = units(out);
    let mut ids: Vec<String> = units.iter().map(|u| u.province.clone()).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The province version holding the row of `code` in `month`: the version
/// of the code valid that month.
fn province_of(units: &[UnitInfo], code: &str, month: &str) -> String {
    let month = Month::parse(month).unwrap();
    let unit = units.iter().find(|u| u.code == code && u.valid_in(month));
    unit.unwrap_or_else(|| panic!("{code} in {month}"))
        .province
        .clone()
}

/// Counts by unit code and month.
type Rows = HashMap<(String, String), Counts>;

/// The counts of each `indicators.csv` row, by province version, then by
/// unit code and month (a code is a unit only with a month).
fn counts_by_row(out: &Path) -> HashMap<String, Rows> {
    let table = indicators(out);
    let units = units(out);
    let first_count = table[0].len() - Count::ALL.len();
    let mut rows: HashMap<String, Rows> = HashMap::new();
    for row in &table[1..] {
        let mut counts = Counts::default();
        for (field, cell) in Count::ALL.iter().zip(&row[first_count..]) {
            counts[*field] = cell.parse().ok();
        }
        let province = province_of(&units, &row[0], &row[4]);
        let key = (row[0].clone(), row[4].clone());
        rows.entry(province).or_default().insert(key, counts);
    }
    rows
}

/// What a workbook check saw, so a test can tell it looked at something.
#[derive(Default)]
struct Seen {
    values: usize,
    no_data: usize,
}

/// Checks every cell of every indicator sheet of every province's workbook
/// against the contract's value of the `indicators.csv` row of the same
/// unit and month: a figure where it has one, an empty cell where it has
/// none (an empty denominator, or no row: a month outside the unit's life).
fn check_workbooks(out: &Path) -> Seen {
    let mut rows = counts_by_row(out);
    let manifest = manifest(out);
    let targets: Targets = serde_json::from_value(manifest["targets"].clone()).unwrap();
    let mut seen = Seen::default();
    for province in provinces(out) {
        let path = out.join(files::export_xlsx(&province));
        let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
        let rows = rows.remove(&province).unwrap_or_default();
        let names = book.sheet_names();
        for sheet in ["Đơn vị", "Định nghĩa"] {
            assert!(names.iter().any(|n| n == sheet), "{province}: {sheet}");
        }
        for indicator in Indicator::ALL {
            let range = book.worksheet_range(indicator.name().vi).unwrap();
            let target = range.get_value((2, 1)).unwrap();
            match indicator.target(&targets) {
                Some(t) => assert_eq!(target, &Data::Float(t), "{province} target"),
                None => assert!(matches!(target, Data::String(_))),
            }
            check_sheet(&range, &rows, indicator, &mut seen);
        }
    }
    seen
}

/// One indicator sheet: the header is on row 3, units from row 4 with the
/// code in column 1, months from column 3.
fn check_sheet(range: &calamine::Range<Data>, rows: &Rows, indicator: Indicator, seen: &mut Seen) {
    let text = |r: u32, c: u32| {
        range
            .get_value((r, c))
            .map_or(String::new(), |d| d.to_string())
    };
    assert_eq!(text(3, 1), "Mã");
    let (height, width) = (range.end().unwrap().0 + 1, range.end().unwrap().1 + 1);
    assert!(height > 4, "units listed");
    for r in 4..height {
        let code = text(r, 1);
        for c in 3..width {
            let key = (code.clone(), text(3, c));
            let want = rows.get(&key).and_then(|counts| indicator.value(counts));
            let cell = range.get_value((r, c)).unwrap_or(&Data::Empty);
            match (want, cell) {
                (Some(want), Data::Float(got)) => {
                    assert!((want - got).abs() < 1e-12, "{key:?} {indicator:?}");
                    seen.values += 1;
                }
                (None, Data::Empty) => seen.no_data += rows.contains_key(&key) as usize,
                _ => panic!("{key:?} {indicator:?}: expected {want:?}, got {cell:?}"),
            }
        }
    }
}

#[test]
fn workbook_figures_are_the_contracts_rates_of_the_csv_counts() {
    let dir = temp_dir("exports-tiny");
    let out = dir.join("data");
    build_ok(&tiny().join("input"), &out);
    let tiny = check_workbooks(&out);
    assert!(tiny.values > 0);

    let sample = sample_build("exports-sample");
    let seen = check_workbooks(&sample.join("data"));
    assert!(seen.values > 1000, "{} figures", seen.values);
    assert!(
        seen.no_data + tiny.no_data > 0,
        "some rows have an empty denominator, left empty"
    );
}

/// Each province's CSV is a BOM, then exactly `indicators.csv`'s header
/// and its lines of that province's units, in the same order.
fn check_csv_exports(out: &Path) {
    let all = std::fs::read_to_string(out.join(files::INDICATORS_CSV)).unwrap();
    assert!(!all.starts_with('\u{feff}'), "indicators.csv has no BOM");
    let units = units(out);
    let mut lines = all.lines();
    let header = lines.next().unwrap();
    let mut expected: HashMap<String, Vec<&str>> = HashMap::new();
    for (line, row) in lines.zip(&indicators(out)[1..]) {
        let province = province_of(&units, &row[0], &row[4]);
        expected.entry(province).or_default().push(line);
    }
    for province in provinces(out) {
        let bytes = std::fs::read(out.join(files::export_csv(&province))).unwrap();
        assert!(bytes.starts_with(BOM), "{province}: BOM");
        let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
        let mut got = text.lines();
        assert_eq!(got.next(), Some(header), "{province}: header");
        let want = expected.remove(&province).unwrap_or_default();
        assert_eq!(got.collect::<Vec<_>>(), want, "{province}");
        assert!(text.ends_with('\n'));
    }
    assert!(expected.is_empty(), "every row is in a province's file");
}

#[test]
fn csv_exports_are_a_bom_and_the_provinces_lines_of_indicators_csv() {
    let dir = temp_dir("exports-csv-tiny");
    let out = dir.join("data");
    build_ok(&tiny().join("input"), &out);
    check_csv_exports(&out);
    let sample = sample_build("exports-csv-sample");
    check_csv_exports(&sample.join("data"));
}

fn sha256(path: &Path) -> String {
    let hash = Sha256::digest(std::fs::read(path).unwrap());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn new_files_are_in_the_manifest_with_their_hash_and_named_in_the_readme() {
    let dir = temp_dir("exports-manifest");
    let out = dir.join("data");
    build_ok(&tiny().join("input"), &out);
    let outputs: HashMap<String, String> = manifest(&out)["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["file"].as_str().unwrap().into(),
                o["sha256"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut new = vec![files::DATA_README.to_string()];
    for province in provinces(&out) {
        new.push(files::export_xlsx(&province));
        new.push(files::export_csv(&province));
    }
    for file in &new {
        let hash = outputs.get(file).unwrap_or_else(|| panic!("{file} listed"));
        assert_eq!(hash, &sha256(&out.join(file)), "{file}");
    }
    for (file, hash) in &outputs {
        assert_eq!(hash, &sha256(&out.join(file)), "{file}");
    }
    let readme = std::fs::read_to_string(out.join(files::DATA_README)).unwrap();
    for file in outputs.keys().chain([&files::MANIFEST.to_string()]) {
        assert!(readme.contains(&format!("`{file}`")), "README names {file}");
    }
    for indicator in Indicator::ALL {
        assert!(readme.contains(indicator.name().vi) && readme.contains(indicator.name().en));
    }
    assert!(readme.contains("Dữ liệu mở; ghi nguồn khi sử dụng"));
    assert!(
        !readme.contains("hư cấu"),
        "the tiny fixture is not a sample"
    );
}

#[test]
fn the_sample_says_so_in_the_readme_and_workbooks() {
    let sample = sample_build("exports-sample-line");
    let out = sample.join("data");
    let readme = std::fs::read_to_string(out.join(files::DATA_README)).unwrap();
    assert!(readme.contains("Số liệu mẫu (hư cấu)"));
    let province = &provinces(&out)[0];
    let mut book: Xlsx<_> =
        calamine::open_workbook(out.join(files::export_xlsx(province))).unwrap();
    let range = book.worksheet_range("Định nghĩa").unwrap();
    let line = range.get_value((1, 0)).unwrap().to_string();
    assert!(line.starts_with("Số liệu mẫu (hư cấu)"), "{line}");
}

#[test]
fn two_builds_of_the_same_input_give_the_same_workbooks() {
    let dir = temp_dir("exports-twice");
    let (a, b) = (dir.join("a"), dir.join("b"));
    build_ok(&tiny().join("input"), &a);
    // A second later: a clock in the file would show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build_ok(&tiny().join("input"), &b);
    let provinces = provinces(&a);
    assert!(!provinces.is_empty());
    for province in provinces {
        for name in [files::export_xlsx(&province), files::export_csv(&province)] {
            let (x, y) = (std::fs::read(a.join(&name)), std::fs::read(b.join(&name)));
            assert!(x.unwrap() == y.unwrap(), "{name} differs");
        }
    }
}
