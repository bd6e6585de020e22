/** Shared fixtures of the agent's tests (excluded from the app build). */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../rng';
import { createPolicy } from './model';
import type { Policy } from './model';
import type { PolicyConfig } from './config';

export const randomTensor = (rng: Rng, shape: number[], scale = 1) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * scale),
    shape,
  );

/**
 * A policy with weights well away from the init (so every path carries
 * signal), random inputs ids [B,T], targets and 0/1 loss weights (70% ones).
 */
export function randomTrainingCase(
  B: number,
  T: number,
  cfg: Partial<PolicyConfig>,
  seed: number,
): {
  policy: Policy;
  ids: Int32Array;
  targets: Int32Array;
  weights: Float32Array;
} {
  const rng = new Rng(seed);
  const policy = createPolicy(cfg, 5);
  for (const v of policy.params.values()) v.assign(tf.tidy(() => tf.add(v, randomTensor(rng, v.shape, 0.2))));
  const V = policy.config.vocabSize;
  const ids = Int32Array.from({ length: B * T }, () => rng.int(0, V - 1));
  const targets = Int32Array.from({ length: B * T }, () => rng.int(0, V - 1));
  const weights = Float32Array.from({ length: B * T }, () => (rng.next() < 0.7 ? 1 : 0));
  return { policy, ids, targets, weights };
}
