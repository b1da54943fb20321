//! Briefing mode (`/briefing?unit=…&period=…&slide=N`): a full-screen deck
//! for the steering committee's projector. The slides, their figures, the
//! notes and the key mapping are plain functions in `crate::slides`; this
//! component only wires them to the URL, the keyboard and the window.

use super::layout::ProblemBox;
use super::{Ctx, Problem};
use crate::charts::trend::{self, Style};
use crate::i18n::{
    self, fmt_change, fmt_count, fmt_date, fmt_period, fmt_target, fmt_value, indicator_meaning,
    indicator_name, Lang, Text,
};
use crate::slides::{self, Action, Command, Deck, IndicatorSlide, Nav, Slide, BODY_VH};
use crate::summary::Row;
use contract::{Count, Indicator, Status};
use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The window's inner size in CSS pixels.
fn viewport() -> (f64, f64) {
    let size = web_sys::window().map(|w| {
        let get = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
        (get(w.inner_width()), get(w.inner_height()))
    });
    match size {
        Some((Some(w), Some(h))) => (w, h),
        _ => (1920.0, 1080.0),
    }
}

/// F: full screen on, or off again.
fn toggle_fullscreen() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    } else if let Some(root) = doc.document_element() {
        let _ = root.request_fullscreen();
    }
}

fn exit_fullscreen() {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if doc.fullscreen_element().is_some() {
            doc.exit_fullscreen();
        }
    }
}

/// Whether a key press belongs to a focused link or button (Enter, Space),
/// which then acts itself rather than turning the slide.
fn on_control(e: &web_sys::KeyboardEvent) -> bool {
    let tag = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| el.tag_name().to_ascii_lowercase());
    matches!(tag.as_deref(), Some("a" | "button")) && matches!(e.key().as_str(), "Enter" | " ")
}

#[component]
pub fn Briefing() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let query = use_query_map();
    let navigate = StoredValue::new_local(use_navigate());
    let requested =
        Memo::new(move |_| query.with(|q| slides::parse_slide(q.get("slide").as_deref())));
    let notes = Memo::new(move |_| query.with(|q| q.get("notes").as_deref() == Some("1")));
    let deck = Memo::new(move |_| {
        ctx.model.with(|m| {
            m.as_ref()
                .map(|m| Arc::new(Deck::build(&m.base, &m.snap, &m.unit, m.period)))
                .map_err(Clone::clone)
        })
    });
    let current = Memo::new(move |_| {
        let total = deck.with(|d| d.as_ref().map_or(1, |d| d.slides.len()));
        slides::clamp_slide(requested.get(), total)
    });
    let typed = RwSignal::new(String::new());
    let size = RwSignal::new(viewport());
    let resize = window_event_listener(ev::resize, move |_| size.set(viewport()));

    // The URL follows the slide (replacing the entry, so Back leaves the deck).
    let go = move |number: usize, notes: bool| {
        let href = slides::briefing_href(&ctx.link_state(), number, notes);
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate.with_value(|navigate| navigate(&href, options));
    };
    let run = move |action: Action| {
        let Some(total) = deck.with_untracked(|d| d.as_ref().ok().map(|d| d.slides.len())) else {
            return;
        };
        let mut nav = Nav {
            typed: typed.get_untracked(),
            ..Nav::new(current.get_untracked(), total)
        };
        let command = nav.apply(action);
        typed.set(nav.typed);
        match command {
            Command::Go(n) => go(n, notes.get_untracked()),
            Command::ToggleFullscreen => toggle_fullscreen(),
            Command::ExitFullscreen => exit_fullscreen(),
            Command::ToggleNotes => go(current.get_untracked(), !notes.get_untracked()),
            Command::Typed => {}
        }
    };
    let keys = window_event_listener(ev::keydown, move |e| {
        let modifiers = e.ctrl_key() || e.alt_key() || e.meta_key();
        let Some(action) = slides::action_for_key(&e.key(), e.shift_key(), modifiers) else {
            return;
        };
        if on_control(&e) {
            return;
        }
        e.prevent_default();
        run(action);
    });
    on_cleanup(move || {
        keys.remove();
        resize.remove();
    });
    // The tab's title names the deck and the slide.
    Effect::new(move |_| {
        let lang = ctx.lang();
        let title = format!(
            "{} {} — {}",
            Text::SlideNumber.get(lang),
            current.get(),
            Text::Briefing.get(lang)
        );
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&title);
        }
    });

    view! {
        <div class="briefing" data-testid="briefing">
            {move || match deck.get() {
                Err(Problem::Loading) => view! { <ProblemBox problem=Problem::Loading/> }.into_any(),
                Err(problem) => view! { <div class="briefing-problem"><ProblemBox problem=problem/></div> }.into_any(),
                Ok(d) => {
                    let lang = ctx.lang();
                    let number = current.get();
                    let slide = d.slide(number);
                    let note = notes.get().then(|| d.note(slide, lang));
                    view! {
                        {slide_view(&d, slide, lang, size)}
                        {note.map(|n| view! {
                            <aside class="deck-notes" data-testid="notes" aria-label=Text::PresenterNotes.get(lang)>{n}</aside>
                        })}
                        {deck_footer(&d, number, lang, run, ctx)}
                    }
                    .into_any()
                }
            }}
            {move || {
                let t = typed.get();
                (!t.is_empty()).then(|| view! { <p class="deck-jump" role="status" data-testid="jump">"→ "{t}</p> })
            }}
        </div>
    }
}

