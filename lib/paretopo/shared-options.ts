/**
 * Option fields shared by several algorithms (each with its one-line
 * description and default), and resolution of the weights option.
 */
import { z } from 'zod';
import { DEFAULT_EPS } from './group-normalize';
import type { Objective } from './objectives';

export const accuracyObjectiveOption = z.string().min(1).default('accuracy').describe('Name of the accuracy objective (the correctness signal).');

export const correctThresholdOption = z
  .number()
  .default(1)
  .describe('A trajectory is correct when its accuracy ≥ this value (1 = exact match on 0/1 accuracy).');

export const epsOption = z.number().positive().default(DEFAULT_EPS).describe('Epsilon added to the group standard deviation in (r − mean)/(std + eps).');

export const weightsOption = z
  .record(z.string(), z.number().nonnegative())
  .default({})
  .describe('Scalarization weight per objective name; normalized to sum 1. Empty = equal weights; objectives not named get 0.');

/** Weights by objective order, on the simplex; throws naming a bad key or an all-zero vector. */
export function resolveWeights(objectives: readonly Objective[], weights: Record<string, number>, option = 'weights'): number[] {
  const names = Object.keys(weights);
  for (const name of names) {
    if (!objectives.some((o) => o.name === name)) {
      throw new Error(`invalid option "${option}.${name}": not one of the objectives (${objectives.map((o) => o.name).join(', ')})`);
    }
    if (!Number.isFinite(weights[name])) throw new Error(`invalid option "${option}.${name}": must be finite`);
  }
  if (names.length === 0) return objectives.map(() => 1 / objectives.length);
  const raw = objectives.map((o) => weights[o.name] ?? 0);
  const sum = raw.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new Error(`invalid option "${option}": weights must not all be zero`);
  return raw.map((w) => w / sum);
}
