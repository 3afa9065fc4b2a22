#!/usr/bin/env bash
# Stability evidence for the browser test: runs test/e2e/run.sh N times in a row (default 5), one after another, no
# retry, and prints for each run its start time, the load averages before it, its "passed failed" counts, its exit
# status and its duration; the full log of run i is in $E2E_REPEAT_DIR/run-i.log (default a temp dir). Exits 1 when
# any run failed. Usage: bash test/e2e/repeat.sh [N]
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || {
  echo "usage: bash test/e2e/repeat.sh [N], N a positive whole number (got '$runs')" >&2
  exit 2
}
dir=${E2E_REPEAT_DIR:-$(mktemp -d -t driftlab-e2e-repeat-XXXXXX)}
mkdir -p "$dir"
echo "e2e repeat: $runs runs of test/e2e/run.sh on $(nproc) cores, logs in $dir"
green=0
for ((i = 1; i <= runs; i++)); do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  start=$(date +%s)
  E2E_RESULTS="$dir/run-$i.counts" bash test/e2e/run.sh >"$dir/run-$i.log" 2>&1
  status=$?
  read -r passed failed <"$dir/run-$i.counts" 2>/dev/null || { passed=0 failed=1; }
  after=$(cut -d' ' -f1-3 /proc/loadavg)
  printf 'run %d/%d  %s  load before %s, after %s  %s passed, %s failed  exit %d  %ds\n' \
    "$i" "$runs" "$(date -d "@$start" +%T)" "$load" "$after" "$passed" "$failed" "$status" "$(($(date +%s) - start))"
  if ((status == 0 && failed == 0)); then
    green=$((green + 1))
  else
    grep -E '^\[e2e [0-9.]+s\] FAIL|^e2e:' "$dir/run-$i.log" | head -20 | sed 's/^/    /'
  fi
done
echo "e2e repeat: $green of $runs runs green"
((green == runs))
