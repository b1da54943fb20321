#!/usr/bin/env bash
# Incremental build benchmark: adding one month to 24 months of national
# history (one dossier file per month received), against a full build of
# the same input. Not a test and not in CI: run it by hand on an otherwise
# idle machine.
#
#   bench/incremental.sh                      # 10 M dossiers, 3 runs each
#   DOSSIERS=20000000 RUNS=5 bench/incremental.sh
#
# Builds with the `pipeline` cargo profile, generates the input with
# `data-pipeline sample --scale national --start 2024-07 --months 24`
# split by month received into <target>/bench-input/ (once per generator
# version and size), and fails unless both builds write the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
RUNS=${RUNS:-3}
DOSSIERS=${DOSSIERS:-10000000}

# `-p`: polars with the pipeline's own features (a build for the whole
# workspace unifies them with the other crates' and rebuilds polars).
cargo build --quiet --profile pipeline -p data-pipeline --bin data-pipeline
target=${CARGO_TARGET_DIR:-$root/target}
bin=$target/pipeline/data-pipeline

generator=$(cat data-pipeline/src/sample.rs data-pipeline/src/sample/*.rs data-pipeline/reference/vn-admin-2025/*.csv | sha256sum | cut -c1-16)
dir=$target/bench-input/$((DOSSIERS / 1000000))m-24-months-monthly
stamp="$generator $DOSSIERS"
if [[ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]]; then
    rm -rf "$dir"
    echo "generating $dir"
    "$bin" sample --scale national --start 2024-07 --months 24 --dossiers "$DOSSIERS" --out "$dir"
    mkdir "$dir/dossiers"
    # received_on is the fifth column, YYYY-MM-DD in the sample.
    awk -F, -v out="$dir/dossiers" '
        NR == 1 { header = $0; next }
        { month = substr($5, 1, 7); file = out "/" month ".csv"
          if (!(file in seen)) { print header > file; seen[file] = 1 }
          print > file }' "$dir/dossiers.csv"
    rm "$dir/dossiers.csv"
    echo "$stamp" > "$dir/.stamp"
fi

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
python3 bench/incremental.py --pipeline "$bin" --runs "$RUNS" "$dir"
