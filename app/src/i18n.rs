//! Every UI string in both languages (one table, [`Text::get`]) and the
//! number, percent, date and period formats of each language.
//!
//! Formatting is written by hand rather than through `Intl` so that it is
//! identical in the browser and in native tests, and so that Vietnamese
//! gets the house style `95,3 %` (with a space) that `Intl` does not give.

use chrono::{Datelike, NaiveDate};
use contract::{Indicator, Level, Month, Period, PeriodKind, Status};

/// The two interface languages; Vietnamese is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The URL value and the `lang` attribute of `<html>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    fn pick(self, vi: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// A fixed UI string. Strings with numbers in them are built by the
/// functions below, from these words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Title,
    SampleBanner,
    AsOf,
    Source,
    LangSwitch,
    LangSwitchLabel,
    Breadcrumb,
    Loading,
    Filters,
    Area,
    PeriodKind,
    Period,
    RankingIndicator,
    NoData,
    Target,
    NoTarget,
    Partial,
    NoReport,
    UnitRows,
    VsPrevious,
    VsYearEarlier,
    Headline,
    Trend,
    Ranking,
    RankingPeers,
    UnitsTable,
    MonthsTable,
    ShowNumbers,
    Unit,
    Month,
    Received,
    Resolved,
    OnTimeShort,
    OnlineShort,
    SatisfiedShort,
    ApologyShort,
    OverdueShort,
    ServicesShort,
    Status,
    CommuneNote,
    NoChildren,
    Level3,
    Level4,
    OnlineDossiers34,
    LoadFailed,
    Malformed,
    SchemaMismatch,
    Inconsistent,
    ReloadHint,
    UnknownUnit,
    NotFound,
    BackHome,
    GeneratedAt,
    TargetsFrom,
    DownloadCsv,
    SortBy,
    PointsUnit,
    DataQuality,
    QualityInputs,
    InputFile,
    RowsRead,
    RowsAccepted,
    RowsRejected,
    Duplicates,
    SilentUnits,
    NoSilentUnits,
    // ---- briefing (views/briefing.rs) ----
    Briefing,
    BriefingLink,
    SlideNumber,
    PreviousSlide,
    NextSlide,
    FullScreen,
    PresenterNotes,
    ExitBriefing,
    BriefingKeys,
    MissedTitle,
    SampleShort,
    // ---- end briefing ----
    // ---- public page ----
    PublicTitle,
    PublicIntro,
    PublicResults,
    PublicUnits,
    PublicCharts,
    PublicHow,
    PublicRules,
    PublicDownloads,
    DownloadAll,
    DownloadShown,
    DownloadNote,
    Meaning,
    HowComputed,
    Notice,
    PublicLink,
    DashboardLink,
    TableScroll,
}

