/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013, "Downsampling
 * Time Series for Visual Representation"): keeps the first and last points and,
 * from each of `threshold - 2` equal buckets in between, the point forming the
 * largest triangle with the previously kept point and the next bucket's mean —
 * so peaks and the curve's shape survive. O(n).
 *
 * Returns the indices of the kept points, ascending. When `threshold >= n` (or
 * < 3) every index is kept; empty input gives an empty result. Non-finite y
 * values are never chosen over finite ones within a bucket.
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): Int32Array {
  const n = xs.length;
  if (threshold >= n || threshold < 3) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const out = new Int32Array(threshold);
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  out[0] = 0;
  for (let b = 0; b < threshold - 2; b++) {
    // Mean of the next bucket (the last point for the final bucket).
    const nextStart = Math.floor((b + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((b + 2) * every) + 1, n);
    let mx = 0;
    let my = 0;
    let m = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      if (!Number.isFinite(ys[j])) continue;
      mx += xs[j];
      my += ys[j];
      m++;
    }
    if (m === 0) {
      mx = xs[n - 1];
      my = Number.isFinite(ys[n - 1]) ? ys[n - 1] : 0;
    } else {
      mx /= m;
      my /= m;
    }
    const start = Math.floor(b * every) + 1;
    const end = Math.floor((b + 1) * every) + 1;
    const ax = xs[a];
    const ay = Number.isFinite(ys[a]) ? ys[a] : my;
    let best = -1;
    let chosen = start;
    for (let j = start; j < end; j++) {
      const y = ys[j];
      if (!Number.isFinite(y)) continue;
      const area = Math.abs((ax - mx) * (y - ay) - (ax - xs[j]) * (my - ay));
      if (area > best) {
        best = area;
        chosen = j;
      }
    }
    out[b + 1] = chosen;
    a = chosen;
  }
  out[threshold - 1] = n - 1;
  return out;
}

/** LTTB over {x, y} rows: returns the kept rows (same objects). */
export function lttb<T>(rows: readonly T[], threshold: number, x: (r: T) => number, y: (r: T) => number): T[] {
  if (threshold >= rows.length || threshold < 3) return rows.slice();
  const xs = new Float64Array(rows.length);
  const ys = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    xs[i] = x(r);
    ys[i] = y(r);
  });
  return Array.from(lttbIndices(xs, ys, threshold), (i) => rows[i]);
}
