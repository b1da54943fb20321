//! How each slide of the deck is drawn: the title slide with the six
//! headline figures, an indicator slide (headline, target, changes, trend
//! chart, best and worst lists) and the closing slides of the units that
//! missed a target. Text is sized for the back of the room.

use super::deck::{Deck, IndicatorSlide, Slide};
use super::index_slide::{index_slide, IndexSlide};
use super::notes;
use super::words::Words;
use crate::charts::trend::{self, Style};
use crate::history;
use crate::i18n::{
    fmt_date, fmt_period, fmt_value, indicator_meaning, indicator_name, status_icon, status_text,
    units_noun, words, Lang, Text,
};
use crate::parts::kpi::services_list;
use crate::parts::status::status_class;
use crate::summary::Row;
use contract::{Indicator, Status};
use leptos::prelude::*;

/// Body text of a slide in percent of the viewport's height: a little over
/// 1/30 (3.33 %), the spec's floor for reading from the back of the room.
/// `public/style.css` (briefing section) uses the same `3.4vh`; charts draw
/// their labels at this size.
const BODY_VH: f64 = 3.4;

/// On a phone (at most 600 px wide) the body text is 4.4 % of the width
/// instead (the briefing's phone section of `public/style.css`).
const PHONE_WIDTH: f64 = 600.0;
const PHONE_BODY_VW: f64 = 4.4;

/// The slide's body text in CSS pixels for a window of `(width, height)`.
fn body_px((width, height): (f64, f64)) -> f64 {
    match width <= PHONE_WIDTH {
        true => width * PHONE_BODY_VW / 100.0,
        false => height * BODY_VH / 100.0,
    }
}

/// The slide shown: its kind's view for the deck.
pub fn slide_view(
    d: &Deck,
    slide: Slide,
    index: Memo<IndexSlide>,
    lang: Lang,
    size: RwSignal<(f64, f64)>,
) -> AnyView {
    match slide {
        Slide::Title => title_slide(d, lang).into_any(),
        Slide::Index => index_slide(d, index, lang).into_any(),
        Slide::Indicator(ind) => match d.indicator(ind) {
            Some(s) => indicator_slide(d, s, lang, size).into_any(),
            None => ().into_any(),
        },
        Slide::Missed { page, pages } => missed_slide(d, page, pages, lang).into_any(),
    }
}

/// A status as glyph and word (never colour alone), or nothing.
fn status_badge(status: Option<Status>, lang: Lang) -> impl IntoView + use<> {
    status.map(|s| {
        view! {
            <span class=format!("deck-status status-{}", status_class(s))>
                <span aria-hidden="true">{status_icon(s)}</span>" "{status_text(s, lang)}
            </span>
        }
    })
}

/// Area, period, "as of" date and the six headline figures.
fn title_slide(d: &Deck, lang: Lang) -> impl IntoView + use<> {
    let items = d
        .indicators
        .iter()
        .map(|s| {
            let key = s.kpi.ind.key();
            view! {
                <li>
                    <span class="title-ind">{indicator_name(s.kpi.ind, lang)}</span>
                    <span class="title-value" data-testid=format!("title-{key}")>{fmt_value(s.kpi.ind, s.kpi.value, lang)}</span>
                    <span class="title-status">{status_badge(s.kpi.status, lang)}</span>
                </li>
            }
        })
        .collect_view();
    let source =
        (!d.source.is_empty()).then(|| format!(" · {}: {}", Text::Source.get(lang), d.source));
    // The sample's warning, and that units changed when the unit's figures cross a change.
    let sample = d
        .sample
        .then(|| format!("⚠ {}", Text::SampleBanner.get(lang)));
    let notes = sample
        .into_iter()
        .chain(history::units_changed(&d.unit, lang))
        .chain(d.offline.then(|| Text::Offline.get(lang).to_string()));
    view! {
        <section class="slide slide-title" data-testid="slide" data-slide="title">
            <p class="slide-kicker">{Text::Title.get(lang)}</p>
            <h1 data-testid="slide-heading">{d.unit.name.clone()}</h1>
            <p class="title-period" data-testid="title-period">{fmt_period(d.period, lang)}</p>
            <p class="title-asof" data-testid="as-of">{Text::AsOf.get(lang)}" "<strong>{fmt_date(d.as_of, lang)}</strong>{source}</p>
            {notes.into_iter().map(|n| view! { <p class="title-sample" role="note">{n}</p> }).collect_view()}
            <ul class="title-list">{items}</ul>
            <p class="title-keys">{Words::BriefingKeys.get(lang)}</p>
        </section>
    }
}

