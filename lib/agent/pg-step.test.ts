/**
 * policyGradientStep pads rollouts of different lengths in up to
 * `lengthGroups` batches: the update must be the one of a single padded batch
 * (same loss, KL, entropy, clipped fraction, same gradients), with the KL
 * reference on either forward pass.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPolicy, disposePolicy, initBackend, policyFromWeights, policyGradientStep, sampleRollouts, serializeWeights, Rng } from './index';
import { getEnv, SRC_POLICY } from '../envs';
import { randomTensor } from './test-helpers';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('policyGradientStep split by length', () => {
  const env = getEnv('calc', { seed: 0 });
  for (const referencePass of ['kernel', 'tfjs'] as const) {
    it(`equals one padded batch (KL reference forward: ${referencePass})`, async () => {
      const base = createPolicy({ vocabSize: env.vocab.size }, 4);
      const rng = new Rng(8);
      for (const v of base.params.values()) v.assign(tf.tidy(() => tf.add(v, randomTensor(rng, v.shape, 0.1))));
      const trajs = await sampleRollouts(base, env, env.samplePrompts('train', 6, new Rng(1)), {
        rng: new Rng(2),
        groupSize: 4,
        maxTokens: 30,
        decoder: 'kernel',
      });
      const lengths = trajs.map((t) => t.tokens.length);
      expect(Math.max(...lengths) - Math.min(...lengths)).toBeGreaterThan(5); // the split has something to do
      const adv = trajs.map((t) => Float32Array.from(t.tokens, (_, i) => (t.sources[i] === SRC_POLICY ? rng.normal() : 0)));
      const ref = policyFromWeights(await serializeWeights(base));
      const baseW = [...base.params.values()].map((v) => v.dataSync().slice());
      const run = async (lengthGroups: number) => {
        const p = policyFromWeights(await serializeWeights(base));
        const opt = tf.train.sgd(1); // new weights = old − gradient: compares the gradients themselves
        // the rollouts are re-scored against perturbed old log-probs so the ratio and the clip both act
        const shifted = trajs.map((t) => ({ ...t, logprobs: t.logprobs.map((x, i) => (t.sources[i] === SRC_POLICY ? x + 0.3 * Math.sin(i) : x)) }));
        const stats = await policyGradientStep(p, opt, shifted, adv, { klCoef: 0.1, refPolicy: ref, lengthGroups, pass: referencePass });
        const w = [...p.params.values()].map((v) => v.dataSync().slice());
        opt.dispose();
        disposePolicy(p);
        return { stats, w };
      };
      const one = await run(1);
      const two = await run(2);
      const three = await run(3);
      for (const other of [two, three]) {
        for (const k of ['loss', 'kl', 'entropy', 'clipFraction'] as const) expect(other.stats[k]).toBeCloseTo(one.stats[k], 5);
        one.w.forEach((w, i) => {
          const w0 = baseW[i];
          let scale = 1e-6;
          for (let j = 0; j < w.length; j++) scale = Math.max(scale, Math.abs(w[j] - w0[j]));
          let worst = 0;
          for (let j = 0; j < w.length; j++) worst = Math.max(worst, Math.abs(w[j] - other.w[i][j]));
          expect(worst / scale).toBeLessThan(1e-3);
        });
      }
      expect(one.stats.clipFraction).toBeGreaterThan(0);
      expect(one.stats.kl).toBeGreaterThan(0);
      disposePolicy(ref);
      disposePolicy(base);
    });
  }
});
