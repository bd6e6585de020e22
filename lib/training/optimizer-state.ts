/**
 * Exact save/restore of tfjs Adam state (moments, β-power accumulators,
 * iteration count) so a resumed run takes bit-identical steps.
 *
 * tfjs's own getWeights/setWeights recompute β^t with pow() on restore, which
 * can differ in the last float32 bit from the running product the optimizer
 * keeps; here the accumulators are saved as they are. Moments are float32,
 * stored little-endian and base64-encoded (JSON-friendly for checkpoint meta).
 */
import * as tf from '@tensorflow/tfjs';
import { base64ToBytes, bytesToBase64 } from '../runs/base64';

interface AdamInternals {
  iterations_: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
}

export interface AdamState {
  iterations: number;
  accBeta1: number;
  accBeta2: number;
  /** Per moment slot (first moments, then second): name and shape. */
  slots: { name: string; shape: number[] }[];
  /** All slots' float32 values, concatenated, base64. */
  data: string;
}

const internals = (o: tf.Optimizer) => o as unknown as AdamInternals;

/** The optimizer's state, read back with `await data()` (never a synchronous read: WebGPU). */
export async function saveAdamState(optimizer: tf.AdamOptimizer): Promise<AdamState> {
  const o = internals(optimizer);
  const vars = [...o.accumulatedFirstMoment, ...o.accumulatedSecondMoment];
  const total = vars.reduce((n, v) => n + v.variable.size, 0);
  const buf = new Float32Array(total);
  let off = 0;
  for (const v of vars) {
    buf.set((await v.variable.data()) as Float32Array, off);
    off += v.variable.size;
  }
  return {
    iterations: o.iterations_,
    accBeta1: (await o.accBeta1.data())[0],
    accBeta2: (await o.accBeta2.data())[0],
    slots: vars.map((v) => ({ name: v.originalName, shape: v.variable.shape })),
    data: bytesToBase64(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)),
  };
}

/** Restores into a fresh Adam optimizer (same β, ε) created for the same variable list. */
export function restoreAdamState(optimizer: tf.AdamOptimizer, state: AdamState): void {
  const o = internals(optimizer);
  const bytes = base64ToBytes(state.data);
  const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  tf.dispose([...o.accumulatedFirstMoment, ...o.accumulatedSecondMoment].map((v) => v.variable));
  let off = 0;
  const slots = state.slots.map((s) => {
    const size = s.shape.reduce((a, b) => a * b, 1);
    const t = tf.tensor(floats.subarray(off, off + size), s.shape);
    off += size;
    const variable = tf.variable(t, false);
    t.dispose();
    return { originalName: s.name, variable };
  });
  if (off !== floats.length) throw new Error(`restoreAdamState: ${floats.length} values for slots of ${off}`);
  const half = slots.length / 2;
  o.accumulatedFirstMoment = slots.slice(0, half);
  o.accumulatedSecondMoment = slots.slice(half);
  tf.tidy(() => {
    o.accBeta1.assign(tf.scalar(state.accBeta1));
    o.accBeta2.assign(tf.scalar(state.accBeta2));
  });
  o.iterations_ = state.iterations;
}
