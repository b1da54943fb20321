#!/usr/bin/env bash
# Pipeline benchmark: `data-pipeline build` against DuckDB on national-scale
# inputs (issue 16's sizes: 10 M dossiers over 12 months and 20 M over 24,
# CSV and Parquet). Not a test and not in CI: run it by hand on an
# otherwise idle machine.
#
#   bench/pipeline.sh                       # the four default inputs, 3 runs each
#   RUNS=5 bench/pipeline.sh                # more runs
#   INPUTS="1000000:34" bench/pipeline.sh   # dossiers:months
#   INPUTS="80000000:60" FORMATS=csv RUNS=1 bench/pipeline.sh   # five years
#
# Builds with the `pipeline` cargo profile (in $CARGO_TARGET_DIR when set),
# installs DuckDB from PyPI into .tools/bench-venv (once), generates the
# inputs with `data-pipeline sample --scale national` (the real country's
# units across 1 July 2025, from January 2024) into <target>/bench-input/ (once per
# generator version) and prints a table; exits non-zero when any result
# differs from DuckDB's (which applies the same rules for unit versions:
# see bench/duckdb_indicators.py).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
RUNS=${RUNS:-3}
INPUTS=${INPUTS:-"10000000:12 20000000:24"}
FORMATS=${FORMATS:-"csv parquet"}
DUCKDB_VERSION=1.5.6

# `-p`: polars with the pipeline's own features (a build for the whole
# workspace unifies them with the other crates' and rebuilds polars).
cargo build --quiet --profile pipeline -p data-pipeline --bin data-pipeline
target=${CARGO_TARGET_DIR:-$root/target}
bin=$target/pipeline/data-pipeline

venv=$root/.tools/bench-venv
if ! "$venv/bin/python" -c "import duckdb, sys; sys.exit(duckdb.__version__ != '$DUCKDB_VERSION')" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "duckdb==$DUCKDB_VERSION"
fi

# The inputs are regenerated only when the generator's source changes.
generator=$(cat data-pipeline/src/sample.rs data-pipeline/src/sample/*.rs data-pipeline/reference/vn-admin-2025/*.csv | sha256sum | cut -c1-16)
inputs=()
for input in $INPUTS; do
    size=${input%:*} months=${input#*:}
    for format in $FORMATS; do
        dir=$target/bench-input/$((size / 1000000))m-${months}mo-$format
        stamp="$generator $size $months $format"
        if [[ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]]; then
            rm -rf "$dir"
            echo "generating $dir"
            "$bin" sample --scale national --dossiers "$size" --months "$months" --format "$format" --out "$dir"
            echo "$stamp" > "$dir/.stamp"
        fi
        inputs+=("$dir")
    done
done

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$venv/bin/python" bench/pipeline.py --pipeline "$bin" --python "$venv/bin/python" --runs "$RUNS" "${inputs[@]}"
