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
import type { Maxima } from "./non-dominated-kung";

/** The exports of kernel/assembly/kung.ts. */
export interface KungExports {
  memory: WebAssembly.Memory;
  prepare(n: number, k: number): number;
  valuesPtr(): number;
  arrPtr(): number;
  maxima(len: number): number;
}

const claims = new WeakMap<KungExports, number>();

export class KungMaximaWasm implements Maxima {
  private readonly claim: number;
  private readonly n: number;
  private arrView: Int32Array;

  /** `sortedUnique`: row ids sorted lexicographically, no exact duplicates; dim >= 4. */
  constructor(
    private readonly kernel: KungExports,
    data: Float64Array,
    dim: number,
    sortedUnique: Int32Array,
  ) {
    const n = sortedUnique.length;
    const k = dim - 1;
    if (kernel.prepare(n, k) !== 0) throw new Error(`KungMaximaWasm: no memory for ${n} rows of ${dim} objectives`);
    this.claim = (claims.get(kernel) ?? 0) + 1;
    claims.set(kernel, this.claim);
    this.n = n;
    const buf = kernel.memory.buffer;
    copyValues(new Float64Array(buf, kernel.valuesPtr(), n * k), data, dim, sortedUnique);
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

/** Objectives 1..dim-1 of the sorted rows, row-major. Its own function: the loop compiles on its own. */
function copyValues(out: Float64Array, data: Float64Array, dim: number, rows: Int32Array): void {
  const k = dim - 1;
  for (let t = 0, w = 0; t < rows.length; t++) {
    const o = rows[t] * dim;
    for (let j = 1; j <= k; j++) out[w++] = data[o + j];
  }
}
