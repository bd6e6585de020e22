/**
 * Clipped policy-gradient step (PPO / GRPO surrogate) on policy tokens only:
 *   L = -mean_t∈gen min(r_t A_t, clip(r_t, 1±ε) A_t) + β · mean_t∈gen KL_k3(π ‖ π_ref)
 * with r_t = exp(log π(a_t) − log π_old(a_t)); prompt and tool-output tokens
 * are masked out. KL uses the k3 estimator (Schulman 2020).
 */
import * as tf from '@tensorflow/tfjs';
import { SRC_POLICY } from '../envs/types';
import { forward } from './model';
import type { Policy } from './model';
import { oneHotF32 } from './ops';
import { inputsAndTargets, packBatch, trainOnBatch } from './train-step';
import { clippedSurrogateLoss } from './logits-loss';
import type { SurrogateStats } from './logits-loss';
import type { Trajectory } from './trajectory';
import type { TrainingPass } from './training-pass';

export interface PolicyGradientOptions {
  /** PPO clip range ε. Default 0.2. */
  clipEps?: number;
  /** Weight β of the KL penalty to refPolicy. Default 0 (no KL term). */
  klCoef?: number;
  /** Reference (e.g. warm-start) policy for the KL term. */
  refPolicy?: Policy;
  /** Temperature the rollouts were sampled at. Default 1. */
  temperature?: number;
  /** Which training pass computes the gradients (training-pass.ts). Default 'kernel'. */
  pass?: TrainingPass;
}

export interface PolicyGradientStats {
  loss: number;
  kl: number;
  entropy: number;
  clipFraction: number;
}

/** Log-probabilities [N] of `targets` under logits/temperature, with the full log-softmax [N,V]. */
function tokenLogprobs(logits: tf.Tensor2D, targets: tf.Tensor1D, temperature: number) {
  const logp = tf.logSoftmax(temperature === 1 ? logits : tf.div(logits, temperature)) as tf.Tensor2D; // [N,V]
  const picked = tf.sum(tf.mul(logp, oneHotF32(targets, logits.shape[1])), -1) as tf.Tensor1D; // [N]
  return { logp, picked };
}

/**
 * Teacher-forced log-probabilities of every token of each trajectory
 * (index i = log p(tokens[i] | tokens[<i]); 0 at index 0). Used to check that
 * sampling-time log-probs match the training graph, and by trainers.
 */
export function trajectoryLogprobs(policy: Policy, trajs: Trajectory[], temperature = 1): Float32Array[] {
  const batch = packBatch(trajs, policy.config.contextLength);
  const flat = tf.tidy(() => {
    const { inputs, targets } = inputsAndTargets(batch);
    return tokenLogprobs(forward(policy, inputs), targets, temperature).picked.dataSync() as Float32Array;
  });
  return trajs.map((t, b) => {
    const out = new Float32Array(t.tokens.length);
    for (let i = 1; i < t.tokens.length && i < batch.T; i++) out[i] = flat[b * (batch.T - 1) + i - 1];
    return out;
  });
}

export function policyGradientStep(
  policy: Policy,
  optimizer: tf.Optimizer,
  batch: Trajectory[],
  perTokenAdvantages: ArrayLike<number>[],
  opts: PolicyGradientOptions = {},
): PolicyGradientStats {
  const clipEps = opts.clipEps ?? 0.2;
  const klCoef = opts.klCoef ?? 0;
  const temperature = opts.temperature ?? 1;
  if (perTokenAdvantages.length !== batch.length) throw new Error('policyGradientStep: one advantage array per trajectory');
  const packed = packBatch(batch, policy.config.contextLength);
  const { B, T } = packed;
  const oldLp = new Float32Array(B * (T - 1));
  const adv = new Float32Array(B * (T - 1));
  batch.forEach((tr, b) => {
    for (let i = 1; i < Math.min(T, tr.tokens.length); i++) {
      if (tr.sources[i] !== SRC_POLICY) continue;
      oldLp[b * (T - 1) + i - 1] = tr.logprobs[i];
      adv[b * (T - 1) + i - 1] = perTokenAdvantages[b][i];
    }
  });
  const refLogprobs = opts.refPolicy
    ? tf.tidy(() => {
        const { inputs, targets } = inputsAndTargets(packed);
        return tokenLogprobs(forward(opts.refPolicy!, inputs), targets, temperature).picked.dataSync() as Float32Array; // [N]
      })
    : null;
  const stats: SurrogateStats = { kl: 0, entropy: 0, clipFraction: 0 };
  const loss = trainOnBatch(policy, optimizer, packed, (targets) =>
    clippedSurrogateLoss(
      { targets, mask: packed.targetMask, oldLogprobs: oldLp, advantages: adv, refLogprobs, clipEps, klCoef, temperature },
      stats,
    ),
    opts.pass,
  );
  return { loss, ...stats };
}
