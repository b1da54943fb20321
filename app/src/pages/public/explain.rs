//! Plain-language words for the public transparency page (`/public`):
//! one headline sentence per indicator ("97 trên 100 hồ sơ được trả đúng
//! hạn hoặc sớm hơn"), and what each indicator means and how it is
//! computed, worded from section 3 of the data contract for a citizen.
//!
//! Every value comes from the contract (`Indicator::value`); this module
//! only rounds it for reading and puts it in words.

use crate::i18n::{fmt_count, fmt_int, fmt_percent, indicator_name, words, Lang};
use contract::index766::Rules;
use contract::{Counts, Indicator, Targets};

/// The indicators the public page reports, in reading order.
pub const PUBLIC_INDICATORS: [Indicator; 6] = [
    Indicator::OnTime,
    Indicator::Online,
    Indicator::Satisfaction,
    Indicator::Apology,
    Indicator::Overdue,
    Indicator::Services,
];

/// The indicators the public page draws a chart for (the table's columns).
pub const CHARTED: [Indicator; 3] = [
    Indicator::OnTime,
    Indicator::Online,
    Indicator::Satisfaction,
];

/// A rate as "how many in 100", for reading aloud. Rounded, except that a
/// rate that is not exactly 0 or 1 never reads as "0 in 100" or "100 in
/// 100" (99,7 % is "99 in 100", not "all").
pub fn per_hundred(rate: f64) -> u64 {
    let n = (rate * 100.0).round().clamp(0.0, 100.0) as u64;
    match n {
        100 if rate < 1.0 => 99,
        0 if rate > 0.0 => 1,
        n => n,
    }
}

/// One sentence with the indicator's result for the period, in plain words.
pub fn headline_sentence(ind: Indicator, counts: Option<&Counts>, lang: Lang) -> String {
    let value = counts.and_then(|c| ind.value(c));
    let (Some(c), Some(value)) = (counts, value) else {
        return format!("{}.", words::capitalise(&words::no_data_phrase(ind, lang)));
    };
    let total = fmt_count(ind.parts(c).1, lang);
    if ind == Indicator::Overdue {
        return overdue_sentence(value.round().max(0.0) as u64, &total, lang);
    }
    let (k, pct) = (per_hundred(value), fmt_percent(value, lang));
    let (what, of) = rate_words(ind, lang);
    match lang {
        Lang::Vi => format!("{k} trên 100 {what} ({pct} của {total} {of})."),
        Lang::En => format!("{k} in 100 {what} ({pct} of {total} {of})."),
    }
}

/// The overdue dossiers (`n`) among the `total` pending at the period's end.
fn overdue_sentence(n: u64, total: &str, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Vi, 0) => format!(
            "Cuối kỳ không có hồ sơ nào quá hạn mà chưa giải quyết (đang giải quyết {total} hồ sơ)."
        ),
        (Lang::En, 0) => format!(
            "At the end of the period no unresolved dossier was past its due date ({total} dossiers in progress)."
        ),
        (Lang::Vi, n) => format!(
            "Cuối kỳ còn {} hồ sơ đã quá hạn mà chưa giải quyết xong, trong số {total} hồ sơ đang giải quyết.",
            fmt_int(n, lang)
        ),
        (Lang::En, n) => format!(
            "At the end of the period {} unresolved dossiers were past their due date, out of {total} in progress.",
            fmt_int(n, lang)
        ),
    }
}

/// What a rate counts and what it is a share of, for a headline sentence:
/// ("hồ sơ được trả đúng hạn hoặc sớm hơn", "hồ sơ đã giải quyết").
fn rate_words(ind: Indicator, lang: Lang) -> (&'static str, &'static str) {
    match (lang, ind) {
        (Lang::Vi, Indicator::OnTime) => (
            "hồ sơ được trả đúng hạn hoặc sớm hơn",
            "hồ sơ đã giải quyết",
        ),
        (Lang::Vi, Indicator::Online) => ("hồ sơ được nộp trực tuyến", "hồ sơ tiếp nhận"),
        (Lang::Vi, Indicator::Satisfaction) => (
            "lượt đánh giá là hài lòng hoặc rất hài lòng",
            "lượt đánh giá",
        ),
        (Lang::Vi, Indicator::Apology) => (
            "hồ sơ trả trễ hạn có thư xin lỗi người dân",
            "hồ sơ trả trễ hạn",
        ),
        (Lang::Vi, _) => (
            "dịch vụ công trực tuyến mức 3, 4 do địa bàn cung cấp có người sử dụng",
            "dịch vụ đang cung cấp",
        ),
        (Lang::En, Indicator::OnTime) => (
            "dossiers were resolved on time or early",
            "dossiers resolved",
        ),
        (Lang::En, Indicator::Online) => ("dossiers were submitted online", "dossiers received"),
        (Lang::En, Indicator::Satisfaction) => {
            ("ratings were satisfied or very satisfied", "ratings")
        }
        (Lang::En, Indicator::Apology) => (
            "late dossiers came with a letter of apology",
            "late dossiers",
        ),
        (Lang::En, _) => (
            "online public services (levels 3 and 4) this area provides were used",
            "services offered",
        ),
    }
}

