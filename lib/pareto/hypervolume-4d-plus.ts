/**
 * Exact 4-D hypervolume with neighbour links (no staircase searches).
 * Paper: Guerreiro & Fonseca, "Computing and updating hypervolume
 * contributions in up to four dimensions", IEEE TEC 2018 (HV4D+, the
 * recomputing variant): sweep in the 4th objective; the points seen so far
 * are kept in one list sorted by z, and each keeps two neighbours in its
 * (x, y) staircase at its own height: cx, the member below it in z with
 * y < its y and the least x, and cy, the member below it with x < its x and
 * the least y. A new point finds its own neighbours in one pass over the
 * members below it, corrects those of the members above it (stopping at the
 * first that dominates it in x, y), and the 3-D volume is then recomputed in
 * one linear pass (HV3D+): walking up in z, each member links itself between
 * its two neighbours and adds the area it covers by walking over the members
 * it hides, each hidden at most once.
 * Complexity: O(n^2); per point O(m) simple steps for m members.
 * Rows must strictly dominate the reference point (the caller filters).
 * Empty input: 0.
 */
import { argsortLex } from "./argsort";

/** Node 0: left sentinel (-inf, ry); node 1: right sentinel (rx, -inf); node 2: top of the z list (z = rz). */
const LEFT = 0;
const RIGHT = 1;
const TOP = 2;

export function hypervolume4dPlus(data: Float64Array, rows: Int32Array, ref: ArrayLike<number>): number {
  const order = argsortLex(data, 4, rows, [3, 2, 1, 0]);
  const n = order.length;
  if (n === 0) return 0;
  const size = n + 3;
  const X = new Float64Array(size);
  const Y = new Float64Array(size);
  const Z = new Float64Array(size);
  const cx = new Int32Array(size); // neighbour in the staircase towards +x (y below)
  const cy = new Int32Array(size); // neighbour towards +y (x below)
  const ny = new Int32Array(size); // staircase link towards +y during one 3-D pass
  const up = new Int32Array(size); // z list
  const down = new Int32Array(size);
  const dominated = new Uint8Array(size);
  X[LEFT] = -Infinity;
  Y[LEFT] = ref[1];
  Z[LEFT] = -Infinity;
  X[RIGHT] = ref[0];
  Y[RIGHT] = -Infinity;
  Z[RIGHT] = -Infinity;
  X[TOP] = -Infinity;
  Y[TOP] = -Infinity;
  Z[TOP] = ref[2];
  // z list: LEFT -> RIGHT -> members... -> TOP
  up[LEFT] = RIGHT;
  down[RIGHT] = LEFT;
  up[RIGHT] = TOP;
  down[TOP] = RIGHT;
  for (let t = 0; t < n; t++) {
    const o = order[t] * 4;
    X[t + 3] = data[o];
    Y[t + 3] = data[o + 1];
    Z[t + 3] = data[o + 2];
  }
  let total = 0;
  for (let t = 0; t < n; t++) {
    const p = t + 3;
    insertPoint(p, X, Y, Z, cx, cy, up, down, dominated);
    const volume = volume3d(X, Y, Z, cx, cy, ny, up, down, dominated);
    const w = data[order[t] * 4 + 3];
    const wNext = t + 1 < n ? data[order[t + 1] * 4 + 3] : ref[3];
    total += volume * (wNext - w);
  }
  return total;
}

/**
 * Put p into the z list (after every member lexicographically <= it in z, y, x),
 * find its two neighbours, mark it when a member below dominates it, correct the
 * neighbours of the members above it and unlink those it dominates.
 */
function insertPoint(
  p: number,
  X: Float64Array,
  Y: Float64Array,
  Z: Float64Array,
  cx: Int32Array,
  cy: Int32Array,
  up: Int32Array,
  down: Int32Array,
  dominated: Uint8Array,
): void {
  const px = X[p];
  const py = Y[p];
  const pz = Z[p];
  let bestX = RIGHT;
  let bestY = LEFT;
  let q = up[RIGHT];
  for (;;) {
    const qz = Z[q];
    const qy = Y[q];
    const qx = X[q];
    // TOP has z = rz > pz, so the walk always stops
    if (!(qz < pz || (qz === pz && (qy < py || (qy === py && qx <= px))))) break;
    if (qx <= px && qy <= py) dominated[p] = 1;
    else if (qy < py) {
      if (qx < X[bestX] || (qx === X[bestX] && qy < Y[bestX])) bestX = q;
    } else if (qx < px) {
      if (qy < Y[bestY] || (qy === Y[bestY] && qx < X[bestY])) bestY = q;
    }
    q = up[q];
  }
  cx[p] = bestX;
  cy[p] = bestY;
  const below = down[q];
  up[p] = q;
  down[p] = below;
  up[below] = p;
  down[q] = p;
  // members above p
  for (let r = q; r !== TOP; r = up[r]) {
    const rx = X[r];
    const ry = Y[r];
    if (rx <= px && ry <= py && (rx < px || ry < py)) break;
    if (px <= rx) {
      if (py <= ry) {
        // p dominates r: unlink it for good (its own links stay valid for the walk)
        up[down[r]] = up[r];
        down[up[r]] = down[r];
      } else if (px < rx) {
        const c = cy[r];
        if (py < Y[c] || (py === Y[c] && (px < X[c] || (px === X[c] && pz < Z[c])))) cy[r] = p;
      }
    } else if (py < ry) {
      const c = cx[r];
      if (px < X[c] || (px === X[c] && (py < Y[c] || (py === Y[c] && pz < Z[c])))) cx[r] = p;
    }
  }
}

/** HV3D+: the 3-D volume of the members, one pass up the z list; unlinks marked members. */
function volume3d(
  X: Float64Array,
  Y: Float64Array,
  Z: Float64Array,
  cx: Int32Array,
  cy: Int32Array,
  ny: Int32Array,
  up: Int32Array,
  down: Int32Array,
  dominated: Uint8Array,
): number {
  ny[RIGHT] = LEFT;
  let area = 0;
  let volume = 0;
  let p = up[RIGHT];
  while (p !== TOP) {
    const next = up[p];
    if (dominated[p] === 0) {
      const right = cx[p];
      const left = cy[p];
      ny[p] = left;
      const px = X[p];
      const py = Y[p];
      // area p adds: from px to the right neighbour under the height of the
      // first staircase member left of it, then over each member p hides
      let u = ny[right];
      area += (X[right] - px) * (Y[u] - py);
      while (px < X[u]) {
        const h = u;
        u = ny[u];
        area += (X[h] - px) * (Y[u] - Y[h]);
      }
      ny[right] = p;
    } else {
      up[down[p]] = next;
      down[next] = down[p];
    }
    volume += area * (Z[next] - Z[p]);
    p = next;
  }
  return volume;
}
