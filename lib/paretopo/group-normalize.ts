/**
 * Group normalization, the GRPO advantage (Shao et al. 2024, DeepSeekMath):
 *
 *   A_i = (r_i − mean(r)) / (std(r) + eps),   std = population std (divide by G)
 *
 * A group whose rewards are all exactly equal (including G = 1) gets zero
 * advantage: there is nothing to prefer. Rewards of huge magnitude are first
 * divided by their largest magnitude (with eps divided alike, so the formula is
 * unchanged) to keep r − mean and the variance from overflowing.
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
  const s = scale > 1e100 ? scale : 1;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += rewards[i] / s / n;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const dv = rewards[i] / s - mean;
    variance += (dv * dv) / n;
  }
  const denom = Math.sqrt(variance) + eps / s;
  for (let i = 0; i < n; i++) out[i] = (rewards[i] / s - mean) / denom;
  return out;
}
