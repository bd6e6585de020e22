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

/**
 * Nodes, members being 3.. in sweep order, laid out node by node so a walk touches
 * two cache lines a node: F[4k..4k+2] = x, y, z; L[8k + CX..DOWN] = the links below.
 */
interface Nodes {
  F: Float64Array;
  L: Int32Array;
}
/** neighbours among the members below in z: towards +x (y below) and towards +y (x below) */
const CX = 0;
const CY = 1;
/** staircase links of the current height: towards +x and towards +y */
const NX = 2;
const NY = 3;
/** z list */
const UP = 4;
const DOWN = 5;

export function hypervolume4dPlus(data: Float64Array, rows: Int32Array, ref: ArrayLike<number>): number {
  const order = argsortLex(data, 4, rows, [3]);
  const n = order.length;
  if (n === 0) return 0;
  const size = n + 3;
  const F = new Float64Array(4 * size);
  const L = new Int32Array(8 * size);
  const g: Nodes = { F, L };
  F[4 * LEFT] = -Infinity;
  F[4 * LEFT + 1] = ref[1];
  F[4 * LEFT + 2] = -Infinity;
  F[4 * RIGHT] = ref[0];
  F[4 * RIGHT + 1] = -Infinity;
  F[4 * RIGHT + 2] = -Infinity;
  F[4 * TOP] = -Infinity;
  F[4 * TOP + 1] = -Infinity;
  F[4 * TOP + 2] = ref[2];
  L[8 * LEFT + CX] = RIGHT;
  L[8 * LEFT + CY] = LEFT;
  L[8 * RIGHT + CX] = RIGHT;
  L[8 * RIGHT + CY] = LEFT;
  // z list: LEFT -> RIGHT -> members... -> TOP
  L[8 * LEFT + UP] = RIGHT;
  L[8 * RIGHT + DOWN] = LEFT;
  L[8 * RIGHT + UP] = TOP;
  L[8 * TOP + DOWN] = RIGHT;
  for (let t = 0; t < n; t++) {
    const o = order[t] * 4;
    const k = 4 * (t + 3);
    F[k] = data[o];
    F[k + 1] = data[o + 1];
    F[k + 2] = data[o + 2];
  }
  let volume = 0;
  let total = 0;
  for (let t = 0; t < n; t++) {
    const p = t + 3;
    if (rebuildBelow(g, p)) {
      volume += contribution(g, p);
      const below = L[8 * p + DOWN];
      const above = L[8 * below + UP];
      L[8 * p + UP] = above;
      L[8 * above + DOWN] = p;
      L[8 * below + UP] = p;
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
 * staircase, and find p's neighbours and its place in the z list (DOWN of p; UP of p
 * is the first member after it). False when a member weakly dominates p.
 */
function rebuildBelow(g: Nodes, p: number): boolean {
  const { F, L } = g;
  const px = F[4 * p];
  const py = F[4 * p + 1];
  const pz = F[4 * p + 2];
  let bestX = RIGHT;
  let bestY = LEFT;
  let bx = F[4 * RIGHT];
  let by = F[4 * LEFT + 1];
  let byx = F[4 * LEFT];
  let bxy = F[4 * RIGHT + 1];
  L[8 * LEFT + NX] = RIGHT;
  L[8 * RIGHT + NY] = LEFT;
  let q = L[8 * RIGHT + UP];
  for (;;) {
    const f = 4 * q;
    const qx = F[f];
    const qy = F[f + 1];
    const qz = F[f + 2];
    // TOP has z = rz > pz, so the walk always stops
    if (qx <= px && qy <= py && qz <= pz) return false;
    if (!(qz < pz || (qz === pz && (qy < py || (qy === py && qx <= px))))) break;
    const l8 = 8 * q;
    const r = L[l8 + CX];
    const l = L[l8 + CY];
    L[l8 + NX] = r;
    L[l8 + NY] = l;
    L[8 * r + NY] = q;
    L[8 * l + NX] = q;
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
    q = L[l8 + UP];
  }
  L[8 * p + CX] = bestX;
  L[8 * p + CY] = bestY;
  L[8 * p + UP] = q;
  L[8 * p + DOWN] = L[8 * q + DOWN];
  return true;
}

/**
 * Area of the quadrant of (ax, ay) not under the staircase, walking towards +y from
 * the staircase member `from` (whose x is above ax; its +y neighbour starts the walk).
 */
function areaTowardsY(g: Nodes, ax: number, ay: number, from: number): number {
  const { F, L } = g;
  let q = from;
  let u = L[8 * q + NY];
  let area = (F[4 * q] - ax) * (F[4 * u + 1] - ay);
  while (ax < F[4 * u]) {
    q = u;
    u = L[8 * u + NY];
    area += (F[4 * q] - ax) * (F[4 * u + 1] - F[4 * q + 1]);
  }
  return area;
}

/** Same walking towards +x from `from` (whose y is above ay). */
function areaTowardsX(g: Nodes, ax: number, ay: number, from: number): number {
  const { F, L } = g;
  let q = from;
  let u = L[8 * q + NX];
  let area = (F[4 * q + 1] - ay) * (F[4 * u] - ax);
  while (ay < F[4 * u + 1]) {
    q = u;
    u = L[8 * u + NX];
    area += (F[4 * q + 1] - ay) * (F[4 * u] - F[4 * q]);
  }
  return area;
}

/** p's exclusive 3-D contribution; the staircase must have been rebuilt at p's height. */
function contribution(g: Nodes, p: number): number {
  const { F, L } = g;
  const px = F[4 * p];
  const py = F[4 * p + 1];
  const p8 = 8 * p;
  L[p8 + NX] = L[p8 + CX];
  L[p8 + NY] = L[p8 + CY];
  let area = areaTowardsY(g, px, py, L[p8 + NX]);
  let volume = 0;
  let lastZ = F[4 * p + 2];
  let q = L[p8 + UP];
  for (;;) {
    const qx = F[4 * q];
    const qy = F[4 * q + 1];
    const qz = F[4 * q + 2];
    volume += area * (qz - lastZ);
    if (qx <= px && qy <= py) return volume;
    const q8 = 8 * q;
    L[q8 + NX] = L[q8 + CX];
    L[q8 + NY] = L[q8 + CY];
    if (qx < px) {
      // left of p, above it in y: lowers the top of p's region on the left
      const l = L[p8 + NY];
      if (qy <= F[4 * l + 1]) {
        area -= areaTowardsX(g, px, qy, l);
        L[q8 + NY] = l;
        L[8 * L[q8 + NX] + NY] = q;
        L[p8 + NY] = q;
      }
    } else if (qy < py) {
      // right of p, below it in y: moves the right end of p's region
      const r = L[p8 + NX];
      if (qx <= F[4 * r]) {
        area -= areaTowardsY(g, qx, py, r);
        L[q8 + NX] = r;
        L[8 * L[q8 + NY] + NX] = q;
        L[p8 + NX] = q;
      }
    } else {
      // inside p's quadrant
      area -= areaTowardsY(g, qx, qy, L[q8 + NX]);
      L[8 * L[q8 + NY] + NX] = q;
      L[8 * L[q8 + NX] + NY] = q;
    }
    lastZ = qz;
    q = L[q8 + UP];
  }
}

/** Unlink the members above p that it dominates and correct the neighbours of the others. */
function updateAbove(g: Nodes, p: number): void {
  const { F, L } = g;
  const px = F[4 * p];
  const py = F[4 * p + 1];
  const pz = F[4 * p + 2];
  for (let q = L[8 * p + UP]; q !== TOP; q = L[8 * q + UP]) {
    const qx = F[4 * q];
    const qy = F[4 * q + 1];
    if (qx <= px && qy <= py && (qx < px || qy < py)) return;
    const q8 = 8 * q;
    if (px <= qx) {
      if (py <= qy) {
        // p dominates q: unlink it for good (its own links stay valid for the walk)
        const up = L[q8 + UP];
        const down = L[q8 + DOWN];
        L[8 * down + UP] = up;
        L[8 * up + DOWN] = down;
      } else if (px < qx) {
        const c = 4 * L[q8 + CY];
        const cy = F[c + 1];
        if (py < cy || (py === cy && (px < F[c] || (px === F[c] && pz < F[c + 2])))) L[q8 + CY] = p;
      }
    } else if (py < qy) {
      const c = 4 * L[q8 + CX];
      const cx = F[c];
      if (px < cx || (px === cx && (py < F[c + 1] || (py === F[c + 1] && pz < F[c + 2])))) L[q8 + CX] = p;
    }
  }
}
