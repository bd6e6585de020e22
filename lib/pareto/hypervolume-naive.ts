/**
 * Naive twins of hypervolume, for tests only (minimization, no directions).
 * - inclusion-exclusion over all subsets: exact, O(2^n d), n <= ~14;
 * - grid: the coordinate-compressed grid, a cell counts when some point is
 *   <= its lower corner; O(n * prod(distinct values per axis)), any d.
 * Points not strictly dominating ref contribute nothing. Empty input: 0.
 */

function inside(p: readonly number[], ref: readonly number[]): boolean {
  return p.every((v, j) => v < ref[j]);
}

export function hypervolumeInclusionExclusion(points: readonly (readonly number[])[], ref: readonly number[]): number {
  const pts = points.filter((p) => inside(p, ref));
  const n = pts.length;
  if (n > 20) throw new RangeError("inclusion-exclusion is for tiny sets");
  const d = ref.length;
  let total = 0;
  const corner = new Array<number>(d);
  for (let mask = 1; mask < 1 << n; mask++) {
    corner.fill(-Infinity);
    let bits = 0;
    for (let i = 0; i < n; i++) {
      if (mask & (1 << i)) {
        bits++;
        for (let j = 0; j < d; j++) if (pts[i][j] > corner[j]) corner[j] = pts[i][j];
      }
    }
    let vol = 1;
    for (let j = 0; j < d; j++) vol *= ref[j] - corner[j];
    total += bits % 2 === 1 ? vol : -vol;
  }
  return total;
}

export function hypervolumeGrid(points: readonly (readonly number[])[], ref: readonly number[]): number {
  const pts = points.filter((p) => inside(p, ref));
  if (pts.length === 0) return 0;
  const d = ref.length;
  const axes: number[][] = [];
  for (let j = 0; j < d; j++) {
    const vals = Array.from(new Set(pts.map((p) => p[j]))).sort((a, b) => a - b);
    vals.push(ref[j]);
    axes.push(vals);
  }
  const cell = new Array<number>(d).fill(0);
  let total = 0;
  for (;;) {
    let covered = false;
    for (const p of pts) {
      let le = true;
      for (let j = 0; j < d; j++) {
        if (p[j] > axes[j][cell[j]]) {
          le = false;
          break;
        }
      }
      if (le) {
        covered = true;
        break;
      }
    }
    if (covered) {
      let vol = 1;
      for (let j = 0; j < d; j++) vol *= axes[j][cell[j] + 1] - axes[j][cell[j]];
      total += vol;
    }
    let j = 0;
    while (j < d) {
      cell[j]++;
      if (cell[j] < axes[j].length - 1) break;
      cell[j] = 0;
      j++;
    }
    if (j === d) break;
  }
  return total;
}
