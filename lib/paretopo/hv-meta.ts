/**
 * `hv-meta` — hypervolume-guided meta-reward of Lu et al. 2025 ("Learning to
 * Optimize Multi-Objective Alignment Through Dynamic Reward Weighting",
 * arXiv 2509.11452; their code: yining610/dynamic-reward-weighting,
 * verl/trainer/ppo/ray_trainer_vanilla.py and
 * verl/utils/reward_score/dynamic_math/hypervolumn_contribution.py). The rule:
 *
 *   - before training, the validation performance of the initial policy is
 *     the buffer's first point: the hypervolume REFERENCE point; m = 1;
 *   - every training reward is the static weighted sum r_i = Σ_k w_k g_ik,
 *     multiplied by the current meta reward m (one factor for the whole
 *     batch, not per trajectory);
 *   - after each validation (per checkpoint), with the new point p:
 *       ΔHV = HV(buffer[1:] ∪ {p}; ref = buffer[0]) − HV(buffer[1:]; ref)
 *       m   = 0.5 + 1.5·tanh(ΔHV), and p joins the buffer when ΔHV > 0.
 *
 * Points are in goodness space g ∈ [0, 1]^d (objective-scale; maximized);
 * `hvScale` multiplies ΔHV before the tanh (1 = their rule; their objectives
 * are in raw reward units). In the trainer the validation points come from
 * the validation split (observeEvaluation).
 *
 * Note: the advantages here are group-normalized, (r − mean)/(std + eps), as
 * for every estimator of this package; a factor common to the whole batch
 * cancels in that normalization (up to eps), so on these tasks hv-meta acts
 * like `static` with the same weights. That is a property of their rule under
 * GRPO's std normalization, not of this port; `hv-contrib` is the
 * per-trajectory variant that does not cancel.
 */
import { z } from 'zod';
import { hypervolume, minimizationForm, paretoRanks } from '../pareto';
import { checkSnapshot, type AdvantageEstimator } from './estimator';
import { groupNormalize } from './group-normalize';
import { goodness, goodnessMatrix, resolveScales, ScalesSchema } from './objective-scale';
import type { Objective } from './objectives';
import { epsOption, resolveWeights, weightsOption } from './shared-options';
import { scalarize } from './static-scalarization';
import { broadcastCredit } from './token-credit';
import { validateGroups, validatePoint, type TrajectoryAdvantage } from './types';

export const HvMetaOptionsSchema = z.strictObject({
  weights: weightsOption,
  scales: ScalesSchema,
  hvScale: z.number().positive().default(1).describe('Multiplier on the checkpoint hypervolume contribution before tanh in m = 0.5 + 1.5·tanh(hvScale·ΔHV).'),
  eps: epsOption,
});
export type HvMetaOptions = z.infer<typeof HvMetaOptionsSchema>;

export function hvMetaFactor(deltaHv: number, hvScale: number): number {
  return 0.5 + 1.5 * Math.tanh(hvScale * deltaHv);
}

interface HvMetaState {
  /** Goodness points: [0] = the reference (first validation), then every point that added hypervolume. */
  buffer: number[][];
  metaReward: number;
  lastContribution: number;
}

/** ΔHV of `point` against the buffer (maximization, reference buffer[0]), in goodness space. */
export function checkpointContribution(buffer: readonly (readonly number[])[], point: readonly number[]): number {
  const ref = buffer[0].map((g) => 1 - g);
  const cost = (ps: readonly (readonly number[])[]) => ({ data: Float64Array.from(ps.flatMap((p) => p.map((g) => 1 - g))), dim: ref.length });
  const prev = buffer.slice(1);
  const without = prev.length ? hypervolume(cost(prev), ref) : 0;
  const withP = hypervolume(cost([...prev, point]), ref);
  return Math.max(0, withP - without);
}

export function createHvMeta(objectives: readonly Objective[], options: HvMetaOptions): AdvantageEstimator {
  const weights = resolveWeights(objectives, options.weights);
  const scales = resolveScales(objectives, options.scales);
  let s: HvMetaState = { buffer: [], metaReward: 1, lastContribution: 0 };
  return {
    algorithm: 'hv-meta',
    objectives,
    adaptive: true,
    computeAdvantages(groups) {
      validateGroups(groups, objectives);
      return {
        stage: null,
        weights: weights.slice(),
        groups: groups.map((group) => {
          const rows = group.map((t) => t.objectives);
          const base = scalarize(goodnessMatrix(rows, objectives, scales), weights);
          const rewards = Float64Array.from(base, (r) => r * s.metaReward);
          const adv = groupNormalize(rewards, options.eps);
          const ranks = rows.length ? paretoRanks(minimizationForm(rows, objectives)) : new Int32Array(0);
          return group.map((t, i): TrajectoryAdvantage => ({
            tokenAdvantages: broadcastCredit(adv[i], t.numTokens),
            advantage: adv[i],
            reward: rewards[i],
            paretoRank: ranks[i],
          }));
        }),
      };
    },
    observeEvaluation(point) {
      validatePoint(point, objectives);
      const g = point.map((x, k) => goodness(x, objectives[k], scales[k]));
      if (s.buffer.length === 0) {
        s = { buffer: [g], metaReward: 1, lastContribution: 0 };
        return;
      }
      const delta = checkpointContribution(s.buffer, g);
      s = { buffer: delta > 0 ? [...s.buffer, g] : s.buffer, metaReward: hvMetaFactor(delta, options.hvScale), lastContribution: delta };
    },
    state: () => ({ algorithm: 'hv-meta', metaReward: s.metaReward, lastContribution: s.lastContribution, bufferSize: s.buffer.length }),
    serialize: () => ({ version: 1, algorithm: 'hv-meta', objectives: objectives.map((o) => o.name), state: JSON.parse(JSON.stringify(s)) }),
    restore(snapshot) {
      checkSnapshot(snapshot, 'hv-meta', objectives);
      const r = z
        .object({ buffer: z.array(z.array(z.number()).length(objectives.length)), metaReward: z.number(), lastContribution: z.number() })
        .safeParse(snapshot.state);
      if (!r.success) throw new Error(`invalid hv-meta snapshot at state.${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`);
      s = r.data;
    },
  };
}
