//! The components. They read the URL state and the loaded snapshots from
//! one context ([`Ctx`]) and hand them to the plain functions of `summary`,
//! `i18n` and `charts`; they hold no logic of their own beyond wiring.

pub mod filters;
pub mod kpi;
pub mod layout;
pub mod overview;
pub mod table;

use crate::data::{self, Base, LoadError};
use crate::state::{self, ViewState};
use data_pipeline::contract::{Period, ProvinceSnapshot, UnitInfo};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::{path, NavigateOptions};
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
}

impl Ctx {
    pub fn lang(&self) -> crate::i18n::Lang {
        self.state.with(|s| s.lang)
    }
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
        async move {
            match code {
                Some(code) => data::load_province(code).await.map(Some),
                None => Ok(None),
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
        Ok(Model {
            base,
            snap,
            unit,
            period,
            state: state.get(),
        })
    });
    provide_context(Ctx { state, model });
    layout::sync_document(state);

    view! {
        <Routes fallback=layout::NotFound>
            <Route path=path!("/") view=overview::Overview/>
            <Route path=path!("/unit/:code") view=overview::Overview/>
        </Routes>
    }
}
