/** Naive twin of nearestMark: a linear scan (smallest squared distance ≤ radius², ties to the lowest index). */
import type { HitPoint } from './plane-hit-test';

export function nearestMarkNaive(marks: readonly HitPoint[], px: number, py: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  for (let k = 0; k < marks.length; k++) {
    const d = (marks[k].px - px) ** 2 + (marks[k].py - py) ** 2;
    if (d < bestD || (best < 0 && d === bestD)) {
      bestD = d;
      best = k;
    }
  }
  return best;
}
