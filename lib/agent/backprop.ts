/**
 * The policy's training pass with a hand-written backward: forward, then the
 * gradient of every parameter, with no autodiff tape.
 *
 * Why: under tf.variableGrads every custom op copies the tensors it saves
 * (Identity kernels), gradients of shared inputs are summed by extra adds, and
 * the tape bookkeeping runs per op; on tfjs-wasm that overhead is a large part
 * of a small model's step. Here the forward keeps exactly what the backward
 * needs and the backward is written out once, with the same kernels as the
 * custom-gradient ops of ops.ts / attention.ts (plain matMuls only, products
 * of the attention as depthwise convolutions).
 *
 * Rows are time-major inside (row r = t·B + b): attention's batched products
 * then read and write q, k, v, o in their natural layout [T, B·H, D] and need
 * fewer transposes. Logits are returned batch-major, like model.ts forward.
 * Token and position embeddings are one matMul of a host-built one-hot
 * [N, V+Tmax] (token and position) with [wte; wpe].
 *
 * The loss of the logits is a host function (logits-loss.ts), so supervised
 * and policy-gradient losses share this pass. kernels.test compares
 * gradients with tf.variableGrads through model.ts forward (the naive twin).
 * In Node the WebAssembly pass of kernel/trunk.ts (same maths) runs instead
 * when it is loaded; this tfjs pass is its reference and the fallback.
 */
import * as tf from '@tensorflow/tfjs';
import { bmmDepthwise as bmm, causalMask } from './attention';
import type { Policy } from './model';
import { transpose2d, weightAndBiasGrads } from './ops';
import { trunkLossAndGradients } from './kernel/trunk';
import type { LogitsLoss } from './logits-loss';
import type { TrainingPass } from './training-pass';

const LN_EPS = 1e-5;

type T2 = tf.Tensor2D;

type LnSaved = {
  // a type, not an interface: tf.tidy returns it (a TensorContainer)
  xhat: T2; // [N,C]
  rstd: T2; // [N,1]
  g: tf.Tensor1D;
};

function lnForward(x: T2, g: tf.Tensor1D, b: tf.Tensor1D): { y: T2; saved: LnSaved } {
  const mean = tf.mean(x, -1, true); // [N,1]
  const xc = tf.sub(x, mean); // [N,C]
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(xc), -1, true), LN_EPS)) as T2; // [N,1]
  const xhat = tf.mul(xc, rstd) as T2; // [N,C]
  return { y: tf.add(tf.mul(xhat, g), b) as T2, saved: { xhat, rstd, g } };
}

/**
 * Column sums [N,C] -> [C] as x^T·1: the 3-D transpose and a matMul against a
 * ones column beat tf.sum over axis 0 and a ones-row matMul (which re-packs x).
 */
function colSum(x: T2): tf.Tensor1D {
  const [n, c] = x.shape;
  return tf.matMul(transpose2d(x), tf.ones([n, 1])).reshape([c]) as tf.Tensor1D;
}

function lnBackward(dy: T2, { xhat, rstd, g }: LnSaved): { dx: T2; dg: tf.Tensor1D; db: tf.Tensor1D } {
  const dxhat = tf.mul(dy, g); // [N,C]
  const dx = tf.mul(tf.sub(tf.sub(dxhat, tf.mean(dxhat, -1, true)), tf.mul(xhat, tf.mean(tf.mul(dxhat, xhat), -1, true))), rstd) as T2; // [N,C]
  return { dx, dg: colSum(tf.mul(dy, xhat) as T2), db: colSum(dy) };
}

/** y = x W + b backward: dx = dy W^T and (dW, db) by weightAndBiasGrads. */
function linearBackward(x: T2, w: T2, dy: T2): { dx: T2; dw: T2; db: tf.Tensor1D } {
  const [dw, db] = weightAndBiasGrads(x, dy);
  return { dx: tf.matMul(dy, transpose2d(w)) as T2, dw, db };
}

type AttnSaved = {
  q: tf.Tensor3D; // [T,G,D] time-major
  k: tf.Tensor3D;
  v: tf.Tensor3D;
  p: tf.Tensor3D; // [T_i,G,T_j]
};

/** Time-major attention: qkv [N,3C] (rows t·B+b) -> o [N,C] (same rows). */
function attnForward(qkv: T2, T: number, B: number, H: number): { o: T2; saved: AttnSaved } {
  const C = qkv.shape[1] / 3;
  const D = C / H;
  const G = B * H;
  const parts = tf.transpose(qkv.reshape([T, B, 3, C]), [2, 0, 1, 3]); // [3,T,B,C]
  const [q, k, v] = [0, 1, 2].map((i) => tf.slice(parts, [i, 0, 0, 0], [1, T, B, C]).reshape([T, G, D]) as tf.Tensor3D);
  const s = bmm(tf.transpose(q, [0, 2, 1]), tf.transpose(k, [2, 1, 0]), T, D, G, T); // X=Q [i,d,G], Y=K^T [d,G,j] -> [T_i,G,T_j]
  const p = tf.softmax(tf.add(tf.mul(s, 1 / Math.sqrt(D)), causalMask(T, G))) as tf.Tensor3D; // [T_i,G,T_j]
  const o = bmm(tf.transpose(p, [0, 2, 1]), v, T, T, G, D); // X=P [i,j,G], Y=V [j,G,d] -> [T_i,G,D]
  return { o: o.reshape([T * B, C]) as T2, saved: { q, k, v, p } };
}

