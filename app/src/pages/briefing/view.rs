//! Briefing mode (`/briefing?unit=…&period=…&slide=N`): a full-screen deck
//! for the steering committee's projector. The slides, their figures, the
//! notes and the key mapping are plain functions of `deck`, `notes` and
//! `keys`, the slides' markup is in `slide`; this component only wires
//! them to the URL, the keyboard and the window.

use super::deck::{clamp_slide, Deck};
use super::index_slide::IndexSlide;
use super::keys::{action_for_key, Action, Command, Nav};
use super::notes::note;
use super::slide::slide_view;
use super::words::Words;
use crate::charts::export;
use crate::i18n::Lang;
use crate::model::Problem;
use crate::pages::index766::files::IndexFiles;
use crate::parts::layout::ProblemBox;
use crate::parts::share;
use crate::state::Ctx;
use crate::url::Page;
use leptos::ev;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The deck at the URL's slide, with the notes when asked for, driven
/// by the keyboard, a clicker or the footer's buttons.
#[component]
pub fn Briefing() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let requested = Memo::new(move |_| ctx.state.with(|s| position(s.page).0));
    let notes = Memo::new(move |_| ctx.state.with(|s| position(s.page).1));
    let deck = Memo::new(move |_| {
        ctx.model.with(|m| {
            m.as_ref()
                .map(|m| Arc::new(Deck::build(&m.base, &m.snap, &m.unit, m.period())))
                .map_err(Clone::clone)
        })
    });
    // The index slide's figures, once its files are in (they load with
    // the deck, so the slide is ready when the presenter reaches it).
    let files = IndexFiles::load(ctx);
    let index = Memo::new(move |_| {
        let provinces = files.provinces.get().flatten();
        ctx.model.with(|m| match m {
            Ok(m) => IndexSlide::of(m, files.file.get(), provinces.as_deref()),
            Err(_) => IndexSlide::Loading,
        })
    });
    let current = Memo::new(move |_| {
        let total = deck.with(|d| d.as_ref().map_or(1, |d| d.slides.len()));
        clamp_slide(requested.get(), total)
    });
    let typed = RwSignal::new(String::new());
    let go = slide_navigator(ctx);
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
        let Some(action) = action_for_key(&e.key(), e.shift_key(), modifiers) else {
            return;
        };
        if on_control(&e) {
            return;
        }
        e.prevent_default();
        run(action);
    });
    on_cleanup(move || keys.remove());
    title_follows_slide(ctx, current);

    view! {
        <div class="briefing" data-testid="briefing">
            {move || match deck.get() {
                Err(Problem::Loading) => view! { <ProblemBox problem=Problem::Loading/> }.into_any(),
                Err(problem) => view! { <div class="briefing-problem"><ProblemBox problem=problem/></div> }.into_any(),
                Ok(d) => {
                    let lang = ctx.lang();
                    let number = current.get();
                    let slide = d.slide(number);
                    let note = notes.get().then(|| note(&d, slide, index, lang));
                    view! {
                        {slide_view(&d, slide, index, lang, ctx.viewport)}
                        {note.map(|n| view! {
                            <aside class="deck-notes" data-testid="notes" aria-label=Words::PresenterNotes.get(lang)>{n}</aside>
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

/// The slide asked for and whether the notes are shown (slide 1 without
/// notes on another page).
fn position(page: Page) -> (usize, bool) {
    match page {
        Page::Briefing { slide, notes } => (slide, notes),
        _ => (1, false),
    }
}

/// Shows a slide (from 1), with or without the notes, by putting it in the
/// URL (replacing the entry, so Back leaves the deck). Call it while
/// building the component.
fn slide_navigator(ctx: Ctx) -> impl Fn(usize, bool) + Copy + 'static {
    move |slide: usize, notes: bool| {
        let href = ctx.link_state().on(Page::Briefing { slide, notes }).href();
        ctx.location.go(&href, true);
    }
}

/// The tab's title names the deck and the slide.
fn title_follows_slide(ctx: Ctx, current: Memo<usize>) {
    Effect::new(move |_| {
        let lang = ctx.lang();
        let title = format!(
            "{} {} — {}",
            Words::SlideNumber.get(lang),
            current.get(),
            Words::Briefing.get(lang)
        );
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&title);
        }
    });
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

/// Escape: full screen off.
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

/// Saves the slide shown as a PNG, with the "as of" date, the source and
/// the sample label below it.
fn save_slide(ctx: Ctx, file: &str) {
    let caption = ctx
        .model
        .with_untracked(|m| m.as_ref().map(share::credits).unwrap_or_default());
    share::save_element_png(
        "[data-testid=slide]",
        &caption.join(" · "),
        &format!("{file}.png"),
    );
}

/// The bottom line: sample notice, buttons, slide number.
fn deck_footer<F: Fn(Action) + Copy + 'static>(
    d: &Deck,
    number: usize,
    lang: Lang,
    run: F,
    ctx: Ctx,
) -> impl IntoView + use<F> {
    let exit = ctx.link_state().on(Page::Overview).href();
    let total = d.slides.len();
    let period = d.period.to_string();
    let file = export::file_stem(&["trang-chieu", &number.to_string(), &d.unit.id, &period]);
    view! {
        <footer class="deck-foot">
            // The slide above names the area and period; the footer keeps the sample notice.
            <span class="deck-where">
                {d.sample.then(|| view! { <span class="deck-sample">"⚠ "{Words::SampleShort.get(lang)}</span> })}
            </span>
            <span class="deck-controls">
                <button type="button" on:click=move |_| run(Action::Previous) aria-label=Words::PreviousSlide.get(lang) title=Words::PreviousSlide.get(lang)>"‹"</button>
                <button type="button" on:click=move |_| run(Action::Next) aria-label=Words::NextSlide.get(lang) title=Words::NextSlide.get(lang)>"›"</button>
                <button type="button" on:click=move |_| run(Action::ToggleFullscreen) aria-label=Words::FullScreen.get(lang) title=Words::FullScreen.get(lang)>"F"</button>
                <button type="button" on:click=move |_| run(Action::ToggleNotes) aria-label=Words::PresenterNotes.get(lang) title=Words::PresenterNotes.get(lang)>"N"</button>
                <button type="button" on:click=move |_| save_slide(ctx, &file) aria-label=Words::SaveSlide.get(lang) title=Words::SaveSlide.get(lang) data-testid="save-slide">"⤓"</button>
                <a href=exit class="deck-exit">{Words::ExitBriefing.get(lang)}</a>
            </span>
            <span class="deck-number" data-testid="slide-number" aria-label=format!("{} {number} / {total}", Words::SlideNumber.get(lang))>
                {number}" / "{total}
            </span>
        </footer>
    }
}
