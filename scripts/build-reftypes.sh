#!/usr/bin/env bash
# The same app built the way Rust ≥ 1.82 builds it by default, with reference types (and
# so wasm-bindgen's externref tables), into target/dist-reftypes: only the baseline that
# `make bench-kernels` compares the shipped, Chromium-86-compatible build against. Its own
# cargo target dir, so neither build invalidates the other's cache.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
page=index-reftypes.html
trap 'rm -f "$page"' EXIT
# wasm-opt with reference types allowed; everything else as in index.html.
sed 's/data-wasm-opt-params="[^"]*"/data-wasm-opt-params="--enable-reference-types --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int --enable-bulk-memory --enable-bulk-memory-opt --enable-multivalue"/' index.html > "$page"
CARGO_TARGET_DIR=target/reftypes-build \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+reference-types" \
  trunk build --dist target/dist-reftypes --release=true "$page"
for f in target/dist-reftypes/index-reftypes.html; do [ -f "$f" ] && rm "$f"; done
node scripts/bundle.mjs target/dist-reftypes
if ! grep -q externref target/dist-reftypes/industry-monitor-*.js; then
  echo "build-reftypes: the baseline does not use externref; it would measure nothing" >&2
  exit 1
fi
