import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { empiricalAttainment2d } from '@/lib/pareto';
import { attainedFraction, attainmentBandsModel, attainmentDifferenceModel, levelIndex, staircaseVertices, type MethodSeeds } from './attainment-model';

const MAX: [boolean, boolean] = [true, false]; // accuracy ↑, calls ↓

describe('attainment model', () => {
  it('level indices of the 25/50/75% surfaces', () => {
    expect([0.25, 0.5, 0.75].map((q) => levelIndex(q, 1))).toEqual([0, 0, 0]);
    expect([0.25, 0.5, 0.75].map((q) => levelIndex(q, 4))).toEqual([0, 1, 2]);
    expect([0.25, 0.5, 0.75].map((q) => levelIndex(q, 5))).toEqual([1, 2, 3]);
  });

  it('one band and one median per method; the median surface is attained by at least half the seeds', () => {
    const methods: MethodSeeds[] = [
      {
        key: 'a',
        label: 'a',
        color: 'red',
        seeds: [
          [[0.5, 1]],
          [[0.7, 2]],
          [
            [0.6, 1.5],
            [0.3, 0.5],
          ],
        ],
      },
      { key: 'b', label: 'b', color: 'blue', seeds: [[[0.4, 1]]] },
    ];
    const m = attainmentBandsModel(methods, { width: 500, height: 300, maximize: MAX });
    expect(m.bands.map((b) => [b.key, b.seeds, b.band.endsWith('Z'), b.median.startsWith('M')])).toEqual([
      ['a', 3, true, true],
      ['b', 1, true, true],
    ]);
    for (const p of m.bands[0].medianPoints) expect(attainedFraction(methods[0].seeds, p[0], p[1], MAX)).toBeGreaterThanOrEqual(0.5);
  });

  it('staircase vertices run from the worst y edge to the worst x edge', () => {
    expect(
      staircaseVertices(
        [
          [0.5, 1],
          [0.8, 2],
        ],
        MAX,
        [0, 4],
      ),
    ).toEqual([
      [0.8, 4],
      [0.8, 2],
      [0.5, 2],
      [0.5, 1],
      [0, 1],
    ]);
    expect(staircaseVertices([], MAX, [0, 4])).toEqual([]);
  });

  it('attained fraction agrees with the EAF levels (property)', () => {
    const seedArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(seedArb, { minLength: 1, maxLength: 5 }), (seeds) => {
        const surfaces = empiricalAttainment2d(seeds, { maximize: MAX });
        surfaces.forEach((s) => {
          for (const p of s.points) expect(attainedFraction(seeds, p[0], p[1], MAX)).toBeGreaterThanOrEqual(s.level - 1e-12);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('difference: positive where A attains more often, zero cells left out', () => {
    const a: MethodSeeds = { key: 'a', label: 'a', color: 'red', seeds: [[[0.9, 1]], [[0.9, 1]]] };
    const b: MethodSeeds = { key: 'b', label: 'b', color: 'blue', seeds: [[[0.5, 1]], [[0.9, 3]]] };
    const d = attainmentDifferenceModel(a, b, { width: 400, height: 300, maximize: MAX, cells: [20, 20] });
    expect(d.cells.length).toBeGreaterThan(0);
    for (const c of d.cells) {
      const cx = (c.x0 + c.x1) / 2;
      const cy = (c.y0 + c.y1) / 2;
      expect(c.diff).toBeCloseTo(attainedFraction(a.seeds, cx, cy, MAX) - attainedFraction(b.seeds, cx, cy, MAX), 12);
      expect(c.diff).toBeGreaterThan(0); // A weakly dominates B seed by seed
    }
  });
});
