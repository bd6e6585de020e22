/**
 * ParetoPO stage 1 weight update (exponentiated gradient / mirror ascent on
 * the simplex):
 *
 *   ĝ  = gains / Σ gains                        (no update if Σ gains is 0)
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
export function updateWeights(
  weights: readonly number[],
  gains: readonly number[],
  learningRate: number,
  minWeight: number,
): number[] {
  const d = weights.length;
  const g = gains.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const total = g.reduce((a, b) => a + b, 0);
  const gHat = total > 0 && Number.isFinite(total) ? g.map((x) => x / total) : g.map(() => 0);
  const logits = weights.map((w, k) => Math.log(Math.max(w, 1e-300)) + learningRate * gHat[k]);
  const top = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - top));
  const z = exps.reduce((a, b) => a + b, 0);
  const mixed = exps.map((e) => (1 - d * minWeight) * (e / z) + minWeight);
  const s = mixed.reduce((a, b) => a + b, 0);
  return mixed.map((w) => w / s);
}
