//! The briefing's keyboard and presentation clicker: which action a key
//! asks for ([`action_for_key`]) and what it does to the position in the
//! deck ([`Nav`]), including a slide number typed and confirmed with Enter.

use super::deck::clamp_slide;

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Next,
    Previous,
    First,
    Last,
    /// A digit of a slide number to jump to (confirmed with Enter).
    Digit(u8),
    /// Jumps to the typed number, or goes on to the next slide.
    Enter,
    /// Removes the last typed digit.
    Backspace,
    ToggleFullscreen,
    /// Leaves full screen and forgets typed digits.
    Escape,
    ToggleNotes,
}

/// The action of a `KeyboardEvent.key`; `None` leaves the key to the
/// browser (so Ctrl+F, Alt+Left and Tab keep working). Presentation
/// clickers send PageUp / PageDown (some send arrows or B / period).
pub fn action_for_key(key: &str, shift: bool, ctrl_alt_meta: bool) -> Option<Action> {
    if ctrl_alt_meta {
        return None;
    }
    Some(match key {
        "ArrowRight" | "ArrowDown" | "PageDown" => Action::Next,
        " " | "Spacebar" if shift => Action::Previous,
        " " | "Spacebar" => Action::Next,
        "ArrowLeft" | "ArrowUp" | "PageUp" => Action::Previous,
        "Home" => Action::First,
        "End" => Action::Last,
        "Enter" => Action::Enter,
        "Backspace" => Action::Backspace,
        "f" | "F" => Action::ToggleFullscreen,
        "Escape" | "Esc" => Action::Escape,
        "n" | "N" => Action::ToggleNotes,
        _ => {
            let mut chars = key.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_digit() => Action::Digit(c as u8 - b'0'),
                _ => return None,
            }
        }
    })
}

/// What the page must do after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Show this slide (from 1) and put it in the URL.
    Go(usize),
    ToggleFullscreen,
    ExitFullscreen,
    ToggleNotes,
    /// Only the typed digits changed (shown in the corner).
    Typed,
}

/// The navigation state: the current slide, the deck's size and the digits
/// typed so far for a jump.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Nav {
    pub current: usize,
    pub total: usize,
    pub typed: String,
}

impl Nav {
    pub fn new(current: usize, total: usize) -> Nav {
        Nav {
            current: clamp_slide(current, total),
            total: total.max(1),
            typed: String::new(),
        }
    }

    /// Applies an action; moving past either end stays on the end slide.
    pub fn apply(&mut self, action: Action) -> Command {
        let go = |nav: &mut Nav, n: usize| {
            nav.typed.clear();
            nav.current = clamp_slide(n, nav.total);
            Command::Go(nav.current)
        };
        match action {
            Action::Next => go(self, self.current + 1),
            Action::Previous => go(self, self.current.saturating_sub(1)),
            Action::First => go(self, 1),
            Action::Last => go(self, self.total),
            Action::Digit(d) => {
                if self.typed.len() < 3 {
                    self.typed.push(char::from(b'0' + d));
                }
                Command::Typed
            }
            Action::Backspace => {
                self.typed.pop();
                Command::Typed
            }
            Action::Enter => match self.typed.parse::<usize>() {
                Ok(n) => go(self, n),
                Err(_) => go(self, self.current + 1),
            },
            Action::ToggleFullscreen => Command::ToggleFullscreen,
            Action::Escape => {
                self.typed.clear();
                Command::ExitFullscreen
            }
            Action::ToggleNotes => Command::ToggleNotes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_clicker_buttons_map_to_actions() {
        let a = |k: &str| action_for_key(k, false, false);
        for k in ["ArrowRight", "ArrowDown", "PageDown", " "] {
            assert_eq!(a(k), Some(Action::Next), "{k}");
        }
        for k in ["ArrowLeft", "ArrowUp", "PageUp"] {
            assert_eq!(a(k), Some(Action::Previous), "{k}");
        }
        assert_eq!(action_for_key(" ", true, false), Some(Action::Previous));
        assert_eq!(a("Home"), Some(Action::First));
        assert_eq!(a("End"), Some(Action::Last));
        assert_eq!(a("7"), Some(Action::Digit(7)));
        assert_eq!(a("F"), Some(Action::ToggleFullscreen));
        assert_eq!(a("Escape"), Some(Action::Escape));
        assert_eq!(a("n"), Some(Action::ToggleNotes));
        assert_eq!(a("Tab"), None);
        assert_eq!(a("x"), None);
        assert_eq!(
            action_for_key("f", false, true),
            None,
            "Ctrl+F stays the browser's"
        );
    }

    #[test]
    fn navigation_stays_inside_the_deck_and_jumps_by_number() {
        let mut nav = Nav::new(1, 8);
        assert_eq!(nav.apply(Action::Previous), Command::Go(1));
        assert_eq!(nav.apply(Action::Next), Command::Go(2));
        assert_eq!(nav.apply(Action::Last), Command::Go(8));
        assert_eq!(nav.apply(Action::Next), Command::Go(8));
        assert_eq!(nav.apply(Action::First), Command::Go(1));
        assert_eq!(nav.apply(Action::Digit(1)), Command::Typed);
        assert_eq!(nav.apply(Action::Digit(2)), Command::Typed);
        assert_eq!(nav.apply(Action::Backspace), Command::Typed);
        assert_eq!(nav.typed, "1");
        assert_eq!(nav.apply(Action::Digit(5)), Command::Typed);
        assert_eq!(
            nav.apply(Action::Enter),
            Command::Go(8),
            "15 is past the end"
        );
        assert_eq!(nav.typed, "");
        nav.apply(Action::Digit(3));
        assert_eq!(nav.apply(Action::Escape), Command::ExitFullscreen);
        assert_eq!(nav.apply(Action::Enter), Command::Go(8));
        assert_eq!(Nav::new(0, 8).current, 1);
        assert_eq!(Nav::new(20, 8).current, 8);
    }
}
