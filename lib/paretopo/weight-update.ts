/**
 * ParetoPO stage 1 weight update (exponentiated gradient / mirror ascent on
 * the simplex):
 *
 *   'share' (the first rule):
 *   ĝ  = gains / Σ gains                        (no update if Σ gains is 0)
 *   'log-ratio' (default in ParetoPO since v2 of its options):
 *   ĝ_k = clamp(log(g_k / geometric mean of g), ±LOG_RATIO_CLAMP), with g_k
 *         floored at 1e-6·max g — scale-free like 'share', but when one
 *         objective's gain dominates (ratio r) a log-weight ratio moves by
 *         η·log r per update, where 'share' moves it by at most η (and by
 *         only η·(r−1)/(r+1) for two objectives with ratio r: the weights
 *         "barely moved" on calc, 0.5 → 0.4 over seven evaluations)
 *   w' = softmax(log w + η·ĝ)
 *   w  = (1 − d·minWeight)·w' + minWeight       (floor keeps every objective alive)
 *
 * then divided by its sum once more to cancel rounding. Each update moves a
 * log-ratio by at most η, and the floor keeps log w finite, so the weights stay
 * on the simplex (finite, ≥ minWeight ≥ 0, summing to 1) under any sequence of
 * updates. Non-finite or negative gains are treated as 0.
 *
 * Complexity O(d).
 */
export type GainTransform = 'share' | 'log-ratio';
export const LOG_RATIO_CLAMP = 3;

export function gainSignal(gains: readonly number[], transform: GainTransform): number[] {
  const g = gains.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const total = g.reduce((a, b) => a + b, 0);
  if (!(total > 0 && Number.isFinite(total))) return g.map(() => 0);
  if (transform === 'share') return g.map((x) => x / total);
  const top = Math.max(...g);
  const logs = g.map((x) => Math.log(Math.max(x, top * 1e-6)));
  const center = logs.reduce((a, b) => a + b, 0) / logs.length;
  return logs.map((l) => Math.max(-LOG_RATIO_CLAMP, Math.min(LOG_RATIO_CLAMP, l - center)));
}

export function updateWeights(
  weights: readonly number[],
  gains: readonly number[],
  learningRate: number,
  minWeight: number,
  transform: GainTransform = 'share',
): number[] {
  const d = weights.length;
  const gHat = gainSignal(gains, transform);
  const logits = weights.map((w, k) => Math.log(Math.max(w, 1e-300)) + learningRate * gHat[k]);
  const top = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - top));
  const z = exps.reduce((a, b) => a + b, 0);
  const mixed = exps.map((e) => (1 - d * minWeight) * (e / z) + minWeight);
  const s = mixed.reduce((a, b) => a + b, 0);
  return mixed.map((w) => w / s);
}
