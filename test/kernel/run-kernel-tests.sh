#!/usr/bin/env bash
# Runs Debian's jupyter_kernel_test suite (test_kernel.py) and an nbclient smoke notebook against driftlab's kernel,
# with every piece of Jupyter state in a temporary folder. Needs: npm run build, and
#   apt-get install -y python3-jupyter-kernel-test python3-jupyter-client python3-nbclient python3-nbformat
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# The kernelspec goes to PREFIX/share/jupyter/kernels/driftlab (driftlab install --prefix), which JUPYTER_PATH names.
export PREFIX="$TMP/prefix"
export JUPYTER_PATH="$PREFIX/share/jupyter" JUPYTER_DATA_DIR="$TMP/data" JUPYTER_RUNTIME_DIR="$TMP/runtime"
export JUPYTER_CONFIG_DIR="$TMP/config"
export IPYTHONDIR="$TMP/ipython"

[ -f dist/kernel/main.js ] || { echo "dist/kernel/main.js missing: run npm run build" >&2; exit 2; }
node --input-type=module -e '
  const { installKernel } = await import(process.cwd() + "/dist/cli/install.js");
  const { directory } = installKernel({ scope: "prefix", prefix: process.env.PREFIX });
  console.log("kernelspec:", directory);
'
$PY -m jupyter_client.kernelspecapp list

status=0
echo "== jupyter_kernel_test =="
if $PY -m pytest --version >/dev/null 2>&1; then
  $PY -m pytest -v -p no:cacheprovider test/kernel/test_kernel.py 2>&1 | tee "$TMP/unit.log" || status=1
  summary="$(grep -E '^=+ .*(passed|failed|error).* =+$' "$TMP/unit.log" | tail -1)"
else
  # From its own folder: given as test/kernel/test_kernel.py, unittest imports it as test.kernel.test_kernel, and
  # `test` is the standard library's package (which has no kernel module).
  (cd test/kernel && $PY -m unittest -v test_kernel) 2>&1 | tee "$TMP/unit.log" || status=1
  summary="$(grep -E '^(Ran|OK|FAILED)' "$TMP/unit.log" | tr '\n' ' ')"
fi

nb_passed=0
nb_failed=0
for notebook in test/kernel/fixtures/smoke.ipynb notebooks/*.ipynb; do
  [ -f "$notebook" ] || continue
  echo "== nbclient: $notebook =="
  if $PY - "$notebook" <<'PYEOF'
import os, sys, nbformat, nbclient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
client = nbclient.NotebookClient(nb, kernel_name="driftlab", timeout=600, allow_errors=False,
                                 resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
client.execute()
outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
errors = [o for o in outputs if o.output_type == "error"]
assert not errors, errors
print(f"executed {sum(c.cell_type == 'code' for c in nb.cells)} cells, {len(outputs)} outputs, no errors")
PYEOF
  then nb_passed=$((nb_passed + 1)); else nb_failed=$((nb_failed + 1)); status=1; fi
done
nb="$nb_passed notebooks ok, $nb_failed failed"

echo "== start-up time (3 starts) =="
startup="$($PY - <<'PYEOF'
import statistics, time
from jupyter_client.manager import start_new_kernel
ready, first = [], []
for _ in range(3):
    t0 = time.monotonic()
    km, kc = start_new_kernel(kernel_name="driftlab", startup_timeout=60)
    ready.append(time.monotonic() - t0)  # process started, kernel_info answered, iopub connected
    kc.execute_interactive("1 + 1", timeout=60, output_hook=lambda msg: None)
    first.append(time.monotonic() - t0)  # ... and the first cell type-checked and run
    kc.stop_channels()
    km.shutdown_kernel(now=True)
fmt = lambda xs: "median %.2f s (%s)" % (statistics.median(xs), ", ".join("%.2f" % x for x in xs))
print(f"ready: {fmt(ready)}; first cell done: {fmt(first)}")
PYEOF
)" || { startup="failed"; status=1; }
echo "$startup"

# Counts for .ci/run: the unit tests' own tally plus one per notebook.
if grep -qE '^Ran [0-9]+ test' "$TMP/unit.log"; then
  unit_total=$(grep -oE '^Ran [0-9]+' "$TMP/unit.log" | grep -oE '[0-9]+')
  unit_failed=$(grep -oE '(failures|errors)=[0-9]+' "$TMP/unit.log" | grep -oE '[0-9]+' | paste -sd+ | bc 2>/dev/null || echo 0)
  unit_skipped=$(grep -oE 'skipped=[0-9]+' "$TMP/unit.log" | grep -oE '[0-9]+' || echo 0)
  unit_passed=$((unit_total - ${unit_failed:-0} - ${unit_skipped:-0}))
else
  unit_passed=$(grep -oE '[0-9]+ passed' "$TMP/unit.log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  unit_failed=$(grep -oE '[0-9]+ (failed|error)' "$TMP/unit.log" | grep -oE '[0-9]+' | paste -sd+ | bc 2>/dev/null || echo 0)
fi
[ -n "${KERNEL_RESULTS:-}" ] && echo "$((unit_passed + nb_passed)) $((${unit_failed:-0} + nb_failed))" > "$KERNEL_RESULTS"

echo "== summary =="
echo "jupyter_kernel_test: $summary"
echo "nbclient: $nb"
echo "start-up: $startup"
exit $status
