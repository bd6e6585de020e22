/**
 * A 2-D non-dominated staircase (minimization) kept as parallel sorted typed
 * arrays: x strictly increasing, y strictly decreasing. It is the workhorse
 * of the sweeps (3-D non-dominated set, 3-D ranks, HV3D, 3-D contributions,
 * the 2-D archive).
 *
 * `insert` also returns the area the new point adds to the union of the
 * quadrants [x, rx) x [y, ry) of the staircase: that is the exact 2-D
 * hypervolume delta, computed by walking only over the points the new one
 * removes (Emmerich/Fonseca-style incremental 2-D update).
 *
 * Complexity: lookup O(log m); insert O(log m + removed) comparisons plus one
 * typed-array block move (memmove, O(m) bytes worst case but tiny constant).
 */
export class Staircase2D {
  xs: Float64Array;
  ys: Float64Array;
  ids: Int32Array;
  size = 0;
  /** When true, `insert` appends the ids of the points it removes to `removed`. */
  collectRemoved = false;
  removed: number[] = [];

  constructor(capacity = 16) {
    const { xs, ys, ids } = arrays(capacity);
    this.xs = xs;
    this.ys = ys;
    this.ids = ids;
  }

  clear(): void {
    this.size = 0;
  }

  /** Index of the last point with xs <= x, or -1. */
  lastAtOrBefore(x: number): number {
    const xs = this.xs;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Is (x, y) weakly dominated by (or equal to) a staircase point? */
  weaklyDominates(x: number, y: number): boolean {
    const i = this.lastAtOrBefore(x);
    return i >= 0 && this.ys[i] <= y;
  }

  private grow(): void {
    const { xs, ys, ids } = arrays(this.xs.length * 2);
    xs.set(this.xs);
    ys.set(this.ys);
    ids.set(this.ids);
    this.xs = xs;
    this.ys = ys;
    this.ids = ids;
  }

  /**
   * Insert (x, y), which must not be weakly dominated, removing the points it
   * dominates. Returns the area added inside (-inf, rx) x (-inf, ry).
   */
  insert(x: number, y: number, id: number, rx: number, ry: number): number {
    return this.insertAfter(this.lastAtOrBefore(x), x, y, id, rx, ry);
  }

  /** `insert` when the caller has just looked up i = lastAtOrBefore(x) (to test weak dominance): one search fewer. */
  insertAfter(i: number, x: number, y: number, id: number, rx: number, ry: number): number {
    const xs = this.xs;
    const ys = this.ys;
    let h: number;
    let start: number;
    let k: number;
    if (i >= 0 && xs[i] === x) {
      h = ys[i];
      start = i;
      k = i + 1;
    } else {
      h = i >= 0 ? ys[i] : Infinity;
      start = i + 1;
      k = start;
    }
    if (h > ry) h = ry;
    let gain = 0;
    let cur = x;
    const size = this.size;
    let stopped = false;
    while (k < size) {
      const xk = xs[k];
      const yk = ys[k];
      const nx = xk < rx ? xk : rx;
      if (nx > cur) {
        if (h > y) gain += (nx - cur) * (h - y);
        cur = nx;
      }
      if (yk < y) {
        stopped = true;
        break;
      }
      h = yk < ry ? yk : ry;
      k++;
    }
    if (!stopped && rx > cur && h > y) gain += (rx - cur) * (h - y);
    const removed = k - start;
    if (this.collectRemoved) for (let r = start; r < k; r++) this.removed.push(this.ids[r]);
    if (removed === 0) {
      if (size === xs.length) this.grow();
      const X = this.xs;
      const Y = this.ys;
      const I = this.ids;
      if (size - start < 24) {
        // short tails: a plain loop beats three native calls
        for (let r = size; r > start; r--) {
          X[r] = X[r - 1];
          Y[r] = Y[r - 1];
          I[r] = I[r - 1];
        }
      } else {
        X.copyWithin(start + 1, start, size);
        Y.copyWithin(start + 1, start, size);
        I.copyWithin(start + 1, start, size);
      }
      X[start] = x;
      Y[start] = y;
      I[start] = id;
      this.size = size + 1;
    } else {
      if (removed > 1) {
        const ids = this.ids;
        if (size - k < 24) {
          for (let r = k, w = start + 1; r < size; r++, w++) {
            xs[w] = xs[r];
            ys[w] = ys[r];
            ids[w] = ids[r];
          }
        } else {
          xs.copyWithin(start + 1, k, size);
          ys.copyWithin(start + 1, k, size);
          ids.copyWithin(start + 1, k, size);
        }
      }
      xs[start] = x;
      ys[start] = y;
      this.ids[start] = id;
      this.size = size - removed + 1;
    }
    return gain;
  }
}

/** xs, ys and ids of `capacity` points as views of one buffer: each typed array of its own costs microseconds to allocate, a sweep of a thousand points fewer than a hundred. */
function arrays(capacity: number): { xs: Float64Array; ys: Float64Array; ids: Int32Array } {
  const buffer = new ArrayBuffer(20 * capacity);
  return {
    xs: new Float64Array(buffer, 0, capacity),
    ys: new Float64Array(buffer, 8 * capacity, capacity),
    ids: new Int32Array(buffer, 16 * capacity, capacity),
  };
}
