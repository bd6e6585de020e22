/**
 * Supervised (warm-start) training step: masked next-token cross-entropy on
 * policy-written tokens only; prompt and tool-output tokens are inputs, never
 * targets (the model is not trained to predict what the tool said).
 */
import * as tf from '@tensorflow/tfjs';
import { SRC_POLICY } from '../envs/types';
import { applyAdam } from './adam';
import { lossAndGradients } from './backprop';
import type { TrainingPass } from './training-pass';
import { forward } from './model';
import type { Policy } from './model';
import { maskedCrossEntropy } from './ops';
import { maskedCrossEntropyLoss } from './logits-loss';
import type { LogitsLoss } from './logits-loss';

/** A padded batch: ids [B,T] and, per target position, the loss weight. */
export interface TokenBatch {
  B: number;
  T: number;
  /** [B*T] token ids, PAD (0) after each sequence's end. */
  ids: Int32Array;
  /** [B*(T-1)] 1 where token t+1 was written by the policy, else 0. */
  targetMask: Float32Array;
}

/** Pack sequences into a batch of length T = min(max length, cap). */
export function packBatch(seqs: { tokens: ArrayLike<number>; sources: ArrayLike<number> }[], cap: number, fixedT?: number): TokenBatch {
  const B = seqs.length;
  const T = fixedT ?? Math.min(cap, Math.max(2, ...seqs.map((s) => s.tokens.length)));
  const ids = new Int32Array(B * T);
  const targetMask = new Float32Array(B * (T - 1));
  seqs.forEach((s, b) => {
    const n = Math.min(T, s.tokens.length);
    for (let t = 0; t < n; t++) ids[b * T + t] = s.tokens[t];
    for (let t = 1; t < n; t++) targetMask[b * (T - 1) + t - 1] = s.sources[t] === SRC_POLICY ? 1 : 0;
  });
  return { B, T, ids, targetMask };
}

/** Split ids [B,T] into inputs [B,T-1] and targets [B*(T-1)]. */
export function inputsAndTargets(batch: TokenBatch): { inputs: tf.Tensor2D; targets: tf.Tensor1D } {
  const ids = tf.tensor2d(batch.ids, [batch.B, batch.T], 'int32'); // [B,T]
  const inputs = ids.slice([0, 0], [batch.B, batch.T - 1]) as tf.Tensor2D; // [B,T-1]
  const targets = ids.slice([0, 1], [batch.B, batch.T - 1]).reshape([-1]) as tf.Tensor1D; // [B*(T-1)]
  return { inputs, targets };
}

/** Host copies of inputs [B*(T-1)] (row-major [B,T-1]) and targets [B*(T-1)]. */
export function hostInputsAndTargets(batch: TokenBatch): { inputs: Int32Array; targets: Int32Array } {
  const { B, T, ids } = batch;
  const inputs = new Int32Array(B * (T - 1));
  const targets = new Int32Array(B * (T - 1));
  for (let b = 0; b < B; b++)
    for (let t = 0; t < T - 1; t++) {
      inputs[b * (T - 1) + t] = ids[b * T + t];
      targets[b * (T - 1) + t] = ids[b * T + t + 1];
    }
  return { inputs, targets };
}

/**
 * One optimizer update from the training pass (backprop.ts): a loss of the
 * logits [B*(T-1), V] of `batch`'s inputs, made from the batch's targets,
 * then gradients and the optimizer (a fused host loop for Adam, see adam.ts).
 * Returns the loss.
 */
export async function trainOnBatch(
  policy: Policy,
  optimizer: tf.Optimizer,
  batch: TokenBatch,
  lossOf: (targets: Int32Array) => LogitsLoss,
  pass: TrainingPass = 'kernel',
): Promise<number> {
  const { inputs, targets } = hostInputsAndTargets(batch);
  const { loss, grads } = await lossAndGradients(policy, inputs, batch.B, batch.T - 1, lossOf(targets), pass);
  await applyAdam(optimizer, [...policy.params.values()], grads);
  return loss;
}

/** Masked CE loss (scalar tensor) for a batch. */
export function supervisedLoss(policy: Policy, batch: TokenBatch): tf.Scalar {
  const { inputs, targets } = inputsAndTargets(batch);
  const logits = forward(policy, inputs); // [B*(T-1), V]
  return maskedCrossEntropy(logits, targets, tf.tensor1d(batch.targetMask));
}

/** One optimizer step (forward, backward, update); returns the loss. No tensors leak. */
export function supervisedStep(policy: Policy, optimizer: tf.Optimizer, batch: TokenBatch, pass: TrainingPass = 'kernel'): Promise<number> {
  return trainOnBatch(policy, optimizer, batch, (targets) => maskedCrossEntropyLoss(targets, batch.targetMask), pass);
}

/**
 * Split sequences, sorted by length, into at most `maxGroups` contiguous
 * groups that minimise the padded size sum(B_k · T_k): a batch mixing 11- and
 * 42-token traces then costs little more than its real tokens. Deterministic;
 * order inside a group follows the sorted order.
 */
export function splitByLength<S extends { tokens: ArrayLike<number> }>(seqs: S[], maxGroups = 2): S[][] {
  const sorted = [...seqs].sort((a, b) => a.tokens.length - b.tokens.length);
  const n = sorted.length;
  if (maxGroups < 2 || n < 2) return [sorted];
  const len = (i: number) => sorted[i].tokens.length;
  let best = n * len(n - 1);
  let cut = n;
  for (let i = 1; i < n; i++) {
    const cost = i * len(i - 1) + (n - i) * len(n - 1);
    if (cost < best) [best, cut] = [cost, i];
  }
  if (cut === n) return [sorted];
  return [sorted.slice(0, cut), ...splitByLength(sorted.slice(cut), maxGroups - 1)];
}

/**
 * One optimizer step on several padded batches (e.g. from splitByLength):
 * the masked mean cross-entropy over all their policy tokens, gradients
 * accumulated on the host, one update. Returns the loss.
 */
export async function supervisedStepBatches(policy: Policy, optimizer: tf.Optimizer, batches: TokenBatch[], pass: TrainingPass = 'kernel'): Promise<number> {
  if (batches.length === 1) return supervisedStep(policy, optimizer, batches[0], pass);
  const weights = batches.map((b) => b.targetMask.reduce((a, x) => a + x, 0));
  const total = Math.max(
    1,
    weights.reduce((a, x) => a + x, 0),
  );
  let loss = 0;
  let acc: Float32Array[] | null = null;
  for (const [k, batch] of batches.entries()) {
    const share = weights[k] / total;
    if (share === 0) continue;
    const { inputs, targets } = hostInputsAndTargets(batch);
    const r = await lossAndGradients(policy, inputs, batch.B, batch.T - 1, maskedCrossEntropyLoss(targets, batch.targetMask), pass);
    loss += share * r.loss;
    if (!acc) acc = r.grads.map((g) => g.map((x) => x * share));
    else
      r.grads.forEach((g, i) => {
        const a = acc![i];
        for (let j = 0; j < g.length; j++) a[j] += share * g[j];
      });
  }
  await applyAdam(optimizer, [...policy.params.values()], acc!);
  return loss;
}
