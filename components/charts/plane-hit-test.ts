/**
 * Exact nearest-mark lookup for hover and click on a plane of up to ~10^5
 * marks: a uniform grid of `cell`-pixel buckets built once per model, then a
 * query scans only the buckets a disc of `radius` touches. The grid is only a
 * prefilter: the answer is the same mark a linear scan returns (smallest
 * squared distance ≤ radius², ties to the lowest index), which
 * plane-hit-test-naive.ts is, and the tests compare the two.
 *
 * Build O(n); query O(points in the touched buckets). No marks: null.
 */
export interface HitPoint {
  px: number;
  py: number;
}

export interface HitGrid {
  cell: number;
  /** Bucket key → indices into the marks, ascending. */
  buckets: Map<number, number[]>;
  marks: readonly HitPoint[];
}

// Bucket coordinates fit in 16 bits for any plot under 65,536 cells a side; offset so negatives are fine.
const key = (cx: number, cy: number) => (cx + 32768) * 65536 + (cy + 32768);

export function buildHitGrid(marks: readonly HitPoint[], cell = 12): HitGrid {
  const buckets = new Map<number, number[]>();
  for (let k = 0; k < marks.length; k++) {
    const m = marks[k];
    if (!Number.isFinite(m.px) || !Number.isFinite(m.py)) continue;
    const b = key(Math.floor(m.px / cell), Math.floor(m.py / cell));
    const list = buckets.get(b);
    if (list) list.push(k);
    else buckets.set(b, [k]);
  }
  return { cell, buckets, marks };
}

/** Index of the mark nearest (px, py) within `radius` pixels, or -1. */
export function nearestMark(grid: HitGrid, px: number, py: number, radius: number): number {
  const { cell, buckets, marks } = grid;
  const r2 = radius * radius;
  let best = -1;
  let bestD = Infinity;
  // One extra bucket on each side: a mark on the disc's rim can round into the neighbour bucket.
  const cx0 = Math.floor((px - radius) / cell) - 1;
  const cx1 = Math.floor((px + radius) / cell) + 1;
  const cy0 = Math.floor((py - radius) / cell) - 1;
  const cy1 = Math.floor((py + radius) / cell) + 1;
  for (let cx = cx0; cx <= cx1; cx++) {
    for (let cy = cy0; cy <= cy1; cy++) {
      const list = buckets.get(key(cx, cy));
      if (!list) continue;
      for (const k of list) {
        const d = (marks[k].px - px) ** 2 + (marks[k].py - py) ** 2;
        if (d <= r2 && (d < bestD || (d === bestD && k < best))) {
          bestD = d;
          best = k;
        }
      }
    }
  }
  return best;
}
