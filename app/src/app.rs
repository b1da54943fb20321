//! The application: the shared state, made once, and the page the URL shows.

use crate::pages::briefing::Briefing;
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
        Page::Index { .. } => view! { <IndexPage/> }.into_any(),
        Page::NotFound => view! { <NotFound/> }.into_any(),
    }
}