/// The bottom line: area and period, sample notice, buttons, slide number.
fn deck_footer<F: Fn(Action) + Copy + 'static>(
    d: &Deck,
    number: usize,
    lang: Lang,
    run: F,
    ctx: Ctx,
) -> impl IntoView + use<F> {
    let exit = ctx.link_state().href();
    let total = d.slides.len();
    view! {
        <footer class="deck-foot">
            // The slide above names the area and period; the footer keeps the sample notice.
            <span class="deck-where">
                {d.sample.then(|| view! { <span class="deck-sample">"⚠ "{Text::SampleShort.get(lang)}</span> })}
            </span>
            <span class="deck-controls">
                <button type="button" on:click=move |_| run(Action::Previous) aria-label=Text::PreviousSlide.get(lang) title=Text::PreviousSlide.get(lang)>"‹"</button>
                <button type="button" on:click=move |_| run(Action::Next) aria-label=Text::NextSlide.get(lang) title=Text::NextSlide.get(lang)>"›"</button>
                <button type="button" on:click=move |_| run(Action::ToggleFullscreen) aria-label=Text::FullScreen.get(lang) title=Text::FullScreen.get(lang)>"F"</button>
                <button type="button" on:click=move |_| run(Action::ToggleNotes) aria-label=Text::PresenterNotes.get(lang) title=Text::PresenterNotes.get(lang)>"N"</button>
                <a href=exit class="deck-exit">{Text::ExitBriefing.get(lang)}</a>
            </span>
            <span class="deck-number" data-testid="slide-number" aria-label=format!("{} {number} / {total}", Text::SlideNumber.get(lang))>
                {number}" / "{total}
            </span>
        </footer>
    }
}

fn slide_view(d: &Deck, slide: Slide, lang: Lang, size: RwSignal<(f64, f64)>) -> AnyView {
    match slide {
        Slide::Title => title_slide(d, lang).into_any(),
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
            <span class=format!("deck-status status-{}", i18n::status_class(s))>
                <span aria-hidden="true">{i18n::status_icon(s)}</span>" "{i18n::status_text(s, lang)}
            </span>
        }
    })
}

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
    view! {
        <section class="slide slide-title" data-testid="slide" data-slide="title">
            <p class="slide-kicker">{Text::Title.get(lang)}</p>
            <h1 data-testid="slide-heading">{d.unit.name.clone()}</h1>
            <p class="title-period" data-testid="title-period">{fmt_period(d.period, lang)}</p>
            <p class="title-asof" data-testid="as-of">{Text::AsOf.get(lang)}" "<strong>{fmt_date(d.as_of, lang)}</strong>{source}</p>
            {d.sample.then(|| view! { <p class="title-sample" role="note">"⚠ "{Text::SampleBanner.get(lang)}</p> })}
            <ul class="title-list">{items}</ul>
            <p class="title-keys">{Text::BriefingKeys.get(lang)}</p>
        </section>
    }
}

