//! The application: the shared state, made once, and the page the URL shows.

use crate::model::Problem;
use crate::pages::embed::Embed;
use crate::pages::not_found::NotFound;
use crate::pages::overview::Overview;
use crate::pages::public::Public;
#[cfg(feature = "on-demand")]
use crate::pages::{briefing::Briefing, index766::IndexPage};
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
    // Until the first figures arrive, the page shows index.html's waiting
    // page (#shell), out of the flow; the page then appears whole in its
    // place, and nothing moves under the reader (a header drawn first was
    // pushed down by the banner and breadcrumb that only the data can fill:
    // Lighthouse's layout shift of 0.2).
    let started = Memo::new(move |before: Option<&bool>| {
        before == Some(&true) || ctx.model.with(|m| m != &Err(Problem::Loading))
    });
    move || {
        if !started.get() {
            return ().into_any();
        }
        remove_shell();
        page(shown.get())
    }
}

/// Removes index.html's waiting page, in the same task as the page is
/// drawn, so that no frame shows both or neither.
fn remove_shell() {
    if let Some(shell) = document().get_element_by_id("shell") {
        shell.remove();
    }
}

/// The page component of `page`.
fn page(page: Page) -> AnyView {
    match page {
        Page::Overview | Page::Unit => view! { <Overview/> }.into_any(),
        Page::Public => view! { <Public/> }.into_any(),
        Page::Embed { .. } => view! { <Embed/> }.into_any(),
        page @ (Page::Briefing { .. } | Page::Index { .. }) => on_demand(page),
        Page::NotFound => view! { <NotFound/> }.into_any(),
    }
}

/// The briefing or the index page, in the build that has them.
#[cfg(feature = "on-demand")]
fn on_demand(page: Page) -> AnyView {
    match page {
        Page::Index { .. } => view! { <IndexPage/> }.into_any(),
        _ => view! { <Briefing/> }.into_any(),
    }
}

/// In the overview's build, the briefing and the index page are a load of
/// the second build, with the same query (`/briefing` or `/index766`
/// reached through a static host's fallback to `index.html`).
#[cfg(not(feature = "on-demand"))]
fn on_demand(page: Page) -> AnyView {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    let path = match page {
        Page::Index { .. } => crate::url::INDEX_PATH,
        _ => crate::url::BRIEFING_PATH,
    };
    let _ = location.replace(&format!("{path}{search}"));
    ().into_any()
}
