/**
 * `static` — fixed linear scalarization: every objective is normalized to
 * goodness g_k ∈ [0,1] (see objective-scale: identity for accuracy,
 * 1/(1+x) for counts by default, or min-max with configured bounds; direction
 * applied there once), the reward is r = Σ_k w_k g_k with fixed weights w on
 * the simplex, and the advantage is its group normalization, the same on
 * every generated token.
 *
 * Complexity O(G·d) per group. All-equal groups give zero advantage.
 */
import { z } from 'zod';
import { statelessEstimator, type AdvantageEstimator } from './estimator';
import type { Objective } from './objectives';
import { goodnessMatrix, resolveScales, ScalesSchema } from './objective-scale';
import { epsOption, resolveWeights, weightsOption } from './shared-options';

export const StaticOptionsSchema = z.strictObject({
  weights: weightsOption,
  scales: ScalesSchema,
  eps: epsOption,
});
export type StaticOptions = z.infer<typeof StaticOptionsSchema>;

/** r_i = Σ_k w_k g_ik over a row-major goodness matrix. */
export function scalarize(goodness: Float64Array, weights: readonly number[]): Float64Array {
  const d = weights.length;
  const n = d === 0 ? 0 : goodness.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += weights[k] * goodness[i * d + k];
    out[i] = s;
  }
  return out;
}

export function createStatic(objectives: readonly Objective[], options: StaticOptions): AdvantageEstimator {
  const weights = resolveWeights(objectives, options.weights);
  const scales = resolveScales(objectives, options.scales);
  return statelessEstimator('static', objectives, options.eps, (rows) => ({
    rewards: scalarize(goodnessMatrix(rows, objectives, scales), weights),
  }));
}
