/**
 * The Kung maxima kernel (assembly/kung.ts): its exports, loaded on first use.
 */
import { wasmBase64 } from "./build/kung";
import { lazyKernel } from "./instantiate";
import type { KernelBase } from "./instantiate";

export interface KungExports extends KernelBase {
  /** Bytes that prepare(base, n, k) lays out (any 8-aligned base). */
  bytesFor(n: number, k: number): number;
  /** Lay out n rows of k = d - 1 objectives from base and clear the flags; returns the first byte after (8-aligned). */
  prepare(base: number, n: number, k: number): number;
  /** Objectives 1..k of rows ids[0..n) (i32 at `ids`) of the row-major d-column matrix at `src` into the value rows. */
  gather(src: number, ids: number, n: number): void;
  valuesPtr(): number;
  /** Doubles per value row (k rounded up to a power of two). */
  rowStride(): number;
  arrPtr(): number;
  /** Maxima of the positions arr[0..len) (ascending), left unordered in arr[0..end); returns end. */
  maxima(len: number): number;
}

export const kungKernel = lazyKernel<KungExports>(wasmBase64);