impl Text {
    /// The one table of UI strings.
    pub fn get(self, lang: Lang) -> &'static str {
        use Text::*;
        let (vi, en) = match self {
            Title => ("Bảng theo dõi cải cách hành chính", "Administrative reform dashboard"),
            SampleBanner => (
                "Dữ liệu mẫu (hư cấu) — không phải số liệu chính thức",
                "Sample (fictional) data — not official statistics",
            ),
            AsOf => ("Số liệu đến ngày", "Data as of"),
            Source => ("Nguồn", "Source"),
            LangSwitch => ("English", "Tiếng Việt"),
            LangSwitchLabel => ("Switch to English", "Chuyển sang tiếng Việt"),
            Breadcrumb => ("Địa bàn đang xem", "Area shown"),
            Loading => ("Đang tải số liệu…", "Loading data…"),
            Filters => ("Bộ lọc", "Filters"),
            Area => ("Địa bàn", "Area"),
            PeriodKind => ("Loại kỳ", "Period type"),
            Period => ("Kỳ báo cáo", "Period"),
            RankingIndicator => ("Chỉ số", "Indicator"),
            NoData => ("Chưa có số liệu", "No data"),
            Target => ("Chỉ tiêu", "Target"),
            NoTarget => ("Không có chỉ tiêu", "No target"),
            NoReport => ("chưa gửi Biểu số 06", "no Form 06 report"),
            Partial => (
                "Chưa đủ: có đơn vị chỉ gửi Biểu số 06 hoặc chưa báo cáo",
                "Incomplete: some units sent only Form 06 or nothing",
            ),
            VsPrevious => ("So với kỳ trước", "vs previous"),
            VsYearEarlier => ("So với cùng kỳ", "vs a year earlier"),
            Headline => ("Các chỉ số chính", "Headline indicators"),
            Trend => ("Diễn biến theo tháng", "Monthly trend"),
            Ranking => ("Xếp hạng đơn vị trực thuộc", "Ranking of the units below"),
            RankingPeers => ("Xếp hạng cùng cấp", "Ranking among peers"),
            UnitsTable => ("Số liệu các đơn vị trực thuộc", "Units below"),
            MonthsTable => ("Số liệu từng tháng", "Month by month"),
            ShowNumbers => ("Xem bảng số liệu", "Show the numbers"),
            Unit => ("Đơn vị", "Unit"),
            Month => ("Tháng", "Month"),
            Received => ("Tiếp nhận", "Received"),
            Resolved => ("Đã giải quyết", "Resolved"),
            OnTimeShort => ("Đúng hạn", "On time"),
            OnlineShort => ("Trực tuyến", "Online"),
            SatisfiedShort => ("Hài lòng", "Satisfied"),
            ApologyShort => ("Xin lỗi khi trễ", "Apology"),
            OverdueShort => ("Tồn quá hạn", "Overdue pending"),
            ServicesShort => ("DVC trực tuyến được dùng", "Online services used"),
            Status => ("Đánh giá", "Status"),
            CommuneNote => (
                "Cấp xã không có đơn vị trực thuộc; bảng dưới đây là số liệu từng tháng của đơn vị.",
                "A commune has no units below it; the table shows its months instead.",
            ),
            NoChildren => ("Không có đơn vị trực thuộc.", "No units below this one."),
            Level3 => ("DVC một phần (mức 3)", "Partly online (level 3)"),
            Level4 => ("DVC toàn trình (mức 4)", "Fully online (level 4)"),
            OnlineDossiers34 => ("Hồ sơ trực tuyến mức 3, 4", "Online dossiers, levels 3–4"),
            LoadFailed => ("Không tải được dữ liệu", "Could not load the data"),
            Malformed => ("Tệp số liệu bị lỗi", "Malformed data file"),
            SchemaMismatch => ("Phiên bản số liệu không khớp", "Data version mismatch"),
            Inconsistent => ("Dữ liệu không nhất quán", "Inconsistent data"),
            ReloadHint => (
                "có thể đang được cập nhật; hãy tải lại trang",
                "the data may be being updated; reload the page",
            ),
            UnknownUnit => ("Không có đơn vị với mã", "There is no unit with the code"),
            NotFound => ("Không có trang này.", "There is no such page."),
            BackHome => ("Về trang chính", "Back to the dashboard"),
            GeneratedAt => ("Số liệu được tạo lúc", "Snapshot generated at"),
            TargetsFrom => ("Chỉ tiêu theo", "Targets from"),
            DownloadCsv => ("Tải số liệu (CSV)", "Download the data (CSV)"),
            SortBy => ("Sắp xếp theo", "Sort by"),
            PointsUnit => ("điểm %", "pp"),
            DataQuality => ("Chất lượng dữ liệu", "Data quality"),
            QualityInputs => (
                "Các tệp đầu vào của lần tổng hợp này",
                "The input files of this snapshot",
            ),
            InputFile => ("Tệp", "File"),
            RowsRead => ("Số dòng đọc", "Rows read"),
            RowsAccepted => ("Được chấp nhận", "Accepted"),
            RowsRejected => ("Bị loại (cách ly)", "Rejected (quarantined)"),
            Duplicates => ("Trùng lặp hoàn toàn", "Identical duplicates"),
            SilentUnits => ("Đơn vị không tiếp nhận hồ sơ nào", "Units that sent nothing"),
            NoSilentUnits => (
                "Không có: mọi đơn vị đều tiếp nhận hồ sơ trong kỳ.",
                "None: every unit received dossiers in the period.",
            ),
            UnitRows => ("Dòng dữ liệu của đơn vị và cấp dưới", "Rows of this unit and the units below"),
            // ---- briefing ----
            Briefing => ("Trình chiếu — Ban chỉ đạo CCHC", "Briefing — PAR steering committee"),
            BriefingLink => ("Trình chiếu", "Briefing mode"),
            SlideNumber => ("Trang chiếu", "Slide"),
            PreviousSlide => ("Trang trước", "Previous slide"),
            NextSlide => ("Trang sau", "Next slide"),
            FullScreen => ("Toàn màn hình (F)", "Full screen (F)"),
            PresenterNotes => ("Ghi chú (N)", "Notes (N)"),
            ExitBriefing => ("Thoát", "Exit"),
            BriefingKeys => (
                "Phím: → ← PageUp PageDown, Home End, số + Enter, F toàn màn hình, N ghi chú",
                "Keys: → ← PageUp PageDown, Home End, number + Enter, F full screen, N notes",
            ),
            MissedTitle => ("Đơn vị chưa đạt chỉ tiêu", "Units that missed a target"),
            SampleShort => ("Dữ liệu mẫu (hư cấu)", "Sample (fictional) data"),
            // ---- end briefing ----
            // ---- public page ----
            PublicTitle => (
                "Công khai kết quả giải quyết thủ tục hành chính",
                "Public results of administrative procedures",
            ),
            PublicIntro => (
                "Trang này cho biết các cơ quan trên địa bàn đã giải quyết hồ sơ thủ tục hành chính của người dân và doanh nghiệp như thế nào: có đúng hạn không, bao nhiêu hồ sơ nộp qua mạng và người dân có hài lòng không.",
                "This page shows how the public offices of the area handled the administrative procedures of citizens and businesses: on time or not, how many dossiers were submitted online, and whether people were satisfied.",
            ),
            PublicResults => ("Kết quả chính", "Main results"),
            PublicUnits => ("Kết quả của từng đơn vị", "Results of each unit"),
            PublicCharts => ("Biểu đồ theo tháng", "Month by month"),
            PublicHow => ("Các chỉ số được tính thế nào", "How the indicators are computed"),
            PublicRules => ("Quy tắc chung", "General rules"),
            PublicDownloads => ("Tải dữ liệu", "Download the data"),
            DownloadAll => (
                "Toàn bộ số liệu: mọi đơn vị, mọi tháng (indicators.csv)",
                "All the data: every unit, every month (indicators.csv)",
            ),
            DownloadShown => (
                "Các dòng đang hiển thị trong bảng (CSV)",
                "The rows shown in the table (CSV)",
            ),
            DownloadNote => (
                "Tệp CSV mã UTF-8, phân cách bằng dấu phẩy, dấu chấm thập phân; ô trống là chưa có số liệu. Tệp chỉ có số tổng hợp, không có mã hồ sơ hay thông tin cá nhân.",
                "CSV files in UTF-8, comma-separated, with a decimal point; an empty cell means no data. They hold totals only, no dossier numbers and no personal data.",
            ),
            Meaning => ("Ý nghĩa", "What it means"),
            HowComputed => ("Cách tính", "How it is computed"),
            Notice => ("Lưu ý", "Notice"),
            PublicLink => ("Trang công khai cho người dân", "Public page for citizens"),
            DashboardLink => ("Bảng theo dõi chi tiết", "Detailed dashboard"),
            TableScroll => ("bảng, cuộn ngang được", "table, scrolls sideways"),
        };
        lang.pick(vi, en)
    }
}

