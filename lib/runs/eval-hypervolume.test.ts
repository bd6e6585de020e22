import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypervolumeInclusionExclusion } from '../pareto/hypervolume-naive';
import { evalHypervolume, measuredSplit } from './eval-hypervolume';
import type { ObjectiveDef } from '../contract/run-log';

const OBJ: ObjectiveDef[] = [
  { name: 'accuracy', direction: 'maximize', reference: 0 },
  { name: 'tool_calls', direction: 'minimize', reference: 4 },
];

/** Brute force in minimization form: negate maximized objectives and their references by hand (test twin only). */
function naive(rows: number[][], objectives: ObjectiveDef[]): number {
  const s = objectives.map((o) => (o.direction === 'maximize' ? -1 : 1));
  return hypervolumeInclusionExclusion(
    rows.map((r) => r.map((v, j) => v * s[j])),
    objectives.map((o, j) => o.reference * s[j]),
  );
}

describe('evalHypervolume', () => {
  it('hand case: per step and archive, with the run references', () => {
    const hv = evalHypervolume(
      [
        { step: 0, objectives: [0.5, 2] },
        { step: 5, objectives: [0.25, 1] },
        { step: 5, objectives: [0.75, 3] },
      ],
      OBJ,
    );
    expect(hv.steps).toEqual([0, 5]);
    expect(hv.atStep[0]).toBeCloseTo(0.5 * 2, 12);
    // step 5 alone: 0.25·3 + (0.75−0.25)·1
    expect(hv.atStep[1]).toBeCloseTo(0.75 + 0.5, 12);
    // archive: (0.25,1) (0.5,2) (0.75,3): 0.25·3 + 0.25·2 + 0.25·1
    expect(hv.archive[1]).toBeCloseTo(0.75 + 0.5 + 0.25, 12);
    expect(hv.final).toBe(hv.atStep[1]);
    expect(hv.latest).toBe(hv.archive[1]);
    expect(hv.finalMeans).toEqual({ accuracy: 0.5, tool_calls: 2 });
  });

  it('matches inclusion-exclusion on random runs in 2 and 3 objectives, any directions', () => {
    const objArb = (d: number) =>
      fc
        .array(fc.boolean(), { minLength: d, maxLength: d })
        .map((max) => max.map((m, j): ObjectiveDef => ({ name: `o${j}`, direction: m ? 'maximize' : 'minimize', reference: m ? 0 : 5 })));
    const ptsArb = (d: number) =>
      fc.array(fc.record({ step: fc.integer({ min: 0, max: 3 }), objectives: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: d, maxLength: d }) }), {
        maxLength: 10,
      });
    for (const d of [2, 3]) {
      fc.assert(
        fc.property(objArb(d), ptsArb(d), (objectives, points) => {
          const hv = evalHypervolume(points, objectives);
          hv.steps.forEach((s, k) => {
            const at = points.filter((p) => p.step === s).map((p) => p.objectives);
            const upTo = points.filter((p) => p.step <= s).map((p) => p.objectives);
            expect(hv.atStep[k]).toBeCloseTo(naive(at, objectives), 9);
            expect(hv.archive[k]).toBeCloseTo(naive(upTo, objectives), 9);
          });
          if (!points.length) expect(hv.latest).toBeNull();
          const lean = evalHypervolume(points, objectives, { series: false });
          expect(lean.steps).toEqual([]);
          expect(lean.latest ?? 0).toBeCloseTo(hv.latest ?? 0, 9);
          expect(lean.final ?? 0).toBeCloseTo(hv.final ?? 0, 9);
          expect(lean.finalMeans).toEqual(hv.finalMeans);
        }),
        { numRuns: 150 },
      );
    }
  });

  it('measures the test split when there is one, skips malformed vectors, empty → nulls', () => {
    expect(
      measuredSplit([
        { step: 0, split: 'validation', objectives: [1, 1] },
        { step: 0, split: 'test', objectives: [1, 1] },
      ]),
    ).toBe('test');
    expect(measuredSplit([{ step: 0, split: 'eval', objectives: [1, 1] }])).toBe('eval');
    // reference marks (base policy, oracle) are never the run's own points
    expect(
      measuredSplit([
        { step: 0, split: 'reference-base', objectives: [1, 1] },
        { step: 0, split: 'eval', objectives: [1, 1] },
      ]),
    ).toBe('eval');
    expect(measuredSplit([{ step: 0, split: 'reference-oracle', objectives: [1, 1] }])).toBe(null);
    const hv = evalHypervolume(
      [
        { step: 0, split: 'validation', objectives: [1, 0] },
        { step: 0, split: 'test', objectives: [0.5, 1] },
        { step: 1, split: 'test', objectives: [0.9] },
        { step: 1, split: 'test', objectives: [0.9, Number.NaN] },
      ],
      OBJ,
    );
    expect(hv.steps).toEqual([0]);
    expect(hv.latest).toBeCloseTo(0.5 * 3, 12);
    expect(evalHypervolume([], OBJ)).toMatchObject({ split: null, latest: null, final: null, finalMeans: null });
  });
});
