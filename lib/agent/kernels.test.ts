/**
 * Fast kernels against their naive twins: values and gradients.
 *   attention.ts causalSelfAttention  vs  batched-matMul attention (model.ts causalSelfAttentionNaive)
 *   ops.ts linear / linearRelu / project / transpose2d  vs  plain tfjs ops under tf.grads
 *   adam.ts applyAdam  vs  tf.AdamOptimizer.applyGradients
 *   backprop.ts lossAndGradients (tfjs pass, host cross-entropy)  vs  tf.variableGrads through model.ts forward
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPolicy, disposePolicy, forward, initBackend, Rng } from './index';
import { lossAndGradients } from './backprop';
import { causalSelfAttention } from './attention';
import { causalSelfAttentionNaive } from './model';
import { linear, linearRelu, maskedCrossEntropy, project, transpose2d } from './ops';
import { applyAdam } from './adam';
import { randomTrainingCase } from './test-helpers';
import { maskedCrossEntropyLoss } from './logits-loss';

beforeAll(async () => {
  await initBackend('wasm');
});

const rand = (rng: Rng, shape: number[], scale = 1) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * scale),
    shape,
  );

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('causalSelfAttention (depthwise-conv products)', () => {
  for (const [B, T, H, D] of [
    [1, 1, 1, 1],
    [3, 5, 2, 4],
    [2, 7, 4, 16],
    [4, 32, 4, 16],
  ]) {
    it(`matches batched-matMul attention in value and gradient, B${B} T${T} H${H} D${D}`, () => {
      const rng = new Rng(B * 100 + T);
      const C = H * D;
      const qkv = rand(rng, [B * T, 3 * C]) as tf.Tensor2D;
      const dy = rand(rng, [B * T, C]) as tf.Tensor2D;
      const loss = (f: typeof causalSelfAttention) => (x: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor2D, B, T, H), dy));
      tf.tidy(() => {
        expect(maxAbsDiff(causalSelfAttention(qkv, B, T, H), causalSelfAttentionNaive(qkv, B, T, H))).toBeLessThan(1e-5);
        const gFast = tf.grad(loss(causalSelfAttention))(qkv);
        const gRef = tf.grad(loss(causalSelfAttentionNaive))(qkv);
        expect(maxAbsDiff(gFast, gRef)).toBeLessThan(1e-4);
        expect(tf.max(tf.abs(gRef)).dataSync()[0]).toBeGreaterThan(1e-3); // not trivially zero
      });
      tf.dispose([qkv, dy]);
    });
  }

  it('is causal: outputs at t do not depend on inputs after t', () => {
    const rng = new Rng(7);
    const [B, T, H, D] = [2, 6, 2, 3];
    const qkv = rand(rng, [B * T, 6 * H * D]) as tf.Tensor2D;
    const t = 2;
    tf.tidy(() => {
      // gradient of output row (b=1, t) w.r.t. all inputs: zero on rows after t
      const g = tf.grad((x: tf.Tensor) => tf.sum(causalSelfAttention(x as tf.Tensor2D, B, T, H).slice([T + t, 0], [1, H * D])))(qkv);
      const rows = tf.sum(tf.abs(g), 1).dataSync();
      for (let r = 0; r < B * T; r++) {
        const after = r < T || r > T + t;
        if (after) expect(rows[r]).toBe(0);
        else expect(rows[r]).toBeGreaterThan(0);
      }
    });
    qkv.dispose();
  });
});

describe('ops', () => {
  it('transpose2d equals tf.transpose for composite and prime row counts', () => {
    const rng = new Rng(1);
    for (const [n, c] of [
      [1, 5],
      [7, 3],
      [2048, 64],
      [97, 24],
      [64 * 47, 8],
    ]) {
      const x = rand(rng, [n, c]) as tf.Tensor2D;
      tf.tidy(() => {
        expect(maxAbsDiff(transpose2d(x), tf.transpose(x))).toBe(0);
      });
      x.dispose();
    }
  });

  for (const [n, k, m] of [
    [6, 4, 9],
    [6, 9, 4],
    [33, 5, 5],
  ]) {
    it(`linear, linearRelu, project gradients match tf.grads of plain ops (N${n} in${k} out${m})`, () => {
      const rng = new Rng(n + k + m);
      const x = rand(rng, [n, k]) as tf.Tensor2D;
      const w = rand(rng, [k, m]) as tf.Tensor2D;
      const b = rand(rng, [m]) as tf.Tensor1D;
      const dy = rand(rng, [n, m]);
      tf.tidy(() => {
        const plain = (relu: boolean, bias: boolean) => (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => {
          let z = tf.matMul(xx as tf.Tensor2D, ww as tf.Tensor2D) as tf.Tensor;
          if (bias) z = tf.add(z, bb);
          return tf.sum(tf.mul(relu ? tf.relu(z) : z, dy));
        };
        const cases: [(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor, boolean, boolean][] = [
          [linear, false, true],
          [linearRelu, true, true],
          [(xx, ww) => project(xx, ww), false, false],
        ];
        for (const [op, relu, bias] of cases) {
          const inputs = bias ? [x, w, b] : [x, w];
          const fast = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb?: tf.Tensor) =>
            tf.sum(tf.mul(op(xx as tf.Tensor2D, ww as tf.Tensor2D, (bb ?? b) as tf.Tensor1D), dy)),
          )(inputs);
          const ref = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb?: tf.Tensor) => plain(relu, bias)(xx, ww, bb ?? b))(inputs);
          for (let i = 0; i < inputs.length; i++) expect(maxAbsDiff(fast[i], ref[i])).toBeLessThan(1e-4);
        }
      });
      tf.dispose([x, w, b, dy]);
    });
  }
});

describe('applyAdam', () => {
  it('takes the same steps as tf.AdamOptimizer.applyGradients and keeps its state in the optimizer', async () => {
    const rng = new Rng(3);
    const shapes = [[3, 4], [5], [1]];
    const mk = () => shapes.map((s, i) => tf.variable(rand(new Rng(i), s), true, `adamtest${Math.random()}`));
    const a = mk();
    const b = mk();
    const oa = tf.train.adam(0.01, 0.9, 0.99);
    const ob = tf.train.adam(0.01, 0.9, 0.99);
    for (let step = 0; step < 6; step++) {
      (ob as unknown as { learningRate: number }).learningRate = (oa as unknown as { learningRate: number }).learningRate = 0.01 / (step + 1);
      const grads = shapes.map((s) => Float32Array.from({ length: s.reduce((x, y) => x * y, 1) }, () => rng.normal()));
      const named = a.map((v, i) => ({ name: v.name, tensor: tf.tensor(grads[i], v.shape) }));
      oa.applyGradients(named);
      tf.dispose(named.map((x) => x.tensor));
      await applyAdam(ob, b, grads);
    }
    a.forEach((v, i) =>
      tf.tidy(() => {
        expect(maxAbsDiff(v, b[i])).toBeLessThan(1e-6);
      }),
    );
    expect(ob.iterations).toBe(oa.iterations);
    const moments = (o: tf.Optimizer) => (o as unknown as { accumulatedSecondMoment: { variable: tf.Variable }[] }).accumulatedSecondMoment;
    moments(oa).forEach((m, i) =>
      tf.tidy(() => {
        expect(maxAbsDiff(m.variable, moments(ob)[i].variable)).toBeLessThan(1e-6);
      }),
    );
    // a loaded/assigned value is picked up (the host cache is keyed by the tensor the variable holds)
    b[0].assign(tf.zerosLike(b[0]));
    await applyAdam(
      ob,
      b,
      shapes.map((s) => new Float32Array(s.reduce((x, y) => x * y, 1))),
    );
    expect(Math.max(...Array.from(b[0].dataSync()).map(Math.abs))).toBeLessThan(0.01);
    [...a, ...b].forEach((v) => v.dispose());
    oa.dispose();
    ob.dispose();
  });
});

describe('lossAndGradients (hand-written backward)', () => {
  for (const [B, T, cfg] of [
    [3, 7, { nLayer: 2, nEmbd: 32, nHead: 4, contextLength: 10, vocabSize: 13 }],
    [2, 1, { nLayer: 1, nEmbd: 8, nHead: 2, contextLength: 4, vocabSize: 5 }],
    [5, 16, { nLayer: 1, nEmbd: 16, nHead: 1, contextLength: 16, vocabSize: 24 }],
  ] as const) {
    it(`matches tf.variableGrads through model.ts forward (B${B} T${T} L${cfg.nLayer} C${cfg.nEmbd} H${cfg.nHead})`, async () => {
      const { policy, ids, targets, weights: w } = randomTrainingCase(B, T, cfg, B * 10 + T);
      const lossOf = (logits: tf.Tensor2D) => maskedCrossEntropy(logits, tf.tensor1d(targets, 'int32'), tf.tensor1d(w));
      // the tfjs pass; kernel/trunk.test.ts compares the WebAssembly one with it
      const fast = await lossAndGradients(policy, ids, B, T, maskedCrossEntropyLoss(targets, w), 'tfjs');
      const vars = [...policy.params.values()];
      const ref = tf.tidy(() => tf.variableGrads(() => lossOf(forward(policy, tf.tensor2d(ids, [B, T], 'int32'))), vars));
      expect(fast.loss).toBeCloseTo(ref.value.dataSync()[0], 5);
      [...policy.params.keys()].forEach((name, i) => {
        const g = ref.grads[vars[i].name].dataSync();
        const scale = Math.max(1e-3, ...Array.from(g).map(Math.abs));
        let worst = 0;
        for (let j = 0; j < g.length; j++) worst = Math.max(worst, Math.abs(g[j] - fast.grads[i][j]) / scale);
        expect(worst, name).toBeLessThan(2e-4);
      });
      tf.dispose([ref.value, ...Object.values(ref.grads)]);
      disposePolicy(policy);
    });
  }
});
