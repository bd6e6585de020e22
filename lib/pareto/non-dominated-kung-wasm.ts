/**
 * Kung's maxima (d >= 4) on the WebAssembly kernel kernel/assembly/kung.ts:
 * the same interface and the same results as KungMaxima
 * (non-dominated-kung.ts, the JavaScript twin), the same recursion in the
 * module's linear memory. The rows are copied in once (objectives 1..d-1,
 * row-major), so every peel of paretoRanks reuses them.
 *
 * One module instance serves one KungMaximaWasm at a time: constructing a
 * second one takes over the memory, and the first then throws on use (a
 * claim number is checked on every call), never returns a wrong set.
 */
import type { Engine } from "./engine";
import { pickEngine } from "./engine";
import type { Kernel } from "./kernel/instantiate";
import { kungKernel } from "./kernel/kung";
import type { KungExports } from "./kernel/kung";
import { KungMaxima } from "./non-dominated-kung";
import type { Maxima } from "./non-dominated-kung";

/**
 * Kung's maxima of the sorted, duplicate-free rows `sortedUnique` on the chosen engine
 * (default: WebAssembly when its module loads, else the JavaScript twin).
 */
export function kungMaxima(data: Float64Array, dim: number, sortedUnique: Int32Array, engine: Engine | undefined, what: string): Maxima {
  const kernel = kungKernel();
  return pickEngine(engine, kernel !== null, what) === "wasm"
    ? new KungMaximaWasm(kernel as Kernel<KungExports>, data, dim, sortedUnique)
    : new KungMaxima(data, dim, sortedUnique);
}

const claims = new WeakMap<KungExports, number>();

export class KungMaximaWasm implements Maxima {
  private readonly claim: number;
  private readonly n: number;
  private arrView: Int32Array;
  private readonly kernel: KungExports;

  /** `sortedUnique`: row ids sorted lexicographically, no exact duplicates; dim >= 4. */
  constructor(loaded: Kernel<KungExports>, data: Float64Array, dim: number, sortedUnique: Int32Array) {
    const kernel = loaded.exports;
    this.kernel = kernel;
    const n = sortedUnique.length;
    const k = dim - 1;
    const layout = kernel.bytesFor(n, k);
    // The rows go in by one block copy and a gather in the module when they are most of data
    // (one pass, no per-value JS loop); otherwise only the rows used are copied, here.
    const gather = data.length <= 2 * n * dim;
    const base = loaded.heap(gather ? layout + 8 + data.length * 8 + n * 4 : layout);
    const scratch = kernel.prepare(base, n, k);
    this.claim = (claims.get(kernel) ?? 0) + 1;
    claims.set(kernel, this.claim);
    this.n = n;
    const buf = kernel.memory.buffer;
    if (gather) {
      new Float64Array(buf, scratch, data.length).set(data);
      const ids = scratch + data.length * 8;
      new Int32Array(buf, ids, n).set(sortedUnique);
      kernel.gather(scratch, ids, n);
    } else {
      const stride = kernel.rowStride();
      copyValues(new Float64Array(buf, kernel.valuesPtr(), n * stride), stride, data, dim, sortedUnique);
    }
    this.arrView = new Int32Array(buf, kernel.arrPtr(), n);
  }

  /** Positions (into the sorted input) of the non-dominated rows, unordered. */
  run(): Int32Array {
    const arr = this.arr();
    for (let t = 0; t < this.n; t++) arr[t] = t;
    const end = this.kernel.maxima(this.n);
    return this.arr().slice(0, end);
  }

  /** The maxima of positions[0..len) (ascending), left in `found[0..end)`; returns end. */
  runOn(positions: Int32Array, len: number): number {
    this.arr().set(positions.subarray(0, len));
    return this.kernel.maxima(len);
  }

  /** Where runOn leaves the maxima (a view of the module's memory, valid until the next call). */
  get found(): Int32Array {
    return this.arr();
  }

  private arr(): Int32Array {
    if (claims.get(this.kernel) !== this.claim) throw new Error("KungMaximaWasm: the kernel's memory was taken by a newer instance");
    if (this.arrView.buffer !== this.kernel.memory.buffer) this.arrView = new Int32Array(this.kernel.memory.buffer, this.kernel.arrPtr(), this.n);
    return this.arrView;
  }
}

/**
 * Objectives 1..dim-1 of the sorted rows, row-major, `stride` doubles a row, the padding 0
 * (the kernel compares four slots at once). Its own function: the loop compiles on its own.
 */
function copyValues(out: Float64Array, stride: number, data: Float64Array, dim: number, rows: Int32Array): void {
  for (let t = 0; t < rows.length; t++) {
    const o = rows[t] * dim;
    const w = t * stride - 1;
    for (let j = 1; j < dim; j++) out[w + j] = data[o + j];
    for (let j = dim; j <= stride; j++) out[w + j] = 0;
  }
}
