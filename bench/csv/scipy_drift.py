"""The peer of `driftlab drift REF.csv CUR.csv --numeric-method ks --categorical-method chisquare --json`, end to end:
start Python, import pandas and scipy, read both CSVs, then per column scipy.stats.ks_2samp (numeric) or
scipy.stats.chi2_contingency on the two sides' category counts (categorical); print the p-values as JSON.

Usage: /usr/bin/python3 bench/csv/scipy_drift.py REFERENCE.csv CURRENT.csv
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy import stats

reference = pd.read_csv(sys.argv[1])
current = pd.read_csv(sys.argv[2])
out = {}
for column in reference.columns:
    r, c = reference[column].dropna(), current[column].dropna()
    if pd.api.types.is_numeric_dtype(r):
        out[column] = float(stats.ks_2samp(r.to_numpy(float), c.to_numpy(float)).pvalue)
    else:
        counts = pd.concat([r.value_counts(), c.value_counts()], axis=1).fillna(0).to_numpy(float)
        out[column] = float(stats.chi2_contingency(counts.T)[1])
print(json.dumps(out))