/// A best or worst list: name, value and status glyph.
fn rank_list(
    rows: &[Row],
    ind: Indicator,
    lang: Lang,
    test_id: &'static str,
) -> impl IntoView + use<> {
    let items = rows
        .iter()
        .map(|r| {
            let status = r.status.map(|s| view! { <span class="rank-status" aria-label=status_text(s, lang)>{status_icon(s)}</span> });
            view! {
                <li>
                    <span class="rank-name">{r.label.clone()}</span>
                    <span class="rank-value">{fmt_value(ind, r.value, lang)}{status}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="rank-list" data-testid=test_id>{items}</ol> }
}

/// One indicator: headline, status, target, changes, trend, best and worst.
fn indicator_slide(
    d: &Deck,
    s: &IndicatorSlide,
    lang: Lang,
    size: RwSignal<(f64, f64)>,
) -> impl IntoView + use<> {
    let k = &s.kpi;
    let ind = k.ind;
    let status_class = k.status.map_or("none", status_class);
    let target = words::target_line(ind, k.target, lang);
    let services =
        (ind == Indicator::Services).then(|| services_list("deck-services", k.counts, lang));
    // Best and worst lists (the worst is empty with a single child unit).
    let list = |rows: &[Row], heading: String, test_id: &'static str| {
        (!rows.is_empty()).then(|| {
            view! {
                <section>
                    <h2>{heading}</h2>
                    {rank_list(rows, ind, lang, test_id)}
                </section>
            }
        })
    };
    let ranks = (s.children > 0).then(|| {
        view! {
            <div class="slide-ranks">
                {list(&s.best, notes::best_heading(ind, s.best.len(), d.level, lang), "best")}
                {list(&s.worst, notes::worst_heading(ind, s.worst.len(), d.level, lang), "worst")}
            </div>
        }
    });
    view! {
        <section class="slide slide-indicator" data-status=status_class data-testid="slide" data-slide=ind.key()>
            <header class="slide-head">
                <h1 data-testid="slide-heading">{indicator_name(ind, lang)}</h1>
                <p class="slide-sub">{d.unit.name.clone()}" · "{fmt_period(d.period, lang)}" · "{indicator_meaning(ind, lang)}</p>
            </header>
            <div class="slide-body">
                <div class="headline">
                    <p class="headline-value" class:no-data=k.value.is_none() data-testid="headline">{history::fmt_value_across(ind, k.value, &d.unit, d.period, d.first, lang)}</p>
                    <p class="headline-status">{status_badge(k.status, lang)}</p>
                    <p class="headline-target" data-testid="target">{target}</p>
                    <dl class="headline-changes">
                        <div><dt>{Text::VsPrevious.get(lang)}</dt><dd data-testid="change-prev">{history::fmt_change_across(ind, k.vs_previous, &d.unit, d.period.previous(), d.first, lang)}</dd></div>
                        <div><dt>{Text::VsYearEarlier.get(lang)}</dt><dd data-testid="change-year">{history::fmt_change_across(ind, k.vs_year_earlier, &d.unit, Some(d.period.year_earlier()), d.first, lang)}</dd></div>
                    </dl>
                    {services}
                </div>
                {trend_box(d, s, lang, size)}
            </div>
            {ranks}
        </section>
    }
}

/// The trend chart, drawn at the size of its box (measured once it is on
/// the page and again on every resize) with labels at the slide's text size.
fn trend_box(
    d: &Deck,
    s: &IndicatorSlide,
    lang: Lang,
    size: RwSignal<(f64, f64)>,
) -> impl IntoView + use<> {
    let ind = s.kpi.ind;
    let node = NodeRef::<leptos::html::Div>::new();
    let drawn = RwSignal::new(None::<(u32, u32, f64)>);
    Effect::new(move |_| {
        let text_px = body_px(size.get());
        if let Some(el) = node.get() {
            let (w, h) = (
                el.client_width().max(0) as u32,
                el.client_height().max(0) as u32,
            );
            drawn.set(Some((w, h, text_px)));
        }
    });
    let (points, target, highlight) = (s.points.clone(), s.kpi.target, d.period.months());
    let title = format!(
        "{}: {}, {}",
        Text::Trend.get(lang),
        indicator_name(ind, lang),
        d.unit.name
    );
    let change = history::change_month(&d.unit).map(|c| (c, history::day_of(c, lang)));
    let svg = move || {
        drawn
            .get()
            .filter(|(w, h, _)| *w > 40 && *h > 40)
            .map(|(w, h, text_px)| {
                trend::render_with(
                    &trend::Trend {
                        points: &points,
                        target,
                        highlight,
                        rate: ind.is_rate(),
                        lang,
                        title: &title,
                        width: w,
                        change: change.clone(),
                    },
                    &Style::projector(h, text_px),
                )
            })
    };
    view! { <div class="slide-chart" node_ref=node data-testid="trend-chart" inner_html=svg></div> }
}

/// A closing slide: the units that missed at least one target.
fn missed_slide(d: &Deck, page: usize, pages: usize, lang: Lang) -> impl IntoView + use<> {
    let noun = units_noun(d.level, lang);
    let body = if d.children == 0 {
        view! { <p class="missed-none">{Text::NoChildren.get(lang)}</p> }.into_any()
    } else if d.missed.is_empty() {
        view! { <p class="missed-none">"✓ "{notes::all_met_phrase(d.children, noun, lang)}</p> }
            .into_any()
    } else {
        let items = d
            .missed_page(page)
            .iter()
            .map(|u| {
                let chips = u
                    .misses
                    .iter()
                    .map(|m| view! { <li>{notes::miss_chip(m, lang)}</li> })
                    .collect_view();
                view! {
                    <li>
                        <span class="missed-name">{u.name.clone()}</span>
                        <ul class="missed-chips">{chips}</ul>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="missed-list" data-testid="missed-list">{items}</ul> }.into_any()
    };
    let count = (!d.missed.is_empty()).then(|| {
        format!(
            "{}.",
            notes::missed_summary(d.missed.len(), d.children, d.level, lang)
        )
    });
    view! {
        <section class="slide slide-missed" data-testid="slide" data-slide="missed">
            <header class="slide-head">
                <h1 data-testid="slide-heading">{notes::missed_heading(page, pages, lang)}</h1>
                <p class="slide-sub">{d.unit.name.clone()}" · "{fmt_period(d.period, lang)}</p>
            </header>
            {count.map(|c| view! { <p class="missed-count">{c}</p> })}
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::body_px;

    #[test]
    fn body_text_follows_the_height_and_on_a_phone_the_width() {
        assert!((body_px((1920.0, 1080.0)) - 36.72).abs() < 1e-9);
        assert!((body_px((1024.0, 768.0)) - 26.112).abs() < 1e-9);
        assert!((body_px((360.0, 740.0)) - 15.84).abs() < 1e-9);
    }
}
