/**
 * Group normalization, the GRPO advantage (Shao et al. 2024, DeepSeekMath):
 *
 *   A_i = (r_i − mean(r)) / (std(r) + eps),   std = population std (divide by G)
 *
 * A group whose rewards are all exactly equal (including G = 1) gets zero
 * advantage: there is nothing to prefer.
 *
 * Numerics. Rewards of huge magnitude are first divided by a power of two near
 * their largest magnitude (exact, with eps divided alike so the formula is
 * unchanged), which keeps r − mean and the variance from overflowing. The mean
 * is taken of the deviations from one of the rewards (the shifted two-pass
 * algorithm), not of the rewards themselves: for a group such as
 * [−1.7976931346e308, −1.7976931348e308] the rewards agree in their first ten
 * digits, a plain mean is off by one unit in the last place of the rewards, and
 * that is 1e-6 of their spread — the advantages then no longer sum to zero.
 * The deviations from a reward inside the group are exact when the rewards are
 * that close (Sterbenz) and of the size of the spread otherwise, so the mean's
 * rounding is relative to the spread. A last pass removes what rounding is left
 * of the deviations' mean (the corrected two-pass algorithm).
 *
 * Complexity O(G). Empty input gives an empty array.
 */
export const DEFAULT_EPS = 1e-6;

export function groupNormalize(rewards: ArrayLike<number>, eps: number = DEFAULT_EPS): Float64Array {
  const n = rewards.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  let lo = rewards[0];
  let hi = rewards[0];
  let scale = 0;
  for (let i = 0; i < n; i++) {
    const r = rewards[i];
    if (r < lo) lo = r;
    if (r > hi) hi = r;
    const a = Math.abs(r);
    if (a > scale) scale = a;
  }
  if (lo === hi) return out;
  // About 2^floor(log2 scale) (log2 may round up, hence ≤ 2; 2^1024 would overflow): rewards / s is
  // exact and lies in (−2, 2).
  const s = scale > 1e100 ? 2 ** Math.min(1023, Math.floor(Math.log2(scale))) : 1;
  const pivot = rewards[0] / s;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = rewards[i] / s - pivot;
    out[i] = d;
    sum += d;
  }
  const shift = sum / n;
  let variance = 0;
  let residual = 0;
  for (let i = 0; i < n; i++) {
    const dv = out[i] - shift;
    out[i] = dv;
    residual += dv;
    variance += (dv * dv) / n;
  }
  const center = residual / n;
  const denom = Math.sqrt(variance) + eps / s;
  for (let i = 0; i < n; i++) out[i] = (out[i] - center) / denom;
  return out;
}
