//! Any bytes as one input file (units, procedures, dossiers, reports or
//! unit_changes; CSV, Parquet or Excel) beside valid others: `validate` and
//! `build --quarantine` must return (a build or a list of problems), never
//! panic.
//!
//! `PAR_FUZZ_READER` names the input fuzzed (`run.sh` fuzzes one at a
//! time); without it, the first byte picks it too. The first byte picks the
//! format (csv, parquet, xlsx) and the valid others: the tiny fixture, or the
//! reorganisation input of the tests (unit versions and `unit_changes.csv`).

#![no_main]

#[allow(dead_code)]
#[path = "../../tests/pipeline/util/reorganisation.rs"]
mod reorganisation;

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

const READERS: [&str; 5] = ["units", "procedures", "dossiers", "reports", "unit_changes"];
const FORMATS: [&str; 3] = ["csv", "parquet", "xlsx"];

const TINY: [(&str, &str); 3] = [
    (
        "units",
        include_str!("../../../../shared/fixtures/tiny/input/units.csv"),
    ),
    (
        "procedures",
        include_str!("../../../../shared/fixtures/tiny/input/procedures.csv"),
    ),
    (
        "dossiers",
        include_str!("../../../../shared/fixtures/tiny/input/dossiers.csv"),
    ),
];

fn folder() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("par-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_others(dir: &Path, reorganisation: bool) {
    if reorganisation {
        use reorganisation::*;
        write_input(dir, UNITS, CHANGES, &DOSSIERS);
    } else {
        for (stem, text) in TINY {
            std::fs::write(dir.join(format!("{stem}.csv")), text).unwrap();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let pick = pick as usize;
    let stem = match std::env::var("PAR_FUZZ_READER") {
        Ok(reader) => READERS
            .into_iter()
            .find(|r| *r == reader)
            .expect("PAR_FUZZ_READER is one of units, procedures, dossiers, reports, unit_changes"),
        Err(_) => READERS[pick / 6 % READERS.len()],
    };
    let extension = FORMATS[pick % 3];
    let dir = folder();
    write_others(&dir, pick / 3 % 2 == 1);
    let _ = std::fs::remove_file(dir.join(format!("{stem}.csv")));
    std::fs::write(dir.join(format!("{stem}.{extension}")), bytes).unwrap();
    let options = data_pipeline::build::Options {
        quarantine: true,
        ..Default::default()
    };
    let _ = data_pipeline::build::validate_only(&dir, &Default::default());
    let _ = data_pipeline::build::build(&dir, &dir.join("out"), &options);
});
