//! `README.md` of the snapshot folder: what each file is, the licence, the
//! caveats and every indicator's definition, in Vietnamese then English,
//! for whoever downloads the folder. Written last, from the list of the
//! files written, so it names every one; the definitions come from the
//! contract ([`describe`]), never from a copy that could drift.

use super::{describe, Snapshot};
use contract::index766::{IndexSnapshot, ProvincesSnapshot};
use contract::{files, FileEntry, Indicator, Label, ProvinceSnapshot};

/// The folder's files by kind: a name (a pattern for one file per
/// province version) and what it is.
fn kinds() -> [(String, Label); 11] {
    let key = "<mã>";
    let kind = |name: String, vi, en| (name, Label { vi, en });
    [
        kind(
            files::MANIFEST.into(),
            "mô tả bộ số liệu: nguồn, ngày số liệu, chỉ tiêu, các tệp đầu vào và SHA-256 của mọi tệp",
            "what the set is: source, as-of date, targets, the input files and the SHA-256 of every file",
        ),
        kind(
            files::UNITS.into(),
            "cây đơn vị hành chính: mỗi phiên bản của một mã, với các tháng còn hiệu lực",
            "the unit tree: every version of a code, with the months it is in force",
        ),
        kind(
            ProvinceSnapshot::file_name(key),
            "số đếm theo tháng của mọi đơn vị một tỉnh (JSON, cho bảng theo dõi)",
            "the monthly counts of every unit of one province (JSON, for the dashboard)",
        ),
        kind(
            IndexSnapshot::file_name(key),
            "số liệu Chỉ số 766 của một tỉnh (JSON)",
            "one province's data of the 766 service-quality index (JSON)",
        ),
        kind(
            ProvincesSnapshot::FILE.into(),
            "số liệu các tỉnh để xếp hạng Chỉ số 766 (JSON)",
            "every province's series, to rank the 766 index (JSON)",
        ),
        kind(
            files::INDICATORS_CSV.into(),
            "bảng mở: một dòng cho mỗi đơn vị và tháng, các cột số đếm",
            "the open-data table: one row per unit and month, the count columns",
        ),
        kind(
            files::INDEX_CSV.into(),
            "Chỉ số 766: điểm theo đơn vị, kỳ và tiêu chí",
            "the 766 index: points by unit, period and criterion",
        ),
        kind(
            files::REVISIONS_CSV.into(),
            "số liệu đã công bố được điều chỉnh ở lần xây dựng sau (đơn vị, tháng, trường, giá trị cũ, giá trị mới, ngày điều chỉnh); không bao giờ bị xóa",
            "published figures a later build changed (unit, month, field, old value, new value, the day); never removed",
        ),
        kind(
            files::export_xlsx(key),
            "sổ Excel của một tỉnh: mỗi chỉ số một trang, các đơn vị và định nghĩa (số đếm ở tệp CSV cùng tên)",
            "one province's Excel workbook: a sheet per indicator, the units and the definitions (the counts are in the CSV of the same name)",
        ),
        kind(
            files::export_csv(key),
            "các dòng của indicators.csv thuộc một tỉnh, có BOM UTF-8 để Excel đọc đúng tiếng Việt",
            "one province's rows of indicators.csv, with a UTF-8 BOM so that Excel reads Vietnamese right",
        ),
        kind(files::DATA_README.into(), "tệp này", "this file"),
    ]
}

/// The headings and labels of one language's part.
struct Words {
    title: &'static str,
    not_real: &'static str,
    source: &'static str,
    as_of: &'static str,
    months: &'static str,
    generated: &'static str,
    licence: &'static str,
    files: &'static str,
    key: &'static str,
    caveats: &'static str,
    indicators: &'static str,
    targets_from: &'static str,
    columns: &'static str,
}