/// The indicator's name, as on its tile and in pickers.
pub fn indicator_name(ind: Indicator, lang: Lang) -> &'static str {
    let (vi, en) = match ind {
        Indicator::OnTime => ("Giải quyết đúng hạn", "Resolved on time"),
        Indicator::Online => ("Hồ sơ nộp trực tuyến", "Submitted online"),
        Indicator::Services => ("Dịch vụ công trực tuyến", "Online public services"),
        Indicator::Satisfaction => ("Mức độ hài lòng", "Satisfaction"),
        Indicator::Apology => ("Xin lỗi khi trễ hạn", "Apology when late"),
        Indicator::Overdue => ("Hồ sơ tồn quá hạn", "Overdue pending dossiers"),
    };
    lang.pick(vi, en)
}

/// What the indicator measures, in one plain line (tile subtitle, public page).
pub fn indicator_meaning(ind: Indicator, lang: Lang) -> &'static str {
    let (vi, en) = match ind {
        Indicator::OnTime => (
            "Tỷ lệ hồ sơ giải quyết trước và đúng hạn",
            "Share of dossiers resolved early or on time",
        ),
        Indicator::Online => (
            "Tỷ lệ hồ sơ nộp trực tuyến",
            "Share of dossiers submitted online",
        ),
        Indicator::Services => (
            "Tỷ lệ DVC trực tuyến mức 3, 4 của địa bàn có phát sinh hồ sơ",
            "Share of the area's level 3–4 online services used",
        ),
        Indicator::Satisfaction => (
            "Tỷ lệ đánh giá hài lòng, rất hài lòng",
            "Share of ratings satisfied or very satisfied",
        ),
        Indicator::Apology => (
            "Tỷ lệ hồ sơ trễ hạn có thư xin lỗi",
            "Share of late dossiers with an apology letter",
        ),
        Indicator::Overdue => (
            "Hồ sơ chưa giải quyết đã quá hạn, cuối kỳ",
            "Unresolved dossiers past due, end of period",
        ),
    };
    lang.pick(vi, en)
}