fn rank_list(
    rows: &[Row],
    ind: Indicator,
    lang: Lang,
    test_id: &'static str,
) -> impl IntoView + use<> {
    let items = rows
        .iter()
        .map(|r| {
            let status = r.status.map(|s| view! { <span class="rank-status" aria-label=i18n::status_text(s, lang)>{i18n::status_icon(s)}</span> });
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

fn indicator_slide(
    d: &Deck,
    s: &IndicatorSlide,
    lang: Lang,
    size: RwSignal<(f64, f64)>,
) -> impl IntoView + use<> {
    let k = &s.kpi;
    let ind = k.ind;
    let status_class = k.status.map_or("none", i18n::status_class);
    let target = match k.target {
        Some(_) => format!(
            "{}: {}",
            Text::Target.get(lang),
            fmt_target(ind, k.target, lang)
        ),
        None => Text::NoTarget.get(lang).to_string(),
    };
    let services = (ind == Indicator::Services).then(|| {
        let c = k.counts.unwrap_or_default();
        view! {
            <dl class="deck-services">
                <div><dt>{Text::Level3.get(lang)}</dt><dd>{fmt_count(c[Count::Level3Services], lang)}</dd></div>
                <div><dt>{Text::Level4.get(lang)}</dt><dd>{fmt_count(c[Count::Level4Services], lang)}</dd></div>
                <div><dt>{Text::OnlineDossiers34.get(lang)}</dt><dd>{fmt_count(c.level34_online_dossiers(), lang)}</dd></div>
            </dl>
        }
    });
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
                {list(&s.best, slides::best_heading(ind, s.best.len(), d.level, lang), "best")}
                {list(&s.worst, slides::worst_heading(ind, s.worst.len(), d.level, lang), "worst")}
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
                    <p class="headline-value" class:no-data=k.value.is_none() data-testid="headline">{fmt_value(ind, k.value, lang)}</p>
                    <p class="headline-status">{status_badge(k.status, lang)}</p>
                    <p class="headline-target" data-testid="target">{target}</p>
                    <dl class="headline-changes">
                        <div><dt>{Text::VsPrevious.get(lang)}</dt><dd data-testid="change-prev">{fmt_change(ind, k.vs_previous, lang)}</dd></div>
                        <div><dt>{Text::VsYearEarlier.get(lang)}</dt><dd data-testid="change-year">{fmt_change(ind, k.vs_year_earlier, lang)}</dd></div>
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
        let (_, vh) = size.get();
        if let Some(el) = node.get() {
            let (w, h) = (
                el.client_width().max(0) as u32,
                el.client_height().max(0) as u32,
            );
            drawn.set(Some((w, h, vh * BODY_VH / 100.0)));
        }
    });
    let (points, target, highlight) = (s.points.clone(), s.kpi.target, d.period.months());
    let title = format!(
        "{}: {}, {}",
        Text::Trend.get(lang),
        indicator_name(ind, lang),
        d.unit.name
    );
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
                        ind,
                        lang,
                        title: &title,
                        width: w,
                    },
                    &Style::projector(h, text_px),
                )
            })
    };
    view! { <div class="slide-chart" node_ref=node data-testid="trend-chart" inner_html=svg></div> }
}

fn missed_slide(d: &Deck, page: usize, pages: usize, lang: Lang) -> impl IntoView + use<> {
    let noun = i18n::units_noun(d.level, lang);
    let body = if d.children == 0 {
        view! { <p class="missed-none">{Text::NoChildren.get(lang)}</p> }.into_any()
    } else if d.missed.is_empty() {
        view! { <p class="missed-none">"✓ "{slides::all_met_phrase(d.children, noun, lang)}</p> }
            .into_any()
    } else {
        let items = d
            .missed_page(page)
            .iter()
            .map(|u| {
                let chips = u
                    .misses
                    .iter()
                    .map(|m| view! { <li>{slides::miss_chip(m, lang)}</li> })
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
            slides::missed_summary(d.missed.len(), d.children, d.level, lang)
        )
    });
    view! {
        <section class="slide slide-missed" data-testid="slide" data-slide="missed">
            <header class="slide-head">
                <h1 data-testid="slide-heading">{slides::missed_heading(page, pages, lang)}</h1>
                <p class="slide-sub">{d.unit.name.clone()}" · "{fmt_period(d.period, lang)}</p>
            </header>
            {count.map(|c| view! { <p class="missed-count">{c}</p> })}
            {body}
        </section>
    }
}
