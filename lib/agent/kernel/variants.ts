/**
 * The compiled builds of assembly/trunk.ts: file under lib/agent/kernel/build
 * and the WebAssembly features each is compiled with. One list for the build
 * (scripts/build-kernels.ts) and the loader (trunk.ts).
 */
export const KERNEL_BUILDS = {
  'relaxed-simd': { file: 'trunk-relaxed.wasm', features: 'simd,relaxed-simd' },
  simd: { file: 'trunk-simd.wasm', features: 'simd' },
} as const;

export type KernelVariant = keyof typeof KERNEL_BUILDS;