/// What the value counts, for sentences ("95,0 % hồ sơ đúng hạn").
fn indicator_noun(ind: Indicator, lang: Lang) -> &'static str {
    let (vi, en) = match ind {
        Indicator::OnTime => ("hồ sơ đúng hạn", "of dossiers resolved on time"),
        Indicator::Online => ("hồ sơ nộp trực tuyến", "of dossiers submitted online"),
        Indicator::Services => ("DVC trực tuyến có hồ sơ", "of online services used"),
        Indicator::Satisfaction => ("đánh giá hài lòng", "of ratings satisfied"),
        Indicator::Apology => (
            "hồ sơ trễ hạn có thư xin lỗi",
            "of late dossiers with an apology",
        ),
        Indicator::Overdue => ("hồ sơ tồn quá hạn", "overdue pending dossiers"),
    };
    lang.pick(vi, en)
}

/// Met / near / missed as a word; views add [`status_icon`] and a colour.
pub fn status_text(status: Status, lang: Lang) -> &'static str {
    let (vi, en) = match status {
        Status::Met => ("Đạt", "Met"),
        Status::Near => ("Gần đạt", "Near"),
        Status::Missed => ("Chưa đạt", "Missed"),
    };
    lang.pick(vi, en)
}

/// A glyph per status whose shape differs, so status never depends on colour.
pub fn status_icon(status: Status) -> &'static str {
    match status {
        Status::Met => "✓",
        Status::Near => "▲",
        Status::Missed => "✗",
    }
}

/// The CSS class suffix of a status (`status-met` …).
pub fn status_class(status: Status) -> &'static str {
    match status {
        Status::Met => "met",
        Status::Near => "near",
        Status::Missed => "missed",
    }
}

/// The plural noun for units of a level ("xã", "communes"); `None` = mixed levels.
pub fn units_noun(level: Option<Level>, lang: Lang) -> &'static str {
    let (vi, en) = match level {
        Some(Level::Province) => ("tỉnh", "provinces"),
        Some(Level::District) => ("huyện", "districts"),
        Some(Level::Commune) => ("xã", "communes"),
        None => ("đơn vị", "units"),
    };
    lang.pick(vi, en)
}

pub fn kind_name(kind: PeriodKind, lang: Lang) -> &'static str {
    let (vi, en) = match kind {
        PeriodKind::Month => ("Tháng", "Month"),
        PeriodKind::Quarter => ("Quý", "Quarter"),
        PeriodKind::Year => ("Năm", "Year"),
        PeriodKind::YearToDate => ("Lũy kế từ đầu năm", "Year to date"),
    };
    lang.pick(vi, en)
}

/// "the previous month" etc., for change sentences.
fn previous_phrase(kind: PeriodKind, lang: Lang) -> &'static str {
    let (vi, en) = match kind {
        PeriodKind::Month => ("tháng trước", "the previous month"),
        PeriodKind::Quarter => ("quý trước", "the previous quarter"),
        PeriodKind::Year => ("năm trước", "the previous year"),
        PeriodKind::YearToDate => ("cùng kỳ năm trước", "the same period last year"),
    };
    lang.pick(vi, en)
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_en(m: u32) -> &'static str {
    MONTHS_EN[(m as usize).saturating_sub(1) % 12]
}

fn month_en_short(m: u32) -> &'static str {
    &month_en(m)[..3]
}

