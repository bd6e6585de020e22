/**
 * Exact 4-D hypervolume, HV4D+ with neighbour links, in WebAssembly: the walk
 * of lib/pareto/hypervolume-4d-plus.ts (the JavaScript twin, and the
 * reference for every result) step for step, with the same floating-point
 * operations in the same order, so both return the same bits.
 *
 * Compiled by scripts/build-kernels.ts into lib/pareto/kernel/build/; the
 * caller is lib/pareto/hypervolume-4d-plus-wasm.ts, which sorts the rows and
 * writes them into this module's memory.
 *
 * Memory (byte offsets passed by the caller, B 8-aligned): n + 3 nodes of
 * 48 bytes from B, three f64 (x, y, z) at +0, written by the caller for the
 * members, then six i32 links at +24 (the links below); four nodes share
 * three cache lines, so the walk's pointer chase stays in the nearer caches
 * longer (against 64-byte nodes, same process: -4 to -13 % at 10^4 and on the
 * 10^5 front, +2 % on the 10^5 simplex, even at 10^3). Node 0 is
 * the left sentinel, 1 the right one, 2 the top of the z list, members 3..
 * in sweep order; their w (4th objective) are the n f64 at Wp. Functions
 * never allocate.
 */

const LEFT: i32 = 0;
const RIGHT: i32 = 1;
const TOP: i32 = 2;

/** Byte offsets of a node's links: neighbours among the members below (towards +x, towards +y). */
const CX: usize = 24;
const CY: usize = 28;
/** staircase links of the current height */
const NX: usize = 32;
const NY: usize = 36;
/** z list */
const UP: usize = 40;
const DOWN: usize = 44;

/** Byte offsets in a node's coordinates. */
const X: usize = 0;
const Y: usize = 8;
const Z: usize = 16;

@inline function node(base: usize, k: i32): usize {
  return base + (<usize>k) * 48;
}

/** First free byte after the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}

/** The hypervolume of the n members written at B and Wp (sorted by w, then z, y, x) against (r0, r1, r2, r3). */
export function hypervolume4dPlus(B: usize, Wp: usize, n: i32, r0: f64, r1: f64, r2: f64, r3: f64): f64 {
  if (n == 0) return 0;
  const size = n + 3;
  // coordinates and links share the nodes: F and L name the same base, read with different offsets
  const F = B;
  const L = B;
  for (let k: i32 = 0; k < size; k++) {
    const l = node(L, k);
    store<u64>(l, 0, CX);
    store<u64>(l, 0, NX);
    store<u64>(l, 0, UP);
  }
  store<f64>(node(F, LEFT), -Infinity, X);
  store<f64>(node(F, LEFT), r1, Y);
  store<f64>(node(F, LEFT), -Infinity, Z);
  store<f64>(node(F, RIGHT), r0, X);
  store<f64>(node(F, RIGHT), -Infinity, Y);
  store<f64>(node(F, RIGHT), -Infinity, Z);
  store<f64>(node(F, TOP), -Infinity, X);
  store<f64>(node(F, TOP), -Infinity, Y);
  store<f64>(node(F, TOP), r2, Z);
  store<i32>(node(L, LEFT), RIGHT, CX);
  store<i32>(node(L, LEFT), LEFT, CY);
  store<i32>(node(L, RIGHT), RIGHT, CX);
  store<i32>(node(L, RIGHT), LEFT, CY);
  // z list: LEFT -> RIGHT -> members... -> TOP
  store<i32>(node(L, LEFT), RIGHT, UP);
  store<i32>(node(L, RIGHT), LEFT, DOWN);
  store<i32>(node(L, RIGHT), TOP, UP);
  store<i32>(node(L, TOP), RIGHT, DOWN);
  let volume: f64 = 0;
  let total: f64 = 0;
  for (let t: i32 = 0; t < n; t++) {
    const p = t + 3;
    if (rebuildBelow(F, L, p)) {
      volume += contribution(F, L, p);
      const lp = node(L, p);
      const below = load<i32>(lp, DOWN);
      const above = load<i32>(node(L, below), UP);
      store<i32>(lp, above, UP);
      store<i32>(node(L, above), p, DOWN);
      store<i32>(node(L, below), p, UP);
      updateAbove(F, L, p);
    }
    const w = load<f64>(Wp + ((<usize>t) << 3));
    const wNext = t + 1 < n ? load<f64>(Wp + ((<usize>(t + 1)) << 3)) : r3;
    total += volume * (wNext - w);
  }
  return total;
}

