/**
 * `hv-contrib` — per-trajectory hypervolume-contribution reward (formerly
 * named `hv-meta`; it borrows the 0.5 + 1.5·tanh factor of Lu et al. 2025
 * but applies it per trajectory within a group, which their method does not
 * — see hv-meta.ts for their rule):
 *
 *   g_i   = goodness of trajectory i's objectives in [0,1]^d (objective-scale)
 *   r_i   = Σ_k w_k g_ik                       (static linear scalarization)
 *   ΔHV_i = exclusive hypervolume contribution of i to its group, in the cost
 *           space c = 1 − g with reference point (1, …, 1) — i.e. how much
 *           of the group's front is lost without i (0 for dominated or
 *           duplicated trajectories)
 *   R_i   = r_i · (0.5 + 1.5·tanh(hvScale · ΔHV_i))
 *
 * then group-normalized and put on every generated token. Trajectories that
 * extend the group's front have their reward amplified (up to ×2), the rest
 * are damped (×0.5). Volumes are fractions of the unit cube, so they are
 * small; `hvScale` stretches them before the tanh.
 *
 * ΔHV is computed literally as HV(group) − HV(group ∖ i) with lib/pareto's
 * hypervolume, so dominated members still count when they cover part of what
 * i would leave behind (G is small: G + 1 hypervolume calls per group).
 *
 * Complexity: G + 1 hypervolume computations of ≤ G points per group.
 */
import { z } from 'zod';
import { hypervolume } from '../pareto';
import { statelessEstimator, type AdvantageEstimator } from './estimator';
import type { Objective } from './objectives';
import { goodnessMatrix, resolveScales, ScalesSchema } from './objective-scale';
import { epsOption, resolveWeights, weightsOption } from './shared-options';
import { scalarize } from './static-scalarization';

export const HvContribOptionsSchema = z.strictObject({
  weights: weightsOption,
  scales: ScalesSchema,
  hvScale: z.number().positive().default(1).describe('Multiplier on the hypervolume contribution before tanh in r·(0.5 + 1.5·tanh(hvScale·ΔHV)).'),
  eps: epsOption,
});
export type HvContribOptions = z.infer<typeof HvContribOptionsSchema>;

export function hvContribFactor(deltaHv: number, hvScale: number): number {
  return 0.5 + 1.5 * Math.tanh(hvScale * deltaHv);
}

export function createHvContrib(objectives: readonly Objective[], options: HvContribOptions): AdvantageEstimator {
  const weights = resolveWeights(objectives, options.weights);
  const scales = resolveScales(objectives, options.scales);
  const d = objectives.length;
  const ref = objectives.map(() => 1);
  return statelessEstimator('hv-contrib', objectives, options.eps, (rows) => {
    const g = goodnessMatrix(rows, objectives, scales);
    const base = scalarize(g, weights);
    if (rows.length === 0) return { rewards: base };
    const contrib = groupContributions(
      Float64Array.from(g, (v) => 1 - v),
      d,
      ref,
    );
    const rewards = Float64Array.from(base, (r, i) => r * hvContribFactor(contrib[i], options.hvScale));
    return { rewards };
  });
}

/** HV(all) − HV(all without i) for every row of a minimization-form matrix. */
export function groupContributions(cost: Float64Array, dim: number, ref: readonly number[]): Float64Array {
  const n = cost.length / dim;
  const total = hypervolume({ data: cost, dim }, ref);
  const out = new Float64Array(n);
  const rest = new Float64Array((n - 1) * dim);
  for (let i = 0; i < n; i++) {
    rest.set(cost.subarray(0, i * dim), 0);
    rest.set(cost.subarray((i + 1) * dim), i * dim);
    const without = n > 1 ? hypervolume({ data: rest, dim }, ref) : 0;
    // Rounding can leave a tiny negative difference for members that add nothing.
    out[i] = Math.max(0, total - without);
  }
  return out;
}
