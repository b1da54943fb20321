# Two commands on a fresh machine: `make run` and `make test`.
# Every target installs what it needs first and skips what is already there.

SHELL := /bin/bash
# .tools holds the npm packages the build and tests use (binaryen's wasm-opt, axe-core).
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

TRUNK_VERSION        := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
# Debian's binaryen 108 corrupts the externref table wasm-bindgen 0.2.130 writes.
BINARYEN_VERSION     := 132.0.0
AXE_CORE_VERSION     := 4.14.1
SAMPLE_INPUT         := target/sample-input
PIPELINE             := target/debug/data-pipeline
# apt-get needs root; use sudo where we are not root and it exists.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The folder of the host the site is published under (`make site BASE=/cchc/`).
BASE                 := /
# The site as published under a sub-path, for the end-to-end tests.
SUBPATH_SITE         := target/site-cchc

.PHONY: run test tools browser pipeline data app site subpath-site size bench-app bench-lighthouse bench-incremental lint bench clean

## Build everything and serve the dashboard on the sample data at http://127.0.0.1:8080,
## every page, rebuilt and reloaded on each change (Trunk's dev server, in target/serve).
run: tools data
	trunk serve --offline --dist target/serve --address 127.0.0.1 --port 8080 on-demand.html

## Run every test: unit, pipeline, fixture, bad input and end-to-end in headless Chromium.
test: tools browser data app subpath-site size
	cargo fmt --all -- --check
	cargo test --workspace --no-fail-fast
	cargo test -p app --features on-demand --no-fail-fast

## Toolchain for the wasm app: target, trunk, wasm-bindgen-cli, wasm-opt.
tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -q "$(TRUNK_VERSION)" || cargo install --locked trunk@$(TRUNK_VERSION)
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli@$(WASM_BINDGEN_VERSION)
	@[ -x .tools/node_modules/.bin/wasm-opt ] || npm install --silent --no-fund --no-audit --prefix .tools binaryen@$(BINARYEN_VERSION)
	@command -v brotli >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q brotli; }

## Headless Chromium, its driver and axe-core for the end-to-end tests.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium chromium-driver; }
	@[ -f .tools/node_modules/axe-core/axe.min.js ] || npm install --silent --no-fund --no-audit --prefix .tools axe-core@$(AXE_CORE_VERSION)

# The whole workspace at once, so every later cargo command reuses the
# same feature set and nothing (polars above all) is compiled twice.
pipeline:
	cargo build --workspace

## The bundled sample: generate the input, build the snapshots into public/data.
data: pipeline
	$(PIPELINE) sample --out $(SAMPLE_INPUT)
	$(PIPELINE) build --input $(SAMPLE_INPUT) --out public/data

## The site in dist/ for a host's root, with the sample snapshots: what the
## tests and benchmarks use (scripts/build-site.sh says what it holds).
app: tools data
	scripts/build-site.sh dist /

## The folder to publish, in site/, for the host's folder BASE (default /):
## `make site BASE=/cchc/`, then copy site/ there. The snapshots are those
## in public/data (the sample's only when there are none).
site: tools
	@[ -f public/data/manifest.json ] || $(MAKE) data
	scripts/build-site.sh site $(BASE)

subpath-site: tools data
	scripts/build-site.sh $(SUBPATH_SITE) /cchc/

## The app's wasm + JS against the size budget (300 KB gzip); fails when over.
size: app
	scripts/check-size.sh dist

## Dashboard benchmark in headless Chromium (first chart, redraw, sizes); not part of `test`.
## A national snapshot is read from PAR_NATIONAL_DATA (default /work/bench-data/national/data).
bench-app: tools browser app
	cargo bench --workspace --profile dev --bench dashboard

## Lighthouse (mobile) on the overview and the public page, served compressed; not part of `test`.
bench-lighthouse: tools browser app
	bench/lighthouse.sh

## Adding one month to 24 months of national history, incremental against
## `--full` (bench/incremental.sh); not part of `test`.
bench-incremental:
	bench/incremental.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p app --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p app --all-targets --features on-demand -- -D warnings
	cargo clippy -p app --target wasm32-unknown-unknown --features on-demand -- -D warnings

clean:
	cargo clean
	rm -rf dist site public/data public/data.state
