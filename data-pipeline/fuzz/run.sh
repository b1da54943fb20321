#!/usr/bin/env bash
# Fuzzes every reader (not in CI): `data-pipeline/fuzz/run.sh [SECONDS]`,
# default 600. Needs cargo-fuzz (installed here if missing) and a nightly
# toolchain, or stable with RUSTC_BOOTSTRAP=1, which is what this uses.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
corpus=corpus/inputs
mkdir -p "$corpus"
# Seed the corpus with the malformed-input cases and the tiny fixture.
for f in ../../../shared/fixtures/tiny/input/*.csv; do
  { printf '\x02'; cat "$f"; } > "$corpus/tiny-$(basename "$f")"
done
export RUSTC_BOOTSTRAP=1
# No sanitizer: the code is safe Rust, and the search is for panics.
cargo fuzz run --dev --sanitizer none inputs "$corpus" -- \
  -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 -timeout=30 2>&1 | tail -n 30
