//! The application: the router, the shared state made once under it, and
//! the page the URL shows.

use crate::pages::briefing::Briefing;
use crate::pages::not_found::NotFound;
use crate::pages::overview::Overview;
use crate::pages::public::Public;
use crate::parts::layout::sync_document;
use crate::url::Page;
use crate::{perf, state};
use leptos::prelude::*;
use leptos_router::components::Router;

/// The whole application: a router over one shell that shows every page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Shell/>
        </Router>
    }
}

/// Provides the shared state (loaded once, kept above the pages so that
/// moving between them reloads nothing) and shows the URL's page.
#[component]
fn Shell() -> impl IntoView {
    let ctx = state::provide();
    sync_document(ctx.state);
    perf::watch(ctx.model);

    // The page is chosen from the URL's state rather than with
    // leptos_router's `<Routes>`: its route matching took about 30 KB of the
    // wasm, and `url` reads the path anyway.
    let shown = Memo::new(move |_| ctx.state.with(|s| s.page.component()));
    move || match shown.get() {
        Page::Overview | Page::Unit => view! { <Overview/> }.into_any(),
        Page::Public => view! { <Public/> }.into_any(),
        Page::Briefing { .. } => view! { <Briefing/> }.into_any(),
        Page::NotFound => view! { <NotFound/> }.into_any(),
    }
}