/**
 * Walk the members below p (lexicographically <= in z, y, x), linking each into the
 * staircase, and find p's neighbours and its place in the z list. False when a member
 * weakly dominates p.
 */
function rebuildBelow(F: usize, L: usize, p: i32): bool {
  const fp = node(F, p);
  const px = load<f64>(fp, X);
  const py = load<f64>(fp, Y);
  const pz = load<f64>(fp, Z);
  // the best neighbours so far; their coordinates are read back from their nodes (the
  // sentinels start it: x of RIGHT, y of LEFT), so the updates below are selects, not branches
  let bestX = RIGHT;
  let bestY = LEFT;
  store<i32>(node(L, LEFT), RIGHT, NX);
  store<i32>(node(L, RIGHT), LEFT, NY);
  let q = load<i32>(node(L, RIGHT), UP);
  while (true) {
    const f = node(F, q);
    const qx = load<f64>(f, X);
    const qy = load<f64>(f, Y);
    const qz = load<f64>(f, Z);
    // TOP has z = rz > pz, so the walk always stops
    if ((qx <= px) & (qy <= py) & (qz <= pz)) return false;
    if (!(qz < pz || (qz == pz && (qy < py || (qy == py && qx <= px))))) break;
    const lq = node(L, q);
    const r = load<i32>(lq, CX);
    const l = load<i32>(lq, CY);
    store<i32>(lq, r, NX);
    store<i32>(lq, l, NY);
    store<i32>(node(L, r), q, NY);
    store<i32>(node(L, l), q, NX);
    // below p in y: a candidate for the +x neighbour (least x, then least y);
    // else left of p: a candidate for the +y neighbour (least y, then least x)
    const fx = node(F, bestX);
    const bx = load<f64>(fx, X);
    const takeX = (qy < py) & ((qx < bx) | ((qx == bx) & (qy < load<f64>(fx, Y))));
    const fy = node(F, bestY);
    const by = load<f64>(fy, Y);
    const takeY = (qy >= py) & (qx < px) & ((qy < by) | ((qy == by) & (qx < load<f64>(fy, X))));
    bestX = select<i32>(q, bestX, takeX);
    bestY = select<i32>(q, bestY, takeY);
    q = load<i32>(lq, UP);
  }
  const lp = node(L, p);
  store<i32>(lp, bestX, CX);
  store<i32>(lp, bestY, CY);
  store<i32>(lp, q, UP);
  store<i32>(lp, load<i32>(node(L, q), DOWN), DOWN);
  return true;
}

/** Area of the quadrant of (ax, ay) not under the staircase, walking towards +y from `from`. */
function areaTowardsY(F: usize, L: usize, ax: f64, ay: f64, from: i32): f64 {
  let q = from;
  let u = load<i32>(node(L, q), NY);
  let area = (load<f64>(node(F, q), X) - ax) * (load<f64>(node(F, u), Y) - ay);
  while (ax < load<f64>(node(F, u), X)) {
    q = u;
    u = load<i32>(node(L, u), NY);
    area += (load<f64>(node(F, q), X) - ax) * (load<f64>(node(F, u), Y) - load<f64>(node(F, q), Y));
  }
  return area;
}

/** Same walking towards +x from `from`. */
function areaTowardsX(F: usize, L: usize, ax: f64, ay: f64, from: i32): f64 {
  let q = from;
  let u = load<i32>(node(L, q), NX);
  let area = (load<f64>(node(F, q), Y) - ay) * (load<f64>(node(F, u), X) - ax);
  while (ay < load<f64>(node(F, u), Y)) {
    q = u;
    u = load<i32>(node(L, u), NX);
    area += (load<f64>(node(F, q), Y) - ay) * (load<f64>(node(F, u), X) - load<f64>(node(F, q), X));
  }
  return area;
}

