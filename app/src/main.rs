//! The PAR dashboard (Leptos, client-side rendered). `main` only installs
//! the panic hook and mounts the app; see `app` for the router and pages.
//!
//! Modules import one way, each layer only from those below it:
//! `contract` (crate) → `i18n` → `data` → `summary`, `url`, `model`,
//! `location` → `state`, `perf` → `charts`, `parts` → `pages` → `app`.

mod app;
mod charts;
mod data;
mod history;
mod i18n;
mod location;
mod model;
mod pages;
mod parts;
mod perf;
mod state;
mod summary;
#[cfg(test)]
mod test_support;
mod url;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
