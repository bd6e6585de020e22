"""moocore, the same-run peer of scripts/bench-pareto.ts.

Reads one input set written by the bench (n x d float64, row-major, little
endian), times moocore's hypervolume, is_nondominated and pareto_rank on it
(C core through the Python package; minimisation, reference point 1.1), and
prints one JSON line with the times in ms per call (wall and CPU, median and minimum; calls under 2 ms timed
in batches) and the values, so the bench can
check ours: the hypervolume, the number of non-dominated rows with their
index checksum, and a checksum of the ranks.
Usage: python3 bench-pareto-moocore.py FILE N D OPS REPS   (OPS: comma list of hv,nd,ranks)
"""
import json
import math
import sys
import time

import numpy as np
import moocore

path, n, d, ops, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(','), int(sys.argv[5])
x = np.fromfile(path, dtype='<f8').reshape(n, d)
ref = np.full(d, 1.1)
# Calls shorter than this are timed in batches (see timed); must match BATCH_MS / MAX_BATCH in bench-pareto.ts.
BATCH_MS = 2.0
MAX_BATCH = 1000


def timed(f):
    """Wall and CPU time (this process, time.process_time) per call: medians and minimums in ms.
    A sample is a batch of k calls lasting at least BATCH_MS (k = 1 for calls that long), the same rule as the bench's own side."""
    t0 = time.perf_counter()
    f()
    one = (time.perf_counter() - t0) * 1000
    k = 1 if one >= BATCH_MS else min(MAX_BATCH, math.ceil(BATCH_MS / max(one, 1e-3)))
    ts = []
    cs = []
    for _ in range(reps):
        t0 = time.perf_counter()
        c0 = time.process_time()
        for _ in range(k):
            r = f()
        cs.append((time.process_time() - c0) * 1000 / k)
        ts.append((time.perf_counter() - t0) * 1000 / k)
    ts.sort()
    cs.sort()
    return {'ms': ts[len(ts) // 2], 'best': ts[0], 'cpu': cs[len(cs) // 2], 'cpuBest': cs[0]}, r


out = {'moocore': getattr(moocore, '__version__', '?')}
if 'hv' in ops:
    t, hv = timed(lambda: moocore.hypervolume(x, ref=ref))
    out['hv'] = {**t, 'value': float(hv)}
if 'nd' in ops:
    t, mask = timed(lambda: moocore.is_nondominated(x, keep_weakly=False))
    idx = np.flatnonzero(mask)
    out['nd'] = {**t, 'count': int(idx.size), 'checksum': int((idx.astype(np.int64) + 1).sum() % 2147483647)}
if 'ranks' in ops:
    t, rk = timed(lambda: moocore.pareto_rank(x))
    rk = np.asarray(rk, dtype=np.int64)
    if rk.size and rk.min() == 0:
        rk = rk + 1  # moocore 0.3's Python pareto_rank counts fronts from 0; ours (and its R package) from 1
    out['ranks'] = {**t, 'max': int(rk.max()) if rk.size else 0,
                    'checksum': int((rk * (np.arange(rk.size, dtype=np.int64) % 1000003 + 1)).sum() % 2147483647)}
print(json.dumps(out))