/// What an indicator means and how it is computed, for a citizen.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub ind: Indicator,
    pub name: &'static str,
    pub meaning: &'static str,
    pub how: &'static str,
    /// "Chỉ tiêu: 100 %" or "Không có chỉ tiêu".
    pub target: String,
}

/// The explanation of one indicator (contract section 3 in plain words).
pub fn explanation(ind: Indicator, targets: &Targets, lang: Lang) -> Explanation {
    let (meaning, how) = meaning_and_how(ind, lang);
    Explanation {
        ind,
        name: indicator_name(ind, lang),
        meaning,
        how,
        target: words::target_line(ind, ind.target(targets), lang),
    }
}

/// What an indicator means, and how it is computed.
fn meaning_and_how(ind: Indicator, lang: Lang) -> (&'static str, &'static str) {
    match (ind, lang) {
        (Indicator::OnTime, Lang::Vi) => (
            "Hồ sơ được trả kết quả trước hoặc đúng ngày hẹn trả ghi trên giấy biên nhận.",
            "Lấy số hồ sơ trả kết quả trước hoặc đúng ngày hẹn, chia cho tổng số hồ sơ đã giải quyết xong trong kỳ.",
        ),
        (Indicator::OnTime, Lang::En) => (
            "Dossiers whose result was returned before or on the date promised on the receipt.",
            "The number of dossiers resolved early or on the promised date, divided by all dossiers resolved in the period.",
        ),
        (Indicator::Online, Lang::Vi) => (
            "Hồ sơ người dân, doanh nghiệp nộp qua mạng (Cổng dịch vụ công) thay vì nộp trực tiếp hay qua bưu điện.",
            "Lấy số hồ sơ nộp trực tuyến, chia cho tổng số hồ sơ tiếp nhận trong kỳ.",
        ),
        (Indicator::Online, Lang::En) => (
            "Dossiers that people and businesses submitted over the internet (the public service portal) instead of in person or by post.",
            "The number of dossiers submitted online, divided by all dossiers received in the period.",
        ),
        (Indicator::Satisfaction, Lang::Vi) => (
            "Người dân đánh giá thế nào khi nhận kết quả.",
            "Lấy số lượt đánh giá “hài lòng” hoặc “rất hài lòng”, chia cho tổng số lượt đánh giá của các hồ sơ giải quyết xong trong kỳ. Hồ sơ không được đánh giá thì không tính.",
        ),
        (Indicator::Satisfaction, Lang::En) => (
            "How people rated the service when they received their result.",
            "The number of ratings “satisfied” or “very satisfied”, divided by all ratings of the dossiers resolved in the period. Dossiers without a rating are left out.",
        ),
        (Indicator::Apology, Lang::Vi) => (
            "Khi trả hồ sơ trễ hạn, cơ quan phải gửi thư xin lỗi người dân.",
            "Lấy số hồ sơ trả trễ hạn có thư xin lỗi, chia cho tổng số hồ sơ trả trễ hạn trong kỳ.",
        ),
        (Indicator::Apology, Lang::En) => (
            "When a dossier is late, the office must send the applicant a letter of apology.",
            "The number of late dossiers with a letter of apology, divided by all dossiers resolved late in the period.",
        ),
        (Indicator::Overdue, Lang::Vi) => (
            "Hồ sơ đã quá ngày hẹn trả nhưng đến ngày cuối kỳ vẫn chưa giải quyết xong. Càng ít càng tốt.",
            "Đếm các hồ sơ đã tiếp nhận, đến ngày cuối kỳ chưa giải quyết xong và có ngày hẹn trả trước ngày đó.",
        ),
        (Indicator::Overdue, Lang::En) => (
            "Dossiers past their due date that were still not resolved on the last day of the period. Fewer is better.",
            "The dossiers received and still not resolved on the last day of the period whose due date was before that day.",
        ),
        (Indicator::Services, Lang::Vi) => (
            "Trong các dịch vụ công trực tuyến một phần (mức 3) và toàn trình (mức 4) mà địa bàn này cung cấp, bao nhiêu dịch vụ đã có người nộp hồ sơ trực tuyến. Không bao giờ quá 100 %.",
            "Lấy số dịch vụ mức 3, 4 do các cấp của địa bàn giải quyết có ít nhất một hồ sơ nộp trực tuyến trong kỳ, chia cho số dịch vụ đó đang cung cấp vào ngày cuối kỳ. Hồ sơ của thủ tục cấp khác nộp tại đây vẫn được tính vào số hồ sơ trực tuyến, nhưng không tính vào tỷ lệ này.",
        ),
        (Indicator::Services, Lang::En) => (
            "Of the partly online (level 3) and fully online (level 4) public services this area provides, how many received at least one online dossier. Never above 100 %.",
            "The number of level 3 and 4 services handled at this area's levels with at least one online dossier in the period, divided by those services offered on the last day of the period. Dossiers of another level's procedures submitted here still count as online dossiers, but not in this share.",
        ),
    }
}

