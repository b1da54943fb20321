//! Briefing mode's plain logic (`/briefing`): which slides the deck has,
//! what each one shows (headline figure, best and worst five child units,
//! the units that missed a target), the presenter's one-sentence notes, the
//! slide's URL and the keyboard / clicker mapping.
//!
//! Every rate comes from the contract through `summary` (`summary::kpi`,
//! `summary::ranking`); this module only picks, splits and words them. The
//! component in `views/briefing.rs` only wires signals to these functions.

use crate::data::Base;
use crate::i18n::{self, fmt_date, fmt_period, fmt_value, words, Lang, Text};
use crate::state::{encode, ViewState};
use crate::summary::{self, Kpi, Row};
use chrono::NaiveDate;
use contract::{Indicator, Level, Month, Period, ProvinceSnapshot, Status, Targets, UnitInfo};

/// Body text of a slide in percent of the viewport's height: a little over
/// 1/30 (3.33 %), the spec's floor for reading from the back of the room.
/// `public/style.css` (briefing section) uses the same `3.4vh`; charts draw
/// their labels at this size.
pub const BODY_VH: f64 = 3.4;

/// How many child units the best and the worst lists show.
pub const TOP_N: usize = 5;

/// Units listed per closing slide; a longer list continues on the next one,
/// so a slide never needs scrolling whatever the number of units.
pub const MISSED_PER_SLIDE: usize = 8;

/// One slide of the deck.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    /// Area, period, "as of" date and the six headline figures.
    Title,
    Indicator(Indicator),
    /// Units that missed at least one target; `page` counts from 0.
    Missed {
        page: usize,
        pages: usize,
    },
}

/// The slides for a deck whose closing list has `missed` units.
pub fn slide_list(missed: usize) -> Vec<Slide> {
    let pages = missed.div_ceil(MISSED_PER_SLIDE).max(1);
    std::iter::once(Slide::Title)
        .chain(Indicator::ALL.into_iter().map(Slide::Indicator))
        .chain((0..pages).map(|page| Slide::Missed { page, pages }))
        .collect()
}

/// What an indicator slide shows.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorSlide {
    pub kpi: Kpi,
    /// Best first.
    pub best: Vec<Row>,
    /// Worst first; never repeats a unit of `best`.
    pub worst: Vec<Row>,
    /// Child units whose status is "missed".
    pub missed: usize,
    /// Child units, with or without data.
    pub children: usize,
    /// Child units without data for this indicator.
    pub no_data: usize,
    /// The unit's value month by month over the whole data (trend chart).
    pub points: Vec<(Month, Option<f64>)>,
}

/// The best and the worst `n` of ranked rows (best first, as
/// `summary::ranking` orders them), leaving out units without data. With
/// fewer than `2n` units the two lists split them, so no unit is in both.
pub fn best_and_worst(rows: &[Row], n: usize) -> (Vec<Row>, Vec<Row>) {
    let with_data: Vec<&Row> = rows.iter().filter(|r| r.value.is_some()).collect();
    let best_len = n.min(with_data.len().div_ceil(2));
    let worst_len = n.min(with_data.len() - best_len);
    let best = with_data[..best_len].iter().map(|r| (*r).clone()).collect();
    let worst = with_data
        .iter()
        .rev()
        .take(worst_len)
        .map(|r| (*r).clone())
        .collect();
    (best, worst)
}

/// An indicator slide for `unit` and its children; `data` is the first and
/// last month of the snapshots (the trend's span).
pub fn indicator_slide(
    snap: &ProvinceSnapshot,
    unit: &str,
    children: &[&UnitInfo],
    period: Period,
    ind: Indicator,
    targets: &Targets,
    data: (Month, Month),
) -> IndicatorSlide {
    let rows = summary::ranking(snap, children, period, ind, targets);
    let (best, worst) = best_and_worst(&rows, TOP_N);
    IndicatorSlide {
        kpi: summary::kpi(snap, unit, period, ind, targets),
        best,
        worst,
        missed: rows
            .iter()
            .filter(|r| r.status == Some(Status::Missed))
            .count(),
        children: rows.len(),
        no_data: rows.iter().filter(|r| r.value.is_none()).count(),
        points: summary::trend_points(snap, unit, ind, data.0, data.1),
    }
}

