//! The index page's fixed strings in both languages (the rest of the
//! app's are in `i18n::Text`): kept with the page, which only the index's
//! own build of the app compiles.

use crate::charts::escape;
use crate::i18n::{fmt_decimal, Lang};
use contract::index766::Rules;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Words {
    Heading,
    Points,
    Rank,
    Incomplete,
    ZeroRule,
    Rules,
    Groups,
    GroupIncomplete,
    Trend,
    TrendNote,
    Gains,
    GainsNone,
    ToFull,
    Losses,
    Lost,
    NoRules,
    NoFigure,
    Published,
    NoTotal,
    MostLost,
}

impl Words {
    pub fn get(self, lang: Lang) -> &'static str {
        use Words::*;
        let (vi, en) = match self {
            Heading => ("Chỉ số 766", "Index 766"),
            Points => ("điểm", "points"),
            Rank => ("Hạng", "Rank"),
            Incomplete => (
                "Chưa đủ số liệu để tính tổng điểm; các chỉ tiêu chưa có số liệu không bị tính là 0:",
                "Not enough data for a total; metrics without data are not counted as 0:",
            ),
            ZeroRule => (
                "Được điểm tối đa theo quy tắc 0/0 của Cổng (không có hồ sơ thuộc diện tính):",
                "Full points by the portal's 0/0 rule (nothing to count):",
            ),
            Rules => ("Cách chấm điểm", "Scoring rules"),
            Groups => ("Điểm theo nhóm", "Points by group"),
            GroupIncomplete => ("chưa đủ số liệu", "incomplete"),
            Trend => ("Tổng điểm theo tháng", "Total points by month"),
            TrendNote => (
                "Tháng chưa đủ số liệu để ra tổng điểm là chỗ trống trên đường.",
                "Months without a complete total are gaps in the line.",
            ),
            Gains => ("Điểm còn có thể đạt, nhiều nhất trước", "Points still to win, most first"),
            GainsNone => ("Đơn vị đạt điểm tối đa ở mọi chỉ tiêu có số liệu.", "Full points on every metric with data."),
            ToFull => ("cần đạt", "full points at"),
            Losses => ("Đơn vị trực thuộc mất nhiều điểm nhất", "Units below losing the most points"),
            Lost => ("Điểm bị mất", "Points lost"),
            NoRules => (
                "Bộ số liệu này chưa có quy tắc chấm chỉ số 766 (được tạo bởi phiên bản cũ của quy trình xử lý).",
                "This data set has no rules for the 766 index (it was built by an older pipeline).",
            ),
            NoFigure => (
                "Không có số liệu chỉ số cho đơn vị và kỳ này.",
                "No index figures for this unit and period.",
            ),
            Published => ("tỷ lệ công bố", "published ratio"),
            NoTotal => ("Chưa đủ số liệu để tính tổng điểm", "Not enough data for a total"),
            MostLost => ("Mất nhiều điểm nhất", "Most points lost"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// Points in the language's style: `65,49` / `65.49`.
pub fn points(rules: &Rules, units: u64, lang: Lang) -> String {
    fmt_decimal(
        units as f64 / rules.scale() as f64,
        rules.decimals as usize,
        lang,
    )
}

/// A name of the rules in the page's language, escaped for HTML text.
pub fn name(lang: Lang, vi: &str, en: &str) -> String {
    escape(in_lang(lang, vi, en))
}

/// A name of the rules in the page's language.
pub fn in_lang<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}
