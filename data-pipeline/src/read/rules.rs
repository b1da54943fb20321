//! The 766 index's scoring rules: the bundled `rules/index-766.toml`, or
//! the file given with `--rules`. Checked before anything is read, and
//! recorded in the manifest with their hash.

use crate::error::{io, Error, InputError};
use contract::index766::Rules;
use contract::IndexRules;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The rules the pipeline scores with unless told otherwise.
pub const BUNDLED: &str = include_str!("../../rules/index-766.toml");

/// The rules of `path`, or the bundled ones.
pub fn index_rules(path: Option<&Path>) -> Result<IndexRules, Error> {
    let (file, text) = match path {
        None => ("index-766.toml (bundled)".to_string(), BUNDLED.to_string()),
        Some(p) => (
            p.display().to_string(),
            std::fs::read_to_string(p).map_err(|e| io(p, e))?,
        ),
    };
    let rules: Rules = toml::from_str(&text)
        .map_err(|e| InputError::file(&file, format!("not a valid rules file: {}", e.message())))?;
    rules
        .check()
        .map_err(|reason| InputError::file(&file, format!("not valid rules: {reason}")))?;
    Ok(IndexRules {
        file,
        sha256: super::hex(&Sha256::digest(text.as_bytes())),
        rules,
    })
}
