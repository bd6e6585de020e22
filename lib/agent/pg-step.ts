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
import { hostInputsAndTargets, inputsAndTargets, packBatch, splitByLength } from './train-step';
import { lossAndGradients } from './backprop';
import { applyAdam } from './adam';
import type { TokenBatch } from './train-step';
import { trunkLogits } from './kernel/trunk';
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
  /**
   * Which pass computes the gradients and the KL reference's forward
   * (training-pass.ts): 'kernel' (default; the WebAssembly kernels where they
   * are loaded and cover the config, else tfjs) or 'tfjs'.
   */
  pass?: TrainingPass;
  /** The KL reference's forward only, when it should differ from `pass` (bench:agent's "main's path"). */
  referencePass?: TrainingPass;
  /**
   * Pad the batch in at most this many batches of similar length (splitByLength),
   * so short rollouts do not pay for the longest one. Default 2; 1 = one batch.
   */
  lengthGroups?: number;
}

export interface PolicyGradientStats {
  loss: number;
  kl: number;
  entropy: number;
  clipFraction: number;
}

/** The values of a tensor the caller hands over (disposed here), read back asynchronously (WebGPU: never `dataSync`). */
async function readBack(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
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
export async function trajectoryLogprobs(policy: Policy, trajs: Trajectory[], temperature = 1): Promise<Float32Array[]> {
  const batch = packBatch(trajs, policy.config.contextLength);
  const flat = await readBack(
    tf.tidy(() => {
      const { inputs, targets } = inputsAndTargets(batch);
      return tokenLogprobs(forward(policy, inputs), targets, temperature).picked;
    }),
  );
  return trajs.map((t, b) => {
    const out = new Float32Array(t.tokens.length);
    for (let i = 1; i < t.tokens.length && i < batch.T; i++) out[i] = flat[b * (batch.T - 1) + i - 1];
    return out;
  });
}

/**
 * Log-probabilities [B·(T-1)] of each batch target under `policy` (the KL
 * reference): the forward pass of the WebAssembly kernels where the training
 * pass uses them (kernel/trunk.ts), else the tfjs forward; the same maths.
 */
async function referenceLogprobs(policy: Policy, batch: TokenBatch, temperature: number, pass: TrainingPass): Promise<Float32Array> {
  const { inputs, targets } = hostInputsAndTargets(batch);
  const N = inputs.length;
  const logits = pass === 'kernel' ? trunkLogits(policy, inputs, batch.B, batch.T - 1) : null; // [N,V] or null
  if (!logits) {
    return readBack(
      tf.tidy(() => {
        const t = inputsAndTargets(batch);
        return tokenLogprobs(forward(policy, t.inputs), t.targets, temperature).picked; // [N]
      }),
    );
  }
  const V = policy.config.vocabSize;
  const out = new Float32Array(N);
  for (let n = 0; n < N; n++) {
    const o = n * V;
    let max = -Infinity;
    for (let v = 0; v < V; v++) max = Math.max(max, logits[o + v] / temperature);
    let sum = 0;
    for (let v = 0; v < V; v++) sum += Math.exp(logits[o + v] / temperature - max);
    out[n] = logits[o + targets[n]] / temperature - max - Math.log(sum);
  }
  return out;
}

export async function policyGradientStep(
  policy: Policy,
  optimizer: tf.Optimizer,
  batch: Trajectory[],
  perTokenAdvantages: ArrayLike<number>[],
  opts: PolicyGradientOptions = {},
): Promise<PolicyGradientStats> {
  const clipEps = opts.clipEps ?? 0.2;
  const klCoef = opts.klCoef ?? 0;
  const temperature = opts.temperature ?? 1;
  if (perTokenAdvantages.length !== batch.length) throw new Error('policyGradientStep: one advantage array per trajectory');
  // Trajectories of very different lengths are padded in up to lengthGroups batches of similar
  // length (splitByLength); the loss is the mean over all policy tokens either way: each batch's
  // mean weighted by its share of the tokens, gradients accumulated, one optimizer update.
  const items = batch.map((t, b) => ({ tokens: t.tokens, sources: t.sources, b }));
  const parts = splitByLength(items, opts.lengthGroups ?? 2);
  const packedParts = parts.map((part) => packBatch(part, policy.config.contextLength));
  const weights = packedParts.map((p) => p.targetMask.reduce((a, x) => a + x, 0));
  const total = weights.reduce((a, x) => a + x, 0);
  const stats: SurrogateStats = { kl: 0, entropy: 0, clipFraction: 0 };
  let loss = 0;
  let acc: Float32Array[] | null = null;
  for (const [k, part] of parts.entries()) {
    const share = total > 0 ? weights[k] / total : k === 0 ? 1 : 0; // no policy token at all: one zero-gradient update, as unsplit
    if (share === 0) continue;
    const packed = packedParts[k];
    const { B, T } = packed;
    const oldLp = new Float32Array(B * (T - 1));
    const adv = new Float32Array(B * (T - 1));
    part.forEach(({ b: src }, b) => {
      const tr = batch[src];
      for (let i = 1; i < Math.min(T, tr.tokens.length); i++) {
        if (tr.sources[i] !== SRC_POLICY) continue;
        oldLp[b * (T - 1) + i - 1] = tr.logprobs[i];
        adv[b * (T - 1) + i - 1] = perTokenAdvantages[src][i];
      }
    });
    const refLogprobs = opts.refPolicy ? await referenceLogprobs(opts.refPolicy, packed, temperature, opts.referencePass ?? opts.pass ?? 'kernel') : null;
    const partStats: SurrogateStats = { kl: 0, entropy: 0, clipFraction: 0 };
    const { inputs, targets } = hostInputsAndTargets(packed);
    const r = await lossAndGradients(
      policy,
      inputs,
      B,
      T - 1,
      clippedSurrogateLoss({ targets, mask: packed.targetMask, oldLogprobs: oldLp, advantages: adv, refLogprobs, clipEps, klCoef, temperature }, partStats),
      opts.pass,
    );
    loss += share * r.loss;
    stats.kl += share * partStats.kl;
    stats.entropy += share * partStats.entropy;
    stats.clipFraction += share * partStats.clipFraction;
    if (share === 1) acc = r.grads;
    else if (!acc) acc = r.grads.map((g) => g.map((x) => x * share));
    else
      r.grads.forEach((g, i) => {
        const a = acc![i];
        for (let j = 0; j < g.length; j++) a[j] += share * g[j];
      });
  }
  if (acc) await applyAdam(optimizer, [...policy.params.values()], acc);
  return { loss, ...stats };
}
