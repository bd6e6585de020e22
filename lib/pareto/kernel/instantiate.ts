/**
 * Loading lib/pareto's WebAssembly kernels (sources in kernel/assembly,
 * compiled by scripts/build-kernels.ts into kernel/build/<name>.ts, which
 * holds the module's bytes as base64, so this works without `fs` in Node and
 * in browser bundles).
 *
 * Each kernel module is compiled and instantiated synchronously on first use
 * and cached (modules are a few KB; Chrome compiles up to 8 MB synchronously
 * on the main thread). When that fails (no WebAssembly, a refused module)
 * the loader returns null for good and callers use the JavaScript twin.
 *
 * Memory: a kernel works in its own linear memory from heapBase() on; the
 * caller asks for the bytes it needs with `heap()`, which grows the memory
 * (never shrinks it) and returns the first free, 8-aligned byte offset.
 * Views on `memory.buffer` must be made after `heap()` (growing detaches
 * the old buffer). Calls are synchronous, so one kernel's memory holds one
 * call's data at a time.
 */

/** What every lib/pareto kernel exports besides its functions. */
export interface KernelBase {
  memory: WebAssembly.Memory;
  heapBase(): number;
}

export interface Kernel<X extends KernelBase> {
  exports: X;
  /** Make room for `bytes` from the first free byte; returns that byte offset (8-aligned). */
  heap(bytes: number): number;
}

const PAGE = 65536;

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const text = atob(s);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Compile and instantiate a module from its base64 bytes; null when that fails. */
export function instantiateKernel<X extends KernelBase>(base64: string): Kernel<X> | null {
  if (typeof WebAssembly === "undefined") return null;
  let exports: X;
  try {
    const module = new WebAssembly.Module(decodeBase64(base64));
    exports = new WebAssembly.Instance(module, {
      env: {
        abort: () => {
          throw new Error("lib/pareto kernel: abort");
        },
      },
    }).exports as unknown as X;
  } catch {
    return null;
  }
  const base = (exports.heapBase() + 7) & ~7;
  return {
    exports,
    heap(bytes: number): number {
      const need = base + bytes;
      const have = exports.memory.buffer.byteLength;
      if (need > have) exports.memory.grow(Math.ceil((need - have) / PAGE));
      return base;
    },
  };
}

/** A getter that instantiates the kernel on its first call and returns the same one (or null) after. */
export function lazyKernel<X extends KernelBase>(base64: string): () => Kernel<X> | null {
  let kernel: Kernel<X> | null | undefined;
  return () => {
    if (kernel === undefined) kernel = instantiateKernel<X>(base64);
    return kernel;
  };
}
