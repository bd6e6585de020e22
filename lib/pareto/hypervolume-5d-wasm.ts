/**
 * hypervolume5d on the WebAssembly kernel (kernel/assembly/hv5d.ts): same
 * signature and the same bits as the JavaScript twin (hypervolume-5d.ts).
 * The rows are sorted here (argsortLex, as the twin) and written into the
 * kernel's memory in sweep order; the sweep runs there. Throws when the
 * kernel did not load (callers pick with pickEngine).
 */
import { argsortLex } from "./argsort";
import { hv5dKernel } from "./kernel/hv5d";

export function hypervolume5dWasm(data: Float64Array, rows: Int32Array, ref: ArrayLike<number>): number {
  const kernel = hv5dKernel();
  if (!kernel) throw new Error("hypervolume5dWasm: the WebAssembly kernel did not load");
  const order = argsortLex(data, 5, rows, [4]);
  const n = order.length;
  if (n === 0) return 0;
  const x = kernel.exports;
  const rowBytes = 40 * n;
  const base = kernel.heap(rowBytes + x.workBytes(n));
  const P = new Float64Array(x.memory.buffer, base, 5 * n);
  for (let t = 0; t < n; t++) {
    const o = order[t] * 5;
    const k = 5 * t;
    P[k] = data[o];
    P[k + 1] = data[o + 1];
    P[k + 2] = data[o + 2];
    P[k + 3] = data[o + 3];
    P[k + 4] = data[o + 4];
  }
  return x.hypervolume5d(base, n, base + rowBytes, ref[0], ref[1], ref[2], ref[3], ref[4]);
}
