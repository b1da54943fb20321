//! Briefing mode (`/briefing`): the deck and its figures (`deck`), the
//! presenter's words (`notes`), the keys and clicker (`keys`), how each
//! slide is drawn (`slide`) and the component that wires them (`view`).

mod deck;
mod keys;
mod notes;
mod slide;
mod view;

pub use view::Briefing;
