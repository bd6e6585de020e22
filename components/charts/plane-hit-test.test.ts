import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildHitGrid, nearestMark } from './plane-hit-test';
import { nearestMarkNaive } from './plane-hit-test-naive';

describe('nearestMark (grid) against the linear scan', () => {
  it('returns the same mark for random marks and queries, ties and out-of-plot points included', () => {
    const coord = fc.oneof(fc.integer({ min: -20, max: 120 }), fc.double({ min: -20, max: 120, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(fc.record({ px: coord, py: coord }), { maxLength: 300 }),
        fc.array(fc.record({ px: coord, py: coord }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 30 }),
        (marks, queries, radius, cell) => {
          const grid = buildHitGrid(marks, cell);
          for (const q of queries) expect(nearestMark(grid, q.px, q.py, radius)).toBe(nearestMarkNaive(marks, q.px, q.py, radius));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a mark exactly on the radius and none beyond it', () => {
    const grid = buildHitGrid([{ px: 10, py: 10 }], 12);
    expect(nearestMark(grid, 22, 10, 12)).toBe(0);
    expect(nearestMark(grid, 22.01, 10, 12)).toBe(-1);
    expect(nearestMark(buildHitGrid([]), 0, 0, 12)).toBe(-1);
  });

  it('breaks ties to the lowest index, as the scan does', () => {
    const marks = [
      { px: 5, py: 0 },
      { px: -5, py: 0 },
      { px: 0, py: 5 },
    ];
    expect(nearestMark(buildHitGrid(marks, 4), 0, 0, 12)).toBe(0);
  });
});