/// Groups the digits of an integer: `1.234` (vi) or `1,234` (en).
/// "12.345 dòng được dùng, 3 dòng bị loại (rejected.csv)".
pub fn unit_rows_phrase(accepted: u64, rejected: u64, lang: Lang) -> String {
    let (accepted, rejected) = (fmt_int(accepted, lang), fmt_int(rejected, lang));
    match lang {
        Lang::Vi => format!(
            "{accepted} dòng được dùng (hồ sơ và Biểu số 06), {rejected} dòng bị loại (rejected.csv)"
        ),
        Lang::En => format!(
            "{accepted} rows used (dossiers and Form 06 reports), {rejected} rows set aside (rejected.csv)"
        ),
    }
}

pub fn fmt_int(n: u64, lang: Lang) -> String {
    group_digits(&n.to_string(), lang.pick(".", ","))
}

fn group_digits(digits: &str, sep: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A non-negative decimal with `decimals` places in the language's style.
pub fn fmt_decimal(x: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = group_digits(int, lang.pick(".", ","));
    if !frac.is_empty() {
        out.push_str(lang.pick(",", "."));
        out.push_str(frac);
    }
    out
}

/// A count or "no data" (never 0 for a missing value).
pub fn fmt_count(n: Option<u64>, lang: Lang) -> String {
    n.map_or_else(|| Text::NoData.get(lang).to_string(), |n| fmt_int(n, lang))
}

/// A fraction as a percentage with one decimal: `95,3 %` / `95.3%`.
pub fn fmt_percent(fraction: f64, lang: Lang) -> String {
    percent_with(fmt_decimal(fraction * 100.0, 1, lang), lang)
}

/// A target fraction: whole percentages lose the decimal (`100 %`, `90%`).
pub fn fmt_target_percent(fraction: f64, lang: Lang) -> String {
    let pct = fraction * 100.0;
    let decimals = if (pct - pct.round()).abs() < 0.05 {
        0
    } else {
        1
    };
    percent_with(fmt_decimal(pct, decimals, lang), lang)
}

fn percent_with(number: String, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{number} %"),
        Lang::En => format!("{number}%"),
    }
}

/// An indicator value: percent for rates, a count for overdue; "no data" for `None`.
pub fn fmt_value(ind: Indicator, value: Option<f64>, lang: Lang) -> String {
    match value {
        None => Text::NoData.get(lang).to_string(),
        Some(v) if ind.is_rate() => fmt_percent(v, lang),
        Some(v) => fmt_int(v.round().max(0.0) as u64, lang),
    }
}

/// An indicator target, or "no target".
pub fn fmt_target(ind: Indicator, target: Option<f64>, lang: Lang) -> String {
    match target {
        None => Text::NoTarget.get(lang).to_string(),
        Some(t) if ind.is_rate() => fmt_target_percent(t, lang),
        Some(t) => fmt_int(t.round().max(0.0) as u64, lang),
    }
}

/// A signed change: percentage points for rates (`+2,1 điểm %`, `−2.1 pp`),
/// dossiers for counts (`+3`); "—" when not computable.
pub fn fmt_change(ind: Indicator, delta: Option<f64>, lang: Lang) -> String {
    let Some(d) = delta else {
        return "—".to_string();
    };
    let sign = if d > 0.0 {
        "+"
    } else if d < 0.0 {
        "−"
    } else {
        "±"
    };
    if ind.is_rate() {
        let points = d * 100.0;
        let sign = if (points * 10.0).round() == 0.0 {
            "±"
        } else {
            sign
        };
        format!(
            "{sign}{} {}",
            fmt_decimal(points, 1, lang),
            Text::PointsUnit.get(lang)
        )
    } else {
        format!("{sign}{}", fmt_int(d.abs().round() as u64, lang))
    }
}

/// `31/03/2024` / `31 Mar 2024`.
pub fn fmt_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{:02}/{:02}/{}", date.day(), date.month(), date.year()),
        Lang::En => format!(
            "{} {} {}",
            date.day(),
            month_en_short(date.month()),
            date.year()
        ),
    }
}

/// An RFC 3339 time (the manifest's `generated_at`) as date and UTC time:
/// `01/03/2024 08:00 UTC` / `1 Mar 2024 08:00 UTC`; unparsable text is shown as is.
pub fn fmt_timestamp(text: &str, lang: Lang) -> String {
    match parse_utc_minute(text) {
        Some((date, hour, minute)) => {
            format!("{} {hour:02}:{minute:02} UTC", fmt_date(date, lang))
        }
        None => text.to_string(),
    }
}

