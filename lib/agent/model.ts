/**
 * The policy: a GPT-style causal transformer (pre-LayerNorm blocks, ReLU MLP,
 * learned positions, untied output head), written with the fused
 * custom-gradient ops of ops.ts so one code path runs on wasm, cpu and webgpu.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../rng';
import { resolveConfig } from './config';
import type { PolicyConfig } from './config';
import { causalSelfAttention } from './attention';
import { causalAttention, embed, layerNorm, linear, linearRelu, project } from './ops';

export interface Policy {
  config: PolicyConfig;
  /** Parameters by name, in a fixed order (serialization order). */
  params: Map<string, tf.Variable>;
}

/** Parameter names and shapes in canonical order. */
export function paramShapes(c: PolicyConfig): [string, number[]][] {
  const C = c.nEmbd;
  const H = c.mlpRatio * C;
  const out: [string, number[]][] = [
    ['wte', [c.vocabSize, C]],
    ['wpe', [c.contextLength, C]],
  ];
  for (let l = 0; l < c.nLayer; l++) {
    out.push(
      [`h${l}.ln1.g`, [C]],
      [`h${l}.ln1.b`, [C]],
      [`h${l}.attn.w`, [C, 3 * C]],
      [`h${l}.attn.b`, [3 * C]],
      [`h${l}.proj.w`, [C, C]],
      [`h${l}.proj.b`, [C]],
      [`h${l}.ln2.g`, [C]],
      [`h${l}.ln2.b`, [C]],
      [`h${l}.fc.w`, [C, H]],
      [`h${l}.fc.b`, [H]],
      [`h${l}.out.w`, [H, C]],
      [`h${l}.out.b`, [C]],
    );
  }
  out.push(['lnf.g', [C]], ['lnf.b', [C]], ['head.w', [C, c.vocabSize]]);
  return out;
}

let policyCounter = 0;

/** A freshly initialised policy; weights are a deterministic function of (config, seed). */
export function createPolicy(config: Partial<PolicyConfig> = {}, seed = 0): Policy {
  const c = resolveConfig(config);
  const rng = new Rng(seed).fork('policy-init');
  const residualStd = c.initStd / Math.sqrt(2 * c.nLayer);
  const params = new Map<string, tf.Variable>();
  const prefix = `policy${policyCounter++}/`;
  for (const [name, shape] of paramShapes(c)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    if (name.endsWith('.g')) data.fill(1);
    else if (shape.length === 2) {
      const std = name.endsWith('proj.w') || name.endsWith('out.w') ? residualStd : c.initStd;
      for (let i = 0; i < size; i++) data[i] = rng.normal() * std;
    }
    const init = tf.tensor(data, shape);
    params.set(name, tf.variable(init, true, prefix + name)); // the variable copies init
    init.dispose();
  }
  return { config: c, params };
}

export function disposePolicy(policy: Policy): void {
  for (const v of policy.params.values()) v.dispose();
  policy.params.clear();
}

/** Copy all weights from `src` into `dst` (same config). */
export function copyWeights(dst: Policy, src: Policy): void {
  for (const [name, v] of src.params) dst.params.get(name)!.assign(v);
}

const p2 = (p: Policy, n: string) => p.params.get(n) as unknown as tf.Tensor2D;
const p1 = (p: Policy, n: string) => p.params.get(n) as unknown as tf.Tensor1D;

/**
 * Reference attention on fused qkv [N,3C] -> [N,C] with batched matMuls
 * (ops.ts causalAttention): the naive twin of attention.ts, used by tests.
 */
export function causalSelfAttentionNaive(qkv: tf.Tensor2D, B: number, T: number, H: number): tf.Tensor2D {
  const C = qkv.shape[1] / 3;
  const D = C / H;
  const [q, k, v] = splitHeads(qkv, B, T, H, D);
  const o = causalAttention(q, k, v); // [BH,T,D]
  return tf.transpose(o.reshape([B, H, T, D]), [0, 2, 1, 3]).reshape([B * T, C]) as tf.Tensor2D; // [N,C]
}

/**
 * Split fused qkv [N,3C] into q, k, v [B*H, T, D]. Uses a 4-D transpose and a
 * split: a 5-D transpose takes a generic path on wasm that is ~100x slower.
 */
function splitHeads(qkv: tf.Tensor2D, B: number, T: number, H: number, D: number): tf.Tensor3D[] {
  const t = tf.transpose(qkv.reshape([B, T, 3 * H, D]), [0, 2, 1, 3]); // [B,3H,T,D]
  return tf.split(t.reshape([B, 3, H * T * D]), 3, 1).map((x) => x.reshape([B * H, T, D]) as tf.Tensor3D); // 3 x [BH,T,D]
}

/**
 * Teacher-forced forward pass. ids [B,T] int32 (T <= contextLength) -> logits [B*T, V],
 * row b*T + t predicting token t+1 of sequence b.
 */
