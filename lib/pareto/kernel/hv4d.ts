/**
 * The HV4D+ kernel (assembly/hv4d.ts): its exports, loaded on first use.
 */
import { wasmBase64 } from "./build/hv4d";
import { lazyKernel } from "./instantiate";
import type { KernelBase } from "./instantiate";

export interface Hv4dExports extends KernelBase {
  /** B (8-aligned): n + 3 nodes of 48 bytes, x, y, z of members 3.. written by the caller in sweep order; Wp: their n w values. */
  hypervolume4dPlus(B: number, Wp: number, n: number, r0: number, r1: number, r2: number, r3: number): number;
}

export const hv4dKernel = lazyKernel<Hv4dExports>(wasmBase64);