/// The UTC date, hour and minute of an RFC 3339 time
/// (`2024-03-01T15:30:00.123+07:00`). Written out rather than using chrono's
/// parser and `format`, which cost the wasm build about 20 KB.
fn parse_utc_minute(text: &str) -> Option<(NaiveDate, u32, u32)> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<i32> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i32, |acc, d| {
            d.is_ascii_digit().then(|| acc * 10 + i32::from(d - b'0'))
        })
    };
    let at = |i: usize, chars: &[u8]| b.get(i).is_some_and(|c| chars.contains(c));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt ") && at(13, b":") && at(16, b":")) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(num(0, 4)?, num(5, 2)? as u32, num(8, 2)? as u32)?;
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    if at(i, b".") {
        i += 1;
        let start = i;
        while at(i, b"0123456789") {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && at(i + 3, b":") => {
            let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            if *sign == b'-' {
                -(h * 60 + m)
            } else {
                h * 60 + m
            }
        }
        _ => return None,
    };
    let minutes = hour * 60 + minute - offset;
    let date = match minutes.div_euclid(24 * 60) {
        -1 => date.pred_opt()?,
        1 => date.succ_opt()?,
        _ => date,
    };
    let minutes = minutes.rem_euclid(24 * 60) as u32;
    Some((date, minutes / 60, minutes % 60))
}

/// `Tháng 3/2024` / `March 2024`.
pub fn fmt_month(month: Month, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Tháng {}/{}", month.month(), month.year()),
        Lang::En => format!("{} {}", month_en(month.month()), month.year()),
    }
}

/// A short month for chart axes: `3/2024` / `Mar 2024`.
pub fn fmt_month_short(month: Month, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{}/{}", month.month(), month.year()),
        Lang::En => format!("{} {}", month_en_short(month.month()), month.year()),
    }
}

/// `Tháng 3/2024`, `Quý 1/2024`, `Năm 2024`, `Lũy kế 3 tháng 2024`;
/// `March 2024`, `Q1 2024`, `2024`, `Jan–Mar 2024`.
pub fn fmt_period(period: Period, lang: Lang) -> String {
    match (period, lang) {
        (Period::Month(m), _) => fmt_month(m, lang),
        (Period::Quarter { year, quarter }, Lang::Vi) => format!("Quý {quarter}/{year}"),
        (Period::Quarter { year, quarter }, Lang::En) => format!("Q{quarter} {year}"),
        (Period::Year(year), Lang::Vi) => format!("Năm {year}"),
        (Period::Year(year), Lang::En) => format!("{year}"),
        (Period::YearToDate(m), Lang::Vi) => format!("Lũy kế {} tháng {}", m.month(), m.year()),
        (Period::YearToDate(m), Lang::En) if m.month() == 1 => {
            format!("January {} (year to date)", m.year())
        }
        (Period::YearToDate(m), Lang::En) => {
            format!("Jan–{} {}", month_en_short(m.month()), m.year())
        }
    }
}

/// A period label inside a picker whose kind is already chosen
/// (`Tháng 3/2024` reads fine; nothing shorter is clearer).
pub fn fmt_period_option(period: Period, lang: Lang) -> String {
    fmt_period(period, lang)
}

/// Sentence pieces for the summaries; see `summary.rs` for the sentences.
pub mod words {
    use super::*;

    /// "95,0 % hồ sơ đúng hạn" / "95.0% of dossiers resolved on time" / "3 overdue …".
    pub fn value_phrase(ind: Indicator, value: f64, lang: Lang) -> String {
        format!(
            "{} {}",
            fmt_value(ind, Some(value), lang),
            indicator_noun(ind, lang)
        )
    }

    /// "chưa có số liệu về Giải quyết đúng hạn" / "no data on Resolved on time".
    pub fn no_data_phrase(ind: Indicator, lang: Lang) -> String {
        let name = indicator_name(ind, lang);
        match lang {
            Lang::Vi => format!("chưa có số liệu về {}", name.to_lowercase()),
            Lang::En => format!("no data on {}", name.to_lowercase()),
        }
    }

    /// Comparison with the target: "đạt chỉ tiêu 100 %", "thấp hơn chỉ tiêu 100 %".
    pub fn target_phrase(ind: Indicator, value: f64, target: f64, met: bool, lang: Lang) -> String {
        let t = fmt_target(ind, Some(target), lang);
        let worse = if ind.higher_is_better() {
            value < target
        } else {
            value > target
        };
        let (vi, en) = match (met, worse, ind.higher_is_better()) {
            (true, _, _) => ("đạt chỉ tiêu", "meeting the target of"),
            (false, true, true) => ("thấp hơn chỉ tiêu", "below the target of"),
            (false, true, false) => ("cao hơn chỉ tiêu", "above the target of"),
            (false, false, _) => ("chưa đạt chỉ tiêu", "short of the target of"),
        };
        format!("{} {t}", lang.pick(vi, en))
    }

