#!/usr/bin/env bash
# Builds the deployable site: the folder a province's IT office copies onto
# any static host, under the folder BASE of that host.
#   scripts/build-site.sh OUT [BASE]     (BASE defaults to /; `make site`)
# Both Trunk builds of the app (the overview's, and the second one with the
# pages opened on purpose: on-demand.html) go into OUT with:
#   * a real file or folder for every page, so that no page needs rewrite
#     rules: index.html (the overview; a unit is `?unit=`), public/, embed/,
#     briefing.html and briefing/, index766.html and index766/, and a
#     404.html that starts the app for hosts that honour it (old links);
#   * sw.js, the service worker, with the build's own files to keep;
#   * .gz and .br copies of the wasm, JS, CSS, JSON, CSV and SVG files.
# Never Trunk's live-reload script: this is `trunk build`, not `trunk serve`.
set -euo pipefail
out=${1:?usage: scripts/build-site.sh OUT [BASE]}
base=${2:-/}
[[ $base == /* && $base == */ ]] || { echo "BASE must start and end with /: $base" >&2; exit 2; }
second=target/site-on-demand

trunk build --release --offline --public-url "$base" --dist "$second" on-demand.html
trunk build --release --offline --public-url "$base" --dist "$out"
cp "$second"/*.wasm "$second"/*.js "$second"/*.css "$out"/

# The pages' files: each page is its app build's index.html.
for page in briefing index766; do
  cp "$second/index.html" "$out/$page.html"
  mkdir -p "$out/$page"
  cp "$second/index.html" "$out/$page/index.html"
done
for page in public embed; do
  mkdir -p "$out/$page"
  cp "$out/index.html" "$out/$page/index.html"
done
cp "$out/index.html" "$out/404.html"

# The service worker keeps the pages and the app's files from the first
# visit on; its cache is named after this build, so a new build replaces it.
files=$(cd "$out" && ls -1 ./*.wasm ./*.js ./*.css favicon.svg | sed 's|^\./||' | grep -vx sw.js)
list=$(printf '"%s", ' "./" public/ briefing.html index766.html $files)
version=$(printf '%s' "$list" | sha256sum | cut -c1-12)
sed -i -e "s|^const PRECACHE = .*|const PRECACHE = [${list%, }];|" \
  -e "s|^const VERSION = .*|const VERSION = \"$version\";|" "$out/sw.js"
grep -q "$version" "$out/sw.js" || { echo "sw.js: no VERSION line to fill" >&2; exit 1; }

# Pre-compressed copies, for hosts that serve them (nginx gzip_static,
# brotli_static; most object stores with Content-Encoding set). Brotli's
# best quality for the app's files and the JSON snapshots a page loads
# (a province file 13 % smaller than at quality 9: 30 ms less on a slow
# phone link); quality 9 for the CSV downloads, which a national run makes
# large (239 MB of index766.csv: quality 11 would take minutes for a 20 %
# smaller file).
compress() {
  local quality=$1; shift
  find "$out" -type f \( "$@" \) -print0 |
    while IFS= read -r -d '' f; do
      gzip -9 -k -f -n "$f"
      brotli -q "$quality" -k -f "$f"
    done
}
compress 11 -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.svg' -o -name '*.json'
compress 9 -name '*.csv'
echo "site for $base in $out: $(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1)"
