//! `exports/<province>.xlsx`: one province version's figures for people who
//! work in Excel. A sheet per indicator (units in tree order by month, each
//! cell a real number from [`Indicator::value`], empty for no data), the
//! unit tree ("Đơn vị") and the definitions ("Định nghĩa"). The counts the
//! rates come from are in `exports/<province>.csv` beside it, which Excel
//! opens as it is: as a sheet here they were two thirds of the cells, and
//! doubled the time a national build takes to write.
//!
//! Numbers are stored with a format code (`0.0%`, `#,##0`, see
//! [`describe::number_format`]); Excel draws the decimal separator of the
//! reader's locale, so Vietnamese Excel shows `85,3%`. The bytes depend on
//! the data only: the document's creation time is the data's as-of date
//! (rust_xlsxwriter would stamp the current time), and the build time is
//! left to `manifest.json`, so two builds of the same input give the same file.

use super::{describe, own_months, Snapshot};
use crate::error::Error;
use crate::validate::Units;
use chrono::Datelike;
use contract::{Indicator, Level, Month};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Rows above the units on an indicator sheet: title, formula, target, header.
const HEAD_ROWS: u32 = 4;
/// Columns before the months on an indicator sheet: name, code, level.
const UNIT_COLUMNS: u16 = 3;

/// A unit's position in the list and its depth in the province's tree.
type TreeRow = (usize, u8);

/// The workbook of each province version whose units are `provinces[i]`,
/// in that order. A national set is millions of cells: each thread takes
/// the next province left, since provinces differ in size.
pub fn all(s: &Snapshot, provinces: &[&[usize]]) -> Result<Vec<Vec<u8>>, Error> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(members) = provinces.get(i) else {
                return done;
            };
            done.push((i, workbook(s, members)));
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut done: Vec<(usize, Result<Vec<u8>, XlsxError>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        let joined = handles
            .into_iter()
            .map(|h| h.join().expect("a workbook thread"));
        joined.flatten().collect()
    });
    done.sort_by_key(|(i, _)| *i);
    let error = |e: XlsxError| Error::Io(format!("writing a workbook: {e}"));
    done.into_iter()
        .map(|(_, book)| book.map_err(error))
        .collect()
}

fn workbook(s: &Snapshot, members: &[usize]) -> Result<Vec<u8>, XlsxError> {
    let tree = tree_order(s.units, members);
    let mut book = Workbook::new();
    let province = tree.first().map_or("", |&(u, _)| &s.units.list[u].name);
    book.set_properties(&properties(s, province)?);
    for indicator in Indicator::ALL {
        indicator_sheet(book.add_worksheet(), s, &tree, indicator)?;
    }
    units_sheet(book.add_worksheet(), s.units, &tree)?;
    definitions_sheet(book.add_worksheet(), s)?;
    book.save_to_buffer()
}

/// Title and a creation time taken from the data (its as-of date).
fn properties(s: &Snapshot, province: &str) -> Result<DocProperties, XlsxError> {
    let day = s.computed.as_of;
    let created = ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)?;
    Ok(DocProperties::new()
        .set_title(format!("Cải cách hành chính: {province}"))
        .set_comment(s.dataset.source.as_str())
        .set_creation_datetime(&created))
}

/// The province first, then each unit followed by the units below it,
/// siblings in the order of the unit list.
fn tree_order(units: &Units, members: &[usize]) -> Vec<TreeRow> {
    let mut children: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for &u in members {
        children.entry(units.list[u].parent).or_default().push(u);
    }
    let below = |parent: Option<usize>, depth: u8| {
        let list = children.get(&parent).map_or(&[][..], Vec::as_slice);
        list.iter().rev().map(move |&u| (u, depth))
    };
    let mut order = Vec::with_capacity(members.len());
    let mut stack: Vec<TreeRow> = below(None, 0).collect();
    while let Some((u, depth)) = stack.pop() {
        order.push((u, depth));
        stack.extend(below(Some(u), depth + 1));
    }
    order
}

fn level_vi(level: Level) -> &'static str {
    match level {
        Level::Province => "Tỉnh",
        Level::District => "Huyện",
        Level::Commune => "Xã",
    }
}

fn bold() -> Format {
    Format::new().set_bold()
}

/// The headline in row 0, with the sample line on fictional data.
fn title(sheet: &mut Worksheet, s: &Snapshot, text: &str) -> Result<(), XlsxError> {
    let text = match s.dataset.sample {
        true => format!("{text} ({})", describe::SAMPLE.vi),
        false => text.to_string(),
    };
    sheet.write_string_with_format(0, 0, text, &bold())?;
    Ok(())
}

/// A row of header cells from `col` on.
fn header<'a>(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cells: impl IntoIterator<Item = &'a str>,
) -> Result<(), XlsxError> {
    let bold = bold();
    for (c, text) in (col..).zip(cells) {
        sheet.write_string_with_format(row, c, text, &bold)?;
    }
    Ok(())
}