function attnBackward(dout: T2, { q, k, v, p }: AttnSaved, T: number, B: number, H: number): T2 {
  const C = dout.shape[1];
  const D = C / H;
  const G = B * H;
  const dO = dout.reshape([T, G, D]); // [T_i,G,D]
  const dv = bmm(tf.transpose(p, [2, 0, 1]), dO, T, T, G, D); // X=P^T [j,i,G], Y=dO [i,G,d] -> [T_j,G,D]
  const dp = bmm(tf.transpose(dO, [0, 2, 1]), tf.transpose(v, [2, 1, 0]), T, D, G, T); // X=dO [i,d,G], Y=V^T [d,G,j] -> [T_i,G,T_j]
  const ds = tf.mul(tf.mul(p, tf.sub(dp, tf.sum(tf.mul(dp, p), -1, true))), 1 / Math.sqrt(D)); // [T_i,G,T_j]
  const dq = bmm(tf.transpose(ds, [0, 2, 1]), k, T, T, G, D); // X=dS [i,j,G], Y=K [j,G,d] -> [T_i,G,D]
  const dk = bmm(tf.transpose(ds, [2, 0, 1]), q, T, T, G, D); // X=dS^T [j,i,G], Y=Q [i,G,d] -> [T_j,G,D]
  return tf.transpose(tf.stack([dq, dk, dv]).reshape([3, T, B, C]), [1, 2, 0, 3]).reshape([T * B, 3 * C]) as T2; // [N,3C]
}

/**
 * Loss and gradients of every parameter (in policy.params order, as host
 * arrays) for token inputs `ids` [B,T] (row-major, batch-major) and a loss of
 * the batch-major logits [B·T, V]. `pass`: the WebAssembly kernel where it
 * covers the config (default), or this tfjs pass (training-pass.ts). No tensors leak.
 * The tfjs pass reads the logits and the gradients back with `await data()`
 * (a synchronous read from WebGPU loses the device in Chromium): the forward
 * and the backward are two tidies around the host loss.
 */