const VI: Words = Words {
    title: "# Số liệu chỉ số cải cách hành chính",
    not_real: "Các con số không phải số liệu thật.",
    source: "Nguồn",
    as_of: "Số liệu đến ngày",
    months: "các tháng",
    generated: "Thời điểm tạo",
    licence: "Giấy phép",
    files: "## Các tệp",
    key: "`<mã>` là mã phiên bản của tỉnh, như `96` hay `96@2025-07-01` (mã dùng từ ngày đó).",
    caveats: "## Lưu ý",
    indicators: "## Các chỉ số",
    targets_from: "Chỉ tiêu theo",
    columns: "| Chỉ số | Ý nghĩa | Công thức | Chỉ tiêu |",
};

const EN: Words = Words {
    title: "## English: public-administration reform indicators",
    not_real: "The figures are not real data.",
    source: "Source",
    as_of: "Data as of",
    months: "months",
    generated: "Generated at",
    licence: "Licence",
    files: "### Files",
    key: "`<mã>` is a province version's id, such as `96` or `96@2025-07-01` (the code in use from that day).",
    caveats: "### Caveats",
    indicators: "### Indicators",
    targets_from: "Targets from",
    columns: "| Indicator | Meaning | Formula | Target |",
};

/// The README of the set `s` made at `generated_at` with the files `outputs`.
pub fn text(s: &Snapshot, generated_at: &str, outputs: &[FileEntry]) -> String {
    let mut lines = part(s, generated_at, &VI, Lang::Vi);
    lines.extend(part(s, generated_at, &EN, Lang::En));
    lines.extend(file_list(outputs));
    lines.join("\n") + "\n"
}

#[derive(Clone, Copy)]
enum Lang {
    Vi,
    En,
}

impl Lang {
    fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// One language's part, with the words `w` of `lang`.
fn part(s: &Snapshot, generated_at: &str, w: &Words, lang: Lang) -> Vec<String> {
    let pick = |label: Label| lang.pick(label.vi, label.en);
    let c = s.computed;
    let mut lines = vec![w.title.to_string(), String::new()];
    if s.dataset.sample {
        lines.push(format!("> **{}.** {}", pick(describe::SAMPLE), w.not_real));
        lines.push(String::new());
    }
    lines.extend([
        format!("* {}: {}", w.source, s.dataset.source),
        format!(
            "* {}: {} ({} {} – {})",
            w.as_of, c.as_of, w.months, c.first, c.last
        ),
        format!("* {}: {generated_at}", w.generated),
        format!("* {}: {}", w.licence, pick(describe::LICENCE)),
        String::new(),
        w.files.to_string(),
        String::new(),
    ]);
    lines.extend(kinds().map(|(name, what)| format!("* `{name}`: {}", pick(what))));
    lines.extend([String::new(), w.key.to_string()]);
    lines.extend([String::new(), w.caveats.to_string(), String::new()]);
    lines.extend(describe::CAVEATS.map(|c| format!("* {}", pick(c))));
    lines.extend([String::new(), w.indicators.to_string(), String::new()]);
    if !s.targets.source.is_empty() {
        lines.push(format!("{}: {}", w.targets_from, s.targets.source));
        lines.push(String::new());
    }
    lines.push(w.columns.to_string());
    lines.push("|---|---|---|---|".into());
    for i in Indicator::ALL {
        let (vi, en) = describe::target(i, &s.targets);
        let target = lang.pick(&vi, &en);
        let formula = describe::formula(i);
        let (name, meaning) = (pick(i.name()), pick(i.meaning()));
        lines.push(format!("| {name} | {meaning} | `{formula}` | {target} |"));
    }
    lines.push(String::new());
    lines
}

/// Every file of the folder by name (the `<mã>` above is a province
/// version's id, as here).
fn file_list(outputs: &[FileEntry]) -> Vec<String> {
    let mut names: Vec<&str> = outputs.iter().map(|f| f.file.as_str()).collect();
    names.extend([files::MANIFEST, files::DATA_README]);
    names.sort_unstable();
    let head = ["## Danh sách tệp / All files".to_string(), String::new()];
    head.into_iter()
        .chain(names.into_iter().map(|n| format!("* `{n}`")))
        .collect()
}
