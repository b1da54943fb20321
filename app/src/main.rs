//! The PAR dashboard (Leptos, client-side rendered). `main` only installs
//! the panic hook and mounts the app; see `views` for the page.

mod charts;
mod csv;
mod data;
mod explain;
mod i18n;
mod perf;
mod quality;
mod slides;
mod state;
mod summary;
mod views;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(views::App);
}
