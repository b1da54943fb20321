//! The browser's location as a signal, and navigation with the History
//! API. The app reads the path and query itself (`url`), so this is all it
//! needs of a router: a click on a link of the app changes the URL without
//! a page load, Back and Forward follow the history, and views navigate
//! with [`Location::go`]. (leptos_router did the same with 6.5 KB more of
//! the gzipped wasm and JS.)

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The address bar: its path below the site's base (`/`, `/public/`,
/// `/unit/00004`) and its query (`?period=2026-10`). The base is the
/// document's `<base href>` (`/cchc/` in a site built with `make site
/// BASE=/cchc/`), so the app runs under any folder of a host.
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

    /// Goes to `href` (an address of the app relative to the base, as
    /// [`crate::url::ViewState::href`] makes them): a new history entry,
    /// or in place of the current one with `replace`. The scroll position
    /// stays (a filter change is not a new page).
    pub fn go(&self, href: &str, replace: bool) {
        self.show(href);
        self.push(href, replace);
    }

    /// Shows `href` without touching the history yet (see [`Location::push`]).
    pub fn show(&self, href: &str) {
        let (path, query) = href.split_once('?').unwrap_or((href, ""));
        let path = format!("/{}", path.trim_start_matches("./"));
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        self.now.set((path, query));
    }

    /// Writes `href` into the history: a new entry, or in place of the
    /// current one with `replace`. The browser resolves it against the
    /// base, as it does a link's.
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
    /// place and scrolls to the top, as a page load would. A link to a
    /// fragment (the skip link's `#main`) moves the focus there: with a
    /// `<base>`, the browser would load the base's page instead.
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
        let raw = link.get_attribute("href").unwrap_or_default();
        if let Some(id) = raw.strip_prefix('#') {
            ev.prevent_default();
            focus(id);
            return;
        }
        let Some(href) = link
            .dyn_ref::<web_sys::HtmlAnchorElement>()
            .map(|a| a.href())
        else {
            return;
        };
        let ours = base_relative(&href).filter(|rel| served_here(rel));
        let plain = !link.has_attribute("download")
            && link.get_attribute("target").is_none_or(|t| t == "_self");
        if let (Some(rel), true) = (ours, plain) {
            ev.prevent_default();
            self.go(&rel, false);
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
}

/// Moves the focus to the element `id` and brings it into view.
fn focus(id: &str) {
    let target = document().get_element_by_id(id);
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
        el.scroll_into_view();
    }
}

/// The part of an absolute URL below the site's base (`public/?unit=79`
/// of `https://tinh.gov.vn/cchc/public/?unit=79`), or `None` for a URL
/// outside the site.
fn base_relative(url: &str) -> Option<String> {
    let rest = url.strip_prefix(&absolute(""))?;
    Some(rest.split('#').next().unwrap_or_default().to_string())
}

/// The absolute URL of an address of the app relative to the base, for
/// what leaves the site (an embed code pasted into another site).
pub fn absolute(href: &str) -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let base = base.split(['?', '#']).next().unwrap_or_default();
    let base = &base[..base.rfind('/').map_or(0, |i| i + 1)];
    format!("{base}{}", href.trim_start_matches("./"))
}

/// Whether this build of the app shows `href`: the index page and the
/// briefing are in the second build (which shows every page), so the
/// overview's opens them with a load.
fn served_here(href: &str) -> bool {
    let on_demand = ["index766", "briefing"];
    cfg!(feature = "on-demand") || !on_demand.iter().any(|p| href.starts_with(p))
}

/// The address bar's path below the base and its query (with its `?`, or
/// empty).
fn current() -> (String, String) {
    let location = window().location();
    let href = location.href().unwrap_or_default();
    let path = base_relative(&href)
        .map(|rel| rel.split('?').next().unwrap_or_default().to_string())
        .unwrap_or_else(|| location.pathname().unwrap_or_default());
    (
        format!("/{}", path.trim_start_matches('/')),
        location.search().unwrap_or_default(),
    )
}

/// The value of `key` in a query string (`?a=1&b=x%20y`), decoded.
pub fn query_value(query: &str, key: &str) -> Option<String> {
    web_sys::UrlSearchParams::new_with_str(query).ok()?.get(key)
}
