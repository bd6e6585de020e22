/**
 * hypervolume4dPlus on the WebAssembly kernel (kernel/assembly/hv4d.ts):
 * same signature and the same bits as the JavaScript twin
 * (hypervolume-4d-plus.ts). The rows are sorted here (argsortLex, as the
 * twin) and written into the kernel's memory in sweep order; the walk runs
 * there. Throws when the kernel did not load (callers pick with pickEngine).
 */
import { argsortLex } from "./argsort";
import { hv4dKernel } from "./kernel/hv4d";

export function hypervolume4dPlusWasm(data: Float64Array, rows: Int32Array, ref: ArrayLike<number>): number {
  const kernel = hv4dKernel();
  if (!kernel) throw new Error("hypervolume4dPlusWasm: the WebAssembly kernel did not load");
  const order = argsortLex(data, 4, rows, [3]);
  const n = order.length;
  if (n === 0) return 0;
  // 64 bytes a node (kernel/assembly/hv4d.ts), from a 64-aligned base
  const start = kernel.heap(64 * (n + 4));
  const base = (start + 63) & ~63;
  const x = kernel.exports;
  const F = new Float64Array(x.memory.buffer, base, 8 * (n + 3));
  for (let t = 0; t < n; t++) {
    const o = order[t] * 4;
    const k = 8 * (t + 3);
    F[k] = data[o];
    F[k + 1] = data[o + 1];
    F[k + 2] = data[o + 2];
    F[k + 3] = data[o + 3];
  }
  return x.hypervolume4dPlus(base, n, ref[0], ref[1], ref[2], ref[3]);
}
