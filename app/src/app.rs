//! The application: the shared state, made once, and the page the URL shows.

use crate::pages::briefing::Briefing;
#[cfg(feature = "index766")]
use crate::pages::index766::IndexPage;
use crate::pages::not_found::NotFound;
use crate::pages::overview::Overview;
use crate::pages::public::Public;
use crate::parts::layout::sync_document;
use crate::url::Page;
use crate::{perf, state};
use leptos::prelude::*;

/// The whole application: provides the shared state (loaded once, kept
/// above the pages so that moving between them reloads nothing) and shows
/// the URL's page.
#[component]
pub fn App() -> impl IntoView {
    let ctx = state::provide();
    sync_document(ctx.state);
    perf::watch(ctx.model);

    // The page is chosen from the URL's state (`url` reads the path), with
    // no router: `location` does what the app needed of leptos_router.
    let shown = Memo::new(move |_| ctx.state.with(|s| s.page.component()));
    move || match shown.get() {
        Page::Overview | Page::Unit => view! { <Overview/> }.into_any(),
        Page::Public => view! { <Public/> }.into_any(),
        Page::Briefing { .. } => view! { <Briefing/> }.into_any(),
        Page::Index { .. } => index_page(),
        Page::NotFound => view! { <NotFound/> }.into_any(),
    }
}

/// The index page, in the build that has it (`index766.html`).
#[cfg(feature = "index766")]
fn index_page() -> AnyView {
    view! { <IndexPage/> }.into_any()
}

/// In the overview's build, the index page is a load of its own build,
/// with the same query (`/index766` reached through a static host's
/// fallback to `index.html`).
#[cfg(not(feature = "index766"))]
fn index_page() -> AnyView {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    let _ = location.replace(&format!("{}{search}", crate::url::INDEX_PATH));
    ().into_any()
}
