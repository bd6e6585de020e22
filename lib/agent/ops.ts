/**
 * Fused layers with hand-written gradients.
 *
 * Why: on tfjs-wasm 4.22 the default matMul gradient uses transposeA /
 * transposeB, which take a slow non-XNNPACK path (10–20x slower than an
 * explicit transpose followed by a plain matMul); `gather` has no gradient on
 * wasm; and reductions over the batch axis (bias gradients) are slow, while a
 * ones-vector matMul is fast. Each op below runs its backward pass with plain
 * (untransposed) matMuls only and saves what it needs from the forward pass.
 * Shapes: N = batch·time rows, C = width.
 */
import * as tf from '@tensorflow/tfjs';

type Saver = (tensors: tf.Tensor[]) => void;
type Grad = { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] };
const custom = (f: (...args: any[]) => Grad) =>
  tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (...t: tf.Tensor[]) => tf.Tensor;

/**
 * One-hot rows as float32: ids [N] int32 -> [N,depth]. (tf.oneHot's float
 * output is wrong on the wasm backend of tfjs 4.22: it returns zeros.)
 */
export function oneHotF32(ids: tf.Tensor1D, depth: number): tf.Tensor2D {
  return tf.cast(tf.oneHot(ids, depth), 'float32') as tf.Tensor2D; // int32 one-hot is correct and fast
}

/** Column sums of a 2-D tensor as a ones-row matMul: [N,K] -> [K]. */
export function colSum(x: tf.Tensor2D): tf.Tensor1D {
  const ones = tf.ones([1, x.shape[0]]); // [1,N]
  return tf.matMul(ones, x).reshape([x.shape[1]]);
}

/** A divisor p of n with 1 < p <= sqrt(n) as large as possible, or 1 if n is prime. */
function splitFactor(n: number): number {
  for (let p = Math.floor(Math.sqrt(n)); p > 1; p--) if (n % p === 0) return p;
  return 1;
}

/**
 * Transpose of a 2-D tensor [N,C] -> [C,N]. tfjs-wasm's 2-D transpose is
 * 3-6x slower than the same permutation written as a 3-D [2,0,1] transpose
 * of [p, N/p, C], so that is what runs.
 */
export function transpose2d(x: tf.Tensor2D): tf.Tensor2D {
  const [n, c] = x.shape;
  const p = splitFactor(n);
  if (p === 1) return tf.transpose(x);
  return tf.transpose(x.reshape([p, n / p, c]), [2, 0, 1]).reshape([c, n]) as tf.Tensor2D;
}

/**
 * Weight and bias gradients of y = x W + b: x [N,in], dy [N,out] -> dW [in,out], db [out].
 * XNNPACK packs the right-hand operand of every matMul, and with N = B·T rows
 * that packing costs as much as the product, so the narrower of x and dy is
 * put on the right:
 *   out <= in:  [x^T; 1] dy = [dW; db]             (packs dy)
 *   out >  in:  dW = (dy^T x)^T,  db = dy^T 1     (packs x and a ones column)
 */
export function weightAndBiasGrads(x: tf.Tensor2D, dy: tf.Tensor2D): [tf.Tensor2D, tf.Tensor1D] {
  const [n, k] = x.shape;
  const m = dy.shape[1];
  if (m > k) {
    const dyT = transpose2d(dy); // [out,N]
    return [transpose2d(tf.matMul(dyT, x)), tf.matMul(dyT, tf.ones([n, 1])).reshape([m])]; // [in,out], [out]
  }
  const xt1 = tf.concat([transpose2d(x), tf.ones([1, n])], 0) as tf.Tensor2D; // [in+1,N]
  const g = tf.matMul(xt1, dy); // [in+1,out]
  return [g.slice([0, 0], [k, m]) as tf.Tensor2D, g.slice([k, 0], [1, m]).reshape([m]) as tf.Tensor1D];
}

