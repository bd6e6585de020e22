import { describe, expect, it } from 'vitest';
import { compareIndicators, sharedObjectives } from './indicators';
import type { ObjectiveDef } from '../contract/run-log';

const A: ObjectiveDef = { name: 'accuracy', direction: 'maximize', reference: 0 };
const C: ObjectiveDef = { name: 'tool_calls', direction: 'minimize', reference: 4 };
const T: ObjectiveDef = { name: 'tokens', direction: 'minimize', reference: 64 };

/** Brute-force twins in minimization form (test only). */
function igdPlusNaive(a: number[][], r: number[][]): number {
  return r.reduce((s, q) => s + Math.min(...a.map((p) => Math.hypot(...p.map((v, j) => Math.max(v - q[j], 0))))), 0) / r.length;
}
function epsNaive(a: number[][], r: number[][]): number {
  return Math.max(...r.map((q) => Math.min(...a.map((p) => Math.max(...p.map((v, j) => v - q[j]))))));
}

describe('compareIndicators', () => {
  it('shared objectives by name and direction, in the first run order', () => {
    expect(sharedObjectives([{ objectives: [A, C, T] }, { objectives: [C, A] }])).toEqual([A, C]);
    expect(sharedObjectives([{ objectives: [A, C] }, { objectives: [{ ...A, direction: 'minimize' }, C] }])).toEqual([C]);
  });

  it('IGD+ and ε of each final evaluation against the union front, columns matched by name', () => {
    const runs = [
      {
        id: 'a',
        objectives: [A, C],
        points: [
          { step: 0, objectives: [0.1, 0.1] },
          { step: 9, objectives: [0.6, 1] },
          { step: 9, objectives: [0.3, 0.5] },
        ],
      },
      // same objectives, other order: must be matched by name
      { id: 'b', objectives: [C, A, T], points: [{ step: 5, objectives: [2, 0.8, 10] }] },
      { id: 'c', objectives: [A, C], points: [] },
    ];
    const { shared, unionFront, rows } = compareIndicators(runs);
    expect(shared).toEqual([A, C]);
    expect(unionFront.sort()).toEqual(
      [
        [0.3, 0.5],
        [0.6, 1],
        [0.8, 2],
      ].sort(),
    );
    const minForm = (p: number[]) => [-p[0], p[1]];
    const U = unionFront.map(minForm);
    expect(rows[0].igdPlus).toBeCloseTo(
      igdPlusNaive(
        [
          [0.6, 1],
          [0.3, 0.5],
        ].map(minForm),
        U,
      ),
      12,
    );
    expect(rows[0].epsilonAdditive).toBeCloseTo(
      epsNaive(
        [
          [0.6, 1],
          [0.3, 0.5],
        ].map(minForm),
        U,
      ),
      12,
    );
    expect(rows[1].igdPlus).toBeCloseTo(igdPlusNaive([[0.8, 2]].map(minForm), U), 12);
    expect(rows[1].epsilonAdditive).toBeCloseTo(epsNaive([[0.8, 2]].map(minForm), U), 12);
    expect(rows[0].finalStep).toBe(9);
    // server hypervolume with each run's own references: (0.3·(4−0.5) + (0.6−0.3)·(4−1))
    expect(rows[0].finalHypervolume).toBeCloseTo(0.3 * 3.5 + 0.3 * 3, 12);
    expect(rows[2]).toMatchObject({ finalStep: null, finalHypervolume: null, igdPlus: null, epsilonAdditive: null });
  });
});