/// The rules shared by every indicator (periods, areas, missing data).
/// The 766 index in plain words, from the rules the data were scored with
/// (groups with their points, grade bands), so a changed rules file
/// changes the text too.
pub fn index_explanation(rules: &Rules, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let groups: Vec<String> = rules
        .groups
        .iter()
        .map(|g| {
            let name = if vi { &g.name_vi } else { &g.name_en };
            format!("{} ({})", name.to_lowercase(), fmt_points(g.max, lang))
        })
        .collect();
    let grades: Vec<String> = rules
        .grades
        .iter()
        .map(|g| {
            let name = if vi { &g.name_vi } else { &g.name_en };
            match (g.min > 0.0, vi) {
                (true, true) => format!("từ {} điểm: {name}", fmt_points(g.min, lang)),
                (true, false) => format!("from {} points: {name}", fmt_points(g.min, lang)),
                (false, true) => format!("thấp hơn: {name}"),
                (false, false) => format!("below: {name}"),
            }
        })
        .collect();
    let total = fmt_points(rules.groups.iter().map(|g| g.max).sum(), lang);
    if vi {
        format!(
            "Cổng Dịch vụ công quốc gia chấm điểm mỗi tỉnh và mỗi xã trên thang {total} điểm (Quyết định 766/QĐ-TTg), \
             ở {} nhóm: {}. Mỗi chỉ tiêu là một tỷ lệ, ví dụ số hồ sơ xử lý đúng hạn trên số hồ sơ phải xử lý; \
             đạt tỷ lệ yêu cầu thì được đủ điểm, thấp hơn thì được điểm theo tỷ lệ. Xếp loại: {}. \
             Chỉ tiêu chưa có số liệu không bị tính là 0 điểm: tổng điểm khi đó được ghi là chưa đủ.",
            rules.groups.len(),
            groups.join("; "),
            grades.join("; ")
        )
    } else {
        format!(
            "The National Public Service Portal scores every province and commune out of {total} points \
             (Decision 766/QĐ-TTg), in {} groups: {}. Each metric is a ratio, such as dossiers handled on time out \
             of those due; reaching the required ratio earns full points, less earns points in proportion. \
             Grades: {}. A metric without data is never counted as 0: the total is then marked incomplete.",
            rules.groups.len(),
            groups.join("; "),
            grades.join("; ")
        )
    }
}