/// One missed target of a unit on the closing slide.
#[derive(Clone, Debug, PartialEq)]
pub struct Miss {
    pub ind: Indicator,
    pub value: Option<f64>,
}

/// A child unit that missed at least one target.
#[derive(Clone, Debug, PartialEq)]
pub struct MissedUnit {
    pub code: String,
    pub name: String,
    pub misses: Vec<Miss>,
}

/// Every child unit whose status is "missed" for at least one indicator,
/// most misses first, then by name.
pub fn missed_units(
    snap: &ProvinceSnapshot,
    children: &[&UnitInfo],
    period: Period,
    targets: &Targets,
) -> Vec<MissedUnit> {
    let mut out: Vec<MissedUnit> = children
        .iter()
        .filter_map(|u| {
            let counts = snap.counts(&u.code, period)?;
            let misses: Vec<Miss> = Indicator::ALL
                .into_iter()
                .filter(|ind| ind.status(&counts, targets) == Some(Status::Missed))
                .map(|ind| Miss {
                    ind,
                    value: ind.value(&counts),
                })
                .collect();
            (!misses.is_empty()).then(|| MissedUnit {
                code: u.code.clone(),
                name: u.name.clone(),
                misses,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.misses
            .len()
            .cmp(&a.misses.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// Everything the deck shows, computed once per unit and period.
#[derive(Clone, Debug, PartialEq)]
pub struct Deck {
    pub unit: UnitInfo,
    pub period: Period,
    pub as_of: NaiveDate,
    pub source: String,
    pub sample: bool,
    /// The level of the child units, to name them ("xã"); `None` if mixed.
    pub level: Option<Level>,
    pub indicators: Vec<IndicatorSlide>,
    pub missed: Vec<MissedUnit>,
    pub children: usize,
    pub slides: Vec<Slide>,
}

impl Deck {
    pub fn build(base: &Base, snap: &ProvinceSnapshot, unit: &UnitInfo, period: Period) -> Deck {
        let targets = &base.manifest.targets;
        let children = base.children(&unit.code);
        let data = (base.manifest.first_month, base.manifest.last_month);
        let indicators = Indicator::ALL
            .into_iter()
            .map(|ind| indicator_slide(snap, &unit.code, &children, period, ind, targets, data))
            .collect();
        let missed = missed_units(snap, &children, period, targets);
        Deck {
            unit: unit.clone(),
            period,
            as_of: base.manifest.as_of,
            source: base.manifest.source.clone(),
            sample: base.manifest.sample,
            level: summary::common_level(&children),
            indicators,
            slides: slide_list(missed.len()),
            missed,
            children: children.len(),
        }
    }

    pub fn indicator(&self, ind: Indicator) -> Option<&IndicatorSlide> {
        self.indicators.iter().find(|s| s.kpi.ind == ind)
    }

    /// The slide numbered `number` (from 1), clamped into the deck.
    pub fn slide(&self, number: usize) -> Slide {
        self.slides[clamp_slide(number, self.slides.len()) - 1]
    }

    /// The units listed on a closing slide.
    pub fn missed_page(&self, page: usize) -> &[MissedUnit] {
        let start = (page * MISSED_PER_SLIDE).min(self.missed.len());
        let end = (start + MISSED_PER_SLIDE).min(self.missed.len());
        &self.missed[start..end]
    }

    /// The presenter's note for a slide: the figure in one plain sentence.
    pub fn note(&self, slide: Slide, lang: Lang) -> String {
        match slide {
            Slide::Title => title_note(self, lang),
            Slide::Indicator(ind) => self
                .indicator(ind)
                .map(|s| indicator_note(s, self.period, self.level, lang))
                .unwrap_or_default(),
            Slide::Missed { .. } => missed_note(&self.missed, self.children, self.level, lang),
        }
    }
}

/// "Huyện Sông Xanh, Tháng 12/2024, số liệu đến ngày 31/12/2024: 3 trên 6 chỉ số đạt chỉ tiêu."
pub fn title_note(deck: &Deck, lang: Lang) -> String {
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
        Text::AsOf.get(lang).to_lowercase(),
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
pub fn indicator_note(
    s: &IndicatorSlide,
    period: Period,
    level: Option<Level>,
    lang: Lang,
) -> String {
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
                let noun = i18n::units_noun(level, lang);
                sentence.push_str("; ");
                sentence.push_str(&missed_count_phrase(s.missed, noun, lang));
            }
        }
        None => {
            sentence.push_str("; ");
            sentence.push_str(&words::no_target_phrase(lang).to_lowercase());
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
pub fn missed_note(
    missed: &[MissedUnit],
    children: usize,
    level: Option<Level>,
    lang: Lang,
) -> String {
    let noun = i18n::units_noun(level, lang);
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
    let noun = i18n::units_noun(level, lang);
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
    let noun = i18n::units_noun(level, lang);
    match (lang, ind.higher_is_better()) {
        (Lang::Vi, true) => format!("{n} {noun} cao nhất"),
        (Lang::Vi, false) => format!("{n} {noun} ít nhất"),
        (Lang::En, true) => format!("Top {n} {noun}"),
        (Lang::En, false) => format!("{n} {noun} with the fewest"),
    }
}

pub fn worst_heading(ind: Indicator, n: usize, level: Option<Level>, lang: Lang) -> String {
    let noun = i18n::units_noun(level, lang);
    match (lang, ind.higher_is_better()) {
        (Lang::Vi, true) => format!("{n} {noun} thấp nhất"),
        (Lang::Vi, false) => format!("{n} {noun} nhiều nhất"),
        (Lang::En, true) => format!("Bottom {n} {noun}"),
        (Lang::En, false) => format!("{n} {noun} with the most"),
    }
}

/// The heading of a closing slide: "Đơn vị chưa đạt chỉ tiêu (2/3)".
pub fn missed_heading(page: usize, pages: usize, lang: Lang) -> String {
    let title = Text::MissedTitle.get(lang);
    if pages > 1 {
        format!("{title} ({}/{pages})", page + 1)
    } else {
        title.to_string()
    }
}

/// The short name of an indicator on the closing slide's chips.
pub fn short_name(ind: Indicator, lang: Lang) -> &'static str {
    match ind {
        Indicator::OnTime => Text::OnTimeShort.get(lang),
        Indicator::Online => Text::OnlineShort.get(lang),
        Indicator::Services => Text::ServicesShort.get(lang),
        Indicator::Satisfaction => Text::SatisfiedShort.get(lang),
        Indicator::Apology => Text::ApologyShort.get(lang),
        Indicator::Overdue => Text::OverdueShort.get(lang),
    }
}

/// "✗ Đúng hạn 88,2 %".
pub fn miss_chip(miss: &Miss, lang: Lang) -> String {
    format!(
        "{} {} {}",
        i18n::status_icon(Status::Missed),
        short_name(miss.ind, lang),
        fmt_value(miss.ind, miss.value, lang)
    )
}

/// The slide number of the URL (`slide=N`, from 1); 1 when absent or bad.
pub fn parse_slide(text: Option<&str>) -> usize {
    text.and_then(|t| t.trim().parse().ok()).unwrap_or(1).max(1)
}

/// A slide number kept inside a deck of `total` slides.
pub fn clamp_slide(number: usize, total: usize) -> usize {
    number.clamp(1, total.max(1))
}

/// The URL of a slide: `/briefing?unit=…&period=…&lang=…&slide=N`, with
/// `&notes=1` while the presenter's notes are shown.
pub fn briefing_href(state: &ViewState, slide: usize, notes: bool) -> String {
    let mut query = Vec::new();
    if let Some(unit) = &state.unit {
        query.push(format!("unit={}", encode(unit)));
    }
    if let Some(period) = state.period {
        query.push(format!("period={period}"));
    }
    query.push(format!("lang={}", state.lang.code()));
    query.push(format!("slide={slide}"));
    if notes {
        query.push("notes=1".to_string());
    }
    format!("/briefing?{}", query.join("&"))
}

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Next,
    Previous,
    First,
    Last,
    /// A digit of a slide number to jump to (confirmed with Enter).
    Digit(u8),
    /// Jumps to the typed number, or goes on to the next slide.
    Enter,
    /// Removes the last typed digit.
    Backspace,
    ToggleFullscreen,
    /// Leaves full screen and forgets typed digits.
    Escape,
    ToggleNotes,
}

/// The action of a `KeyboardEvent.key`; `None` leaves the key to the
/// browser (so Ctrl+F, Alt+Left and Tab keep working). Presentation
/// clickers send PageUp / PageDown (some send arrows or B / period).
pub fn action_for_key(key: &str, shift: bool, ctrl_alt_meta: bool) -> Option<Action> {
    if ctrl_alt_meta {
        return None;
    }
    Some(match key {
        "ArrowRight" | "ArrowDown" | "PageDown" => Action::Next,
        " " | "Spacebar" if shift => Action::Previous,
        " " | "Spacebar" => Action::Next,
        "ArrowLeft" | "ArrowUp" | "PageUp" => Action::Previous,
        "Home" => Action::First,
        "End" => Action::Last,
        "Enter" => Action::Enter,
        "Backspace" => Action::Backspace,
        "f" | "F" => Action::ToggleFullscreen,
        "Escape" | "Esc" => Action::Escape,
        "n" | "N" => Action::ToggleNotes,
        _ => {
            let mut chars = key.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_digit() => Action::Digit(c as u8 - b'0'),
                _ => return None,
            }
        }
    })
}

/// What the page must do after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Show this slide (from 1) and put it in the URL.
    Go(usize),
    ToggleFullscreen,
    ExitFullscreen,
    ToggleNotes,
    /// Only the typed digits changed (shown in the corner).
    Typed,
}

/// The navigation state: the current slide, the deck's size and the digits
/// typed so far for a jump.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Nav {
    pub current: usize,
    pub total: usize,
    pub typed: String,
}

impl Nav {
    pub fn new(current: usize, total: usize) -> Nav {
        Nav {
            current: clamp_slide(current, total),
            total: total.max(1),
            typed: String::new(),
        }
    }

    /// Applies an action; moving past either end stays on the end slide.
    pub fn apply(&mut self, action: Action) -> Command {
        let go = |nav: &mut Nav, n: usize| {
            nav.typed.clear();
            nav.current = clamp_slide(n, nav.total);
            Command::Go(nav.current)
        };
        match action {
            Action::Next => go(self, self.current + 1),
            Action::Previous => go(self, self.current.saturating_sub(1)),
            Action::First => go(self, 1),
            Action::Last => go(self, self.total),
            Action::Digit(d) => {
                if self.typed.len() < 3 {
                    self.typed.push(char::from(b'0' + d));
                }
                Command::Typed
            }
            Action::Backspace => {
                self.typed.pop();
                Command::Typed
            }
            Action::Enter => match self.typed.parse::<usize>() {
                Ok(n) => go(self, n),
                Err(_) => go(self, self.current + 1),
            },
            Action::ToggleFullscreen => Command::ToggleFullscreen,
            Action::Escape => {
                self.typed.clear();
                Command::ExitFullscreen
            }
            Action::ToggleNotes => Command::ToggleNotes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::tests::{base, unit};
    use contract::{Count, Counts};

    fn row(key: &str, value: Option<f64>) -> Row {
        crate::summary::tests::row(key, value, None)
    }

    fn keys(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.key.as_str()).collect()
    }

    #[test]
    fn best_and_worst_five_never_overlap() {
        let rows: Vec<Row> = (0..12)
            .map(|i| row(&format!("{i:02}"), Some(1.0 - i as f64 / 100.0)))
            .chain([row("nd", None)])
            .collect();
        let (best, worst) = best_and_worst(&rows, 5);
        assert_eq!(keys(&best), ["00", "01", "02", "03", "04"]);
        assert_eq!(keys(&worst), ["11", "10", "09", "08", "07"]);
        let (best, worst) = best_and_worst(&rows[..7], 5);
        assert_eq!(keys(&best), ["00", "01", "02", "03"]);
        assert_eq!(keys(&worst), ["06", "05", "04"]);
        let (best, worst) = best_and_worst(&rows[..1], 5);
        assert_eq!((best.len(), worst.len()), (1, 0));
        let (best, worst) = best_and_worst(&[row("nd", None)], 5);
        assert!(best.is_empty() && worst.is_empty());
    }

    fn record(resolved: u64, good: u64, received: u64, online: u64) -> Counts {
        let mut c = Counts::zero();
        c[Count::ResolvedTotal] = Some(resolved);
        c[Count::ResolvedEarly] = Some(good);
        c[Count::ResolvedLate] = Some(resolved - good);
        c[Count::LateWithApology] = Some(resolved - good);
        c[Count::ReceivedTotal] = Some(received);
        c[Count::ReceivedOnline] = Some(online);
        c
    }

    /// The test tree of `data::tests::base` (01 › 001, 002, 0002) over Jan–Feb 2024.
    fn snapshot() -> ProvinceSnapshot {
        crate::data::tests::snapshot(
            "2024-01",
            vec![
                (
                    "01",
                    vec![record(200, 190, 200, 120), record(200, 195, 200, 110)],
                ),
                (
                    "001",
                    vec![record(100, 100, 100, 80), record(100, 100, 100, 20)],
                ),
                ("002", vec![record(50, 40, 50, 20), record(50, 40, 50, 10)]),
                ("0002", vec![record(50, 50, 50, 20), record(50, 50, 50, 40)]),
            ],
        )
    }

    fn deck() -> Deck {
        let base = base();
        let unit = base.unit("01").unwrap().clone();
        Deck::build(&base, &snapshot(), &unit, Period::parse("2024-02").unwrap())
    }

    #[test]
    fn the_deck_has_a_title_six_indicators_and_a_closing_slide() {
        let d = deck();
        assert_eq!(d.slides.len(), 8);
        assert_eq!(d.slides[0], Slide::Title);
        assert_eq!(d.slides[1], Slide::Indicator(Indicator::OnTime));
        assert_eq!(d.slides[6], Slide::Indicator(Indicator::Overdue));
        assert_eq!(d.slides[7], Slide::Missed { page: 0, pages: 1 });
        assert_eq!(d.slide(0), Slide::Title);
        assert_eq!(d.slide(99), Slide::Missed { page: 0, pages: 1 });
        // A long closing list continues on further slides.
        assert_eq!(slide_list(0).len(), 8);
        assert_eq!(slide_list(MISSED_PER_SLIDE).len(), 8);
        assert_eq!(slide_list(MISSED_PER_SLIDE + 1).len(), 9);
        assert_eq!(slide_list(17)[9], Slide::Missed { page: 2, pages: 3 });
    }

    #[test]
    fn headline_best_worst_and_missed_come_from_the_contract() {
        let d = deck();
        let on_time = d.indicator(Indicator::OnTime).unwrap();
        assert_eq!(on_time.kpi.value, Some(0.975));
        assert_eq!(on_time.kpi.status, Some(Status::Near));
        assert_eq!(keys(&on_time.best), ["0002", "001"], "ties by name");
        assert_eq!(keys(&on_time.worst), ["002"]);
        assert_eq!((on_time.missed, on_time.children), (1, 3));
        // 002 misses on-time (80 %) and online (20 %); 001 only online (20 %).
        let names: Vec<(&str, usize)> = d
            .missed
            .iter()
            .map(|m| (m.code.as_str(), m.misses.len()))
            .collect();
        assert_eq!(names, [("002", 2), ("001", 1)]);
        assert_eq!(
            miss_chip(&d.missed[0].misses[0], Lang::Vi),
            "✗ Đúng hạn 80,0 %"
        );
        assert_eq!(d.missed_page(0).len(), 2);
        assert!(d.missed_page(1).is_empty());
    }

    #[test]
    fn notes_state_the_figure_in_one_sentence() {
        let d = deck();
        let slide = Slide::Indicator(Indicator::OnTime);
        assert_eq!(
            d.note(slide, Lang::Vi),
            "Tháng 2/2024: 97,5 % hồ sơ đúng hạn, thấp hơn chỉ tiêu 100 %; 1 đơn vị chưa đạt."
        );
        assert_eq!(
            d.note(slide, Lang::En),
            "February 2024: 97.5% of dossiers resolved on time, below the target of 100%; units that missed it: 1."
        );
        assert_eq!(
            d.note(Slide::Indicator(Indicator::Apology), Lang::Vi),
            "Tháng 2/2024: 100,0 % hồ sơ trễ hạn có thư xin lỗi, đạt chỉ tiêu 100 %; không có đơn vị nào chưa đạt."
        );
        assert_eq!(
            d.note(Slide::Indicator(Indicator::Services), Lang::Vi),
            "Tháng 2/2024: chưa có số liệu về dịch vụ công trực tuyến."
        );
        assert_eq!(
            d.note(Slide::Title, Lang::Vi),
            "Unit 01, Tháng 2/2024, số liệu đến ngày 29/02/2024: 3 trên 5 chỉ số đạt chỉ tiêu."
        );
        assert_eq!(
            d.note(Slide::Missed { page: 0, pages: 1 }, Lang::Vi),
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
            &snapshot(),
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
    fn keys_and_clicker_buttons_map_to_actions() {
        let a = |k: &str| action_for_key(k, false, false);
        for k in ["ArrowRight", "ArrowDown", "PageDown", " "] {
            assert_eq!(a(k), Some(Action::Next), "{k}");
        }
        for k in ["ArrowLeft", "ArrowUp", "PageUp"] {
            assert_eq!(a(k), Some(Action::Previous), "{k}");
        }
        assert_eq!(action_for_key(" ", true, false), Some(Action::Previous));
        assert_eq!(a("Home"), Some(Action::First));
        assert_eq!(a("End"), Some(Action::Last));
        assert_eq!(a("7"), Some(Action::Digit(7)));
        assert_eq!(a("F"), Some(Action::ToggleFullscreen));
        assert_eq!(a("Escape"), Some(Action::Escape));
        assert_eq!(a("n"), Some(Action::ToggleNotes));
        assert_eq!(a("Tab"), None);
        assert_eq!(a("x"), None);
        assert_eq!(
            action_for_key("f", false, true),
            None,
            "Ctrl+F stays the browser's"
        );
    }

    #[test]
    fn navigation_stays_inside_the_deck_and_jumps_by_number() {
        let mut nav = Nav::new(1, 8);
        assert_eq!(nav.apply(Action::Previous), Command::Go(1));
        assert_eq!(nav.apply(Action::Next), Command::Go(2));
        assert_eq!(nav.apply(Action::Last), Command::Go(8));
        assert_eq!(nav.apply(Action::Next), Command::Go(8));
        assert_eq!(nav.apply(Action::First), Command::Go(1));
        assert_eq!(nav.apply(Action::Digit(1)), Command::Typed);
        assert_eq!(nav.apply(Action::Digit(2)), Command::Typed);
        assert_eq!(nav.apply(Action::Backspace), Command::Typed);
        assert_eq!(nav.typed, "1");
        assert_eq!(nav.apply(Action::Digit(5)), Command::Typed);
        assert_eq!(
            nav.apply(Action::Enter),
            Command::Go(8),
            "15 is past the end"
        );
        assert_eq!(nav.typed, "");
        nav.apply(Action::Digit(3));
        assert_eq!(nav.apply(Action::Escape), Command::ExitFullscreen);
        assert_eq!(nav.apply(Action::Enter), Command::Go(8));
        assert_eq!(Nav::new(0, 8).current, 1);
        assert_eq!(Nav::new(20, 8).current, 8);
    }

    #[test]
    fn the_url_names_the_slide() {
        let query = [
            ("unit", "991"),
            ("period", "2024-Q1"),
            ("ind", "online"),
            ("lang", "en"),
        ];
        let get = |k: &str| {
            query
                .iter()
                .find(|(q, _)| *q == k)
                .map(|(_, v)| v.to_string())
        };
        let state = ViewState::parse(get, "/briefing");
        assert_eq!(
            briefing_href(&state, 3, false),
            "/briefing?unit=991&period=2024-Q1&lang=en&slide=3"
        );
        assert_eq!(
            briefing_href(&state, 1, true),
            "/briefing?unit=991&period=2024-Q1&lang=en&slide=1&notes=1"
        );
        assert_eq!(parse_slide(Some("4")), 4);
        assert_eq!(parse_slide(Some("0")), 1);
        assert_eq!(parse_slide(Some("x")), 1);
        assert_eq!(parse_slide(None), 1);
        assert_eq!(clamp_slide(9, 8), 8);
    }
}
