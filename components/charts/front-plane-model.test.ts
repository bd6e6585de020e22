import { describe, expect, it } from 'vitest';
import { defaultPlaneAxes, frontPlaneModel, objectiveLabel, type PlanePoint } from './front-plane-model';

const axes = { x: { index: 0, maximize: true }, y: { index: 1, maximize: false } };
const size = { width: 400, height: 300 };

// accuracy (max), tool calls (min)
const pts: PlanePoint[] = [
  { step: 0, objectives: [0.4, 0.5] }, // front at step 0
  { step: 0, objectives: [0.3, 1.0] }, // dominated by the first
  { step: 5, objectives: [0.7, 1.5] }, // front: more accurate, more calls
  { step: 10, objectives: [0.6, 0.4] }, // dominates (0.4, 0.5) from step 10 on
];

describe('frontPlaneModel', () => {
  it('marks dominated points and orders the front along the staircase', () => {
    const m = frontPlaneModel(pts, { ...size, ...axes });
    expect(m.marks.map((k) => k.dominated)).toEqual([true, true, false, false]);
    expect(m.front.map((k) => k.i)).toEqual([2, 3]); // highest accuracy first
    expect(m.staircase).toMatch(/^M/);
    // the staircase's corner between the two front points sits at (0.6, 1.5)
    const corner = `L${m.x(0.6).toFixed(1)},${m.y(1.5).toFixed(1)}`;
    expect(m.staircase).toContain(corner);
  });

  it('replays: up to a step, only earlier points, and their own front', () => {
    const m = frontPlaneModel(pts, { ...size, ...axes, upToStep: 5 });
    expect(m.marks.map((k) => k.i)).toEqual([0, 1, 2]);
    expect(m.marks.map((k) => k.dominated)).toEqual([false, true, false]);
    // the axes do not move while replaying
    const all = frontPlaneModel(pts, { ...size, ...axes });
    expect(m.x.domain()).toEqual(all.x.domain());
    expect(m.y.domain()).toEqual(all.y.domain());
  });

  it('colours by step on a sequential scale, early and late distinct', () => {
    const m = frontPlaneModel(pts, { ...size, ...axes });
    expect(m.stepDomain).toEqual([0, 10]);
    expect(m.color(0)).not.toEqual(m.color(10));
  });

  it('puts higher accuracy to the right and more tool calls higher up', () => {
    const m = frontPlaneModel(pts, { ...size, ...axes });
    expect(m.x(0.7)).toBeGreaterThan(m.x(0.3));
    expect(m.y(1.5)).toBeLessThan(m.y(0.4));
  });

  it('covers the trajectory cloud extent', () => {
    const m = frontPlaneModel(pts, { ...size, ...axes, xExtent: [0, 1], yExtent: [0, 4] });
    expect(m.x.domain()[0]).toBeLessThanOrEqual(0);
    expect(m.y.domain()[1]).toBeGreaterThanOrEqual(4);
  });

  it('has a readable empty state', () => {
    const m = frontPlaneModel([], { ...size, ...axes });
    expect(m.empty).toBe(true);
    expect(m.marks).toEqual([]);
    expect(m.staircase).toBeNull();
  });

  it('ignores non-finite values', () => {
    const m = frontPlaneModel([{ step: 1, objectives: [NaN, 1] }, ...pts], { ...size, ...axes });
    expect(m.marks).toHaveLength(4);
  });
});

describe('defaultPlaneAxes and labels', () => {
  it('picks the first maximized vs the first minimized objective', () => {
    const a = defaultPlaneAxes([{ direction: 'minimize' }, { direction: 'minimize' }, { direction: 'maximize' }]);
    expect(a).toEqual({ x: { index: 2, maximize: true }, y: { index: 0, maximize: false } });
    expect(defaultPlaneAxes([{ direction: 'minimize' }, { direction: 'minimize' }]).y.index).toBe(1);
  });

  it('labels say unit and direction', () => {
    expect(objectiveLabel({ name: 'tool_calls', direction: 'minimize' })).toBe('tool calls per question, lower is better');
    expect(objectiveLabel({ name: 'my_metric', direction: 'maximize' })).toBe('my metric, higher is better');
  });
});

