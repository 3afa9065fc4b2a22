"""The peer of driftlab's profile: pandas read_csv + describe(include="all"), timed in-process.

Usage: /usr/bin/python3 bench/profile/pandas_profile.py FILE.csv [repeats]
Prints JSON: {"read": [seconds...], "describe": [seconds...], "rows": n, "columns": k}.
(Debian 12's pandas has no Parquet engine, pyarrow and fastparquet are not packaged, so pandas reads CSV.)
"""
import json
import sys
import time

import pandas as pd

path = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
reads, describes = [], []
for _ in range(repeats):
    t0 = time.perf_counter()
    df = pd.read_csv(path)
    t1 = time.perf_counter()
    summary = df.describe(include="all")
    t2 = time.perf_counter()
    reads.append(t1 - t0)
    describes.append(t2 - t1)
print(json.dumps({"read": reads, "describe": describes, "rows": len(df), "columns": len(df.columns), "pandas": pd.__version__}))
