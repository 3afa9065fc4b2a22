#!/usr/bin/env bash
# End-to-end browser test of the JupyterLab extension (npm run test:e2e; .ci/run calls it too).
# Installs what it needs when missing (Debian's jupyter_server / jupyterlab_server and Chromium; the host app's and the
# extension's node_modules), builds the prebuilt extension and the JupyterLab host page, then runs each runner below
# once (no retry), sums their "passed failed" counts into $E2E_RESULTS and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
results=${E2E_RESULTS:-}

fail() {
  echo "e2e: $1" >&2
  if [[ -n "$results" ]]; then echo "0 1" >"$results"; fi
  exit 1
}

step() { printf -- '--- e2e: %s (%s)\n' "$1" "$(date +%T)"; }

step "system packages"
missing=()
for p in python3-jupyter-server python3-jupyterlab-server chromium; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } ||
    fail "apt-get install ${missing[*]} failed"
fi
[[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium is missing"
[[ -d node_modules/playwright-core ]] || fail "playwright-core is missing: run npm ci at the repository root"

step "library build (dist/)"
if [[ ! -f dist/index.js || ! -f dist/charts/index.js || ! -f dist/kernel/main.js ]]; then
  npm run build || fail "npm run build failed"
fi

step "prebuilt extension (extension/labextension)"
npm run build:extension || fail "npm run build:extension failed"

step "JupyterLab host page (test/e2e/app)"
# (Re)install when node_modules is missing or was installed from another package-lock.json (a stale copy would build
# a page with other versions than the lock pins, e.g. the FAST pins in test/e2e/app/rspack.config.cjs).
lock_sum=$(sha256sum test/e2e/app/package-lock.json | cut -d' ' -f1)
if [[ ! -d test/e2e/app/node_modules || "$(cat test/e2e/app/node_modules/.driftlab-lock 2>/dev/null)" != "$lock_sum" ]]; then
  (cd test/e2e/app && npm ci --no-audit --no-fund) || fail "npm ci in test/e2e/app failed"
  echo "$lock_sum" >test/e2e/app/node_modules/.driftlab-lock
fi
(cd test/e2e/app && npm run build --silent >/dev/null) || fail "building the host page failed"

# Each runner writes "passed failed" to its own file; the sums go to $E2E_RESULTS. Runners run one after another (no
# retry): the JupyterLab page test, then the README quickstart. (The hostile-input suite has its own entry,
# test/e2e/injection.sh, which .ci/run and npm run test:e2e call after this one.)
counts=$(mktemp -d)
status=0
for runner in test/e2e/run.mjs test/e2e/quickstart.mjs; do
  [[ -f "$runner" ]] || continue
  step "$(basename "$runner")"
  E2E_RESULTS="$counts/$(basename "$runner").counts" node "$runner" || status=1
  [[ -s "$counts/$(basename "$runner").counts" ]] || echo "0 1" >"$counts/$(basename "$runner").counts"
done
read -r passed failed < <(cat "$counts"/*.counts | awk '{p += $1; f += $2} END {print p + 0, f + 0}')
rm -rf "$counts"
echo "e2e: ${passed} passed, ${failed} failed"
if [[ -n "$results" ]]; then echo "$passed $failed" >"$results"; fi
((failed > 0)) && status=1
exit $status
