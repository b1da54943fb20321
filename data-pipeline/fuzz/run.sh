#!/usr/bin/env bash
# Fuzzes the readers (not in CI), one after the other:
#   data-pipeline/fuzz/run.sh [SECONDS] [READER...]
# SECONDS per reader (default 600); READERs among units, procedures,
# dossiers, reports and unit_changes (default all five). Needs cargo-fuzz
# (installed here if missing) and a nightly toolchain, or stable with
# RUSTC_BOOTSTRAP=1, which is what this uses. Honours CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
shift $(($# > 0 ? 1 : 0))
readers=("$@")
((${#readers[@]})) || readers=(units procedures dossiers reports unit_changes)
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
export RUSTC_BOOTSTRAP=1
# The dependency versions the workspace is tested with (cargo adds libfuzzer-sys).
[ -f Cargo.lock ] || cp ../../Cargo.lock .
# The seed corpus, rebuilt every run: the tiny fixture, the reorganisation
# input and the malformed-input corpus of the tests (seeds.rs).
bin="${CARGO_TARGET_DIR:-target}"
mkdir -p "$bin"
rustc --edition 2021 -o "$bin/seeds" seeds.rs
rm -rf seeds
"$bin/seeds" ../../../shared/fixtures/tiny/input seeds
# No sanitizer: the code is safe Rust, and the search is for panics.
cargo fuzz build --dev --sanitizer none inputs
status=0
for reader in "${readers[@]}"; do
  mkdir -p "corpus/$reader" "artifacts/$reader" logs
  echo "== $reader ($seconds s): log in data-pipeline/fuzz/logs/$reader.log"
  # New inputs go to corpus/READER; a crash to artifacts/READER/.
  PAR_FUZZ_READER="$reader" cargo fuzz run --dev --sanitizer none inputs \
    "corpus/$reader" "seeds/$reader" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 -timeout=30 \
    -artifact_prefix="artifacts/$reader/" >"logs/$reader.log" 2>&1 ||
    { status=1; echo "!! $reader: a crash (or a failed run): see its log"; }
  grep -E '^(Done|#[0-9]+ +DONE)|panicked|ERROR|^artifact_prefix|Test unit written' \
    "logs/$reader.log" || true
done
exit "$status"
