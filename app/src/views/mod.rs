//! The components. They read the URL state and the loaded snapshots from
//! one context ([`Ctx`]) and hand them to the plain functions of `summary`,
//! `i18n` and `charts`; they hold no logic of their own beyond wiring.

pub mod briefing;
pub mod filters;
pub mod kpi;
pub mod layout;
pub mod overview;
pub mod public;
pub mod table;

use crate::data::{self, Base, LoadError};
use crate::state::{self, ViewState};
use contract::{Indicator, Period, ProvinceSnapshot, UnitInfo};
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;

/// Everything a view needs to draw the dashboard for the current URL.
#[derive(Clone, Debug)]
pub struct Model {
    pub base: Arc<Base>,
    pub snap: Arc<ProvinceSnapshot>,
    pub unit: UnitInfo,
    pub period: Period,
    pub state: ViewState,
}

impl PartialEq for Model {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.base, &other.base)
            && Arc::ptr_eq(&self.snap, &other.snap)
            && self.unit == other.unit
            && self.period == other.period
            && self.state == other.state
    }
}

/// Why the dashboard cannot be drawn (yet).
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Loading,
    Load(LoadError),
    UnknownUnit(String),
}

/// The shared signals, provided once under the router.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub state: Memo<ViewState>,
    pub model: Memo<Result<Model, Problem>>,
    /// [`Ctx::model`] with the indicator left out (its `state.ind` is always
    /// the first): views that show every indicator (the KPI tiles, the
    /// period pickers) follow it and stay as they are when only the
    /// indicator changes.
    pub figures: Memo<Result<Model, Problem>>,
    /// Width to draw charts at; follows the window.
    pub chart_width: Memo<u32>,
}

impl Ctx {
    pub fn lang(&self) -> crate::i18n::Lang {
        self.state.with(|s| s.lang)
    }

    /// The state to derive links from: the resolved one once the data are
    /// loaded (explicit unit and period), else the URL's.
    pub fn link_state(&self) -> ViewState {
        self.model
            .with(|m| m.as_ref().map(|m| m.state.clone()).ok())
            .unwrap_or_else(|| self.state.get())
    }
}

/// A section's parts, made from the model when it changes (`None` until the
/// model is ready); equal parts leave the section's elements untouched.
pub(super) fn parts_of<T: PartialEq + Send + Sync + 'static>(
    make: impl Fn(&Model) -> T + Send + Sync + 'static,
) -> Memo<Option<T>> {
    let ctx = expect_context::<Ctx>();
    Memo::new(move |_| ctx.model.with(|m| m.as_ref().ok().map(&make)))
}

/// One text of a section's parts, as a reactive closure ("" before the
/// model is ready). Sections whose elements stay across redraws (the
/// ranking, the units table) fill their elements with these.
pub(super) fn part_text<T: PartialEq + Send + Sync + 'static>(
    parts: Memo<Option<T>>,
    text: fn(&T) -> String,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || parts.with(|p| p.as_ref().map(text).unwrap_or_default())
}

/// Whether a `<details>` is open, and the `toggle` handler that keeps it
/// so. Content built only while open costs nothing on a redraw while closed
/// (the ranking's table view, the data-quality panel).
pub(super) fn details_open() -> (
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
pub(super) fn html_when_shown(
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
            crate::perf::defer(show_latest);
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

/// Width of the chart drawings, close to the width they are shown at so that
/// chart text keeps the size of body text (two charts side by side from 1100 px).
pub fn chart_width(inner: f64) -> u32 {
    let width = if inner >= 1100.0 {
        (inner.min(1440.0) - 48.0) / 2.0 - 34.0
    } else {
        inner - 56.0
    };
    width.clamp(320.0, 1000.0) as u32
}

/// The window's inner width in CSS pixels.
fn window_width() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(1366.0)
}

/// A function that navigates (push, keeping the scroll position) to a view
/// state, so Back undoes a filter change. Call it while building a component.
pub fn navigator() -> impl Fn(ViewState) + Clone + 'static {
    let navigate = use_navigate();
    move |next: ViewState| {
        navigate(
            &next.href(),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        )
    }
}

/// The whole application: a router whose two routes show the same page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Shell/>
        </Router>
    }
}

