/**
 * `mo-grpo` — per-objective group normalization before summing (MO-GRPO;
 * GDPO's group-decoupled normalization). Each objective is standardized
 * within the group on its own, in the "higher is better" orientation
 * (minimize objectives are negated by lib/pareto's minimizationForm and flipped back):
 *
 *   z_ik = (v_ik − mean_k) / (std_k + eps),  v_ik = −(minimization form)_ik
 *   A_i  = Σ_k w_k z_ik
 *
 * so no objective dominates the sum by having a larger spread. With
 * `renormalize` (GDPO's final step) A is standardized once more within the
 * group. An objective that is constant within the group contributes 0.
 * Same advantage on every generated token.
 *
 * Complexity O(G·d) per group.
 */
import { z } from 'zod';
import { statelessEstimator, type AdvantageEstimator } from './estimator';
import { groupNormalize } from './group-normalize';
import { minimizationForm } from '../pareto';
import type { Objective } from './objectives';
import { epsOption, resolveWeights, weightsOption } from './shared-options';

export const MoGrpoOptionsSchema = z.strictObject({
  weights: weightsOption,
  renormalize: z.boolean().default(false).describe('Standardize the weighted sum of standardized objectives once more within the group (GDPO).'),
  eps: epsOption,
});
export type MoGrpoOptions = z.infer<typeof MoGrpoOptionsSchema>;

export function createMoGrpo(objectives: readonly Objective[], options: MoGrpoOptions): AdvantageEstimator {
  const weights = resolveWeights(objectives, options.weights);
  const d = objectives.length;
  return statelessEstimator('mo-grpo', objectives, options.eps, (rows) => {
    const m = minimizationForm(rows, objectives);
    const sum = new Float64Array(rows.length);
    for (let k = 0; k < d; k++) {
      const z = groupNormalize(
        Float64Array.from(rows, (_, i) => -m.data[i * d + k]),
        options.eps,
      );
      for (let i = 0; i < rows.length; i++) sum[i] += weights[k] * z[i];
    }
    return { rewards: sum, advantages: options.renormalize ? groupNormalize(sum, options.eps) : sum };
  });
}