describe('frontPlaneModel references', () => {
  it('places reference points (base, oracle) on the same scales and widens the domain to cover them', () => {
    const refs = [
      { label: 'base policy', objectives: [0.75, 0.95] },
      { label: 'oracle routing', objectives: [0.96, 0.2] },
    ];
    const m = frontPlaneModel(pts, { ...size, ...axes, references: refs });
    expect(m.references.map((r) => r.label)).toEqual(['base policy', 'oracle routing']);
    expect(m.references[1].px).toBeCloseTo(m.x(0.96), 9);
    expect(m.references[1].py).toBeCloseTo(m.y(0.2), 9);
    expect(m.x.domain()[1]).toBeGreaterThanOrEqual(0.96);
    // references are not run points: marks and front are unchanged
    const plain = frontPlaneModel(pts, { ...size, ...axes });
    expect(m.marks.map((k) => [k.i, k.dominated])).toEqual(plain.marks.map((k) => [k.i, k.dominated]));
    expect(plain.references).toEqual([]);
  });
});

describe('frontPlaneModel with three objectives: the run front is N-D', () => {
  // accuracy (max), tool calls (min), tokens (min), plotted as accuracy × tool calls.
  const three: PlanePoint[] = [
    { step: 0, objectives: [0.8, 1.0, 40] },
    { step: 0, objectives: [0.7, 1.5, 10] }, // dominated by the first in (accuracy, calls), but the fewest tokens: non-dominated overall
    { step: 0, objectives: [0.6, 2.0, 50] }, // dominated by the first in all three
  ];
  const maximize = [true, false, false];

  it('marks a point dominated in the (x, y) projection as non-dominated when no point dominates it over all objectives', () => {
    const m = frontPlaneModel(three, { ...size, ...axes, maximize });
    expect(m.dimensions).toBe(3);
    expect(m.marks.map((k) => k.projectionDominated)).toEqual([false, true, true]);
    expect(m.marks.map((k) => k.dominated)).toEqual([false, false, true]);
    expect(m.front.map((k) => k.i)).toEqual([0, 1]);
    // the projection's own front (the staircase) is still the 2-D one
    expect(m.projectionFront.map((k) => k.i)).toEqual([0]);
  });

  it('agrees with a brute-force N-D dominance check on random three-objective sets, in every projection', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 30; t++) {
      const ps: PlanePoint[] = Array.from({ length: 40 }, (_, i) => ({
        step: i % 5,
        objectives: [Math.round(rnd() * 6) / 6, Math.round(rnd() * 5), Math.round(rnd() * 8)],
      }));
      const better = (a: readonly number[], b: readonly number[]) =>
        a[0] >= b[0] && a[1] <= b[1] && a[2] <= b[2] && (a[0] > b[0] || a[1] < b[1] || a[2] < b[2]);
      for (const [xi, yi] of [
        [0, 1],
        [0, 2],
        [1, 2],
        [2, 1],
      ]) {
        const m = frontPlaneModel(ps, { ...size, x: { index: xi, maximize: maximize[xi] }, y: { index: yi, maximize: maximize[yi] }, maximize });
        for (const k of m.marks) expect(k.dominated).toBe(ps.some((q) => better(q.objectives, ps[k.i].objectives)));
      }
    }
  });

  it('marks a point without a value for every objective as not on the run front', () => {
    const m = frontPlaneModel([...three, { step: 1, objectives: [0.99, 0.1, NaN] }], { ...size, ...axes, maximize });
    expect(m.marks).toHaveLength(4);
    expect(m.marks[3].dominated).toBe(true);
    expect(m.marks[3].projectionDominated).toBe(false);
  });

  it('switches to canvas above the threshold', () => {
    expect(frontPlaneModel(three, { ...size, ...axes, maximize }).render).toBe('svg');
    expect(frontPlaneModel(three, { ...size, ...axes, maximize, canvasThreshold: 2 }).render).toBe('canvas');
  });
});
