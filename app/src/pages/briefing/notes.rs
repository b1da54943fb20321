//! The briefing's words: the presenter's one-sentence note for each slide
//! (`N` shows it), the headings of the best and worst lists and of the
//! closing slides, and the chips of the units that missed a target.

use super::deck::{Deck, IndicatorSlide, Miss, MissedUnit, Slide};
use super::index_slide::{self, IndexSlide};
use super::words::Words;
use crate::i18n::{fmt_date, fmt_period, fmt_value, status_icon, units_noun, words, Lang, Text};
use contract::{Indicator, Level, Period, Status};
use leptos::prelude::*;

/// The presenter's note for a slide: the figure in one plain sentence.
pub fn note(deck: &Deck, slide: Slide, index: Memo<IndexSlide>, lang: Lang) -> String {
    match slide {
        Slide::Title => title_note(deck, lang),
        Slide::Index => index.with(|s| index_slide::note(deck, s, lang)),
        Slide::Indicator(ind) => deck
            .indicator(ind)
            .map(|s| indicator_note(s, deck.period, deck.level, lang))
            .unwrap_or_default(),
        Slide::Missed { .. } => missed_note(&deck.missed, deck.children, deck.level, lang),
    }
}

/// "Tỉnh Cà Mau, Tháng 10/2026, số liệu đến ngày 31/10/2026: 3 trên 6 chỉ số đạt chỉ tiêu."
fn title_note(deck: &Deck, lang: Lang) -> String {
    let with_target: Vec<&IndicatorSlide> = deck
        .indicators
        .iter()
        .filter(|s| s.kpi.target.is_some())
        .collect();
    let met = with_target
        .iter()
        .filter(|s| s.kpi.status == Some(Status::Met))
        .count();
    let head = format!(
        "{}, {}, {} {}",
        deck.unit.name,
        fmt_period(deck.period, lang),
        words::lowercase(Text::AsOf.get(lang)),
        fmt_date(deck.as_of, lang)
    );
    match lang {
        Lang::Vi => format!(
            "{head}: {met} trên {} chỉ số đạt chỉ tiêu.",
            with_target.len()
        ),
        Lang::En => format!(
            "{head}: {met} of {} indicators meet the target.",
            with_target.len()
        ),
    }
}

/// "Tháng 3/2024: 97,8 % hồ sơ đúng hạn, thấp hơn chỉ tiêu 100 %; 3 xã chưa đạt."
fn indicator_note(s: &IndicatorSlide, period: Period, level: Option<Level>, lang: Lang) -> String {
    let label = fmt_period(period, lang);
    let Some(value) = s.kpi.value else {
        return format!("{label}: {}.", words::no_data_phrase(s.kpi.ind, lang));
    };
    let mut sentence = format!("{label}: {}", words::value_phrase(s.kpi.ind, value, lang));
    match s.kpi.target {
        Some(target) => {
            let met = s.kpi.status == Some(Status::Met);
            sentence.push_str(", ");
            sentence.push_str(&words::target_phrase(s.kpi.ind, value, target, met, lang));
            if s.children > 0 {
                let noun = units_noun(level, lang);
                sentence.push_str("; ");
                sentence.push_str(&missed_count_phrase(s.missed, noun, lang));
            }
        }
        None => {
            sentence.push_str("; ");
            sentence.push_str(&words::lowercase(words::no_target_phrase(lang)));
        }
    }
    sentence.push('.');
    sentence
}

/// "3 xã chưa đạt" / "communes that missed it: 3".
fn missed_count_phrase(missed: usize, noun: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi if missed == 0 => format!("không có {noun} nào chưa đạt"),
        Lang::Vi => format!("{missed} {noun} chưa đạt"),
        Lang::En if missed == 0 => format!("no {noun} missed it"),
        Lang::En => format!("{noun} that missed it: {missed}"),
    }
}

