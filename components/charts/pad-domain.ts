/**
 * A data extent widened for drawing: 6% margin, a unit window around a
 * single value, and never below zero for data that is never negative
 * (accuracies, counts) — an all-zero series sits on [0, 1], not [−1, 1].
 */
export function padDomain([lo, hi]: [number, number]): [number, number] {
  const nonNegative = lo >= 0;
  let a: number;
  let b: number;
  if (lo === hi) {
    const p = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    [a, b] = [lo - p, hi + p];
  } else {
    const p = (hi - lo) * 0.06;
    [a, b] = [lo - p, hi + p];
  }
  return [nonNegative ? Math.max(0, a) : a, b];
}
