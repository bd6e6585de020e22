/**
 * Training losses as functions of the logits, computed on the host with their
 * gradient. Both training passes (backprop.ts on tfjs, kernel/trunk.ts on
 * WebAssembly) run forward to the logits [N, V], call one of these, and run
 * backward from dLoss/dLogits: a handful of loops over N·V numbers, where the
 * same loss as tfjs ops cost ~11 ms per reference step in dispatches.
 * Row n of the logits predicts targets[n]. The tfjs formulations (ops.ts
 * maskedCrossEntropy, and the surrogate in logits-loss.test.ts) are the twins
 * the tests compare with.
 */

/** Loss of logits [N, V] (row-major); writes dLoss/dLogits into `grad` (same shape) and returns the loss. */
export type LogitsLoss = (logits: Float32Array, N: number, V: number, grad: Float32Array) => number;

/**
 * Row-wise softmax of logits/temperature into `p` [N, V]; returns the
 * log-probability of each row's target [N] (float64 precision inside).
 */
function softmaxRows(logits: Float32Array, N: number, V: number, temperature: number, targets: Int32Array, p: Float32Array): Float64Array {
  const picked = new Float64Array(N);
  const invT = 1 / temperature;
  for (let n = 0; n < N; n++) {
    const o = n * V;
    let mx = -Infinity;
    for (let v = 0; v < V; v++) mx = Math.max(mx, logits[o + v] * invT);
    let z = 0;
    for (let v = 0; v < V; v++) z += Math.exp(logits[o + v] * invT - mx);
    const logZ = mx + Math.log(z);
    for (let v = 0; v < V; v++) p[o + v] = Math.exp(logits[o + v] * invT - logZ);
    picked[n] = logits[o + targets[n]] * invT - logZ;
  }
  return picked;
}

function checkRows(name: string, N: number, arrays: Record<string, ArrayLike<number> | null | undefined>): void {
  for (const [k, a] of Object.entries(arrays)) if (a && a.length !== N) throw new Error(`${name}: ${k} has ${a.length} rows, logits have ${N}`);
}

/**
 * Masked mean next-token cross-entropy: −Σ_n w_n log p(targets[n]) / max(Σ w, 1).
 * Rows with weight 0 (prompt, tool output, padding) carry no loss.
 */
export function maskedCrossEntropyLoss(targets: Int32Array, weights: Float32Array): LogitsLoss {
  return (logits, N, V, grad) => {
    checkRows('maskedCrossEntropyLoss', N, { targets, weights });
    let wsum = 0;
    for (let n = 0; n < N; n++) wsum += weights[n];
    const denom = Math.max(wsum, 1);
    const picked = softmaxRows(logits, N, V, 1, targets, grad); // grad holds p for now
    let loss = 0;
    for (let n = 0; n < N; n++) {
      const w = weights[n] / denom;
      loss -= w * picked[n];
      const o = n * V;
      for (let v = 0; v < V; v++) grad[o + v] *= w;
      grad[o + targets[n]] -= w;
    }
    return loss;
  };
}

export interface ClippedSurrogateInputs {
  targets: Int32Array;
  /** 1 on policy-written tokens, 0 elsewhere. */
  mask: Float32Array;
  /** log π_old of each target (sampling time). */
  oldLogprobs: Float32Array;
  advantages: Float32Array;
  /** log π_ref of each target, for the KL term; null for none. */
  refLogprobs: Float32Array | null;
  clipEps: number;
  klCoef: number;
  temperature: number;
}

export interface SurrogateStats {
  kl: number;
  entropy: number;
  clipFraction: number;
}

/**
 * PPO/GRPO clipped surrogate on masked tokens, with the k3 KL estimator:
 *   L = −mean_m min(r·A, clip(r, 1±ε)·A) + β·mean_m (e^d − 1 − d),
 *   r = exp(log π − log π_old),  d = log π_ref − log π,
 * mean over mask tokens (denominator max(Σ mask, 1)); log π at the sampling
 * temperature. The gradient follows tf.minimum / tf.clipByValue: through
 * r·A when r·A ≤ clip(r)·A, else zero. Writes the batch's KL, entropy and
 * clipped fraction into `stats`.
 */
export function clippedSurrogateLoss(inp: ClippedSurrogateInputs, stats: SurrogateStats): LogitsLoss {
  const { targets, mask, oldLogprobs, advantages, refLogprobs, clipEps, klCoef, temperature } = inp;
  return (logits, N, V, grad) => {
    checkRows('clippedSurrogateLoss', N, { targets, mask, oldLogprobs, advantages, refLogprobs });
    let msum = 0;
    for (let n = 0; n < N; n++) msum += mask[n];
    const denom = Math.max(msum, 1);
    const picked = softmaxRows(logits, N, V, temperature, targets, grad); // grad holds p for now
    let surrogate = 0;
    let kl = 0;
    let entropy = 0;
    let clipped = 0;
    for (let n = 0; n < N; n++) {
      const o = n * V;
      const m = mask[n] / denom;
      let h = 0;
      for (let v = 0; v < V; v++) {
        const p = grad[o + v];
        if (p > 0) h -= p * Math.log(p);
      }
      entropy += m * h;
      const r = Math.exp(picked[n] - oldLogprobs[n]);
      const a = advantages[n];
      const s1 = r * a;
      const s2 = Math.min(Math.max(r, 1 - clipEps), 1 + clipEps) * a;
      surrogate += m * Math.min(s1, s2);
      if (Math.abs(r - 1) > clipEps) clipped += m;
      let dPicked = s1 <= s2 ? -m * a * r : 0; // dL/d log π(target)
      if (refLogprobs) {
        const d = refLogprobs[n] - picked[n];
        kl += m * (Math.exp(d) - 1 - d);
        dPicked += klCoef * m * (1 - Math.exp(d));
      }
      // d log π(target) / d logit_v = (1[v = target] − p_v) / temperature
      const s = dPicked / temperature;
      for (let v = 0; v < V; v++) grad[o + v] *= -s;
      grad[o + targets[n]] += s;
    }
    stats.kl = kl;
    stats.entropy = entropy;
    stats.clipFraction = clipped;
    return -surrogate + (refLogprobs ? klCoef * kl : 0);
  };
}
