/**
 * Fused Adam update in plain JS for a tf.AdamOptimizer.
 *
 * Why: tf.AdamOptimizer.applyGradients runs ~10 tfjs kernels per variable
 * (≈300 dispatches for the policy's 29 tensors), which on tfjs-wasm costs more
 * than the arithmetic. This applies the same update in one loop per tensor,
 * reading and writing the optimizer's own state (first/second moments,
 * β-power accumulators, iteration count) in the layout tfjs uses, so the
 * optimizer stays interchangeable with applyGradients (and with trainers that
 * save and restore that state). Update, per element, as in tfjs 4.22:
 *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
 *   θ ← θ − lr · (m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + ε)
 * Any other optimizer (or an Adam whose internals differ) falls back to
 * optimizer.applyGradients.
 *
 * Host copies of parameters and moments are cached per variable and reused
 * while the variable still holds the tensor written here (same dataId), so a
 * step downloads only the gradients.
 */
import * as tf from '@tensorflow/tfjs';

interface Slot {
  originalName: string;
  variable: tf.Variable;
}
interface AdamInternals {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Slot[];
  accumulatedSecondMoment: Slot[];
  incrementIterations(): void;
}

const hostCopies = new WeakMap<tf.Variable, { dataId: object; data: Float32Array }>();

/**
 * Host copy of a variable's value (cached while it holds what was last written here); do not modify it.
 * Synchronous: for the WebAssembly kernels (Node); on WebGPU use hostValueAsync.
 */
export function hostValue(v: tf.Variable): Float32Array {
  const c = hostCopies.get(v);
  if (c && c.dataId === v.dataId) return c.data;
  const data = v.dataSync() as Float32Array;
  hostCopies.set(v, { dataId: v.dataId, data });
  return data;
}

/** hostValue read back with `await data()` when not cached (a synchronous read from WebGPU loses the device in Chromium). */
export async function hostValueAsync(v: tf.Variable): Promise<Float32Array> {
  const c = hostCopies.get(v);
  if (c && c.dataId === v.dataId) return c.data;
  const data = (await v.data()) as Float32Array;
  hostCopies.set(v, { dataId: v.dataId, data });
  return data;
}

/** Assign `data` (not modified afterwards) to a variable and remember it as the host copy. */
function write(v: tf.Variable, data: Float32Array): void {
  const t = tf.tensor(data, v.shape, 'float32');
  v.assign(t);
  t.dispose();
  hostCopies.set(v, { dataId: v.dataId, data });
}

function asAdam(o: tf.Optimizer): AdamInternals | null {
  if (!(o instanceof tf.AdamOptimizer)) return null;
  const a = o as unknown as AdamInternals;
  const ok =
    typeof a.learningRate === 'number' &&
    typeof a.beta1 === 'number' &&
    typeof a.beta2 === 'number' &&
    typeof a.epsilon === 'number' &&
    a.accBeta1 instanceof tf.Variable &&
    a.accBeta2 instanceof tf.Variable &&
    Array.isArray(a.accumulatedFirstMoment) &&
    Array.isArray(a.accumulatedSecondMoment) &&
    typeof a.incrementIterations === 'function';
  return ok ? a : null;
}

/**
 * One optimizer step: vars[i] -= update(grads[i]). Gradients are host arrays
 * (e.g. from `await data()`) in the variables' shapes. Host copies not cached
 * yet (the first step) are read back with `await data()`.
 */
export async function applyAdam(optimizer: tf.Optimizer, vars: tf.Variable[], grads: Float32Array[]): Promise<void> {
  const a = asAdam(optimizer);
  if (!a) {
    const named = vars.map((v, i) => ({ name: v.name, tensor: tf.tensor(grads[i], v.shape) }));
    optimizer.applyGradients(named);
    tf.dispose(named.map((x) => x.tensor));
    return;
  }
  const { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps } = a;
  const accB1 = (await hostValueAsync(a.accBeta1))[0];
  const accB2 = (await hostValueAsync(a.accBeta2))[0];
  const c1 = 1 / Math.fround(1 - accB1);
  const c2 = 1 / Math.fround(1 - accB2);
  for (const [i, v] of vars.entries()) {
    if (a.accumulatedFirstMoment[i] == null)
      a.accumulatedFirstMoment[i] = { originalName: `${v.name}/m`, variable: tf.tidy(() => tf.variable(tf.zerosLike(v), false)) };
    if (a.accumulatedSecondMoment[i] == null)
      a.accumulatedSecondMoment[i] = { originalName: `${v.name}/v`, variable: tf.tidy(() => tf.variable(tf.zerosLike(v), false)) };
    const mVar = a.accumulatedFirstMoment[i].variable;
    const vVar = a.accumulatedSecondMoment[i].variable;
    const g = grads[i];
    const theta = await hostValueAsync(v);
    const m = await hostValueAsync(mVar);
    const s = await hostValueAsync(vVar);
    const n = theta.length;
    const theta2 = new Float32Array(n);
    const m2 = new Float32Array(n);
    const s2 = new Float32Array(n);
    for (let j = 0; j < n; j++) {
      const gj = g[j];
      const mj = b1 * m[j] + (1 - b1) * gj;
      const sj = b2 * s[j] + (1 - b2) * gj * gj;
      m2[j] = mj;
      s2[j] = sj;
      theta2[j] = theta[j] - (lr * (mj * c1)) / (Math.sqrt(sj * c2) + eps);
    }
    write(mVar, m2);
    write(vVar, s2);
    write(v, theta2);
  }
  write(a.accBeta1, Float32Array.of(accB1 * b1));
  write(a.accBeta2, Float32Array.of(accB2 * b2));
  a.incrementIterations();
}
