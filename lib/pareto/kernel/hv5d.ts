/**
 * The 5-D hypervolume kernel (assembly/hv5d.ts): its exports, loaded on first use.
 */
import { wasmBase64 } from "./build/hv5d";
import { lazyKernel } from "./instantiate";
import type { KernelBase } from "./instantiate";

export interface Hv5dExports extends KernelBase {
  /** Bytes of scratch hypervolume5d needs for n rows. */
  workBytes(n: number): number;
  /** P: n rows of five f64 in sweep order; work: workBytes(n) bytes of scratch (8-aligned). */
  hypervolume5d(P: number, n: number, work: number, r0: number, r1: number, r2: number, r3: number, r4: number): number;
}

export const hv5dKernel = lazyKernel<Hv5dExports>(wasmBase64);
