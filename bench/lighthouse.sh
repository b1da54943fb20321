#!/usr/bin/env bash
# Lighthouse (mobile, simulated throttling) on the overview and the public
# page of the built site in dist/ (or SITE), served as it is deployed: the .br/.gz
# copies (scripts/serve.py), no rewrite rules. Prints each category's score
# and the metrics behind performance; the median of RUNS runs (default 3).
#   bench/lighthouse.sh [RUNS] [SITE]   (`make bench-lighthouse`; SITE: dist)
# Lighthouse's CPU throttling multiplies the time the page's tasks took on
# this machine: run it on an idle machine, or the scores are of the load.
set -euo pipefail
runs=${1:-3}
site=${2:-dist}
lighthouse=.tools/node_modules/.bin/lighthouse
[ -x "$lighthouse" ] || npm install --silent --no-fund --no-audit --prefix .tools lighthouse@12.8.2
port=8097
python3 scripts/serve.py "$site" "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
out=$(mktemp -d)
for page in "" "public/"; do
  for i in $(seq "$runs"); do
    CHROME_PATH=${CHROME_PATH:-$(command -v chromium)} "$lighthouse" "http://127.0.0.1:$port/$page" \
      --quiet --form-factor=mobile --throttling-method=simulate --output=json \
      --output-path="$out/${page%/}-$i.json" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
  done
  python3 - "$out" "${page%/}" "/$page" <<'PY'
import glob, json, statistics, sys
out, name, path = sys.argv[1:]
reports = [json.load(open(f)) for f in sorted(glob.glob(f"{out}/{name}-*.json"))]
def median(get):
    return statistics.median(get(r) for r in reports)
scores = {c: median(lambda r: round(r["categories"][c]["score"] * 100))
          for c in ["performance", "accessibility", "best-practices", "seo"]}
metrics = {m: median(lambda r: r["audits"][m]["numericValue"])
           for m in ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                     "cumulative-layout-shift", "speed-index"]}
print(f"lighthouse {path} (median of {len(reports)}): " + ", ".join(f"{c} {s:g}" for c, s in scores.items()))
print("  " + ", ".join(f"{m} {v:.3f}" if m == "cumulative-layout-shift" else f"{m} {v:.0f} ms"
                        for m, v in metrics.items()))
PY
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
