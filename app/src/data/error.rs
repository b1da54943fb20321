//! Why the snapshot files could not be shown ([`LoadError`]), and the
//! readable message that names the file, so the page never goes blank.

use crate::i18n::{Lang, Text};
use contract::files::MANIFEST;

/// Why the data could not be shown.
#[derive(Clone, Debug, PartialEq)]
// Only the wasm fetch constructs `Http`; the native build (tests) does not.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub enum LoadError {
    /// The server answered with an error status (404 for a missing file).
    Http { file: String, status: u16 },
    /// The request itself failed (offline, blocked).
    Network { file: String, message: String },
    /// The file is not the JSON the contract describes.
    Malformed { file: String, message: String },
    /// The file was written for another version of the contract.
    Schema {
        file: String,
        found: u32,
        expected: u32,
    },
    /// The file's SHA-256 differs from the manifest's (`listed`), or the
    /// manifest does not list it at all: the set is not one pipeline run's.
    Inconsistent { file: String, listed: bool },
}

impl LoadError {
    /// The user-facing message, naming the file.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LoadError::Http { file, status } => {
                format!("{}: {file} (HTTP {status})", Text::LoadFailed.get(lang))
            }
            LoadError::Network { file, message } => {
                format!("{}: {file} ({message})", Text::LoadFailed.get(lang))
            }
            LoadError::Malformed { file, message } => {
                format!("{}: {file} ({message})", Text::Malformed.get(lang))
            }
            LoadError::Schema {
                file,
                found,
                expected,
            } => match lang {
                Lang::Vi => format!(
                    "{}: {file} có phiên bản {found}, ứng dụng cần phiên bản {expected}",
                    Text::SchemaMismatch.get(lang)
                ),
                Lang::En => format!(
                    "{}: {file} has schema version {found}, this app reads version {expected}",
                    Text::SchemaMismatch.get(lang)
                ),
            },
            LoadError::Inconsistent { file, listed } => {
                let head = Text::Inconsistent.get(lang);
                let tail = Text::ReloadHint.get(lang);
                match (lang, listed) {
                    (Lang::Vi, true) => {
                        format!("{head}: {file} không khớp mã băm trong {MANIFEST} ({tail}).")
                    }
                    (Lang::Vi, false) => {
                        format!("{head}: {file} không có trong {MANIFEST} ({tail}).")
                    }
                    (Lang::En, true) => {
                        format!("{head}: {file} does not match its hash in {MANIFEST} ({tail}).")
                    }
                    (Lang::En, false) => {
                        format!("{head}: {file} is not listed in {MANIFEST} ({tail}).")
                    }
                }
            }
        }
    }
}
