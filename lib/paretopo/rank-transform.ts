/**
 * Per-column rank transform: every value is replaced by its average rank
 * within its column (1-based; tied values share the mean of their ranks).
 * The result depends only on the order of values in each column, so it is
 * unchanged by any strictly increasing rescaling of any objective. ParetoPO's
 * crowding tie-break is computed on this view to keep stage 2 invariant.
 *
 * Complexity O(d · G log G). Empty input gives an empty matrix.
 */
import type { FlatPoints as Matrix } from '../pareto';

export function rankTransform(m: Matrix): Matrix {
  const { data, dim } = m;
  const n = dim === 0 ? 0 : data.length / dim;
  const out = new Float64Array(data.length);
  const idx = new Array<number>(n);
  for (let k = 0; k < dim; k++) {
    for (let i = 0; i < n; i++) idx[i] = i;
    idx.sort((a, b) => data[a * dim + k] - data[b * dim + k]);
    let start = 0;
    while (start < n) {
      let end = start + 1;
      while (end < n && data[idx[end] * dim + k] === data[idx[start] * dim + k]) end++;
      const avg = (start + 1 + end) / 2; // mean of ranks start+1 .. end
      for (let j = start; j < end; j++) out[idx[j] * dim + k] = avg;
      start = end;
    }
  }
  return { data: out, dim };
}
