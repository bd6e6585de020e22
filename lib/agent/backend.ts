/**
 * Backend selection: tfjs-wasm in Node (cpu fallback), WebGPU in the browser
 * when it has an adapter, else tfjs-wasm (its binaries served from
 * BROWSER_WASM_PATH), else cpu. The model code is the same on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { BROWSER_WASM_PATH } from './browser-wasm-path';
import { initTrunkKernel } from './kernel/trunk';

export type BackendName = 'wasm' | 'cpu' | 'webgpu';

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

async function tryWasm(): Promise<boolean> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (isNode) {
    const { createRequire } = await import(/* @vite-ignore */ 'node:module');
    const path = await import(/* @vite-ignore */ 'node:path');
    const req = createRequire(import.meta.url);
    const dir = path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(dir + path.sep);
  } else {
    wasm.setWasmPaths(BROWSER_WASM_PATH);
  }
  return tf.setBackend('wasm');
}

async function tryWebgpu(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !(navigator as unknown as { gpu?: unknown }).gpu) return false;
  await import('@tensorflow/tfjs-backend-webgpu');
  return tf.setBackend('webgpu');
}

/**
 * Initialise tfjs. Default: webgpu in a browser with navigator.gpu, else wasm,
 * else cpu. Returns the backend actually in use. In Node this also loads the
 * WebAssembly training-pass kernels (kernel/trunk.ts), whatever the backend.
 */
export async function initBackend(preferred?: BackendName): Promise<BackendName> {
  const name = await initTfjs(preferred);
  await initTrunkKernel();
  return name;
}

async function initTfjs(preferred?: BackendName): Promise<BackendName> {
  const order: BackendName[] = preferred
    ? [preferred, ...(['webgpu', 'wasm', 'cpu'] as BackendName[]).filter((b) => b !== preferred)]
    : isNode
      ? ['wasm', 'cpu']
      : ['webgpu', 'wasm', 'cpu'];
  // engine().backendName, not getBackend(): the latter would first initialise the best registered backend (webgl in a browser)
  if (tf.engine().backendName === order[0]) return order[0];
  for (const name of order) {
    try {
      const ok = name === 'wasm' ? await tryWasm() : name === 'webgpu' ? await tryWebgpu() : await tf.setBackend('cpu');
      if (ok) {
        await tf.ready();
        return name;
      }
    } catch {
      // fall through to the next backend
    }
  }
  throw new Error('initBackend: no tfjs backend could be initialised');
}
