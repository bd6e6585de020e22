/**
 * Exact 4-D hypervolume with neighbour links (no staircase searches).
 * Paper: Guerreiro & Fonseca, "Computing and updating hypervolume
 * contributions in up to four dimensions", IEEE TEC 2018 (HV4D+, the
 * updating variant): sweep in the 4th objective, keeping the 3-D volume of
 * the projections seen so far and adding each new point's exclusive 3-D
 * contribution. The members are kept in one list sorted by z; each keeps two
 * neighbours in the (x, y) staircase of the members below it: cx, the one
 * with y < its y and the least x, and cy, the one with x < its x and the
 * least y. For a new point p:
 * 1. walking up the members below p, each links itself between its two
 *    neighbours, which rebuilds the staircase at p's height in O(1) a member,
 *    while p's own neighbours are found (and p is dropped when a member
 *    dominates it);
 * 2. p's area at its height is the part of its quadrant not under that
 *    staircase; walking up the members above p, each one that cuts into p's
 *    exclusive region subtracts the part it covers (walking only over the
 *    members it hides inside the region) until a member dominates p in x, y;
 * 3. p joins the z list, the members above it that it dominates leave it, and
 *    the neighbours of the others are corrected (up to the first that
 *    dominates p in x, y).
 * Complexity: O(n^2); per point O(m) constant-time steps for m members.
 * Rows must strictly dominate the reference point (the caller filters).
 * Empty input: 0.
 */
import { argsortLex } from "./argsort";

/** Node 0: left sentinel (-inf, ry); node 1: right sentinel (rx, -inf); node 2: top of the z list (z = rz). */
const LEFT = 0;
const RIGHT = 1;
const TOP = 2;

/** Node arrays; members are nodes 3.., in sweep order. */
interface Nodes {
  X: Float64Array;
  Y: Float64Array;
  Z: Float64Array;
  /** neighbours among the members below in z: towards +x (y below) and towards +y (x below) */
  cx: Int32Array;
  cy: Int32Array;
  /** staircase links of the current height: towards +x and towards +y */
  nx: Int32Array;
  ny: Int32Array;
  /** z list */
  up: Int32Array;
  down: Int32Array;
}

export function hypervolume4dPlus(data: Float64Array, rows: Int32Array, ref: ArrayLike<number>): number {
  const order = argsortLex(data, 4, rows, [3]);
  const n = order.length;
  if (n === 0) return 0;
  const size = n + 3;
  const g: Nodes = {
    X: new Float64Array(size),
    Y: new Float64Array(size),
    Z: new Float64Array(size),
    cx: new Int32Array(size),
    cy: new Int32Array(size),
    nx: new Int32Array(size),
    ny: new Int32Array(size),
    up: new Int32Array(size),
    down: new Int32Array(size),
  };
  const { X, Y, Z, cx, cy, up, down } = g;
  X[LEFT] = -Infinity;
  Y[LEFT] = ref[1];
  Z[LEFT] = -Infinity;
  X[RIGHT] = ref[0];
  Y[RIGHT] = -Infinity;
  Z[RIGHT] = -Infinity;
  X[TOP] = -Infinity;
  Y[TOP] = -Infinity;
  Z[TOP] = ref[2];
  cx[LEFT] = RIGHT;
  cy[LEFT] = LEFT;
  cx[RIGHT] = RIGHT;
  cy[RIGHT] = LEFT;
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
  let volume = 0;
  let total = 0;
  for (let t = 0; t < n; t++) {
    const p = t + 3;
    if (rebuildBelow(g, p)) {
      volume += contribution(g, p);
      const below = down[p];
      const above = up[below];
      up[p] = above;
      down[above] = p;
      up[below] = p;
      updateAbove(g, p);
    }
    const w = data[order[t] * 4 + 3];
    const wNext = t + 1 < n ? data[order[t + 1] * 4 + 3] : ref[3];
    total += volume * (wNext - w);
  }
  return total;
}

/**
 * Walk the members below p (lexicographically <= in z, y, x), linking each into the
 * staircase, and find p's neighbours and its place in the z list (down[p]; up[p] is
 * the first member after it). False when a member weakly dominates p.
 */