/// One indicator: its formula and target above, then a unit per row and a
/// month per column. A unit's months outside its validity, and months
/// without a value (an empty denominator), are empty cells.
fn indicator_sheet(
    sheet: &mut Worksheet,
    s: &Snapshot,
    tree: &[TreeRow],
    indicator: Indicator,
) -> Result<(), XlsxError> {
    let (name, meaning) = (indicator.name().vi, indicator.meaning().vi);
    sheet.set_name(name)?;
    title(sheet, s, &format!("{name}: {meaning}"))?;
    sheet.write_string(1, 0, "Công thức")?;
    sheet.write_string(1, 1, describe::formula(indicator))?;
    let number = Format::new().set_num_format(describe::number_format(indicator));
    sheet.write_string(2, 0, "Chỉ tiêu")?;
    match indicator.target(&s.targets) {
        Some(target) => sheet.write_number_with_format(2, 1, target, &number)?,
        None => sheet.write_string(2, 1, describe::target(indicator, &s.targets).0)?,
    };
    let (first, last) = (s.computed.first, s.computed.last);
    let months: Vec<String> = first.through(last).map(|m| m.to_string()).collect();
    header(sheet, HEAD_ROWS - 1, 0, ["Tên đơn vị", "Mã", "Cấp"])?;
    header(
        sheet,
        HEAD_ROWS - 1,
        UNIT_COLUMNS,
        months.iter().map(String::as_str),
    )?;
    for (row, &(u, depth)) in (HEAD_ROWS..).zip(tree) {
        let unit = &s.units.list[u];
        sheet.write_string_with_format(row, 0, &unit.name, &Format::new().set_indent(depth))?;
        sheet.write_string(row, 1, &unit.code)?;
        sheet.write_string(row, 2, level_vi(unit.level))?;
        for (month, counts) in own_months(unit, &s.computed.series[u], s.computed) {
            if let Some(value) = indicator.value(counts) {
                let col = month_column(first, month);
                sheet.write_number_with_format(row, col, value, &number)?;
            }
        }
    }
    sheet.set_column_width(0, 36)?;
    sheet.set_freeze_panes(HEAD_ROWS, UNIT_COLUMNS)?;
    Ok(())
}

fn month_column(first: Month, month: Month) -> u16 {
    UNIT_COLUMNS + (month.index() - first.index()) as u16
}

/// "Đơn vị": the province's unit versions in tree order.
fn units_sheet(sheet: &mut Worksheet, units: &Units, tree: &[TreeRow]) -> Result<(), XlsxError> {
    sheet.set_name("Đơn vị")?;
    let columns = [
        "Mã",
        "Mã phiên bản",
        "Tên đơn vị",
        "Cấp",
        "Mã đơn vị cấp trên",
        "Hiệu lực từ tháng",
        "Hiệu lực đến tháng",
    ];
    header(sheet, 0, 0, columns)?;
    let month = |m: Option<Month>| m.map(|m| m.to_string()).unwrap_or_default();
    for (row, &(u, depth)) in (1..).zip(tree) {
        let unit = &units.list[u];
        let (from, to) = unit.valid_months();
        let parent = unit.parent.map_or("", |p| units.list[p].code.as_str());
        sheet.write_string(row, 0, &unit.code)?;
        sheet.write_string(row, 1, &unit.id)?;
        sheet.write_string_with_format(row, 2, &unit.name, &Format::new().set_indent(depth))?;
        sheet.write_string(row, 3, level_vi(unit.level))?;
        sheet.write_string(row, 4, parent)?;
        sheet.write_string(row, 5, month(from))?;
        sheet.write_string(row, 6, month(to))?;
    }
    sheet.set_column_width(2, 36)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// "Định nghĩa": where the data come from, each indicator's definition
/// and target, and the caveats.
fn definitions_sheet(sheet: &mut Worksheet, s: &Snapshot) -> Result<(), XlsxError> {
    sheet.set_name("Định nghĩa")?;
    title(sheet, s, "Định nghĩa các chỉ số")?;
    let (first, last) = (s.computed.first, s.computed.last);
    let about = [
        ("Nguồn số liệu", s.dataset.source.clone()),
        ("Số liệu đến ngày", s.computed.as_of.to_string()),
        ("Các tháng", format!("{first} – {last}")),
        ("Nguồn chỉ tiêu", s.targets.source.clone()),
        ("Thời điểm tạo", "generated_at trong manifest.json".into()),
        ("Giấy phép", describe::LICENCE.vi.into()),
    ];
    let mut row = 1;
    if s.dataset.sample {
        let text = format!("{}: không phải số liệu thật.", describe::SAMPLE.vi);
        sheet.write_string_with_format(row, 0, text, &bold())?;
        row += 1;
    }
    for (label, value) in about {
        sheet.write_string_with_format(row, 0, label, &bold())?;
        sheet.write_string(row, 1, value)?;
        row += 1;
    }
    row += 1;
    let columns = [
        "Chỉ số",
        "Ý nghĩa",
        "Tử số",
        "Mẫu số",
        "Công thức",
        "Chỉ tiêu",
    ];
    header(sheet, row, 0, columns)?;
    for indicator in Indicator::ALL {
        row += 1;
        let cells = [
            indicator.name().vi.to_string(),
            indicator.meaning().vi.to_string(),
            describe::terms(indicator.numerator()),
            match indicator.is_rate() {
                true => describe::terms(indicator.denominator()),
                false => "không có (số đếm)".into(),
            },
            describe::formula(indicator),
            describe::target(indicator, &s.targets).0,
        ];
        for (col, text) in (0..).zip(cells) {
            sheet.write_string(row, col, text)?;
        }
    }
    row += 2;
    sheet.write_string_with_format(row, 0, "Lưu ý", &bold())?;
    for caveat in describe::CAVEATS {
        row += 1;
        sheet.write_string(row, 0, caveat.vi)?;
    }
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 48)?;
    Ok(())
}
