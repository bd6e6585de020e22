/** Naive twin of paretoRanks, for tests only: peel fronts, O(F n^2 d). */
import { dominates } from "./dominates";

export function paretoRanksNaive(points: readonly (readonly number[])[]): number[] {
  const n = points.length;
  const rank = new Array<number>(n).fill(0);
  let left = n;
  let front = 0;
  while (left > 0) {
    front++;
    const current: number[] = [];
    for (let i = 0; i < n; i++) {
      if (rank[i] !== 0) continue;
      let dominated = false;
      for (let k = 0; k < n && !dominated; k++) {
        if (k !== i && rank[k] === 0 && dominates(points[k], points[i])) dominated = true;
      }
      if (!dominated) current.push(i);
    }
    for (const i of current) rank[i] = front;
    left -= current.length;
  }
  return rank;
}
