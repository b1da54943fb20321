//! The shared reactive state ([`Ctx`]), made once by [`provide`]: the
//! address bar and the URL's state, the snapshots loaded for it and the model
//! resolved from them, and the window's size. Components read it with
//! `expect_context::<Ctx>()` and change the URL with [`navigator`].

use crate::data::{self, Base, LoadError};
use crate::i18n::Lang;
use crate::location::{query_value, Location};
use crate::model::{self, Model, Problem};
use crate::perf;
use crate::url::{Page, ViewState, DEFAULT_INDICATOR};
use contract::{Period, ProvinceSnapshot, UnitInfo};
use leptos::prelude::*;
use std::sync::Arc;

/// The shared signals, provided once under the router.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The address bar.
    pub location: Location,
    /// What the URL asks for (page included).
    pub state: Memo<ViewState>,
    pub model: Memo<Result<Model, Problem>>,
    /// [`Ctx::model`] with the indicator left out (its `state.ind` is always
    /// the default): views that show every indicator (the KPI tiles, the
    /// period pickers) follow it and stay as they are when only the
    /// indicator changes.
    pub figures: Memo<Result<Model, Problem>>,
    /// The window's inner size in CSS pixels (width, height); follows
    /// resizes. The briefing sizes its slides by it.
    #[cfg(feature = "on-demand")]
    pub viewport: RwSignal<(f64, f64)>,
    /// Width to draw the dashboard's charts at; follows the window.
    pub chart_width: Memo<u32>,
}

impl Ctx {
    pub fn lang(&self) -> Lang {
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

/// Makes the shared signals and provides them as context; kept above the
/// pages so that moving between them reloads nothing. Call it once.
pub fn provide() -> Ctx {
    let location = Location::new();
    let state = Memo::new(move |_| {
        location.with(|path, query| ViewState::parse(|k| query_value(query, k), path))
    });
    let base = LocalResource::new(data::load_base);
    let resolved = Memo::new(move |_| match base.get() {
        None => Err(Problem::Loading),
        Some(Err(e)) => Err(Problem::Load(e)),
        Some(Ok(b)) => state
            .with(|s| model::resolve(&b, s))
            .map(|(u, p)| (b, u, p)),
    });
    let snap = province_file(base, resolved);
    let model = Memo::new(move |_| {
        let snap = snap.get().and_then(Result::transpose);
        model::model(resolved.get()?, snap, state.get())
    });
    let figures = Memo::new(move |_| {
        model.get().map(|m| Model {
            state: m.state.with_indicator(DEFAULT_INDICATOR),
            ..m
        })
    });
    let viewport = RwSignal::new(window_size());
    let _ = window_event_listener(leptos::ev::resize, move |_| viewport.set(window_size()));
    let alone = Memo::new(move |_| state.with(|s| matches!(s.page, Page::Embed { .. })));
    let chart_width =
        Memo::new(move |_| viewport.with(|(width, _)| chart_width(*width, alone.get())));
    let ctx = Ctx {
        location,
        state,
        model,
        figures,
        #[cfg(feature = "on-demand")]
        viewport,
        chart_width,
    };
    provide_context(ctx);
    ctx
}

/// The unit and period the URL asks for, with the base they were found in.
type Resolved = Result<(Arc<Base>, UnitInfo, Period), Problem>;

/// The resolved unit's province file (`None` while no unit is resolved).
type ProvinceFile = LocalResource<Result<Option<Arc<ProvinceSnapshot>>, LoadError>>;

/// The resolved unit's province file, loaded when the province changes.
fn province_file(
    base: LocalResource<Result<Arc<Base>, LoadError>>,
    resolved: Memo<Resolved>,
) -> ProvinceFile {
    let province =
        Memo::new(move |_| resolved.with(|r| r.as_ref().ok().map(|(_, u, _)| u.province.clone())));
    LocalResource::new(move || {
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
    })
}

/// Width of the chart drawings, close to the width they are shown at so that
/// chart text keeps the size of body text (two charts side by side from
/// 1100 px, unless the chart is `alone`, as in an embed).
pub fn chart_width(inner: f64, alone: bool) -> u32 {
    let width = if alone {
        inner - 40.0
    } else if inner >= 1100.0 {
        (inner.min(1440.0) - 48.0) / 2.0 - 34.0
    } else {
        inner - 56.0
    };
    width.clamp(320.0, 1000.0) as u32
}

/// The window's inner size in CSS pixels (1366 × 768 where there is no
/// window to ask).
fn window_size() -> (f64, f64) {
    let size = web_sys::window().map(|w| {
        let get = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
        (get(w.inner_width()), get(w.inner_height()))
    });
    match size {
        Some((Some(w), Some(h))) => (w, h),
        _ => (1366.0, 768.0),
    }
}

/// A function that navigates (push, keeping the scroll position) to a view
/// state, so Back undoes a filter change. Call it while building a component.
///
/// The page follows the new state at once, and its URL is pushed after the
/// next paint: Chromium's `history.pushState` takes milliseconds (more on a
/// busy machine), which the frame that shows the change need not wait for.
pub fn navigator() -> impl Fn(ViewState) + Clone + 'static {
    let location = expect_context::<Ctx>().location;
    move |next: ViewState| {
        let href = next.href();
        location.show(&href);
        perf::after_next_paint(move || location.push(&href, false));
    }
}

#[cfg(test)]
mod tests {
    use super::chart_width;

    #[test]
    fn charts_are_drawn_near_their_display_width() {
        assert_eq!(chart_width(1366.0, false), 625); // half the page, two charts side by side
        assert_eq!(chart_width(1920.0, false), 662); // the page stops growing at 1440 px
        assert_eq!(chart_width(390.0, false), 334); // one column on a phone
        assert_eq!(chart_width(200.0, false), 320);
        assert_eq!(chart_width(1366.0, true), 1000); // an embed's one chart
        assert_eq!(chart_width(600.0, true), 560);
    }
}
