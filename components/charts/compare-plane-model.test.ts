import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CANVAS_MIN_MARKS, comparePlaneLayout, comparePlaneModel, nearestMark, sharedSteps, type CompareRunSeries } from './compare-plane-model';
import type { ObjectiveDef } from '@/lib/contract/run-log';

const A: ObjectiveDef = { name: 'accuracy', direction: 'maximize', reference: 0 };
const C: ObjectiveDef = { name: 'tool_calls', direction: 'minimize', reference: 4 };
const T: ObjectiveDef = { name: 'tokens', direction: 'minimize', reference: 64 };

const runs: CompareRunSeries[] = [
  {
    key: 'a',
    label: 'a',
    color: 'red',
    objectives: [A, C],
    points: [
      { step: 0, objectives: [0.2, 1] },
      { step: 10, objectives: [0.6, 1] },
      { step: 10, objectives: [0.4, 0.5] },
    ],
  },
  // other objective order: looked up by name
  {
    key: 'b',
    label: 'b',
    color: 'blue',
    objectives: [C, T, A],
    points: [
      { step: 5, objectives: [2, 9, 0.8] },
      { step: 5, objectives: [3, 9, 0.5] },
    ],
  },
  { key: 'c', label: 'c', color: 'green', objectives: [A, C], points: [] },
];
const opts = { width: 500, height: 300, x: { name: 'accuracy', maximize: true }, y: { name: 'tool_calls', maximize: false } };

describe('comparePlaneModel', () => {
  it('one mark per point, dominated flags against the union, one staircase per run', () => {
    const m = comparePlaneModel(runs, opts);
    expect(m.marks).toHaveLength(5);
    const dominated = m.marks.filter((k) => k.dominated).map((k) => [k.run, k.xv, k.yv]);
    // (0.2,1) by (0.6,1); (0.5,3) by (0.8,2)
    expect(dominated).toEqual([
      [0, 0.2, 1],
      [1, 0.5, 3],
    ]);
    expect(m.staircases.map((s) => [s.key, s.front, s.d.length > 0])).toEqual([
      ['a', 2, true],
      ['b', 1, true],
      ['c', 0, false],
    ]);
    const mark = m.marks.find((k) => k.run === 1 && k.xv === 0.8)!;
    expect(mark.px).toBeCloseTo(m.x(0.8), 9);
    expect(mark.py).toBeCloseTo(m.y(2), 9);
  });

  it('draws on a canvas from CANVAS_MIN_MARKS points on, with the same marks', () => {
    expect(comparePlaneModel(runs, opts).canvas).toBe(false);
    const many = (n: number): CompareRunSeries => ({ ...runs[0], points: Array.from({ length: n }, (_, i) => ({ step: i, objectives: [i / n, 1 - i / n] })) });
    expect(comparePlaneModel([many(CANVAS_MIN_MARKS - 1)], opts).canvas).toBe(false);
    const big = comparePlaneModel([many(CANVAS_MIN_MARKS)], opts);
    expect(big.canvas).toBe(true);
    expect(big.marks).toHaveLength(CANVAS_MIN_MARKS);
  });

  it('the shared step replays all runs and keeps the axes still', () => {
    const full = comparePlaneModel(runs, opts);
    const early = comparePlaneModel(runs, { ...opts, upToStep: 5 });
    expect(early.marks.map((k) => k.step).every((s) => s <= 5)).toBe(true);
    expect(early.marks).toHaveLength(3);
    expect(early.x.domain()).toEqual(full.x.domain());
    // at step 5 run a has only (0.2, 1), which (0.8, 2) does not dominate
    expect(early.marks.find((k) => k.run === 0)!.dominated).toBe(false);
    expect(sharedSteps(runs)).toEqual([0, 5, 10]);
  });

  it('switching axes uses the named columns; an empty selection is empty', () => {
    const m = comparePlaneModel(runs, { ...opts, x: { name: 'tool_calls', maximize: false }, y: { name: 'accuracy', maximize: true } });
    expect(m.marks.find((k) => k.run === 1 && k.yv === 0.8)!.xv).toBe(2);
    expect(comparePlaneModel([runs[2]], opts).empty).toBe(true);
    expect(nearestMark(m.marks, m.x(2) + 3, m.y(0.8) - 2)?.run).toBe(1);
    expect(nearestMark(m.marks, -100, -100)).toBeNull();
  });

  it('comparePlaneLayout (what the component renders before it knows its width) agrees with the model', () => {
    const value = fc.oneof(fc.double({ min: -5, max: 5, noNaN: true }), fc.constantFrom(NaN, Infinity));
    const run = fc.record({
      order: fc.constantFrom([A, C], [C, T, A], [T, C]),
      points: fc.array(fc.record({ step: fc.integer({ min: 0, max: 20 }), a: value, b: value, c: value }), { maxLength: 40 }),
      // a run with many points crosses CANVAS_MIN_MARKS on its own
      bulk: fc.nat({ max: CANVAS_MIN_MARKS + 5 }),
    });
    fc.assert(
      fc.property(fc.array(run, { maxLength: 3 }), fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }), (rs, upToStep) => {
        const series: CompareRunSeries[] = rs.map((r, k) => ({
          key: String(k),
          label: String(k),
          color: 'red',
          objectives: r.order,
          points: [
            ...r.points.map((p) => ({ step: p.step, objectives: [p.a, p.b, p.c].slice(0, r.order.length) })),
            ...Array.from({ length: k === 0 ? r.bulk : 0 }, (_, i) => ({ step: i % 21, objectives: r.order.map((_, j) => (i + j) % 7) })),
          ],
        }));
        for (const axes of [opts, { ...opts, x: { name: 'tokens', maximize: false } }]) {
          const m = comparePlaneModel(series, { ...axes, upToStep });
          expect(comparePlaneLayout(series, { ...axes, upToStep })).toEqual({ empty: m.empty, canvas: m.canvas });
        }
      }),
      { numRuns: 200 },
    );
  });
});