/// Loads the data once and provides [`Ctx`]; kept above the routes so that
/// moving between `/` and `/unit/:code` does not reload anything.
#[component]
fn Shell() -> impl IntoView {
    let query = use_query_map();
    let location = use_location();
    let state = Memo::new(move |_| {
        let path = location.pathname.get();
        query.with(|q| ViewState::parse(|k| q.get(k), &path))
    });
    let base = LocalResource::new(data::load_base);
    let resolved = Memo::new(move |_| match base.get() {
        None => Err(Problem::Loading),
        Some(Err(e)) => Err(Problem::Load(e)),
        Some(Ok(b)) => state
            .with(|s| state::resolve(&b, s))
            .map(|(u, p)| (b, u, p)),
    });
    let province =
        Memo::new(move |_| resolved.with(|r| r.as_ref().ok().map(|(_, u, _)| u.province.clone())));
    let snap = LocalResource::new(move || {
        let code = province.get();
        let base = base.get().and_then(Result::ok);
        async move {
            match (code, base) {
                (Some(code), Some(base)) => {
                    data::load_province(&base.manifest, code).await.map(Some)
                }
                _ => Ok(None),
            }
        }
    });
    let model = Memo::new(move |_| {
        let (base, unit, period) = resolved.get()?;
        let snap = match snap.get() {
            Some(Ok(Some(s))) if s.province == unit.province => s,
            Some(Err(e)) => return Err(Problem::Load(e)),
            _ => return Err(Problem::Loading),
        };
        // Links built from the model name the unit and period explicitly, so a
        // shared link keeps showing the same view after the data are updated.
        let state = ViewState {
            unit: Some(unit.code.clone()),
            period: Some(period),
            ..state.get()
        };
        Ok(Model {
            base,
            snap,
            unit,
            period,
            state,
        })
    });
    let figures = Memo::new(move |_| {
        model.get().map(|m| Model {
            state: m.state.with_indicator(Indicator::ALL[0]),
            ..m
        })
    });
    let win = RwSignal::new(window_width());
    let _ = window_event_listener(leptos::ev::resize, move |_| win.set(window_width()));
    let width = Memo::new(move |_| chart_width(win.get()));
    provide_context(Ctx {
        state,
        model,
        figures,
        chart_width: width,
    });
    layout::sync_document(state);
    crate::perf::watch(model);

    // The page is chosen from the path here rather than with leptos_router's
    // `<Routes>`: its route matching took about 30 KB of the wasm, and
    // `/unit/:code` is read by `state` anyway.
    let route = Memo::new(move |_| location.pathname.with(|p| Route::of_path(p)));
    move || match route.get() {
        Route::Overview => view! { <overview::Overview/> }.into_any(),
        Route::Public => view! { <public::Public/> }.into_any(),
        Route::Briefing => view! { <briefing::Briefing/> }.into_any(),
        Route::NotFound => view! { <layout::NotFound/> }.into_any(),
    }
}

/// The page a path shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route {
    /// `/` and `/unit/CODE`.
    Overview,
    Public,
    Briefing,
    NotFound,
}

impl Route {
    fn of_path(path: &str) -> Route {
        match path.trim_end_matches('/') {
            "" => Route::Overview,
            "/public" => Route::Public,
            "/briefing" => Route::Briefing,
            _ if state::unit_from_path(path).is_some() => Route::Overview,
            _ => Route::NotFound,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::chart_width;

    #[test]
    fn paths_choose_the_page() {
        use super::Route;
        assert_eq!(Route::of_path("/"), Route::Overview);
        assert_eq!(Route::of_path("/unit/00078"), Route::Overview);
        assert_eq!(Route::of_path("/unit/00078/"), Route::Overview);
        assert_eq!(Route::of_path("/public/"), Route::Public);
        assert_eq!(Route::of_path("/briefing"), Route::Briefing);
        assert_eq!(Route::of_path("/unit/"), Route::NotFound);
        assert_eq!(Route::of_path("/unit/a/b"), Route::NotFound);
        assert_eq!(Route::of_path("/nope"), Route::NotFound);
    }

    #[test]
    fn charts_are_drawn_near_their_display_width() {
        assert_eq!(chart_width(1366.0), 625); // half the page, two charts side by side
        assert_eq!(chart_width(1920.0), 662); // the page stops growing at 1440 px
        assert_eq!(chart_width(390.0), 334); // one column on a phone
        assert_eq!(chart_width(200.0), 320);
    }
}
