#!/bin/sh
# Browser test of the standalone pages written by `driftlab render` (offline, Chromium). Builds first unless
# DRIFTLAB_SKIP_BUILD=1. Usage: sh test/e2e/pages.sh
set -e
cd "$(dirname "$0")/../.."
if [ "${DRIFTLAB_SKIP_BUILD:-0}" != "1" ]; then npm run build >/dev/null; fi
exec node test/e2e/pages.test.mjs
