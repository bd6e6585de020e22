/**
 * nonDominated: indices (ascending) of the rows no other row dominates.
 * Dispatch by dimension: 1-D minimum, 2-D sort+sweep, 3-D Kung staircase
 * sweep (both O(n log n)), d >= 4 Kung's divide and conquer
 * (O(n log^(d-2) n), see non-dominated-kung.ts). A linear pre-pass first drops
 * everything the row of least coordinate sum dominates (prefilter.ts).
 *
 * Duplicates: exact copies of a non-dominated point are all non-dominated in
 * the Pareto sense. By default only the first copy (lowest index) is
 * returned, so the result is a set; `keepDuplicates: true` returns every copy.
 * Empty input: empty result.
 */
import { iota } from "./argsort";
import type { Engine, EngineOptions } from "./engine";
import { nonDominated2d } from "./non-dominated-2d";
import { nonDominated3d } from "./non-dominated-3d";
import { nonDominatedNd } from "./non-dominated-nd";
import { dropDominatedByBest } from "./prefilter";
import { readMinimization } from "./to-minimization";
import type { DirectionOptions, PointSet } from "./types";

export interface NonDominatedOptions extends DirectionOptions, EngineOptions {
  /** Return every copy of duplicated non-dominated points (default false: first copy only). */
  keepDuplicates?: boolean;
}

export function nonDominated(points: PointSet, opts?: NonDominatedOptions): Int32Array {
  const { data, n, dim } = readMinimization(points, opts);
  return nonDominatedRows(data, dim, iota(n), opts?.keepDuplicates ?? false, opts?.engine);
}

/** Internal entry on minimization-form data: returns ascending row indices. `engine` applies to d >= 4 (Kung's recursion). */
export function nonDominatedRows(data: Float64Array, dim: number, rows: Int32Array, keepDuplicates: boolean, engine?: Engine): Int32Array {
  if (rows.length === 0) return new Int32Array(0);
  const cand = dropDominatedByBest(data, dim, rows);
  let out: Int32Array;
  if (dim === 1) out = nonDominated1d(data, cand, keepDuplicates);
  else if (dim === 2) out = nonDominated2d(data, cand, keepDuplicates);
  else if (dim === 3) out = nonDominated3d(data, cand, keepDuplicates);
  else out = nonDominatedNd(data, dim, cand, keepDuplicates, engine);
  return ascending(out, data.length / dim);
}

function nonDominated1d(data: Float64Array, rows: Int32Array, keepDuplicates: boolean): Int32Array {
  let best = data[rows[0]];
  for (let t = 1; t < rows.length; t++) if (data[rows[t]] < best) best = data[rows[t]];
  const out: number[] = [];
  for (let t = 0; t < rows.length; t++) {
    if (data[rows[t]] === best) {
      out.push(rows[t]);
      if (!keepDuplicates) break;
    }
  }
  return Int32Array.from(out).sort();
}

/** Row indices ascending, in an array of their own (`rows` may be a view): a flag scan when the result is large, a native sort otherwise. */
function ascending(rows: Int32Array, n: number): Int32Array {
  if (rows.length * 16 < n) return rows.slice().sort();
  const flag = new Uint8Array(n);
  const out = new Int32Array(rows.length);
  flagScan(rows, flag, out);
  return out;
}

/** out = the rows in ascending order, through flags. Its own function: code after a hot loop has no type feedback under on-stack compilation, and the cached code deoptimized on every call. */
function flagScan(rows: Int32Array, flag: Uint8Array, out: Int32Array): void {
  for (let t = 0; t < rows.length; t++) flag[rows[t]] = 1;
  for (let i = 0, w = 0; i < flag.length; i++) if (flag[i]) out[w++] = i;
}
