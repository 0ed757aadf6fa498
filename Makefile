# The project's interface. `make serve` and `make test` are all a new machine needs.
SHELL := /bin/bash
# Local tools first: binaryen's wasm-opt from npm (Debian's is too old), cargo-installed
# trunk and wasm-bindgen.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= never

.PHONY: setup serve test lint test-native test-wasm test-e2e dist demo bench bench-kernels fuzz clean

setup:
	@bash scripts/setup.sh

## Build (release) and serve on http://127.0.0.1:8080 (the page is the single offline file)
serve: dist
	node scripts/static-server.mjs dist 8080

## Every test layer: lint, native, wasm in headless Chromium, end to end.
test: setup lint test-native test-wasm test-e2e

lint:
	leptosfmt --check 'src/**/*.rs' > /dev/null
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

test-native:
	cargo test

test-wasm:
	cargo test --target wasm32-unknown-unknown --test web

test-e2e: dist
	cargo build --bin industry-report
	node --test --test-concurrency=1 tests/e2e/

## Static site in dist/ plus the single offline file dist/industry-monitor.html
dist: setup
	trunk build --release
	node scripts/bundle.mjs dist

## Regenerate the built-in demo city (public/demo/, committed; deterministic)
demo:
	cargo run --example make_demo

## Speed and memory: S/M/L workbooks (1,500 / 20,000 / 100,000 enterprises) through the
## native code, the CLI, the app in headless Chromium and SheetJS; writes BENCHMARKS.md
bench: dist
	cargo run --release --example bench_workbooks -- target/bench
	cargo build --release --bin industry-report
	cargo bench --bench ingest > target/bench/native.jsonl
	node scripts/bench.mjs target/bench/native.jsonl

## The shipped wasm (no reference types: Chromium 86+) against a reference-types build of
## the same code; writes its section of BENCHMARKS.md (about 6 minutes, a first build more)
bench-kernels: dist
	cargo run --release --example bench_workbooks -- target/bench
	bash scripts/build-reftypes.sh
	node scripts/bench-kernels.mjs dist target/dist-reftypes

fuzz:
	bash scripts/fuzz.sh

clean:
	cargo clean
	rm -rf dist
