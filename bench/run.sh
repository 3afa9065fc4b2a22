#!/bin/sh
# Every benchmark of docs/benchmarks.md in one go (about 5 minutes on a quiet 2-core machine once bench/data/ is
# written; the first run also writes the seeded data files). Run from the repository root after `npm run build`.
set -e
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; node $(node --version); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/csv/run.mjs --repeats "${REPEATS:-3}"
node bench/profile/run.mjs --rows 10000000 --repeats "${REPEATS:-3}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
