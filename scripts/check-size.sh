#!/bin/sh
# Checks the size of the built app against the budget: the wasm and JS
# files of dist/ together, gzip -9, at most 300 KB (300 000 bytes).
# Usage: scripts/check-size.sh [DIST] [BUDGET_BYTES]
# Prints one line per file (raw and gzip bytes) and the total; exits 1 when
# over the budget, 2 when dist/ has no wasm. Only POSIX sh, gzip, wc.
set -eu
dist=${1:-dist}
budget=${2:-300000}
total_raw=0
total_gz=0
found=0
for f in "$dist"/*.wasm "$dist"/*.js; do
  [ -f "$f" ] || continue
  case $f in *.wasm) found=1 ;; esac
  raw=$(wc -c < "$f" | tr -d ' ')
  gz=$(gzip -9 -c "$f" | wc -c | tr -d ' ')
  printf '%-48s %9s bytes raw %9s bytes gzip\n' "$(basename "$f")" "$raw" "$gz"
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
done
if [ "$found" = 0 ]; then
  echo "check-size: no .wasm in $dist (build the app first: make app)" >&2
  exit 2
fi
printf '%-48s %9s bytes raw %9s bytes gzip (budget %s, %s%%)\n' total "$total_raw" "$total_gz" \
  "$budget" "$((total_gz * 100 / budget))"
if [ "$total_gz" -gt "$budget" ]; then
  echo "check-size: wasm + JS are $total_gz bytes gzip, over the budget of $budget" >&2
  exit 1
fi
echo "check-size: within the budget ($((budget - total_gz)) bytes to spare)"
