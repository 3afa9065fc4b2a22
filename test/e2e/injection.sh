#!/bin/sh
# Browser test: hostile data, column names, file names, notebook markdown and saved outputs in every page driftlab
# writes (CLI --html, render pages and index, static fallback), offline in Chromium; no dialog, no injected element,
# a working Content-Security-Policy. Builds first unless DRIFTLAB_SKIP_BUILD=1. Usage: sh test/e2e/injection.sh
set -e
cd "$(dirname "$0")/../.."
if [ "${DRIFTLAB_SKIP_BUILD:-0}" != "1" ]; then npm run build >/dev/null; fi
exec node test/e2e/injection.test.mjs