/// Points of the rules as the page writes numbers: `18`, `12,5`.
fn fmt_points(points: f64, lang: Lang) -> String {
    let text = format!("{points}");
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

pub fn general_rules(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Vi => [
            "Số liệu của huyện, tỉnh gồm hồ sơ của chính đơn vị đó và của mọi xã, huyện trực thuộc.",
            "Với quý, năm hoặc lũy kế từ đầu năm, số hồ sơ được cộng dồn qua các tháng rồi mới chia, không lấy trung bình các tỷ lệ tháng; số hồ sơ tồn lấy vào ngày cuối kỳ.",
            "Khi không có hồ sơ nào để tính, trang ghi “Chưa có số liệu” chứ không ghi 0 %.",
        ],
        Lang::En => [
            "The figures of a district or province include its own dossiers and those of every unit below it.",
            "For a quarter, a year or the year to date, dossiers are added up over the months before dividing, never by averaging monthly rates; pending dossiers are counted on the last day of the period.",
            "When there is no dossier to count, the page says “No data”, never 0%.",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::Count;

    fn counts(fields: &[(Count, u64)]) -> Counts {
        Counts::with(fields)
    }

    #[test]
    fn per_hundred_never_rounds_to_all_or_none() {
        assert_eq!(per_hundred(0.97), 97);
        assert_eq!(per_hundred(0.968), 97);
        assert_eq!(per_hundred(0.997), 99);
        assert_eq!(per_hundred(1.0), 100);
        assert_eq!(per_hundred(0.003), 1);
        assert_eq!(per_hundred(0.0), 0);
    }

    #[test]
    fn headline_sentences_in_both_languages() {
        let c = counts(&[
            (Count::ResolvedTotal, 1272),
            (Count::ResolvedEarly, 1000),
            (Count::ResolvedOnTime, 232),
            (Count::ResolvedLate, 40),
            (Count::LateWithApology, 40),
        ]);
        assert_eq!(
            headline_sentence(Indicator::OnTime, Some(&c), Lang::Vi),
            "97 trên 100 hồ sơ được trả đúng hạn hoặc sớm hơn (96,9 % của 1.272 hồ sơ đã giải quyết)."
        );
        assert_eq!(
            headline_sentence(Indicator::OnTime, Some(&c), Lang::En),
            "97 in 100 dossiers were resolved on time or early (96.9% of 1,272 dossiers resolved)."
        );
        assert_eq!(
            headline_sentence(Indicator::Apology, Some(&c), Lang::Vi),
            "100 trên 100 hồ sơ trả trễ hạn có thư xin lỗi người dân (100,0 % của 40 hồ sơ trả trễ hạn)."
        );
        // No received dossiers: no rate, and the page says so.
        assert_eq!(
            headline_sentence(Indicator::Online, Some(&c), Lang::Vi),
            "Chưa có số liệu về hồ sơ nộp trực tuyến."
        );
        assert_eq!(
            headline_sentence(Indicator::Satisfaction, None, Lang::En),
            "No data on satisfaction."
        );
    }

    #[test]
    fn overdue_is_a_count_sentence() {
        let c = counts(&[(Count::PendingTotal, 120), (Count::PendingOverdue, 3)]);
        assert_eq!(
            headline_sentence(Indicator::Overdue, Some(&c), Lang::Vi),
            "Cuối kỳ còn 3 hồ sơ đã quá hạn mà chưa giải quyết xong, trong số 120 hồ sơ đang giải quyết."
        );
        let c = counts(&[(Count::PendingTotal, 1200), (Count::PendingOverdue, 0)]);
        assert_eq!(
            headline_sentence(Indicator::Overdue, Some(&c), Lang::En),
            "At the end of the period no unresolved dossier was past its due date (1,200 dossiers in progress)."
        );
    }

    #[test]
    fn every_indicator_is_explained_in_both_languages() {
        let t = Targets::default();
        for lang in [Lang::Vi, Lang::En] {
            for ind in PUBLIC_INDICATORS {
                let e = explanation(ind, &t, lang);
                assert!(!e.meaning.is_empty() && !e.how.is_empty());
                assert_eq!(e.name, indicator_name(ind, lang));
            }
        }
        assert_eq!(
            explanation(Indicator::OnTime, &t, Lang::Vi).target,
            "Chỉ tiêu: 100 %"
        );
        assert_eq!(
            explanation(Indicator::Services, &t, Lang::En).target,
            "No target"
        );
        assert!(general_rules(Lang::Vi)[1].contains("không lấy trung bình"));
    }

    #[test]
    fn the_index_is_explained_from_its_rules() {
        let rules: Rules = serde_json::from_str(
            r#"{"name":"t","decimals":2,"zero_over_zero":"full",
            "groups":[{"code":"A","max":60,"name_vi":"Tiến độ","name_en":"Progress"},
                      {"code":"B","max":40,"name_vi":"Hài lòng","name_en":"Satisfaction"}],
            "metrics":[],"grades":[{"min":80,"name_vi":"Tốt","name_en":"Good"},{"min":0,"name_vi":"Yếu","name_en":"Weak"}]}"#,
        )
        .unwrap();
        let vi = index_explanation(&rules, Lang::Vi);
        assert!(
            vi.contains("thang 100 điểm") && vi.contains("2 nhóm: tiến độ (60); hài lòng (40)"),
            "{vi}"
        );
        assert!(
            vi.contains("Xếp loại: từ 80 điểm: Tốt; thấp hơn: Yếu."),
            "{vi}"
        );
        let en = index_explanation(&rules, Lang::En);
        assert!(
            en.contains("out of 100 points") && en.contains("from 80 points: Good; below: Weak"),
            "{en}"
        );
    }
}