/// "5 trên 20 xã chưa đạt ít nhất một chỉ tiêu: Xã A, Xã B, …"
fn missed_note(missed: &[MissedUnit], children: usize, level: Option<Level>, lang: Lang) -> String {
    let noun = units_noun(level, lang);
    if children == 0 {
        return Text::NoChildren.get(lang).to_string();
    }
    if missed.is_empty() {
        return all_met_phrase(children, noun, lang);
    }
    let names: Vec<&str> = missed.iter().map(|m| m.name.as_str()).collect();
    format!(
        "{}: {}.",
        missed_summary(missed.len(), children, level, lang),
        names.join(", ")
    )
}

/// "5 trên 20 xã chưa đạt ít nhất một chỉ tiêu" / "5 of 20 communes missed at least one target".
pub fn missed_summary(missed: usize, children: usize, level: Option<Level>, lang: Lang) -> String {
    let noun = units_noun(level, lang);
    match lang {
        Lang::Vi => format!("{missed} trên {children} {noun} chưa đạt ít nhất một chỉ tiêu"),
        Lang::En => format!("{missed} of {children} {noun} missed at least one target"),
    }
}

/// "Cả 20 xã đều đạt các chỉ tiêu." / "All 20 communes met every target."
pub fn all_met_phrase(children: usize, noun: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Cả {children} {noun} đều đạt các chỉ tiêu."),
        Lang::En => format!("All {children} {noun} met every target."),
    }
}

/// The heading of the best / worst list: "5 xã cao nhất" / "Top 5 communes".
/// For overdue pending the best have the fewest.
pub fn best_heading(ind: Indicator, n: usize, level: Option<Level>, lang: Lang) -> String {
    let noun = units_noun(level, lang);
    match (lang, ind.higher_is_better()) {
        (Lang::Vi, true) => format!("{n} {noun} cao nhất"),
        (Lang::Vi, false) => format!("{n} {noun} ít nhất"),
        (Lang::En, true) => format!("Top {n} {noun}"),
        (Lang::En, false) => format!("{n} {noun} with the fewest"),
    }
}

/// The heading of the worst list: "5 xã thấp nhất" / "Bottom 5 communes".
pub fn worst_heading(ind: Indicator, n: usize, level: Option<Level>, lang: Lang) -> String {
    let noun = units_noun(level, lang);
    match (lang, ind.higher_is_better()) {
        (Lang::Vi, true) => format!("{n} {noun} thấp nhất"),
        (Lang::Vi, false) => format!("{n} {noun} nhiều nhất"),
        (Lang::En, true) => format!("Bottom {n} {noun}"),
        (Lang::En, false) => format!("{n} {noun} with the most"),
    }
}

/// The heading of a closing slide: "Đơn vị chưa đạt chỉ tiêu (2/3)".
pub fn missed_heading(page: usize, pages: usize, lang: Lang) -> String {
    let title = Words::MissedTitle.get(lang);
    if pages > 1 {
        format!("{title} ({}/{pages})", page + 1)
    } else {
        title.to_string()
    }
}

/// The short name of an indicator on the closing slide's chips.
fn short_name(ind: Indicator, lang: Lang) -> &'static str {
    match ind {
        Indicator::OnTime => Text::OnTimeShort.get(lang),
        Indicator::Online => Text::OnlineShort.get(lang),
        Indicator::Services => Words::ServicesShort.get(lang),
        Indicator::Satisfaction => Text::SatisfiedShort.get(lang),
        Indicator::Apology => Text::ApologyShort.get(lang),
        Indicator::Overdue => Text::OverdueShort.get(lang),
    }
}

