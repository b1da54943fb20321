#!/bin/sh
# Checks the size of the built app against the budget: the wasm and JS that
# dist/index.html loads (what the browser needs before the first chart),
# gzip -9, at most 300 KB (300 000 bytes). The second build, with the pages
# opened on purpose (index766.html and briefing.html), is listed apart.
# Usage: scripts/check-size.sh [DIST] [BUDGET_BYTES]
# Prints one line per file (raw and gzip bytes) and the totals; exits 1
# when over the budget, 2 when index.html loads no wasm. Only POSIX sh,
# grep, gzip, wc.
set -eu
dist=${1:-dist}
budget=${2:-300000}

# The wasm and JS files a page names, one per line (not the service
# worker, which the page registers once it has loaded).
loaded() {
  [ -f "$dist/$1" ] || return 0
  grep -o '[A-Za-z0-9_-]*\.\(wasm\|js\)' "$dist/$1" | grep -vx 'sw\.js' | sort -u
}

# Prints each file of the list on stdin and the total; sets total_gz.
measure() {
  total_raw=0
  total_gz=0
  while read -r name; do
    f="$dist/$name"
    [ -f "$f" ] || continue
    raw=$(wc -c < "$f" | tr -d ' ')
    gz=$(gzip -9 -c "$f" | wc -c | tr -d ' ')
    printf '  %-46s %9s bytes raw %9s bytes gzip\n' "$name" "$raw" "$gz"
    total_raw=$((total_raw + raw))
    total_gz=$((total_gz + gz))
  done
  printf '  %-46s %9s bytes raw %9s bytes gzip\n' total "$total_raw" "$total_gz"
}

if ! loaded index.html | grep -q '\.wasm$'; then
  echo "check-size: $dist/index.html loads no .wasm (build the app first: make app)" >&2
  exit 2
fi
echo "index.html (the dashboard, before its first chart):"
loaded index.html > "${TMPDIR:-/tmp}/check-size.$$"
measure < "${TMPDIR:-/tmp}/check-size.$$"
main=$total_gz
rm -f "${TMPDIR:-/tmp}/check-size.$$"
if [ -f "$dist/index766.html" ]; then
  echo "index766.html, briefing.html (the 766 index and the briefing, loaded when opened; not in the budget):"
  loaded index766.html | measure
fi
echo "budget: $main of $budget bytes gzip ($((main * 100 / budget))%)"
if [ "$main" -gt "$budget" ]; then
  echo "check-size: the dashboard's wasm + JS are $main bytes gzip, over the budget of $budget" >&2
  exit 1
fi
echo "check-size: within the budget ($((budget - main)) bytes to spare)"
