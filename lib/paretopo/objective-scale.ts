/**
 * Normalized objective scale ("goodness"): maps one raw objective value to
 * [0, 1], 1 = best, applying the objective's direction exactly once. Used by
 * every scalarizing estimator (static, hv-meta, ParetoPO stage 1) and by the
 * ParetoPO archive of evaluation points.
 *
 *   identity   g = clamp(x, 0, 1)                   (maximize; x already in [0,1], e.g. accuracy)
 *              g = clamp(1 − x, 0, 1)               (minimize)
 *   reciprocal g = 1 / (1 + max(x, 0))              (minimize; counts such as tool calls, tokens)
 *              g = 1 − 1 / (1 + max(x, 0))          (maximize)
 *   minmax     g = clamp((x − lo) / (hi − lo), 0, 1)   (maximize)
 *              g = clamp((hi − x) / (hi − lo), 0, 1)   (minimize)
 *
 * Default scale: identity for maximize objectives, reciprocal for minimize.
 * Complexity O(1) per value; finite inputs always give a finite result in [0,1].
 */
import { z } from 'zod';
import type { Objective } from './objectives';

export const ScaleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('identity') }),
  z.strictObject({ kind: z.literal('reciprocal') }),
  z.strictObject({ kind: z.literal('minmax'), lo: z.number(), hi: z.number() }).refine((s) => s.hi > s.lo, { message: 'minmax needs hi > lo', path: ['hi'] }),
]);
export type Scale = z.infer<typeof ScaleSchema>;

export const ScalesSchema = z
  .record(z.string(), ScaleSchema)
  .default({})
  .describe(
    'Per-objective normalization to [0,1] (1 = best): {kind:"identity"|"reciprocal"} or {kind:"minmax",lo,hi}. Default: identity for maximize, reciprocal 1/(1+x) for minimize.',
  );

export function defaultScale(objective: Objective): Scale {
  return objective.direction === 'maximize' ? { kind: 'identity' } : { kind: 'reciprocal' };
}

/** Resolves the scale of every objective; throws naming an unknown objective key. */
export function resolveScales(objectives: readonly Objective[], scales: Record<string, Scale>): Scale[] {
  for (const name of Object.keys(scales)) {
    if (!objectives.some((o) => o.name === name)) {
      throw new Error(`invalid option "scales.${name}": not one of the objectives (${objectives.map((o) => o.name).join(', ')})`);
    }
  }
  return objectives.map((o) => scales[o.name] ?? defaultScale(o));
}

const clamp01 = (v: number) => (v > 1 ? 1 : v > 0 ? v : 0);

export function goodness(x: number, objective: Objective, scale: Scale): number {
  const max = objective.direction === 'maximize';
  switch (scale.kind) {
    case 'identity':
      return clamp01(max ? x : 1 - x);
    case 'reciprocal': {
      const r = 1 / (1 + (x > 0 ? x : 0));
      return max ? 1 - r : r;
    }
    case 'minmax': {
      const t = (x - scale.lo) / (scale.hi - scale.lo);
      // t can only be non-finite when hi − lo overflows; clamp such cases to the ends.
      const u = Number.isFinite(t) ? t : x > scale.lo ? 1 : 0;
      return clamp01(max ? u : 1 - u);
    }
  }
}

/** Goodness of every row (G×d, row-major). */
export function goodnessMatrix(rows: readonly (readonly number[])[], objectives: readonly Objective[], scales: readonly Scale[]): Float64Array {
  const d = objectives.length;
  const out = new Float64Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) {
    for (let k = 0; k < d; k++) out[i * d + k] = goodness(rows[i][k], objectives[k], scales[k]);
  }
  return out;
}
