/**
 * Which implementation computes the policy's loss and gradients — a choice
 * passed as an argument (never a module switch):
 *   'kernel' — the WebAssembly SIMD pass (kernel/trunk.ts) where it is loaded
 *              (Node) and covers the config, else the tfjs pass; the default;
 *   'tfjs'   — the tfjs pass (backprop.ts) on whatever tfjs backend is active
 *              (WebGPU in a browser, wasm in Node): what a browser trains with,
 *              and the kernel's reference in tests.
 */
export type TrainingPass = 'kernel' | 'tfjs';
export const TRAINING_PASSES: readonly TrainingPass[] = ['kernel', 'tfjs'];
