/**
 * Non-dominated rows for d >= 4: lexicographic sort, exact duplicates
 * merged, then Kung's divide and conquer (non-dominated-kung.ts).
 * Complexity: O(n log^(d-2) n). Duplicate policy as in non-dominated-2d.ts.
 * Empty input: empty result. Order of the result: unspecified.
 * Kung's recursion runs on WebAssembly (kernel/assembly/kung.ts) when its
 * module loads, with the same result as the JavaScript twin; `engine` forces one.
 */
import { argsortLex } from "./argsort";
import type { Engine } from "./engine";
import { kungMaxima } from "./non-dominated-kung-wasm";

export function nonDominatedNd(data: Float64Array, dim: number, rows: Int32Array, keepDuplicates: boolean, engine?: Engine): Int32Array {
  const n = rows.length;
  if (n === 0) return new Int32Array(0);
  const { order, unique, groupStart, groupEnd, u } = sortedCopies(data, dim, rows);
  const kept = kungMaxima(data, dim, unique.subarray(0, u), engine, "nonDominated").run();
  if (!keepDuplicates) {
    const out = new Int32Array(kept.length);
    for (let t = 0; t < kept.length; t++) out[t] = unique[kept[t]];
    return out;
  }
  const out: number[] = [];
  for (let t = 0; t < kept.length; t++) {
    for (let s = groupStart[kept[t]]; s < groupEnd[kept[t]]; s++) out.push(order[s]);
  }
  return Int32Array.from(out);
}

/** The rows sorted lexicographically (all objectives) and grouped into exact copies (see groupCopies). */
export interface SortedCopies {
  order: Int32Array;
  unique: Int32Array;
  groupStart: Int32Array;
  groupEnd: Int32Array;
  /** Number of groups (distinct rows). */
  u: number;
}

export function sortedCopies(data: Float64Array, dim: number, rows: Int32Array): SortedCopies {
  const n = rows.length;
  const coords: number[] = [];
  for (let j = 0; j < dim; j++) coords.push(j);
  const order = argsortLex(data, dim, rows, coords);
  const unique = new Int32Array(n);
  const groupStart = new Int32Array(n);
  const groupEnd = new Int32Array(n);
  const u = groupCopies(data, dim, order, unique, groupStart, groupEnd);
  return { order, unique, groupStart, groupEnd, u };
}

/**
 * Group exact copies in `order` (sorted): unique[g] is group g's first row,
 * groupStart/End[g] its positions; returns the number of groups. A function
 * that ends right after its loop: code that runs once after a hot loop has no
 * type feedback when V8 compiles the loop on stack (OSR), and the cached OSR
 * code then deoptimized on every call.
 */
export function groupCopies(data: Float64Array, dim: number, order: Int32Array, unique: Int32Array, groupStart: Int32Array, groupEnd: Int32Array): number {
  const n = order.length;
  let u = 0;
  let start = 0;
  for (let t = 0; t <= n; t++) {
    if (t > 0 && (t === n || !sameRow(data, dim, order[t - 1], order[t]))) {
      groupEnd[u - 1] = t;
      start = t;
    }
    if (t === n) break;
    if (t === start) {
      groupStart[u] = t;
      unique[u++] = order[t];
    }
  }
  return u;
}

function sameRow(data: Float64Array, dim: number, a: number, b: number): boolean {
  const oa = a * dim;
  const ob = b * dim;
  for (let j = 0; j < dim; j++) if (data[oa + j] !== data[ob + j]) return false;
  return true;
}