export function forward(policy: Policy, ids: tf.Tensor2D): tf.Tensor2D {
  const c = policy.config;
  const [B, T] = ids.shape;
  const C = c.nEmbd;
  const H = c.nHead;
  const D = C / H;
  const ln = layerNorm;
  let x = embed(ids, p2(policy, 'wte'), p2(policy, 'wpe')); // [N,C]
  for (let l = 0; l < c.nLayer; l++) {
    const h = ln(x, p1(policy, `h${l}.ln1.g`), p1(policy, `h${l}.ln1.b`)); // [N,C]
    const qkv = linear(h, p2(policy, `h${l}.attn.w`), p1(policy, `h${l}.attn.b`)); // [N,3C]
    const merged = causalSelfAttention(qkv, B, T, H); // [N,C]
    x = tf.add(x, linear(merged, p2(policy, `h${l}.proj.w`), p1(policy, `h${l}.proj.b`))); // [N,C]
    const h2 = ln(x, p1(policy, `h${l}.ln2.g`), p1(policy, `h${l}.ln2.b`)); // [N,C]
    const f = linearRelu(h2, p2(policy, `h${l}.fc.w`), p1(policy, `h${l}.fc.b`)); // [N,4C]
    x = tf.add(x, linear(f, p2(policy, `h${l}.out.w`), p1(policy, `h${l}.out.b`))); // [N,C]
  }
  const hf = ln(x, p1(policy, 'lnf.g'), p1(policy, 'lnf.b')); // [N,C]
  return project(hf, p2(policy, 'head.w')); // [N,V]
}

/** Per-layer key/value cache for incremental decoding. */
export interface KvCache {
  /** keys, pre-transposed: [B*H, D, t] */
  k: tf.Tensor3D[];
  /** values: [B*H, t, D] */
  v: tf.Tensor3D[];
  t: number;
}

export function emptyCache(): KvCache {
  return { k: [], v: [], t: 0 };
}

export function disposeCache(cache: KvCache): void {
  for (const t of [...cache.k, ...cache.v]) t.dispose();
  cache.k = [];
  cache.v = [];
}

/**
 * One incremental decoding step: ids [B] int32 at position cache.t -> logits [B,V].
 * The cache is advanced in place (old tensors disposed, new ones kept).
 */
export function decodeStep(policy: Policy, ids: tf.Tensor1D, cache: KvCache): tf.Tensor2D {
  const c = policy.config;
  const B = ids.shape[0];
  const C = c.nEmbd;
  const H = c.nHead;
  const D = C / H;
  const t = cache.t;
  if (t >= c.contextLength) throw new Error(`decodeStep: position ${t} beyond context ${c.contextLength}`);
  const newK: tf.Tensor3D[] = [];
  const newV: tf.Tensor3D[] = [];
  const logits = tf.tidy(() => {
    const wpe = p2(policy, 'wpe');
    let x = tf.add(tf.gather(p2(policy, 'wte'), ids), wpe.slice([t, 0], [1, C])) as tf.Tensor2D; // [B,C]
    for (let l = 0; l < c.nLayer; l++) {
      const h = layerNorm(x, p1(policy, `h${l}.ln1.g`), p1(policy, `h${l}.ln1.b`)); // [B,C]
      const qkv = tf.fused.matMul({ a: h, b: p2(policy, `h${l}.attn.w`), bias: p1(policy, `h${l}.attn.b`) }); // [B,3C]
      const parts = tf.transpose(qkv.reshape([B, 3, H, D]), [1, 0, 2, 3]).reshape([3, B * H, D]); // [3,BH,D]
      const [q, k, v] = tf.unstack(parts) as tf.Tensor2D[]; // [BH,D]
      const kAll = (t === 0 ? k.reshape([B * H, D, 1]) : tf.concat([cache.k[l], k.reshape([B * H, D, 1])], 2)) as tf.Tensor3D; // [BH,D,t+1]
      const vAll = (t === 0 ? v.reshape([B * H, 1, D]) : tf.concat([cache.v[l], v.reshape([B * H, 1, D])], 1)) as tf.Tensor3D; // [BH,t+1,D]
      newK.push(tf.keep(kAll));
      newV.push(tf.keep(vAll));
      const s = tf.mul(tf.matMul(q.reshape([B * H, 1, D]) as tf.Tensor3D, kAll), 1 / Math.sqrt(D)); // [BH,1,t+1]
      const o = tf.matMul(tf.softmax(s) as tf.Tensor3D, vAll).reshape([B, C]) as tf.Tensor2D; // [B,C]
      x = tf.add(x, tf.fused.matMul({ a: o, b: p2(policy, `h${l}.proj.w`), bias: p1(policy, `h${l}.proj.b`) }));
      const h2 = layerNorm(x, p1(policy, `h${l}.ln2.g`), p1(policy, `h${l}.ln2.b`)); // [B,C]
      const f = tf.fused.matMul({ a: h2, b: p2(policy, `h${l}.fc.w`), bias: p1(policy, `h${l}.fc.b`), activation: 'relu' }); // [B,4C]
      x = tf.add(x, tf.fused.matMul({ a: f, b: p2(policy, `h${l}.out.w`), bias: p1(policy, `h${l}.out.b`) }));
    }
    const hf = layerNorm(x, p1(policy, 'lnf.g'), p1(policy, 'lnf.b')); // [B,C]
    return tf.matMul(hf, p2(policy, 'head.w')) as tf.Tensor2D; // [B,V]
  });
  disposeCache(cache);
  cache.k = newK;
  cache.v = newV;
  cache.t = t + 1;
  return logits;
}
