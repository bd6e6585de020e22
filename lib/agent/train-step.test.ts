import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPolicy, disposePolicy, initBackend, packBatch, Rng, splitByLength, supervisedStep, supervisedStepBatches } from './index';
import { getEnv } from '../envs';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('length-grouped warm-start steps', () => {
  const env = getEnv('calc', { seed: 0 });
  const rng = new Rng(4);
  const traces = env.samplePrompts('train', 40, rng).map((p) => env.warmStartTrace(p, rng));

  it('splitByLength covers every trace once, in length order, with less padding', () => {
    const groups = splitByLength(traces, 2);
    expect(groups.length).toBe(2);
    const flat = groups.flat();
    expect(flat.length).toBe(traces.length);
    expect(new Set(flat)).toEqual(new Set(traces));
    for (let i = 1; i < flat.length; i++) expect(flat[i].tokens.length).toBeGreaterThanOrEqual(flat[i - 1].tokens.length);
    const padded = (gs: typeof groups) => gs.reduce((a, g) => a + g.length * Math.max(...g.map((t) => t.tokens.length)), 0);
    expect(padded(groups)).toBeLessThan(padded([traces]));
    expect(splitByLength(traces, 1)).toHaveLength(1);
    expect(splitByLength(traces.slice(0, 1), 2)).toHaveLength(1);
  });

  it('a step on the length groups equals a step on the single padded batch', async () => {
    const cfg = { nLayer: 1, nEmbd: 32, nHead: 2, contextLength: 48, vocabSize: env.vocab.size };
    const a = createPolicy(cfg, 3);
    const b = createPolicy(cfg, 3);
    const oa = tf.train.adam(1e-2);
    const ob = tf.train.adam(1e-2);
    const la = await supervisedStep(a, oa, packBatch(traces, 48));
    const lb = await supervisedStepBatches(
      b,
      ob,
      splitByLength(traces, 2).map((g) => packBatch(g, 48)),
    );
    expect(lb).toBeCloseTo(la, 5);
    let worst = 0;
    for (const [name, v] of a.params) {
      const x = v.dataSync();
      const y = b.params.get(name)!.dataSync();
      for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
    }
    expect(worst).toBeLessThan(1e-4); // Adam's first step moves every weight by ~lr = 1e-2
    [a, b].forEach(disposePolicy);
    oa.dispose();
    ob.dispose();
  });
});
