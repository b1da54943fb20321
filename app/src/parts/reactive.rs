//! Reactive helpers shared by the pages' sections: the model's readiness,
//! a section's parts made from the model, texts that fill elements kept
//! across redraws, `<details>` built only while open, HTML put off while
//! its element is off screen, and parts of a page drawn after its first frame.

use crate::model::{Model, Problem};
use crate::perf;
use crate::state::Ctx;
use leptos::prelude::*;

/// Whether the model is ready, or why not: a page built from this changes
/// only between loading, error and ready, not with every filter.
pub fn model_ready() -> Memo<Result<(), Problem>> {
    let ctx = expect_context::<Ctx>();
    Memo::new(move |_| {
        ctx.model
            .with(|m| m.as_ref().map(|_| ()).map_err(Clone::clone))
    })
}

/// A section's parts, made from the model when it changes (`None` until the
/// model is ready); equal parts leave the section's elements untouched.
pub fn parts_of<T: PartialEq + Send + Sync + 'static>(
    make: impl Fn(&Model) -> T + Send + Sync + 'static,
) -> Memo<Option<T>> {
    let ctx = expect_context::<Ctx>();
    Memo::new(move |_| ctx.model.with(|m| m.as_ref().ok().map(&make)))
}

/// One text of a section's parts, as a reactive closure ("" before the
/// model is ready). Sections whose elements stay across redraws (the
/// ranking, the units table) fill their elements with these.
pub fn part_text<T: PartialEq + Send + Sync + 'static>(
    parts: Memo<Option<T>>,
    text: fn(&T) -> String,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || parts.with(|p| p.as_ref().map(text).unwrap_or_default())
}

/// Whether a `<details>` is open, and the `toggle` handler that keeps it
/// so. Content built only while open costs nothing on a redraw while closed
/// (the ranking's table view, the data-quality panel).
pub fn details_open() -> (
    ReadSignal<bool>,
    impl Fn(leptos::ev::Event) + Copy + 'static,
) {
    let (open, set_open) = signal(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        set_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open());
    };
    (open, on_toggle)
}

/// The HTML of an element that the browser skips while it is off screen
/// (`content-visibility: auto`), and the handler to attach to that element
/// as `on:contentvisibilityautostatechange`. On screen, the HTML follows
/// `html` at once; while skipped, one frame later, after the frame that
/// shows the change on screen (a hundred rows below the fold would
/// otherwise delay it by a third). Browsers without the event always
/// update at once.
pub fn html_when_shown(
    html: impl Fn() -> String + Copy + Send + Sync + 'static,
) -> (ReadSignal<String>, impl Fn(web_sys::Event) + Copy + 'static) {
    let (shown, set_shown) = signal(String::new());
    let (skipped, set_skipped) = signal(false);
    let show = move |html: String| {
        if shown.with_untracked(|s| *s != html) {
            set_shown.set(html);
        }
    };
    // A deferred update shows the newest HTML of when it runs.
    let show_latest = move || show(untrack(html));
    Effect::new(move |_| {
        let html = html();
        if skipped.get_untracked() {
            perf::defer(show_latest);
        } else {
            show(html);
        }
    });
    let on_state = move |ev: web_sys::Event| {
        let now = js_sys::Reflect::get(&ev, &"skipped".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        set_skipped.set(now);
        if !now {
            show_latest();
        }
    };
    (shown, on_state)
}

/// Draws `children` after the page's first frame, each `Later` in a task of
/// its own: the parts below the first screen, so that the first frame holds
/// only what the reader sees first and the page's first drawing is cut into
/// short tasks (one long one kept a phone's main thread blocked for half a
/// second: Lighthouse's total blocking time). Once the page is drawn whole,
/// a `Later` made anew (a section redrawn for a new filter) draws at once,
/// so nothing flickers. Put the footer in one too, so that nothing on screen
/// moves when the parts above it arrive.
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let (drawn, set_drawn) = signal(false);
    if !perf::defer_first_drawing(move || set_drawn.set(true)) {
        set_drawn.set(true);
    }
    move || drawn.get().then(|| children())
}
