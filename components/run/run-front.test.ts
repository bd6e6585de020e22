import { describe, expect, it } from 'vitest';
import { runFront } from './run-front';

const objectives = [{ direction: 'maximize' as const }, { direction: 'minimize' as const }, { direction: 'minimize' as const }];

describe('runFront', () => {
  it('keeps the points no other dominates over all objectives, by step; skips incomplete vectors', () => {
    const pts = [
      { step: 5, split: 'test', objectives: [0.7, 1.5, 10] }, // fewest tokens: on the front
      { step: 1, split: 'test', objectives: [0.8, 1.0, 40] }, // on the front
      { step: 2, split: 'test', objectives: [0.6, 2.0, 50] }, // dominated by step 1
      { step: 3, split: 'test', objectives: [0.9, 0.1] }, // incomplete
    ];
    expect(runFront(pts, objectives).map((r) => r.i)).toEqual([1, 0]);
    expect(runFront([], objectives)).toEqual([]);
  });

  it('matches a brute-force dominance check', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let t = 0; t < 40; t++) {
      const pts = Array.from({ length: 30 }, (_, i) => ({ step: i, objectives: [Math.round(rnd() * 5), Math.round(rnd() * 5), Math.round(rnd() * 5)] }));
      const dom = (a: number[], b: number[]) => a[0] >= b[0] && a[1] <= b[1] && a[2] <= b[2] && (a[0] > b[0] || a[1] < b[1] || a[2] < b[2]);
      const expected = pts.map((p, i) => i).filter((i) => !pts.some((q) => dom(q.objectives, pts[i].objectives)));
      expect(
        runFront(pts, objectives)
          .map((r) => r.i)
          .sort((a, b) => a - b),
      ).toEqual(expected);
    }
  });
});
