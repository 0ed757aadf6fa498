#!/usr/bin/env bash
# Fuzzes the ingest entry point (cargo-fuzz, nightly), seeded from ../shared/corpus and
# the test fixtures. Not part of CI. FUZZ_SECONDS sets the duration (default 600).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
seeds=fuzz/corpus/ingest
mkdir -p "$seeds"
if [ -d ../shared/corpus ]; then
  find ../shared/corpus -type f ! -name 'LICENSE*' -size -2M -exec cp -n {} "$seeds"/ \;
fi
cp -n tests/fixtures/* "$seeds"/
cargo +nightly fuzz run ingest "$seeds" -- \
  -max_total_time="${FUZZ_SECONDS:-600}" -rss_limit_mb=4096 -timeout=20 -max_len=2000000
