//! Sentence pieces shared by the summaries, the public page and the
//! briefing's notes ("95,0 % hồ sơ đúng hạn", "thấp hơn chỉ tiêu 100 %",
//! "giảm 2,1 điểm % so với tháng trước"); see `summary` for the sentences.

use super::format::{fmt_change, fmt_target, fmt_value};
use super::lang::Lang;
use super::text::{indicator_name, indicator_noun, Text};
use contract::{Indicator, PeriodKind};

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
        Lang::Vi => format!("chưa có số liệu về {}", lowercase(name)),
        Lang::En => format!("no data on {}", lowercase(name)),
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

/// "Chỉ tiêu: 100 %" / "Target: 100%", or "Không có chỉ tiêu" / "No target"
/// (a KPI tile, a slide, an indicator's explanation).
pub fn target_line(ind: Indicator, target: Option<f64>, lang: Lang) -> String {
    match target {
        Some(_) => format!(
            "{}: {}",
            Text::Target.get(lang),
            fmt_target(ind, target, lang)
        ),
        None => Text::NoTarget.get(lang).to_string(),
    }
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

/// "2 xã không so sánh được do sắp xếp đơn vị hành chính ngày 01/07/2025" /
/// "communes not comparable across the reorganisation of units on 1 Jul 2025: 2"
/// (`day` when they all changed on one day).
pub fn not_comparable_units_phrase(
    count: usize,
    noun: &str,
    day: Option<&str>,
    lang: Lang,
) -> String {
    match (lang, day) {
        (Lang::Vi, Some(day)) => {
            format!("{count} {noun} không so sánh được do sắp xếp đơn vị hành chính ngày {day}")
        }
        (Lang::Vi, None) => {
            format!("{count} {noun} không so sánh được do sắp xếp đơn vị hành chính")
        }
        (Lang::En, Some(day)) => {
            format!("{noun} not comparable across the reorganisation of units on {day}: {count}")
        }
        (Lang::En, None) => {
            format!("{noun} not comparable across the reorganisation of units: {count}")
        }
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
        Some(c) => std::iter::once(case(c, Case::Upper)).chain(chars).collect(),
        None => String::new(),
    }
}

/// The text in lower case (the page's own words: Vietnamese and English).
pub fn lowercase(text: &str) -> String {
    text.chars().map(|c| case(c, Case::Lower)).collect()
}

#[derive(Clone, Copy, PartialEq)]
enum Case {
    Upper,
    Lower,
}

/// The other case of the letters of Vietnamese and English, by their code
/// points: std's full Unicode case tables cost the wasm more than 5 KB gzip
/// for the few words the page changes the case of.
fn case(c: char, to: Case) -> char {
    let u = c as u32;
    // Latin Extended letters come in (upper, lower) pairs at even, odd code points.
    let pairs_of_two = matches!(u, 0x102..=0x103 | 0x110..=0x111 | 0x128..=0x129 | 0x168..=0x169 | 0x1A0..=0x1A1)
        || (0x1EA0..=0x1EF9).contains(&u);
    let lower = match u {
        0x61..=0x7A | 0xE0..=0xFE if u != 0xF7 => Some(u - 0x20),
        0x41..=0x5A | 0xC0..=0xDE if u != 0xD7 => None,
        0x1AF => None,
        0x1B0 => Some(0x1AF),
        _ if pairs_of_two && !u.is_multiple_of(2) => Some(u - 1),
        _ => None,
    };
    let upper = match u {
        0x41..=0x5A | 0xC0..=0xDE if u != 0xD7 => Some(u + 0x20),
        0x1AF => Some(0x1B0),
        _ if pairs_of_two && u.is_multiple_of(2) => Some(u + 1),
        _ => None,
    };
    let other = match to {
        Case::Upper => lower,
        Case::Lower => upper,
    };
    other.and_then(char::from_u32).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_changes_agree_with_unicode_for_every_vietnamese_letter() {
        let letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ";
        for c in letters.chars() {
            let upper = c.to_uppercase().next().unwrap();
            assert_eq!(case(c, Case::Upper), upper, "{c}");
            assert_eq!(case(upper, Case::Lower), c, "{upper}");
            assert_eq!(case(upper, Case::Upper), upper, "{upper}");
            assert_eq!(case(c, Case::Lower), c, "{c}");
        }
        for c in " 0%,.-–".chars() {
            assert_eq!((case(c, Case::Upper), case(c, Case::Lower)), (c, c));
        }
    }

    #[test]
    fn sentence_pieces() {
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
        assert_eq!(capitalise("đúng"), "Đúng");
        assert_eq!(
            lowercase("Giải Quyết ĐÚNG Hạn, Ư Ơ Ă"),
            "giải quyết đúng hạn, ư ơ ă"
        );
        assert_eq!(
            target_line(Indicator::OnTime, Some(1.0), Lang::Vi),
            "Chỉ tiêu: 100 %"
        );
        assert_eq!(
            target_line(Indicator::Services, None, Lang::En),
            "No target"
        );
    }
}
