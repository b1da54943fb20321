//! A corpus of malformed inputs, each with its expected outcome. Whatever
//! the input, the pipeline never panics: it either builds or fails with a
//! message naming the file (exit code 1), leaving no partial output.

use crate::util::*;
use std::path::Path;

mod cases;
use cases::{cases, Outcome::*};

/// What is wrong with a build that should succeed with `text` in its
/// `indicators.csv`.
fn builds_with(input: &Path, out: &Path, text: &str) -> Vec<String> {
    let run = build(input, out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let code = run.status.code();
    let wrong = match std::fs::read_to_string(out.join("indicators.csv")) {
        _ if code != Some(0) && code != Some(1) => format!("exit {code:?} (a crash?)\n{stderr}"),
        Ok(csv) if code == Some(0) && csv.contains(text) => return Vec::new(),
        Ok(_) => format!("built, but indicators.csv lacks {text:?}"),
        Err(_) => format!("should build\n{stderr}"),
    };
    vec![wrong]
}

/// What is wrong with a build that should fail, write nothing and say
/// every one of `parts`.
fn fails_with(input: &Path, out: &Path, parts: &[&str]) -> Vec<String> {
    match build_failure(input, out) {
        Err(wrong) => vec![format!("should fail and write nothing: {wrong}")],
        Ok(stderr) => parts
            .iter()
            .filter(|p| !stderr.contains(*p))
            .map(|part| format!("message lacks {part:?}\n{stderr}"))
            .collect(),
    }
}

#[test]
fn every_malformed_input_has_its_expected_outcome_and_none_panics() {
    let cases = cases();
    assert!(cases.len() >= 30);
    let mut wrong = Vec::new();
    for (index, (name, break_it, outcome)) in cases.into_iter().enumerate() {
        let dir = tiny_copy(&format!("corpus-{index}"));
        let (input, out) = (dir.join("input"), dir.join("data"));
        break_it(&input);
        let problems = match outcome {
            Builds(text) => builds_with(&input, &out, text),
            Fails(parts) => fails_with(&input, &out, parts),
        };
        wrong.extend(problems.into_iter().map(|p| format!("{name}: {p}")));
    }
    assert!(
        wrong.is_empty(),
        "{} case(s) wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
