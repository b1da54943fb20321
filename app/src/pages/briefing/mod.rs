//! Briefing mode (`/briefing.html`): the deck and its figures (`deck`), the
//! 766 index's slide (`index_slide`), the presenter's words (`notes`), the
//! keys and clicker (`keys`), how each slide is drawn (`slide`) and the
//! component that wires them (`view`).

mod deck;
mod index_slide;
mod keys;
mod notes;
mod slide;
mod view;
mod words;

pub use view::Briefing;
