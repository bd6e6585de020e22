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
  // 48 bytes a node (kernel/assembly/hv4d.ts), then the w values
  const nodeBytes = 48 * (n + 3);
  const base = kernel.heap(nodeBytes + 8 * n);
  const x = kernel.exports;
  const F = new Float64Array(x.memory.buffer, base, 6 * (n + 3));
  const W = new Float64Array(x.memory.buffer, base + nodeBytes, n);
  for (let t = 0; t < n; t++) {
    const o = order[t] * 4;
    const k = 6 * (t + 3);
    F[k] = data[o];
    F[k + 1] = data[o + 1];
    F[k + 2] = data[o + 2];
    W[t] = data[o + 3];
  }
  return x.hypervolume4dPlus(base, base + nodeBytes, n, ref[0], ref[1], ref[2], ref[3]);
}
