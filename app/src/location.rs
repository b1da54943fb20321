//! The browser's location as a signal, and navigation with the History
//! API. The app reads the path and query itself (`url`), so this is all it
//! needs of a router: a click on a link of the app changes the URL without
//! a page load, Back and Forward follow the history, and views navigate
//! with [`Location::go`]. (leptos_router did the same with 6.5 KB more of
//! the gzipped wasm and JS.)

use crate::url::{BRIEFING_PATH, INDEX_PATH};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The address bar: its path and query (`/unit/00004`, `?period=2026-10`).
#[derive(Clone, Copy)]
pub struct Location {
    now: RwSignal<(String, String)>,
}

impl Location {
    /// Follows the address bar: Back, Forward and clicks on the app's links.
    pub fn new() -> Location {
        let location = Location {
            now: RwSignal::new(current()),
        };
        let _ = window_event_listener(leptos::ev::popstate, move |_| location.now.set(current()));
        let _ = window_event_listener(leptos::ev::click, move |ev| location.follow_link(&ev));
        location
    }

    /// Reads the path and the query (tracked).
    pub fn with<T>(&self, f: impl FnOnce(&str, &str) -> T) -> T {
        self.now.with(|(path, query)| f(path, query))
    }

    /// Goes to `href` (a path and query of the app): a new history entry,
    /// or in place of the current one with `replace`. The scroll position
    /// stays (a filter change is not a new page).
    pub fn go(&self, href: &str, replace: bool) {
        self.show(href);
        self.push(href, replace);
    }

    /// Shows `href` without touching the history yet (see [`Location::push`]).
    pub fn show(&self, href: &str) {
        let (path, query) = href.split_once('?').unwrap_or((href, ""));
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        self.now.set((path.to_string(), query));
    }

    /// Writes `href` into the history: a new entry, or in place of the
    /// current one with `replace`.
    pub fn push(&self, href: &str, replace: bool) {
        let Some(history) = window().history().ok() else {
            return;
        };
        let state = wasm_bindgen::JsValue::NULL;
        let _ = match replace {
            true => history.replace_state_with_url(&state, "", Some(href)),
            false => history.push_state_with_url(&state, "", Some(href)),
        };
    }

    /// A plain left click on a link to a page of the app: navigates in
    /// place and scrolls to the top, as a page load would.
    fn follow_link(&self, ev: &web_sys::MouseEvent) {
        let modified = ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key();
        if ev.default_prevented() || ev.button() != 0 || modified {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a").ok().flatten());
        let Some(link) = link else {
            return;
        };
        let href = link.get_attribute("href").unwrap_or_default();
        let ours = href.starts_with('/') && !href.starts_with("//") && served_here(&href);
        let plain = !link.has_attribute("download")
            && link.get_attribute("target").is_none_or(|t| t == "_self");
        if ours && plain {
            ev.prevent_default();
            self.go(&href, false);
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
}

/// Whether this build of the app shows `href`: the index page and the
/// briefing are in the second build (which shows every page), so the
/// overview's opens them with a load.
fn served_here(href: &str) -> bool {
    cfg!(feature = "on-demand")
        || ![INDEX_PATH, BRIEFING_PATH]
            .iter()
            .any(|p| href.starts_with(p))
}

/// The address bar's path and query (with its `?`, or empty).
fn current() -> (String, String) {
    let location = window().location();
    (
        location.pathname().unwrap_or_else(|_| "/".into()),
        location.search().unwrap_or_default(),
    )
}

/// The value of `key` in a query string (`?a=1&b=x%20y`), decoded.
pub fn query_value(query: &str, key: &str) -> Option<String> {
    web_sys::UrlSearchParams::new_with_str(query).ok()?.get(key)
}