/// "✗ Đúng hạn 88,2 %".
pub fn miss_chip(miss: &Miss, lang: Lang) -> String {
    format!(
        "{} {} {}",
        status_icon(Status::Missed),
        short_name(miss.ind, lang),
        fmt_value(miss.ind, miss.value, lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::briefing::deck::indicator_slide;
    use crate::test_support::{tree_snapshot, unit};
    use contract::{Month, Targets, UnitInfo};

    use crate::pages::briefing::deck::sample_deck as deck;

    /// The note of a slide other than the index's.
    fn note(d: &Deck, slide: Slide, lang: Lang) -> String {
        super::note(d, slide, Memo::new(|_| IndexSlide::Loading), lang)
    }

    #[test]
    fn notes_state_the_figure_in_one_sentence() {
        let d = deck();
        let slide = Slide::Indicator(Indicator::OnTime);
        assert_eq!(
            note(&d, slide, Lang::Vi),
            "Tháng 2/2024: 97,5 % hồ sơ đúng hạn, thấp hơn chỉ tiêu 100 %; 1 đơn vị chưa đạt."
        );
        assert_eq!(
            note(&d, slide, Lang::En),
            "February 2024: 97.5% of dossiers resolved on time, below the target of 100%; units that missed it: 1."
        );
        assert_eq!(
            note(&d, Slide::Indicator(Indicator::Apology), Lang::Vi),
            "Tháng 2/2024: 100,0 % hồ sơ trễ hạn có thư xin lỗi, đạt chỉ tiêu 100 %; không có đơn vị nào chưa đạt."
        );
        assert_eq!(
            note(&d, Slide::Indicator(Indicator::Services), Lang::Vi),
            "Tháng 2/2024: chưa có số liệu về dịch vụ công trực tuyến."
        );
        assert_eq!(
            note(&d, Slide::Title, Lang::Vi),
            "Unit 01, Tháng 2/2024, số liệu đến ngày 29/02/2024: 3 trên 5 chỉ số đạt chỉ tiêu."
        );
        assert_eq!(
            note(&d, Slide::Missed { page: 0, pages: 1 }, Lang::Vi),
            "2 trên 3 đơn vị chưa đạt ít nhất một chỉ tiêu: Unit 002, Unit 001."
        );
        assert_eq!(
            missed_note(&[], 4, Some(Level::Commune), Lang::En),
            "All 4 communes met every target."
        );
        assert_eq!(
            missed_note(&[], 0, None, Lang::Vi),
            "Không có đơn vị trực thuộc."
        );
        let commune = [unit("0009", Level::Commune, Some("01"))];
        let refs: Vec<&UnitInfo> = commune.iter().collect();
        let s = indicator_slide(
            &tree_snapshot(),
            "01",
            &refs,
            Period::parse("2024-02").unwrap(),
            Indicator::OnTime,
            &Targets::default(),
            (
                Month::parse("2024-01").unwrap(),
                Month::parse("2024-03").unwrap(),
            ),
        );
        assert_eq!(s.no_data, 1);
        assert_eq!(
            s.points.len(),
            3,
            "every month of the data, with or without values"
        );
        assert_eq!(s.points[2].1, None);
        assert_eq!(
            indicator_note(&s, Period::parse("2024-02").unwrap(), Some(Level::Commune), Lang::Vi),
            "Tháng 2/2024: 97,5 % hồ sơ đúng hạn, thấp hơn chỉ tiêu 100 %; không có xã nào chưa đạt."
        );
    }

    #[test]
    fn chips_and_headings_name_the_figures() {
        let d = deck();
        assert_eq!(
            miss_chip(&d.missed[0].misses[0], Lang::Vi),
            "✗ Đúng hạn 80,0 %"
        );
        let communes = Some(Level::Commune);
        assert_eq!(
            best_heading(Indicator::OnTime, 5, communes, Lang::Vi),
            "5 xã cao nhất"
        );
        assert_eq!(
            worst_heading(Indicator::Overdue, 3, communes, Lang::En),
            "3 communes with the most"
        );
        assert_eq!(
            missed_heading(1, 3, Lang::Vi),
            "Đơn vị chưa đạt chỉ tiêu (2/3)"
        );
        assert_eq!(missed_heading(0, 1, Lang::En), "Units that missed a target");
    }
}
