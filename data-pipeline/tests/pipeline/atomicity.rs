//! A run killed while it writes (SIGKILL, no chance to clean up) leaves the
//! previous output folder complete and consistent with its manifest.

use crate::util::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every output the manifest lists exists with the recorded SHA-256.
fn assert_consistent(out: &Path) {
    let manifest = manifest(out);
    let outputs = manifest["outputs"].as_array().unwrap();
    assert!(outputs.len() >= 3);
    for entry in outputs {
        let file = out.join(entry["file"].as_str().unwrap());
        assert_eq!(
            data_pipeline::read::sha256(&file).unwrap(),
            entry["sha256"].as_str().unwrap(),
            "{}",
            file.display()
        );
    }
}

#[test]
fn sigkill_while_writing_leaves_the_previous_output_whole() {
    let dir = temp_dir("sigkill");
    let (input, out) = (dir.join("input"), dir.join("data"));
    assert_success(&pipeline(&["sample", "--out", input.to_str().unwrap()]));
    build_ok(&input, &out);
    assert_consistent(&out);
    let before = snapshot_of(&out);

    let mut killed_while_writing = 0;
    for _ in 0..5 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_data-pipeline"))
            .args([
                "build",
                "--input",
                input.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let staging = dir.join(format!(".data.tmp-{}", child.id()));
        let deadline = Instant::now() + Duration::from_secs(120);
        while !staging.exists() && child.try_wait().unwrap().is_none() && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_micros(200));
        }
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            killed_while_writing += 1;
            assert_eq!(
                snapshot_of(&out),
                before,
                "the killed run changed the output"
            );
        }
        assert_consistent(&out);
        let _ = std::fs::remove_dir_all(&staging);
    }
    assert!(killed_while_writing > 0, "no run was caught while writing");
}
