//! What a run prints: the warnings of every input, the closing lines of
//! `build`, and for `validate` the rows per file and the problems grouped by
//! kind.

use crate::build::Scope;
use crate::compute::Computed;
use crate::error::{Error, InputError};
use crate::read::Inputs;
use crate::validate::{Reports, Valid};
use crate::write::revisions::Revisions;
use contract::InputEntry;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// One `warning:` line per non-fatal finding (ignored extra columns, a
/// Form 06 `carried_over` that differs from the month before).
pub fn warnings(inputs: &Inputs, reports: &Reports) -> String {
    inputs
        .tables()
        .flat_map(|t| &t.warnings)
        .chain(&reports.warnings)
        .map(|w| format!("warning: {w}\n"))
        .collect()
}

/// How many published figures this build revised (`revisions.csv`), or
/// why it could not tell.
pub fn revisions(revisions: &Revisions) -> String {
    if let Some(reason) = &revisions.not_compared {
        return format!("warning: revisions not looked for: the previous snapshot set {reason}\n");
    }
    match revisions.found {
        0 => String::new(),
        n => format!(
            "{n} published figures revised, added to {} ({} in all)\n",
            contract::files::REVISIONS_CSV,
            revisions.rows.len()
        ),
    }
}

/// How much of the input the build read (see [`Scope`]), and whether the
/// state for the next build was saved in `folder`.
pub fn state(scope: &Scope, not_saved: Option<Error>, folder: &Path) -> String {
    let scope = match scope {
        Scope::Full(why) => format!("full build: {why}\n"),
        Scope::Incremental { read, known } => format!(
            "incremental build: {read} dossier files read, {known} unchanged since the last \
             build taken from {}\n",
            folder.display()
        ),
    };
    match not_saved {
        None => scope,
        Some(e) => format!(
            "{scope}warning: the state for the next build was not saved ({e}): \
             it will be a full one\n"
        ),
    }
}

/// `build --quarantine`: how many rows were set aside, and where.
pub fn rejected(rows: usize, path: &Path) -> String {
    format!("{rows} rows rejected, written to {}\n", path.display())
}

/// `build`: what was read and what was written, in how long.
pub fn built(valid: &Valid, computed: &Computed, out: &Path, took: Duration) -> String {
    let (dossiers, units) = (&valid.dossiers, valid.units.list.len());
    format!(
        "read {} dossiers ({} identical duplicates collapsed), {} Form 06 reports, {} units, \
         {} procedures\n\
         wrote {} months ({} to {}) for {} units to {} in {:.2} s",
        dossiers.read,
        dossiers.duplicates,
        valid.reports.list.len(),
        units,
        valid.procedures.as_ref().map_or(0, |p| p.len()),
        computed.last.index() - computed.first.index() + 1,
        computed.first,
        computed.last,
        units,
        out.display(),
        took.as_secs_f64()
    )
}

/// `validate`: the rows of each input file and what became of them.
pub fn input_files(entries: &[InputEntry]) -> String {
    entries
        .iter()
        .map(|entry| {
            format!(
                "{}: {} rows read, {} accepted, {} identical duplicates, {} rejected\n",
                entry.file,
                entry.rows_read,
                entry.rows_accepted,
                entry.duplicates,
                entry.rows_rejected
            )
        })
        .collect()
}

/// Problems grouped by reason, most frequent first, with where to look.
pub fn problems_by_kind(problems: &[InputError]) -> String {
    let mut by_reason: BTreeMap<(String, String), Vec<&InputError>> = BTreeMap::new();
    for p in problems {
        let column = p.column.clone().unwrap_or_default();
        by_reason
            .entry((column, p.reason.clone()))
            .or_default()
            .push(p);
    }
    let mut groups: Vec<_> = by_reason.into_iter().collect();
    groups.sort_by_key(|(_, rows)| std::cmp::Reverse(rows.len()));
    let mut text = String::from("summary by kind of problem:\n");
    for ((column, reason), rows) in groups {
        text.push_str(&group_line(&column, &reason, &rows));
    }
    text
}

/// `  3 × column channel: unknown channel (dossiers.csv line 7, …)`: the
/// first five places of one kind of problem.
fn group_line(column: &str, reason: &str, rows: &[&InputError]) -> String {
    let lines: Vec<String> = rows
        .iter()
        .take(5)
        .map(|p| format!("{} line {}", p.file, p.line.unwrap_or(0)))
        .collect();
    let more = if rows.len() > 5 { ", …" } else { "" };
    format!(
        "  {} × column {column}: {reason} ({}{more})\n",
        rows.len(),
        lines.join(", ")
    )
}