/** y = x W + b.  x [N,in], W [in,out], b [out] -> [N,out] */
export const linear = custom((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: Saver): Grad => {
  save([x, w]);
  return {
    value: tf.fused.matMul({ a: x, b: w, bias: b }), // [N,out]
    gradFunc: (dy, [xs, ws]) => [
      tf.matMul(dy as tf.Tensor2D, transpose2d(ws as tf.Tensor2D)), // dx [N,in]
      ...weightAndBiasGrads(xs as tf.Tensor2D, dy as tf.Tensor2D), // dW [in,out], db [out]
    ],
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** y = x W (no bias).  x [N,in], W [in,out] -> [N,out] */
export const project = custom((x: tf.Tensor2D, w: tf.Tensor2D, save: Saver): Grad => {
  save([x, w]);
  return {
    value: tf.matMul(x, w), // [N,out]
    gradFunc: (dy, [xs, ws]) => [
      tf.matMul(dy as tf.Tensor2D, transpose2d(ws as tf.Tensor2D)), // dx [N,in]
      tf.matMul(transpose2d(xs as tf.Tensor2D), dy as tf.Tensor2D), // dW [in,out]
    ],
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;

/** y = relu(x W + b), bias and activation fused into the matMul. */
export const linearRelu = custom((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: Saver): Grad => {
  const y = tf.fused.matMul({ a: x, b: w, bias: b, activation: 'relu' }); // [N,out]
  save([x, w, y]);
  return {
    value: y,
    gradFunc: (dy, [xs, ws, ys]) => {
      const dz = tf.mul(dy, tf.step(ys)) as tf.Tensor2D; // [N,out]
      return [tf.matMul(dz, transpose2d(ws as tf.Tensor2D)), ...weightAndBiasGrads(xs as tf.Tensor2D, dz)];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

const LN_EPS = 1e-5;

/** LayerNorm over the last axis. x [N,C], g [C], b [C] -> [N,C] */
export const layerNorm = custom((x: tf.Tensor2D, g: tf.Tensor1D, b: tf.Tensor1D, save: Saver): Grad => {
  const mean = tf.mean(x, -1, true); // [N,1]
  const xc = tf.sub(x, mean); // [N,C]
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(xc), -1, true), LN_EPS)); // [N,1]
  const xhat = tf.mul(xc, rstd); // [N,C]
  save([xhat, rstd, g]);
  return {
    value: tf.add(tf.mul(xhat, g), b),
    gradFunc: (dy, [xh, rs, gs]) => {
      const dxhat = tf.mul(dy, gs); // [N,C]
      const dx = tf.mul(tf.sub(tf.sub(dxhat, tf.mean(dxhat, -1, true)), tf.mul(xh, tf.mean(tf.mul(dxhat, xh), -1, true))), rs); // [N,C]
      return [dx, colSum(tf.mul(dy, xh) as tf.Tensor2D), colSum(dy as tf.Tensor2D)];
    },
  };
}) as (x: tf.Tensor2D, g: tf.Tensor1D, b: tf.Tensor1D) => tf.Tensor2D;

/**
 * Token + position embedding. ids [B,T] int32, wte [V,C], wpe [Tmax,C] -> [B*T, C].
 * Forward is a gather; the backward is a one-hot matMul (gather has no gradient on wasm).
 */
export function embed(ids: tf.Tensor2D, wte: tf.Tensor2D, wpe: tf.Tensor2D): tf.Tensor2D {
  const [B, T] = ids.shape;
  const C = wte.shape[1];
  const flat = ids.reshape([B * T]) as tf.Tensor1D; // [N]
  // Tensors used by a gradFunc must go through save(): closures over tensors
  // made inside the forward pass are disposed before the backward pass runs.
  const f = custom((w: tf.Tensor2D, p: tf.Tensor2D, save: Saver): Grad => {
    // Forward as a one-hot matMul too: wasm's gather is ~5 ms for 2048 rows, the matMul ~0.3 ms.
    const oneHot = oneHotF32(flat, w.shape[0]); // [N,V]
    save([oneHot]);
    return {
      value: tf.add(tf.matMul(oneHot, w).reshape([B, T, C]), p.slice([0, 0], [T, C])).reshape([B * T, C]), // [N,C]
      gradFunc: (dy, [oh]) => {
        const oneHotT = transpose2d(oh as tf.Tensor2D); // [V,N]
        const dw = tf.matMul(oneHotT as tf.Tensor2D, dy as tf.Tensor2D); // [V,C]
        const dpT = tf.sum(dy.reshape([B, T * C]), 0).reshape([T, C]); // [T,C]
        const dp = p.shape[0] > T ? tf.concat([dpT, tf.zeros([p.shape[0] - T, C])], 0) : dpT; // [Tmax,C]
        return [dw, dp];
      },
    };
  });
  return f(wte, wpe) as tf.Tensor2D;
}

/** Additive causal mask [T,T]: 0 on and below the diagonal, -1e9 above. */
export function causalMask(T: number): tf.Tensor2D {
  const data = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) data[i * T + j] = -1e9;
  return tf.tensor2d(data, [T, T]);
}

/** Causal softmax attention. q, k, v [BH,T,D] -> [BH,T,D] */
export const causalAttention = custom((q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, save: Saver): Grad => {
  const [, T, D] = q.shape;
  const scale = 1 / Math.sqrt(D);
  const s = tf.add(tf.mul(tf.matMul(q, tf.transpose(k, [0, 2, 1])), scale), causalMask(T)); // [BH,T,T]
  const p = tf.softmax(s); // [BH,T,T]
  save([q, k, v, p]);
  return {
    value: tf.matMul(p, v), // [BH,T,D]
    gradFunc: (dy, [qs, ks, vs, ps]) => {
      const dy3 = dy as tf.Tensor3D;
      const dv = tf.matMul(tf.transpose(ps, [0, 2, 1]) as tf.Tensor3D, dy3); // [BH,T,D]
      const dp = tf.matMul(dy3, tf.transpose(vs, [0, 2, 1]) as tf.Tensor3D); // [BH,T,T]
      const ds = tf.mul(ps, tf.sub(dp, tf.sum(tf.mul(dp, ps), -1, true))); // [BH,T,T]
      const dsScaled = tf.mul(ds, scale) as tf.Tensor3D;
      const dq = tf.matMul(dsScaled, ks as tf.Tensor3D); // [BH,T,D]
      const dk = tf.matMul(tf.transpose(dsScaled, [0, 2, 1]) as tf.Tensor3D, qs as tf.Tensor3D); // [BH,T,D]
      return [dq, dk, dv];
    },
  };
}) as (q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D) => tf.Tensor3D;

/**
 * Masked mean cross-entropy with a fused softmax gradient.
 * logits [N,V], targets [N] int32, weights [N] (0 = not trained) -> scalar.
 */
export function maskedCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  const V = logits.shape[1];
  const oneHot = oneHotF32(targets, V); // [N,V]
  const denom = tf.maximum(tf.sum(weights), 1); // []
  const w = tf.div(weights, denom).reshape([-1, 1]); // [N,1]
  const f = custom((z: tf.Tensor2D, save: Saver): Grad => {
    const logp = tf.logSoftmax(z); // [N,V]
    save([logp, oneHot, w]);
    return {
      value: tf.neg(tf.sum(tf.mul(tf.mul(logp, oneHot), w))),
      gradFunc: (dy, [lp, oh, ws]) => [tf.mul(tf.mul(tf.sub(tf.exp(lp), oh), ws), dy)],
    };
  });
  return f(logits) as tf.Scalar;
}
