//! User Timing entries for the performance budgets, read by the benchmark
//! (`make bench-app`) and visible in any browser's performance panel:
//!
//! * `par:first-chart` (a measure from the navigation start): the first
//!   time a chart is on screen after the page was opened, taken after the
//!   next paint: once the first model is rendered, [`watch`] waits for the
//!   next animation frame and then for a task queued from it, which runs
//!   after that frame's style, layout and paint.
//! * `par:redraw` (a measure from the mark `par:change`, which the event
//!   handler sets with [`change`]): from the user's change of a filter until
//!   the new view is ready to paint: every DOM update done (Leptos runs them
//!   as tasks right after the change; the measure is taken in a task queued
//!   behind them) and the browser's style and layout of it computed (forced
//!   there, so it is counted; the frame would otherwise do it next). This is
//!   the work a change costs, the figure that must fit in a 16 ms frame.
//! * `par:redraw-paint`: the same, but until after the next paint, so it
//!   also holds the wait for the display's next frame (0–16.7 ms at 60 Hz,
//!   however little the work) and the paint: the latency a user sees, as the
//!   browser's Interaction to Next Paint counts it.
//! * `par:settled`: the same, until the parts put off because they were off
//!   screen (see [`defer`]) are updated too: when the page's DOM is whole again.

use crate::model::{Model, Problem};
use leptos::prelude::*;
use std::cell::Cell;

/// Time to the first chart on screen, from the navigation start.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const FIRST_CHART: &str = "par:first-chart";
/// The user's change of a filter.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const CHANGE: &str = "par:change";
/// From [`CHANGE`] to the new view laid out, ready to paint.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const REDRAW: &str = "par:redraw";
/// From [`CHANGE`] to after the next paint.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const REDRAW_PAINT: &str = "par:redraw-paint";
/// From [`CHANGE`] to every deferred update done.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const SETTLED: &str = "par:settled";

thread_local! {
    /// `par:first-chart` is taken once per page load.
    static FIRST_DONE: Cell<bool> = const { Cell::new(false) };
    /// A change waits for its redraw.
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// Updates put off until after the next paint, not yet done.
    static DEFERRED: Cell<u32> = const { Cell::new(0) };
    /// A redrawn change waits for its deferred updates.
    static SETTLING: Cell<bool> = const { Cell::new(false) };
    /// Parts of the page's first drawing put off until after a paint, not
    /// yet drawn ([`defer_first_drawing`]), and whether they all are.
    static FIRST_DRAWING_LEFT: Cell<u32> = const { Cell::new(0) };
    static FIRST_DRAWING_DONE: Cell<bool> = const { Cell::new(false) };
}

/// Marks the user's change of a filter; call it first in the event handler.
pub fn change() {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = performance() {
        p.clear_marks_with_mark_name(CHANGE);
        let _ = p.mark(CHANGE);
        PENDING.with(|c| c.set(true));
    }
}

/// Runs `update` after the next paint, so that it does not delay the frame
/// that shows a change (for parts of the page that are off screen).
pub fn defer(update: impl FnOnce() + 'static) {
    DEFERRED.with(|c| c.set(c.get() + 1));
    after_next_paint(move || {
        update();
        DEFERRED.with(|c| c.set(c.get() - 1));
        settle_if_done();
    });
}

/// Takes `par:settled` once a redrawn change has no deferred update left.
fn settle_if_done() {
    if DEFERRED.with(Cell::get) == 0 && SETTLING.with(|c| c.replace(false)) {
        measure(SETTLED);
    }
}

/// Takes the marks each time the dashboard's model is ready anew.
pub fn watch(model: Memo<Result<Model, Problem>>) {
    Effect::new(move |_| {
        if model.with(Result::is_ok) {
            drawn();
        }
    });
}