/** p's exclusive 3-D contribution; the staircase must have been rebuilt at p's height. */
function contribution(F: usize, L: usize, p: i32): f64 {
  const fp = node(F, p);
  const px = load<f64>(fp, X);
  const py = load<f64>(fp, Y);
  const lp = node(L, p);
  store<i32>(lp, load<i32>(lp, CX), NX);
  store<i32>(lp, load<i32>(lp, CY), NY);
  let area = areaTowardsY(F, L, px, py, load<i32>(lp, NX));
  let volume: f64 = 0;
  let lastZ = load<f64>(fp, Z);
  let q = load<i32>(lp, UP);
  while (true) {
    const f = node(F, q);
    const qx = load<f64>(f, X);
    const qy = load<f64>(f, Y);
    const qz = load<f64>(f, Z);
    volume += area * (qz - lastZ);
    if (qx <= px && qy <= py) return volume;
    const lq = node(L, q);
    store<i32>(lq, load<i32>(lq, CX), NX);
    store<i32>(lq, load<i32>(lq, CY), NY);
    if (qx < px) {
      // left of p, above it in y: lowers the top of p's region on the left
      const l = load<i32>(lp, NY);
      if (qy <= load<f64>(node(F, l), Y)) {
        area -= areaTowardsX(F, L, px, qy, l);
        store<i32>(lq, l, NY);
        store<i32>(node(L, load<i32>(lq, NX)), q, NY);
        store<i32>(lp, q, NY);
      }
    } else if (qy < py) {
      // right of p, below it in y: moves the right end of p's region
      const r = load<i32>(lp, NX);
      if (qx <= load<f64>(node(F, r), X)) {
        area -= areaTowardsY(F, L, qx, py, r);
        store<i32>(lq, r, NX);
        store<i32>(node(L, load<i32>(lq, NY)), q, NX);
        store<i32>(lp, q, NX);
      }
    } else {
      // inside p's quadrant
      area -= areaTowardsY(F, L, qx, qy, load<i32>(lq, NX));
      store<i32>(node(L, load<i32>(lq, NY)), q, NX);
      store<i32>(node(L, load<i32>(lq, NX)), q, NY);
    }
    lastZ = qz;
    q = load<i32>(lq, UP);
  }
  return volume;
}

/** Unlink the members above p that it dominates and correct the neighbours of the others. */
function updateAbove(F: usize, L: usize, p: i32): void {
  const fp = node(F, p);
  const px = load<f64>(fp, X);
  const py = load<f64>(fp, Y);
  const pz = load<f64>(fp, Z);
  for (let q = load<i32>(node(L, p), UP); q != TOP; q = load<i32>(node(L, q), UP)) {
    const f = node(F, q);
    const qx = load<f64>(f, X);
    const qy = load<f64>(f, Y);
    if (qx <= px && qy <= py && (qx < px || qy < py)) return;
    const lq = node(L, q);
    if (px <= qx) {
      if (py <= qy) {
        // p dominates q: unlink it for good (its own links stay valid for the walk)
        const up = load<i32>(lq, UP);
        const down = load<i32>(lq, DOWN);
        store<i32>(node(L, down), up, UP);
        store<i32>(node(L, up), down, DOWN);
      } else if (px < qx) {
        const c = node(F, load<i32>(lq, CY));
        const cy = load<f64>(c, Y);
        if (py < cy || (py == cy && (px < load<f64>(c, X) || (px == load<f64>(c, X) && pz < load<f64>(c, Z))))) store<i32>(lq, p, CY);
      }
    } else if (py < qy) {
      const c = node(F, load<i32>(lq, CX));
      const cx = load<f64>(c, X);
      if (px < cx || (px == cx && (py < load<f64>(c, Y) || (py == load<f64>(c, Y) && pz < load<f64>(c, Z))))) store<i32>(lq, p, CX);
    }
  }
}
