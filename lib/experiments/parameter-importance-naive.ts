/**
 * Brute-force twin of parameter-importance.ts, straight from the definitions:
 * a value's average rank = 1 + #smaller + (#equal − 1)/2 by counting (O(n²));
 * Spearman's ρ = Pearson's r of those ranks written as the textbook sums;
 * η² = Σ_groups n_g (mean_g − mean)² / Σ_i (r_i − mean)² by looping groups.
 */
export function averageRanksNaive(values: readonly number[]): number[] {
  return values.map((v) => {
    let smaller = 0;
    let equal = 0;
    for (const w of values) {
      if (w < v) smaller++;
      else if (w === v) equal++;
    }
    return 1 + smaller + (equal - 1) / 2;
  });
}

export function spearmanNaive(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 3) return null;
  const rx = averageRanksNaive(x);
  const ry = averageRanksNaive(y);
  const sx = rx.reduce((a, b) => a + b, 0);
  const sy = ry.reduce((a, b) => a + b, 0);
  const sxy = rx.reduce((a, r, i) => a + r * ry[i], 0);
  const sxx = rx.reduce((a, r) => a + r * r, 0);
  const syy = ry.reduce((a, r) => a + r * r, 0);
  const num = n * sxy - sx * sy;
  const den = Math.sqrt(n * sxx - sx * sx) * Math.sqrt(n * syy - sy * sy);
  return den > 1e-9 ? num / den : null;
}

export function rankEta2Naive(g: readonly string[], y: readonly number[]): number | null {
  if (y.length < 3) return null;
  const r = averageRanksNaive(y);
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const total = r.reduce((a, v) => a + (v - mean) ** 2, 0);
  const keys = [...new Set(g)];
  if (keys.length < 2 || keys.length === r.length || total === 0) return null;
  let between = 0;
  for (const k of keys) {
    const members = r.filter((_, i) => g[i] === k);
    const m = members.reduce((a, b) => a + b, 0) / members.length;
    between += members.length * (m - mean) ** 2;
  }
  return between / total;
}