/// A new model was rendered: measure what is due.
fn drawn() {
    let first = !FIRST_DONE.with(|c| c.get());
    let redraw = PENDING.with(|c| c.replace(false));
    if redraw {
        after_updates(move || {
            measure_redraw();
            SETTLING.with(|c| c.set(true));
            settle_if_done();
            after_next_paint(|| measure(REDRAW_PAINT));
        });
    }
    if first {
        after_next_paint(measure_first_chart);
    }
}

/// While the page's first drawing is under way, runs `draw` after the next
/// paint (in a task of its own) and returns true; once every part put off
/// so is drawn, returns false and `draw` is not needed.
pub fn defer_first_drawing(draw: impl FnOnce() + 'static) -> bool {
    if FIRST_DRAWING_DONE.with(Cell::get) {
        return false;
    }
    FIRST_DRAWING_LEFT.with(|c| c.set(c.get() + 1));
    after_next_paint(move || {
        draw();
        let left = FIRST_DRAWING_LEFT.with(|c| c.replace(c.get() - 1)) - 1;
        FIRST_DRAWING_DONE.with(|c| c.set(left == 0));
        // A part drawn so may hold the first chart.
        if !FIRST_DONE.with(Cell::get) {
            after_next_paint(measure_first_chart);
        }
    });
    true
}

#[cfg(target_arch = "wasm32")]
fn measure_redraw() {
    if let Some(p) = performance() {
        force_layout();
        let _ = p.measure_with_start_mark(REDRAW, CHANGE);
    }
}

/// A measure from the user's last change until now.
#[cfg(target_arch = "wasm32")]
fn measure(name: &str) {
    if let Some(p) = performance() {
        let _ = p.measure_with_start_mark(name, CHANGE);
    }
}

#[cfg(target_arch = "wasm32")]
fn measure_first_chart() {
    // Only once a chart is really there (not on the not-found page).
    if FIRST_DONE.with(|c| c.get()) || !chart_in_document() {
        return;
    }
    if let Some(p) = performance() {
        FIRST_DONE.with(|c| c.set(true));
        let _ = p.measure(FIRST_CHART);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn measure_redraw() {}
#[cfg(not(target_arch = "wasm32"))]
fn measure(_: &str) {}
#[cfg(not(target_arch = "wasm32"))]
fn measure_first_chart() {}

/// Computes style and layout now (reading a layout property forces it).
#[cfg(target_arch = "wasm32")]
fn force_layout() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.offset_height();
    }
}

/// Runs `f` as a task queued behind the DOM updates already scheduled
/// (Leptos' effects run as tasks of the same executor).
#[cfg(target_arch = "wasm32")]
fn after_updates(f: impl FnOnce() + 'static) {
    wasm_bindgen_futures::spawn_local(async move { f() });
}

#[cfg(not(target_arch = "wasm32"))]
fn after_updates(f: impl FnOnce() + 'static) {
    f()
}

#[cfg(target_arch = "wasm32")]
fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

#[cfg(target_arch = "wasm32")]
fn chart_in_document() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".chart svg").ok().flatten())
        .is_some()
}

/// Resolves in a task of its own (a zero timeout): the work before and
/// after an `.await` of it are two tasks, and the browser can paint and
/// answer input between them (a province file parsed, then the page drawn).
#[cfg(target_arch = "wasm32")]
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn next_task() {}

/// Runs `f` in a task queued from the next animation frame, i.e. after
/// that frame's style, layout and paint.
#[cfg(target_arch = "wasm32")]
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    after_next_paint_boxed(Box::new(f));
}

/// [`after_next_paint`], compiled once for every caller's closure (each
/// closure type passed to JavaScript adds its own glue to the wasm).
#[cfg(target_arch = "wasm32")]
fn after_next_paint_boxed(f: Box<dyn FnOnce()>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let frame = Closure::once_into_js(move || {
        let task = Closure::once_into_js(f);
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(task.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(frame.unchecked_ref());
}

#[cfg(not(target_arch = "wasm32"))]
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    f()
}
