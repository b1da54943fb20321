//! The default demo sample (`data-pipeline sample`): a real province (96
//! Cà Mau) across 1 July 2025. It builds, shows the old three-tier tree
//! before the change and the new one after, hands over the dossiers
//! pending on 1 July (to the one successor or to the province's pool), and
//! is the same bytes for the same seed.

use crate::util::*;
use std::path::Path;

/// `data-pipeline sample --out DIR --seed SEED`.
fn sample(out: &Path, seed: &str) {
    assert_success(&pipeline(&[
        "sample",
        "--out",
        out.to_str().unwrap(),
        "--seed",
        seed,
    ]));
}

#[test]
fn the_sample_is_a_real_province_across_the_change() {
    let dir = temp_dir("sample-real");
    let (input, out) = (dir.join("input"), dir.join("data"));
    sample(&input, "2024");
    build_ok(&input, &out);

    // Both trees: the old provinces with their districts until June 2025,
    // the new province with its communes directly under it from July.
    let units: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(out.join("units.json")).unwrap()).unwrap();
    let count = |level: &str, parent: Option<&str>| {
        let parent = parent.map(serde_json::Value::from);
        (units.iter())
            .filter(|u| u["level"] == level && parent.as_ref().is_none_or(|p| &u["parent"] == p))
            .count()
    };
    assert_eq!(count("province", None), 3, "95, 96 and 96@2025-07-01");
    assert_eq!(count("district", None), 16);
    assert_eq!(
        count("commune", Some("96@2025-07-01")),
        64 + 1,
        "and the pool"
    );
    assert!(count("commune", None) > 64 + 160);

    // Dossiers pending on 1 July 2025 are carried over by the new units.
    let table = indicators(&out);
    let column = |name: &str| table[0].iter().position(|c| c == name).unwrap();
    let (carried, pending) = (column("carried_over"), column("pending_total"));
    let july = |code: &str| {
        (table.iter().skip(1))
            .find(|r| r[0] == code && r[4] == "2025-07")
            .map(|r| r[carried].parse::<u64>().unwrap())
    };
    assert!(
        july("96~divided").unwrap() > 0,
        "the pool of divided communes"
    );
    let successors = (table.iter().skip(1))
        .filter(|r| r[2] == "commune" && r[3] == "96" && r[4] == "2025-07")
        .filter(|r| r[carried] != "0")
        .count();
    assert!(
        successors > 40,
        "{successors} communes carried dossiers over"
    );
    // The province counts every dossier once: the old provinces' June
    // pending is the new province's July carried over.
    let june_pending: u64 = ["95", "96"]
        .iter()
        .map(|p| {
            let row = (table.iter().skip(1))
                .find(|r| r[0] == *p && r[2] == "province" && r[4] == "2025-06")
                .unwrap();
            row[pending].parse::<u64>().unwrap()
        })
        .sum();
    let new = (table.iter().skip(1))
        .find(|r| r[0] == "96" && r[2] == "province" && r[4] == "2025-07")
        .unwrap();
    assert_eq!(new[carried].parse::<u64>().unwrap(), june_pending);
}

#[test]
fn the_sample_is_the_same_bytes_for_a_seed() {
    let dir = temp_dir("sample-seed");
    sample(&dir.join("a"), "7");
    sample(&dir.join("b"), "7");
    sample(&dir.join("c"), "8");
    let files = |name: &str| {
        snapshot_of(&dir.join(name))
            .into_iter()
            .map(|(path, bytes)| (path.file_name().unwrap().to_owned(), bytes))
            .collect::<Vec<_>>()
    };
    let (a, b, c) = (files("a"), files("b"), files("c"));
    assert_eq!(
        a.len(),
        7,
        "units, unit_changes, procedures, dossiers, index_metrics, targets, dataset"
    );
    assert!(a == b, "two runs with seed 7 differ");
    assert!(a != c, "seeds 7 and 8 give the same sample");
    let units = |files: &[(std::ffi::OsString, Vec<u8>)]| {
        files
            .iter()
            .find(|(n, _)| n == "units.csv")
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(units(&a), units(&c), "the units do not depend on the seed");
}

#[test]
fn a_parquet_input_gives_the_figures_of_the_same_csv() {
    // Made-up units, a few thousand dossiers: the same sample in both formats.
    let dir = temp_dir("sample-parquet");
    let built = |format: &str| {
        let (input, out) = (dir.join(format), dir.join(format!("{format}-data")));
        let size = ["--provinces", "2", "--districts", "2", "--communes", "3"];
        let more = ["--dossiers", "4000", "--months", "3", "--format", format];
        let mut args = vec!["sample", "--out", input.to_str().unwrap()];
        args.extend(size.iter().chain(&more));
        assert_success(&pipeline(&args));
        build_ok(&input, &out);
        out
    };
    let (csv, parquet) = (built("csv"), built("parquet"));
    assert!(parquet.join("../parquet/dossiers.parquet").exists());
    for file in ["indicators.csv", "index766.csv"] {
        let (a, b) = (read_csv(&csv.join(file)), read_csv(&parquet.join(file)));
        assert!(a.len() > 10, "{file} has figures");
        assert_eq!(a, b, "{file}");
    }
}
