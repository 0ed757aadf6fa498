#!/usr/bin/env bash
# Byte-for-byte check that a refactor left `industry-report analyze --json` unchanged:
#   scripts/json-compare.sh BEFORE_BIN AFTER_BIN
# replays every `analyze --json` call the CLI tests make (their fixtures are generated into
# a kept temp directory) plus the demo workbooks and tests/fixtures, and compares with cmp.
set -euo pipefail
before=$1 after=$2
work=$(mktemp -d)
log=$work/args.jsonl
# The tests' fixtures stay in the temp dir named after the test process.
CLI_ARGS_LOG=$log cargo test -q --test cli >/dev/null
calls=$(grep -c . "$log")
{
  for f in public/demo/*.xlsx tests/fixtures/*; do printf '["analyze","--json","%s"]\n' "$f"; done
  printf '["analyze","--json"'; for f in public/demo/*.xlsx; do printf ',"%s"' "$f"; done; printf ']\n'
  grep '"analyze"' "$log" | grep '"--json"'
} > "$work/replay.jsonl"
n=0 same=0 json=0
while IFS= read -r line; do
  mapfile -t args < <(node -e 'for (const a of JSON.parse(process.argv[1])) console.log(a)' "$line")
  n=$((n + 1))
  # stderr too: a call that fails must fail with the same message.
  "$before" "${args[@]}" > "$work/before.json" 2>&1 || true
  "$after" "${args[@]}" > "$work/after.json" 2>&1 || true
  if head -c1 "$work/before.json" | grep -q '{'; then json=$((json + 1)); fi
  if cmp -s "$work/before.json" "$work/after.json"; then
    same=$((same + 1))
  else
    echo "differs: $line"
    diff <(head -c 200000 "$work/before.json") <(head -c 200000 "$work/after.json") | head -20
  fi
done < "$work/replay.jsonl"
echo "json-compare: $same of $n analyze --json runs byte-identical, $json of them JSON ($calls CLI test calls logged)"
rm -rf "$work"
[ "$same" -eq "$n" ]
