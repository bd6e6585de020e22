/**
 * `grpo` — accuracy-only GRPO, as in ToRL and Search-R1: the reward is the raw
 * accuracy objective (e.g. 0/1 exact match), the advantage is its group
 * normalization (r − mean)/(std + eps), the same on every generated token.
 * Tool use is neither rewarded nor penalized.
 *
 * Complexity O(G) per group. All-equal groups and G = 1 give zero advantage.
 */
import { z } from 'zod';
import { statelessEstimator, type AdvantageEstimator } from './estimator';
import { objectiveIndex, type Objective } from './objectives';
import { accuracyObjectiveOption, epsOption } from './shared-options';

export const GrpoOptionsSchema = z.strictObject({
  accuracyObjective: accuracyObjectiveOption,
  eps: epsOption,
});
export type GrpoOptions = z.infer<typeof GrpoOptionsSchema>;

export function createGrpo(objectives: readonly Objective[], options: GrpoOptions): AdvantageEstimator {
  const acc = objectiveIndex(objectives, options.accuracyObjective, 'accuracyObjective');
  return statelessEstimator('grpo', objectives, options.eps, (rows) => ({
    rewards: Float64Array.from(rows, (r) => r[acc]),
  }));
}