function rebuildBelow(g: Nodes, p: number): boolean {
  const { X, Y, Z, cx, cy, nx, ny, up, down } = g;
  const px = X[p];
  const py = Y[p];
  const pz = Z[p];
  let bestX = RIGHT;
  let bestY = LEFT;
  let bx = X[RIGHT];
  let by = Y[LEFT];
  let byx = X[LEFT];
  let bxy = Y[RIGHT];
  nx[LEFT] = RIGHT;
  ny[RIGHT] = LEFT;
  let q = up[RIGHT];
  for (;;) {
    const qx = X[q];
    const qy = Y[q];
    const qz = Z[q];
    // TOP has z = rz > pz, so the walk always stops
    if (qx <= px && qy <= py && qz <= pz) return false;
    if (!(qz < pz || (qz === pz && (qy < py || (qy === py && qx <= px))))) break;
    const r = cx[q];
    const l = cy[q];
    nx[q] = r;
    ny[q] = l;
    ny[r] = q;
    nx[l] = q;
    if (qy < py) {
      if (qx < bx || (qx === bx && qy < bxy)) {
        bestX = q;
        bx = qx;
        bxy = qy;
      }
    } else if (qx < px) {
      if (qy < by || (qy === by && qx < byx)) {
        bestY = q;
        by = qy;
        byx = qx;
      }
    }
    q = up[q];
  }
  cx[p] = bestX;
  cy[p] = bestY;
  up[p] = q;
  down[p] = down[q];
  return true;
}

/**
 * Area of the quadrant of (ax, ay) not under the staircase, walking towards +y from
 * the staircase member `from` (whose x is above ax; its +y neighbour starts the walk).
 */
function areaTowardsY(g: Nodes, ax: number, ay: number, from: number): number {
  const { X, Y, ny } = g;
  let q = from;
  let u = ny[q];
  let area = (X[q] - ax) * (Y[u] - ay);
  while (ax < X[u]) {
    q = u;
    u = ny[u];
    area += (X[q] - ax) * (Y[u] - Y[q]);
  }
  return area;
}

/** Same walking towards +x from `from` (whose y is above ay). */
function areaTowardsX(g: Nodes, ax: number, ay: number, from: number): number {
  const { X, Y, nx } = g;
  let q = from;
  let u = nx[q];
  let area = (Y[q] - ay) * (X[u] - ax);
  while (ay < Y[u]) {
    q = u;
    u = nx[u];
    area += (Y[q] - ay) * (X[u] - X[q]);
  }
  return area;
}

/** p's exclusive 3-D contribution; the staircase must have been rebuilt at p's height. */
function contribution(g: Nodes, p: number): number {
  const { X, Y, Z, cx, cy, nx, ny, up } = g;
  const px = X[p];
  const py = Y[p];
  nx[p] = cx[p];
  ny[p] = cy[p];
  let area = areaTowardsY(g, px, py, nx[p]);
  let volume = 0;
  let lastZ = Z[p];
  let q = up[p];
  for (;;) {
    const qx = X[q];
    const qy = Y[q];
    const qz = Z[q];
    volume += area * (qz - lastZ);
    if (qx <= px && qy <= py) return volume;
    nx[q] = cx[q];
    ny[q] = cy[q];
    if (qx < px) {
      // left of p, above it in y: lowers the top of p's region on the left
      const l = ny[p];
      if (qy <= Y[l]) {
        area -= areaTowardsX(g, px, qy, l);
        ny[q] = l;
        ny[nx[q]] = q;
        ny[p] = q;
      }
    } else if (qy < py) {
      // right of p, below it in y: moves the right end of p's region
      const r = nx[p];
      if (qx <= X[r]) {
        area -= areaTowardsY(g, qx, py, r);
        nx[q] = r;
        nx[ny[q]] = q;
        nx[p] = q;
      }
    } else {
      // inside p's quadrant
      area -= areaTowardsY(g, qx, qy, nx[q]);
      nx[ny[q]] = q;
      ny[nx[q]] = q;
    }
    lastZ = qz;
    q = up[q];
  }
}

/** Unlink the members above p that it dominates and correct the neighbours of the others. */
function updateAbove(g: Nodes, p: number): void {
  const { X, Y, Z, cx, cy, up, down } = g;
  const px = X[p];
  const py = Y[p];
  const pz = Z[p];
  for (let q = up[p]; q !== TOP; q = up[q]) {
    const qx = X[q];
    const qy = Y[q];
    if (qx <= px && qy <= py && (qx < px || qy < py)) return;
    if (px <= qx) {
      if (py <= qy) {
        // p dominates q: unlink it for good (its own links stay valid for the walk)
        up[down[q]] = up[q];
        down[up[q]] = down[q];
      } else if (px < qx) {
        const c = cy[q];
        if (py < Y[c] || (py === Y[c] && (px < X[c] || (px === X[c] && pz < Z[c])))) cy[q] = p;
      }
    } else if (py < qy) {
      const c = cx[q];
      if (px < X[c] || (px === X[c] && (py < Y[c] || (py === Y[c] && pz < Z[c])))) cx[q] = p;
    }
  }
}
