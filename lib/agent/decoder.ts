/**
 * The incremental decoder behind sampleRollouts: one position of every
 * sequence per call, with a KV cache. Two implementations of the same maths:
 *   'tfjs'   decodeStep of model.ts (any tfjs backend; the browser path and
 *            the reference),
 *   'kernel' the WebAssembly SIMD kernels of kernel/decode.ts, on the module
 *            of the training pass (Node; initBackend() loads it).
 * Which one runs is the caller's argument (SampleOptions.decoder), never a
 * module setting.
 */
import * as tf from '@tensorflow/tfjs';
import { decodeStep, disposeCache, emptyCache } from './model';
import type { Policy } from './model';
import { createKernelDecoder } from './kernel/decode';

export type DecoderKind = 'tfjs' | 'kernel';
export const DECODER_KINDS: readonly DecoderKind[] = ['tfjs', 'kernel'];

export interface Decoder {
  /**
   * Feed ids[b] [B] at the next position and return the logits [B·V] of the
   * token after it. Rows b with active[b] = 0 are sequences whose logits are
   * no longer needed (finished): a decoder may skip them, and their rows of
   * the result are then unspecified. The array is valid until the next call.
   * The tfjs decoder reads its logits back asynchronously (a promise): a
   * synchronous read from WebGPU loses the device in Chromium; the kernel
   * decoder answers at once (no promise, no microtask on the Node hot path).
   */
  step(ids: Int32Array, active: Uint8Array): Float32Array | Promise<Float32Array>;
  dispose(): void;
}

/** A decoder of `kind` for B sequences starting at position 0. */
export function createDecoder(kind: DecoderKind, policy: Policy, B: number): Decoder {
  return kind === 'kernel' ? createKernelDecoder(policy, B) : createTfjsDecoder(policy);
}

function createTfjsDecoder(policy: Policy): Decoder {
  const cache = emptyCache();
  return {
    async step(ids) {
      const idsT = tf.tensor1d(ids, 'int32'); // [B]
      const logitsT = decodeStep(policy, idsT, cache); // [B,V]
      idsT.dispose();
      try {
        return (await logitsT.data()) as Float32Array;
      } finally {
        logitsT.dispose();
      }
    },
    dispose() {
      disposeCache(cache);
    },
  };
}