export async function lossAndGradients(
  policy: Policy,
  ids: Int32Array,
  B: number,
  T: number,
  lossOfLogits: LogitsLoss,
  pass: TrainingPass = 'kernel',
): Promise<{ loss: number; grads: Float32Array[] }> {
  const c = policy.config;
  const C = c.nEmbd;
  const H = c.nHead;
  const V = c.vocabSize;
  const Tmax = c.contextLength;
  const N = B * T;
  if (T > Tmax) throw new Error(`lossAndGradients: ${T} tokens beyond context ${Tmax}`);
  const fast = pass === 'kernel' ? trunkLossAndGradients(policy, ids, B, T, lossOfLogits) : null;
  if (fast) return fast;
  const P = (n: string) => policy.params.get(n) as unknown as tf.Tensor;
  const P2 = (n: string) => P(n) as T2;
  const P1 = (n: string) => P(n) as tf.Tensor1D;
  // one-hot of (token, position) per time-major row, and its transpose, built on the host
  const K = V + Tmax;
  const oh = new Float32Array(N * K);
  const ohT = new Float32Array(K * N);
  for (let t = 0; t < T; t++)
    for (let b = 0; b < B; b++) {
      const r = t * B + b;
      const tok = ids[b * T + t];
      oh[r * K + tok] = 1;
      oh[r * K + V + t] = 1;
      ohT[tok * N + r] = 1;
      ohT[(V + t) * N + r] = 1;
    }
  // ---- forward: logits and what the backward needs, kept past the tidy until the backward is built
  const fwd = tf.tidy(() => {
    const x0 = tf.matMul(tf.tensor2d(oh, [N, K]), tf.concat([P2('wte'), P2('wpe')], 0) as T2); // [N,C]
    const layers: {
      x: T2;
      ln1: LnSaved;
      h: T2;
      att: AttnSaved;
      o: T2;
      x1: T2;
      ln2: LnSaved;
      h2: T2;
      f: T2;
    }[] = [];
    let x = x0 as T2;
    for (let l = 0; l < c.nLayer; l++) {
      const n = (s: string) => `h${l}.${s}`;
      const { y: h, saved: ln1 } = lnForward(x, P1(n('ln1.g')), P1(n('ln1.b'))); // [N,C]
      const qkv = tf.fused.matMul({ a: h, b: P2(n('attn.w')), bias: P1(n('attn.b')) }) as T2; // [N,3C]
      const { o, saved: att } = attnForward(qkv, T, B, H); // [N,C]
      const x1 = tf.add(x, tf.fused.matMul({ a: o, b: P2(n('proj.w')), bias: P1(n('proj.b')) })) as T2; // [N,C]
      const { y: h2, saved: ln2 } = lnForward(x1, P1(n('ln2.g')), P1(n('ln2.b'))); // [N,C]
      const f = tf.fused.matMul({ a: h2, b: P2(n('fc.w')), bias: P1(n('fc.b')), activation: 'relu' }) as T2; // [N,F]
      const x2 = tf.add(x1, tf.fused.matMul({ a: f, b: P2(n('out.w')), bias: P1(n('out.b')) })) as T2; // [N,C]
      layers.push({ x, ln1, h, att, o, x1, ln2, h2, f });
      x = x2;
    }
    const { y: hf, saved: lnf } = lnForward(x, P1('lnf.g'), P1('lnf.b')); // [N,C]
    const logitsTm = tf.matMul(hf, P2('head.w')) as T2; // [N,V] time-major
    const logits = tf.transpose(logitsTm.reshape([T, B, V]), [1, 0, 2]).reshape([N, V]) as T2; // [N,V] batch-major
    return { logits, hf, lnf, layers };
  });
  const { hf, lnf, layers } = fwd;
  const dl = new Float32Array(N * V); // dLoss/dlogits [N,V], written by the host loss
  // ---- backward
  const backward = () => {
    const grads = new Map<string, tf.Tensor>();
    const dLogits = tf.tensor2d(dl, [N, V]);
    const dlTm = tf.transpose(dLogits.reshape([B, T, V]), [1, 0, 2]).reshape([N, V]) as T2; // [N,V]
    grads.set('head.w', tf.matMul(transpose2d(hf), dlTm)); // [C,V]
    const dlnf = lnBackward(tf.matMul(dlTm, transpose2d(P2('head.w'))) as T2, lnf);
    grads.set('lnf.g', dlnf.dg).set('lnf.b', dlnf.db);
    let dx = dlnf.dx; // [N,C]
    for (let l = c.nLayer - 1; l >= 0; l--) {
      const n = (s: string) => `h${l}.${s}`;
      const L = layers[l];
      // x2 = x1 + relu(h2 Wfc + bfc) Wout + bout
      const outB = linearBackward(L.f, P2(n('out.w')), dx);
      const dz = tf.mul(outB.dx, tf.step(L.f)) as T2; // relu'
      const fcB = linearBackward(L.h2, P2(n('fc.w')), dz);
      const ln2B = lnBackward(fcB.dx, L.ln2);
      const dx1 = tf.add(dx, ln2B.dx) as T2;
      // x1 = x + attn(ln1(x)) Wproj + bproj
      const projB = linearBackward(L.o, P2(n('proj.w')), dx1);
      const dqkv = attnBackward(projB.dx, L.att, T, B, H);
      const qkvB = linearBackward(L.h, P2(n('attn.w')), dqkv);
      const ln1B = lnBackward(qkvB.dx, L.ln1);
      dx = tf.add(dx1, ln1B.dx) as T2;
      grads
        .set(n('ln1.g'), ln1B.dg)
        .set(n('ln1.b'), ln1B.db)
        .set(n('attn.w'), qkvB.dw)
        .set(n('attn.b'), qkvB.db)
        .set(n('proj.w'), projB.dw)
        .set(n('proj.b'), projB.db)
        .set(n('ln2.g'), ln2B.dg)
        .set(n('ln2.b'), ln2B.db)
        .set(n('fc.w'), fcB.dw)
        .set(n('fc.b'), fcB.db)
        .set(n('out.w'), outB.dw)
        .set(n('out.b'), outB.db);
    }
    const dEmb = tf.matMul(tf.tensor2d(ohT, [K, N]), dx); // [V+Tmax,C]
    grads.set('wte', dEmb.slice([0, 0], [V, C])).set('wpe', dEmb.slice([V, 0], [Tmax, C]));
    return [...policy.params.keys()].map((name) => grads.get(name)!);
  };
  let loss: number;
  let gradTensors: tf.Tensor[];
  try {
    loss = Math.fround(lossOfLogits((await fwd.logits.data()) as Float32Array, N, V, dl)); // float32, as a tfjs scalar read back
    gradTensors = tf.tidy(backward);
  } finally {
    // the forward's own tensors (LnSaved.g is the policy's variable: not disposed)
    const saved = (ln: LnSaved) => [ln.xhat, ln.rstd];
    tf.dispose([
      fwd.logits,
      hf,
      ...saved(lnf),
      ...layers.flatMap((L) => [L.x, ...saved(L.ln1), L.h, L.att.q, L.att.k, L.att.v, L.att.p, L.o, L.x1, ...saved(L.ln2), L.h2, L.f]),
    ]);
  }
  try {
    return { loss, grads: (await Promise.all(gradTensors.map((g) => g.data()))) as Float32Array[] };
  } finally {
    tf.dispose(gradTensors);
  }
}