    /// Change against the previous period: "giảm 2,1 điểm % so với tháng trước".
    pub fn change_phrase(ind: Indicator, delta: f64, kind: PeriodKind, lang: Lang) -> String {
        let prev = previous_phrase(kind, lang);
        let amount = fmt_change(ind, Some(delta), lang);
        let amount = amount.trim_start_matches(['+', '−', '±']);
        let unchanged = if ind.is_rate() {
            (delta * 1000.0).round() == 0.0
        } else {
            delta == 0.0
        };
        match lang {
            Lang::Vi if unchanged => format!("không đổi so với {prev}"),
            Lang::En if unchanged => format!("unchanged on {prev}"),
            Lang::Vi => {
                let dir = if delta > 0.0 { "tăng" } else { "giảm" };
                format!("{dir} {amount} so với {prev}")
            }
            Lang::En => {
                let dir = if delta > 0.0 { "up" } else { "down" };
                format!("{dir} {amount} on {prev}")
            }
        }
    }

    /// "3 trên 20 xã chưa đạt chỉ tiêu" / "3 of 20 communes miss the target".
    pub fn missed_phrase(missed: usize, total: usize, noun: &str, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!("{missed} trên {total} {noun} chưa đạt chỉ tiêu"),
            Lang::En if missed == 0 => format!("none of {total} {noun} misses the target"),
            Lang::En => format!("{missed} of {total} {noun} miss the target"),
        }
    }

    /// "thấp nhất: Xã X (81,2 %)" / "lowest: X (81.2%)"; "most" for counts.
    pub fn worst_phrase(ind: Indicator, name: &str, value: f64, lang: Lang) -> String {
        let label = if ind.higher_is_better() {
            lang.pick("thấp nhất", "lowest")
        } else {
            lang.pick("nhiều nhất", "most")
        };
        format!("{label}: {name} ({})", fmt_value(ind, Some(value), lang))
    }

    /// "2 xã chưa có số liệu" / "communes without data: 2".
    pub fn no_data_units_phrase(count: usize, noun: &str, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!("{count} {noun} chưa có số liệu"),
            Lang::En => format!("{noun} without data: {count}"),
        }
    }

    /// "Không có chỉ tiêu" for services: there is nothing to miss.
    pub fn no_target_phrase(lang: Lang) -> &'static str {
        Text::NoTarget.get(lang)
    }

    /// Capitalises the first letter of a sentence fragment.
    pub fn capitalise(text: &str) -> String {
        let mut chars = text.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Period {
        Period::parse(text).unwrap()
    }

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(fmt_int(1234, Lang::Vi), "1.234");
        assert_eq!(fmt_int(1234, Lang::En), "1,234");
        assert_eq!(fmt_int(1234567, Lang::Vi), "1.234.567");
        assert_eq!(fmt_int(12, Lang::En), "12");
        assert_eq!(fmt_decimal(1234.56, 1, Lang::Vi), "1.234,6");
        assert_eq!(fmt_count(None, Lang::Vi), "Chưa có số liệu");
        assert_eq!(fmt_count(Some(0), Lang::En), "0");
    }

    #[test]
    fn percents_in_both_languages() {
        assert_eq!(fmt_percent(0.953, Lang::Vi), "95,3 %");
        assert_eq!(fmt_percent(0.953, Lang::En), "95.3%");
        assert_eq!(fmt_percent(1.0, Lang::Vi), "100,0 %");
        assert_eq!(fmt_target_percent(1.0, Lang::Vi), "100 %");
        assert_eq!(fmt_target_percent(0.9, Lang::En), "90%");
        assert_eq!(fmt_target_percent(0.925, Lang::En), "92.5%");
        assert_eq!(fmt_value(Indicator::OnTime, None, Lang::En), "No data");
        assert_eq!(
            fmt_value(Indicator::Overdue, Some(1234.0), Lang::Vi),
            "1.234"
        );
        assert_eq!(
            fmt_target(Indicator::Services, None, Lang::Vi),
            "Không có chỉ tiêu"
        );
    }

    #[test]
    fn changes_are_points_with_a_sign() {
        assert_eq!(
            fmt_change(Indicator::OnTime, Some(-0.021), Lang::Vi),
            "−2,1 điểm %"
        );
        assert_eq!(
            fmt_change(Indicator::OnTime, Some(0.021), Lang::En),
            "+2.1 pp"
        );
        assert_eq!(
            fmt_change(Indicator::OnTime, Some(0.0), Lang::En),
            "±0.0 pp"
        );
        assert_eq!(fmt_change(Indicator::Overdue, Some(3.0), Lang::Vi), "+3");
        assert_eq!(fmt_change(Indicator::OnTime, None, Lang::Vi), "—");
    }

    #[test]
    fn dates_and_periods_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        assert_eq!(fmt_date(d, Lang::Vi), "31/03/2024");
        assert_eq!(fmt_date(d, Lang::En), "31 Mar 2024");
        assert_eq!(fmt_period(p("2024-03"), Lang::Vi), "Tháng 3/2024");
        assert_eq!(fmt_period(p("2024-03"), Lang::En), "March 2024");
        assert_eq!(fmt_period(p("2024-Q1"), Lang::Vi), "Quý 1/2024");
        assert_eq!(fmt_period(p("2024-Q1"), Lang::En), "Q1 2024");
        assert_eq!(fmt_period(p("2024"), Lang::Vi), "Năm 2024");
        assert_eq!(fmt_period(p("2024"), Lang::En), "2024");
        assert_eq!(fmt_period(p("2024-YTD03"), Lang::Vi), "Lũy kế 3 tháng 2024");
        assert_eq!(fmt_period(p("2024-YTD03"), Lang::En), "Jan–Mar 2024");
        assert_eq!(
            fmt_month_short(Month::parse("2024-02").unwrap(), Lang::En),
            "Feb 2024"
        );
    }

    #[test]
    fn timestamps_are_shown_in_utc() {
        use chrono::Timelike;
        assert_eq!(
            fmt_timestamp("2024-03-01T08:05:00Z", Lang::Vi),
            "01/03/2024 08:05 UTC"
        );
        assert_eq!(
            fmt_timestamp("2024-03-01T06:30:59.123+07:00", Lang::En),
            "29 Feb 2024 23:30 UTC"
        );
        assert_eq!(fmt_timestamp("not a time", Lang::Vi), "not a time");
        // The hand-written parser agrees with chrono's on valid and invalid input.
        for text in [
            "2024-12-31T23:59:59-00:30",
            "2023-01-01t00:00:00.5+14:00",
            "2024-02-29 12:00:00Z",
            "2024-02-30T12:00:00Z",
            "2024-03-01T24:00:00Z",
            "2024-03-01T08:00:00",
            "2024-03-01T08:00:00.Z",
            "2024-03-01T08:00:00+0700",
            "2024-03-01T08:00:00Zx",
            "",
        ] {
            let chrono = chrono::DateTime::parse_from_rfc3339(text).ok().map(|t| {
                let u = t.naive_utc();
                (u.date(), u.hour(), u.minute())
            });
            assert_eq!(parse_utc_minute(text), chrono, "{text}");
        }
    }

    #[test]
    fn every_text_exists_in_both_languages() {
        for lang in [Lang::Vi, Lang::En] {
            assert!(!Text::Title.get(lang).is_empty());
            for ind in Indicator::ALL {
                assert!(!indicator_name(ind, lang).is_empty());
            }
        }
        assert_ne!(Text::Title.get(Lang::Vi), Text::Title.get(Lang::En));
        assert_eq!(Lang::parse("en").unwrap().other(), Lang::Vi);
    }

    #[test]
    fn sentence_pieces() {
        use words::*;
        let kind = PeriodKind::Month;
        assert_eq!(
            change_phrase(Indicator::OnTime, -0.021, kind, Lang::Vi),
            "giảm 2,1 điểm % so với tháng trước"
        );
        assert_eq!(
            change_phrase(Indicator::OnTime, 0.021, kind, Lang::En),
            "up 2.1 pp on the previous month"
        );
        assert_eq!(
            target_phrase(Indicator::OnTime, 0.95, 1.0, false, Lang::Vi),
            "thấp hơn chỉ tiêu 100 %"
        );
        assert_eq!(capitalise("ứng"), "Ứng");
    }
}
