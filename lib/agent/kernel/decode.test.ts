/**
 * The kernel decoder (kernel/decode.ts) against its twin, the tfjs decoder
 * (decodeStep of model.ts): logits of single steps with finished rows left
 * out, and whole rollouts through sampleRollouts — greedy gives identical
 * tokens, sampling gives identical tokens from the identical stream of
 * uniforms, in every routing mode, on both envs and on shapes that hit the
 * GEMM tails (odd vocab, one head, a short context).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPolicy, disposePolicy, initBackend, sampleRollouts, Rng, POLICY_MODES } from '../index';
import type { Policy, PolicyConfig, Trajectory } from '../index';
import { getEnv } from '../../envs';
import { randomTensor } from '../test-helpers';
import { createDecoder } from '../decoder';
import { trunkLossAndGradients, trunkKernelVariant } from './trunk';
import { maskedCrossEntropyLoss } from '../logits-loss';

beforeAll(async () => {
  await initBackend('wasm');
});

/** A policy moved well away from its init so logits differ by token (seeded). */
function policyFor(cfg: Partial<PolicyConfig>, seed: number, scale = 0.15): Policy {
  const policy = createPolicy(cfg, seed);
  const rng = new Rng(seed + 100);
  for (const v of policy.params.values()) v.assign(tf.tidy(() => tf.add(v, randomTensor(rng, v.shape, scale))));
  return policy;
}

/** An Rng that records every uniform it hands out. */
class RecordingRng extends Rng {
  drawn: number[] = [];
  next(): number {
    const u = super.next();
    this.drawn.push(u);
    return u;
  }
}

function expectSameRollouts(a: Trajectory[], b: Trajectory[]) {
  expect(b.length).toBe(a.length);
  let worst = 0;
  a.forEach((t, i) => {
    expect(b[i].tokens, `rollout ${i}`).toEqual(t.tokens);
    expect(Array.from(b[i].sources)).toEqual(Array.from(t.sources));
    expect(Array.from(b[i].isAction)).toEqual(Array.from(t.isAction));
    expect(b[i].truncated).toBe(t.truncated);
    expect(b[i].objectives).toEqual(t.objectives);
    for (let j = 0; j < t.logprobs.length; j++) worst = Math.max(worst, Math.abs(t.logprobs[j] - b[i].logprobs[j]));
  });
  expect(worst).toBeLessThan(1e-4);
}

describe('kernel decoder (WebAssembly KV-cache decoding)', () => {
  it('is available in Node', () => {
    expect(trunkKernelVariant()).not.toBeNull();
  });

  for (const cfg of [
    { nLayer: 2, nEmbd: 64, nHead: 4, contextLength: 48, vocabSize: 37 },
    { nLayer: 1, nEmbd: 8, nHead: 1, contextLength: 7, vocabSize: 5 },
    { nLayer: 3, nEmbd: 32, nHead: 2, contextLength: 13, vocabSize: 13 },
  ]) {
    it(`gives the tfjs decoder's logits step by step, rows left out or not (L${cfg.nLayer} C${cfg.nEmbd} H${cfg.nHead} ctx${cfg.contextLength} V${cfg.vocabSize})`, async () => {
      const policy = policyFor(cfg, 3);
      const B = 11;
      const rng = new Rng(7);
      const ref = createDecoder('tfjs', policy, B);
      const fast = createDecoder('kernel', policy, B);
      const all = new Uint8Array(B).fill(1);
      const some = new Uint8Array(B).fill(1);
      for (let t = 0; t < cfg.contextLength; t++) {
        const ids = Int32Array.from({ length: B }, () => rng.int(0, cfg.vocabSize - 1));
        if (t > 2) some[rng.int(0, B - 1)] = 0; // sequences finish: their rows leave the kernel's batch
        const want = (await ref.step(ids, all)).slice();
        const got = await fast.step(ids, some);
        const scale = Math.max(1e-3, ...Array.from(want).map(Math.abs));
        for (let b = 0; b < B; b++) {
          if (!some[b]) continue;
          for (let v = 0; v < cfg.vocabSize; v++) expect(Math.abs(got[b * cfg.vocabSize + v] - want[b * cfg.vocabSize + v]) / scale).toBeLessThan(1e-5);
        }
      }
      ref.dispose();
      fast.dispose();
      expect(() => fast.step(new Int32Array(B), all)).toThrow(/beyond context/);
      disposePolicy(policy);
    });
  }

  for (const envName of ['calc', 'hops'] as const) {
    const env = getEnv(envName, { seed: 1 });
    const cfg = { vocabSize: env.vocab.size };
    for (const mode of POLICY_MODES) {
      it(`${envName}, ${mode}: greedy rollouts are token for token those of tfjs`, async () => {
        const policy = policyFor(cfg, 11);
        const prompts = env.samplePrompts('train', 24, new Rng(3));
        const a = await sampleRollouts(policy, env, prompts, { rng: new Rng(0), greedy: true, policyMode: mode, decoder: 'tfjs', maxTokens: 30 });
        const b = await sampleRollouts(policy, env, prompts, { rng: new Rng(0), greedy: true, policyMode: mode, decoder: 'kernel', maxTokens: 30 });
        expectSameRollouts(a, b);
        disposePolicy(policy);
      });
    }
    for (const temperature of [1, 0.7]) {
      it(`${envName}, temperature ${temperature}: sampled rollouts from the same uniforms are those of tfjs`, async () => {
        const policy = policyFor(cfg, 12, 0.08);
        const prompts = env.samplePrompts('train', 16, new Rng(4));
        const ra = new RecordingRng(5);
        const rb = new RecordingRng(5);
        const a = await sampleRollouts(policy, env, prompts, { rng: ra, groupSize: 4, temperature, decoder: 'tfjs' });
        const b = await sampleRollouts(policy, env, prompts, { rng: rb, groupSize: 4, temperature, decoder: 'kernel' });
        expect(ra.drawn.length).toBeGreaterThan(100);
        expect(rb.drawn).toEqual(ra.drawn);
        expectSameRollouts(a, b);
        // sampling is not degenerate: the group's rollouts differ
        expect(new Set(a.map((t) => t.tokens.join(','))).size).toBeGreaterThan(a.length / 2);
        disposePolicy(policy);
      });
    }
  }

  it("refuses to decode after the training pass took the kernels' memory", () => {
    const policy = policyFor({ nLayer: 1, nEmbd: 8, nHead: 2, contextLength: 6, vocabSize: 5 }, 2);
    const dec = createDecoder('kernel', policy, 2);
    dec.step(new Int32Array([1, 2]), new Uint8Array([1, 1]));
    const r = trunkLossAndGradients(
      policy,
      new Int32Array([1, 2, 3, 4]),
      2,
      2,
      maskedCrossEntropyLoss(new Int32Array([1, 2, 3, 4]), new Float32Array(4).fill(1)),
    );
    expect(r).not.toBeNull();
    expect(() => dec.step(new Int32Array([1, 2]), new Uint8Array([1, 1]))).toThrow(/claimed by another pass/);
    disposePolicy(policy);
  });

  it('names the problem when ids are outside the vocabulary', () => {
    const policy = policyFor({ nLayer: 1, nEmbd: 8, nHead: 2, contextLength: 6, vocabSize: 5 }, 2);
    const dec = createDecoder('kernel', policy, 2);
    expect(() => dec.step(new Int32Array([1, 9]), new Uint8Array([1, 1]))).toThrow(/ids\[1\] = 9 outside the vocabulary/);
    disposePolicy(policy);
  });
});
