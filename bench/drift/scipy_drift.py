"""The peer of driftlab's drift(): the same per-feature tests with numpy/scipy/pandas, timed in-process.

Usage: /usr/bin/python3 bench/drift/scipy_drift.py REFERENCE.csv CURRENT.csv [repeats]
Evidently's default rule for > 1000 rows: numeric -> Wasserstein normed by the reference std (scipy), categorical ->
Jensen-Shannon distance over the union of categories (scipy.spatial.distance.jensenshannon). Also KS for every
numeric feature (scipy.stats.ks_2samp), as driftlab's bench runs it too. Prints JSON with timings and values.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

ref_path, cur_path = sys.argv[1], sys.argv[2]
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
ref = pd.read_csv(ref_path)
cur = pd.read_csv(cur_path)
numeric = ["delay", "distance"]
categorical = ["origin", "destination"]


def default_rule():
    out = {}
    for c in numeric:
        r, k = ref[c].dropna().to_numpy(float), cur[c].dropna().to_numpy(float)
        out[c] = stats.wasserstein_distance(r, k) / max(np.std(r), 0.001)
    for c in categorical:
        r, k = ref[c].dropna().value_counts(), cur[c].dropna().value_counts()
        keys = r.index.union(k.index)
        p = r.reindex(keys, fill_value=0).to_numpy(float)
        q = k.reindex(keys, fill_value=0).to_numpy(float)
        out[c] = float(distance.jensenshannon(p / p.sum(), q / q.sum()))
    return out


def ks_all():
    return {c: float(stats.ks_2samp(ref[c].dropna(), cur[c].dropna()).pvalue) for c in numeric}


timings = {"default": [], "ks": []}
for _ in range(repeats):
    t0 = time.perf_counter()
    values = default_rule()
    t1 = time.perf_counter()
    ks = ks_all()
    t2 = time.perf_counter()
    timings["default"].append(t1 - t0)
    timings["ks"].append(t2 - t1)
print(json.dumps({"timings": timings, "values": values, "ks": ks, "rows": [len(ref), len(cur)]}))
