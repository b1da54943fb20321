//! Every fixed UI string in both languages, in one table ([`Text::get`]),
//! and the names of the contract's enums (indicators, statuses, levels,
//! period kinds) as the page shows them. Sentences with numbers in them
//! are built from these words by `words` and by the pages.

use super::lang::Lang;
use contract::{Indicator, Label, Level, PeriodKind, Status};

/// A fixed UI string. Strings with numbers in them are built from these
/// words (see `words`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Title,
    Brand,
    SkipToContent,
    SampleBanner,
    /// The sample label on a saved chart.
    SampleShort,
    AsOf,
    /// A revised figure's mark, the same inside a sentence, and the
    /// public page's list of revisions.
    RevisedOn,
    RevisedOnInline,
    Revisions,
    RevisionsIntro,
    NoRevisions,
    MoreRevisions,
    RevisionsFile,
    From,
    To,
    /// A chart's menu to take it elsewhere, and its items.
    ShareMenu,
    SaveSvg,
    SavePng,
    EmbedCode,
    Copy,
    Copied,
    /// The embed's link to the full view.
    FullView,
    /// The province's downloads made by the pipeline, and the data folder's README.
    DownloadExcel,
    DownloadProvinceCsv,
    DataReadme,
    Offline,
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
    // ---- briefing (pages/briefing) ----
    BriefingLink,
    IndexLink,
    PublicIndexHeading,
    /// Only the index page's build has the page.
    #[cfg(feature = "on-demand")]
    IndexTitle,
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
            Brand => ("CCHC", "PAR"),
            SkipToContent => ("Bỏ qua đến nội dung", "Skip to content"),
            SampleBanner => (
                "Dữ liệu mẫu (hư cấu) — không phải số liệu chính thức",
                "Sample (fictional) data — not official statistics",
            ),
            SampleShort => ("Số liệu mẫu (hư cấu)", "Sample (fictional) data"),
            AsOf => ("Số liệu đến ngày", "Data as of"),
            RevisedOn => ("Đã điều chỉnh ngày", "Revised on"),
            RevisedOnInline => ("điều chỉnh ngày", "revised on"),
            Revisions => ("Số liệu đã điều chỉnh", "Revised figures"),
            RevisionsIntro => (
                "Số liệu đã công bố có thể được điều chỉnh khi dữ liệu được xuất lại (hồ sơ cập nhật muộn, sửa sai). Mỗi điều chỉnh được ghi lại ở đây và không bao giờ bị xóa.",
                "A published figure can change when the data are exported again (late entries, corrections). Every change is recorded here and never removed.",
            ),
            NoRevisions => (
                "Chưa có số liệu nào của địa bàn này được điều chỉnh.",
                "No figure of this area has been revised.",
            ),
            MoreRevisions => ("Số điều chỉnh khác, xem trong tệp:", "Other revisions, in the file:"),
            RevisionsFile => ("Tải danh sách mọi điều chỉnh (CSV)", "Download every revision (CSV)"),
            From => ("từ", "from"),
            To => ("thành", "to"),
            ShareMenu => ("Tải hình, nhúng", "Download, embed"),
            SaveSvg => ("Hình SVG (chỉnh sửa được)", "SVG image (editable)"),
            SavePng => ("Hình PNG cho Word, trình chiếu", "PNG image for Word, slides"),
            EmbedCode => ("Mã nhúng vào trang web khác", "Code to embed in another site"),
            Copy => ("Sao chép mã nhúng", "Copy the embed code"),
            Copied => ("Đã sao chép", "Copied"),
            FullView => ("Xem đầy đủ trên bảng theo dõi", "See it all on the dashboard"),
            DownloadExcel => (
                "Sổ Excel của tỉnh: mỗi chỉ số một trang, đơn vị theo tháng",
                "The province's Excel workbook: a sheet per indicator, units by month",
            ),
            DownloadProvinceCsv => (
                "Số đếm của tỉnh, mở được bằng Excel (CSV)",
                "The province's counts, ready for Excel (CSV)",
            ),
            DataReadme => ("Giải thích các tệp dữ liệu (README)", "What each data file is (README)"),
            Offline => (
                "Ngoại tuyến: số liệu đã lưu trên máy này",
                "Offline: the figures saved on this device",
            ),
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
            BriefingLink => ("Trình chiếu", "Briefing mode"),
            #[cfg(feature = "on-demand")]
            IndexTitle => ("Chỉ số chất lượng phục vụ (766)", "Service-quality index (766)"),
            PublicIndexHeading => ("Chỉ số chất lượng phục vụ (766) là gì?", "What is the service-quality index (766)?"),
            IndexLink => ("Chỉ số phục vụ (766): điểm, xếp hạng và nơi mất điểm", "Service-quality index (766): points, rank and where they are lost"),
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

/// The indicator's name, as on its tile and in pickers (the contract's,
/// which the pipeline's workbooks and README use too).
pub fn indicator_name(ind: Indicator, lang: Lang) -> &'static str {
    label(ind.name(), lang)
}

/// What the indicator measures, in one plain line (tile subtitle, public page).
pub fn indicator_meaning(ind: Indicator, lang: Lang) -> &'static str {
    label(ind.meaning(), lang)
}

fn label(l: Label, lang: Lang) -> &'static str {
    lang.pick(l.vi, l.en)
}

/// What the value counts, for sentences ("95,0 % hồ sơ đúng hạn").
pub(super) fn indicator_noun(ind: Indicator, lang: Lang) -> &'static str {
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

/// Met / near / missed as a word; views add [`status_icon`] and a colour
/// (`parts::status::status_class`).
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

/// A period kind's name, as in the period-kind picker.
pub fn kind_name(kind: PeriodKind, lang: Lang) -> &'static str {
    let (vi, en) = match kind {
        PeriodKind::Month => ("Tháng", "Month"),
        PeriodKind::Quarter => ("Quý", "Quarter"),
        PeriodKind::Year => ("Năm", "Year"),
        PeriodKind::YearToDate => ("Lũy kế từ đầu năm", "Year to date"),
    };
    lang.pick(vi, en)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The waiting page shown before the app starts (index.html's #shell,
    /// fitted by public/shell.js) says what the app will say.
    #[test]
    fn the_waiting_page_uses_the_apps_words() {
        let html = include_str!("../../../index.html");
        let on_demand = include_str!("../../../on-demand.html");
        let script = include_str!("../../../public/shell.js");
        for page in [html, on_demand] {
            for text in [Text::Brand, Text::Title, Text::Loading] {
                assert!(page.contains(text.get(Lang::Vi)), "{text:?}");
            }
        }
        #[allow(unused_mut)]
        let mut fitted = vec![Text::PublicTitle, Text::PublicIntro];
        #[cfg(feature = "on-demand")]
        fitted.push(Text::IndexTitle);
        for text in fitted {
            assert!(script.contains(text.get(Lang::Vi)), "{text:?}");
        }
        for text in [
            Text::Brand,
            Text::Title,
            Text::Loading,
            Text::PublicTitle,
            Text::PublicIntro,
        ] {
            assert!(script.contains(text.get(Lang::En)), "{text:?}");
        }
    }
}
