/**
 * Host losses of the logits against their tfjs formulations under tf.grad:
 * value and dLoss/dLogits for masked cross-entropy (ops.ts) and the clipped
 * surrogate with the k3 KL (written below with tf ops, as pg-step computed it
 * before the host version).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, Rng } from './index';
import { clippedSurrogateLoss, maskedCrossEntropyLoss } from './logits-loss';
import type { SurrogateStats } from './logits-loss';
import { maskedCrossEntropy, oneHotF32 } from './ops';

beforeAll(async () => {
  await initBackend('wasm');
});

function surrogateTf(
  z: tf.Tensor2D,
  targets: Int32Array,
  mask: Float32Array,
  old: Float32Array,
  adv: Float32Array,
  ref: Float32Array | null,
  clipEps: number,
  klCoef: number,
  temperature: number,
): tf.Scalar {
  const logp = tf.logSoftmax(tf.div(z, temperature));
  const picked = tf.sum(tf.mul(logp, oneHotF32(tf.tensor1d(targets, 'int32'), z.shape[1])), -1);
  const m = tf.tensor1d(mask);
  const denom = tf.maximum(tf.sum(m), 1);
  const advT = tf.tensor1d(adv);
  const ratio = tf.exp(tf.sub(picked, tf.tensor1d(old)));
  const s1 = tf.mul(ratio, advT);
  const s2 = tf.mul(tf.clipByValue(ratio, 1 - clipEps, 1 + clipEps), advT);
  let l = tf.neg(tf.div(tf.sum(tf.mul(tf.minimum(s1, s2), m)), denom)) as tf.Scalar;
  if (ref) {
    const d = tf.sub(tf.tensor1d(ref), picked);
    l = tf.add(l, tf.mul(tf.div(tf.sum(tf.mul(tf.sub(tf.sub(tf.exp(d), 1), d), m)), denom), klCoef)) as tf.Scalar;
  }
  return l;
}

function compare(host: (g: Float32Array) => number, ref: (z: tf.Tensor2D) => tf.Scalar, logits: Float32Array, N: number, V: number) {
  const g = new Float32Array(N * V);
  const loss = host(g);
  const z = tf.tensor2d(logits, [N, V]);
  const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => ref(x as tf.Tensor2D))(z);
  expect(loss).toBeCloseTo(value.dataSync()[0], 5);
  const gr = grad.dataSync();
  let worst = 0;
  for (let i = 0; i < gr.length; i++) worst = Math.max(worst, Math.abs(gr[i] - g[i]));
  expect(worst).toBeLessThan(1e-6);
  tf.dispose([z, value, grad]);
}

describe('host losses of the logits', () => {
  const N = 37;
  const V = 11;
  const rng = new Rng(4);
  const logits = Float32Array.from({ length: N * V }, () => rng.normal() * 2);
  const targets = Int32Array.from({ length: N }, () => rng.int(0, V - 1));
  const mask = Float32Array.from({ length: N }, () => (rng.next() < 0.7 ? 1 : 0));

  it('masked cross-entropy matches ops.ts maskedCrossEntropy', () => {
    compare(
      (g) => maskedCrossEntropyLoss(targets, mask)(logits, N, V, g),
      (z) => maskedCrossEntropy(z, tf.tensor1d(targets, 'int32'), tf.tensor1d(mask)),
      logits,
      N,
      V,
    );
  });

  it('masked cross-entropy with an all-zero mask is 0 with a zero gradient', () => {
    const g = new Float32Array(N * V);
    expect(maskedCrossEntropyLoss(targets, new Float32Array(N))(logits, N, V, g)).toBe(0);
    expect(g.every((x) => x === 0)).toBe(true);
  });

  for (const [clipEps, klCoef, temperature, withRef] of [
    [0.2, 0, 1, false],
    [0.2, 0.05, 1, true],
    [0.1, 0.3, 0.7, true],
  ] as const) {
    it(`clipped surrogate matches the tfjs formulation (ε ${clipEps}, β ${klCoef}, temperature ${temperature}, ref ${withRef})`, () => {
      // old log-probs near the current ones so some ratios fall inside the clip range and some outside
      const cur = tf.tidy(
        () =>
          tf
            .sum(tf.mul(tf.logSoftmax(tf.div(tf.tensor2d(logits, [N, V]), temperature)), oneHotF32(tf.tensor1d(targets, 'int32'), V)), -1)
            .dataSync() as Float32Array,
      );
      const old = cur.map((x) => x + rng.normal() * 0.3);
      const adv = Float32Array.from({ length: N }, () => rng.normal());
      const ref = withRef ? cur.map((x) => x + rng.normal() * 0.5) : null;
      const stats: SurrogateStats = { kl: 0, entropy: 0, clipFraction: 0 };
      compare(
        (g) =>
          clippedSurrogateLoss({ targets, mask, oldLogprobs: old, advantages: adv, refLogprobs: ref, clipEps, klCoef, temperature }, stats)(logits, N, V, g),
        (z) => surrogateTf(z, targets, mask, old, adv, ref, clipEps, klCoef, temperature),
        logits,
        N,
        V,
      );
      expect(stats.clipFraction).toBeGreaterThan(0);
      expect(stats.clipFraction).toBeLessThan(1);
      expect(stats.entropy).toBeGreaterThan(0);
      if (withRef) expect(stats.kl).toBeGreaterThan(0);
    });
  }
});
