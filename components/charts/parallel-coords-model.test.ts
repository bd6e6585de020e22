import { describe, expect, it } from 'vitest';
import { brushedRows, parallelCoordsModel, type PcAxis } from './parallel-coords-model';

const axes: PcAxis[] = [
  { key: 'accuracy', label: 'accuracy', kind: 'numeric', values: [0.9, 0.5, 0.7, null], maximize: true },
  { key: 'tool_calls', label: 'tool calls', kind: 'numeric', values: [2, 0.5, 1, 1], maximize: false },
  { key: 'algorithm', label: 'algorithm', kind: 'categorical', values: ['static', 'paretopo', 'grpo', 'static'] },
];

describe('parallelCoordsModel', () => {
  it('spaces the axes, puts better up on each numeric axis, and draws one line per row with gaps for missing values', () => {
    const m = parallelCoordsModel(axes, 4, { width: 500, height: 300 });
    expect(m.axes.map((a) => a.x)).toEqual([0, m.innerWidth / 2, m.innerWidth]);
    expect(m.axes[0].y(0.9)).toBeLessThan(m.axes[0].y(0.5)); // maximized: higher is up
    expect(m.axes[1].y(0.5)).toBeLessThan(m.axes[1].y(2)); // minimized: fewer calls is up
    expect(m.axes[0].label).toBe('accuracy ↑');
    expect(m.axes[1].label).toBe('tool calls ↓');
    expect(m.axes[2].categories).toEqual(['grpo', 'paretopo', 'static']);
    expect(m.lines).toHaveLength(4);
    expect(m.lines[0].match(/[ML]/g)).toEqual(['M', 'L', 'L']);
    expect(m.lines[3].startsWith('M')).toBe(true);
    expect(m.lines[3].match(/[ML]/g)).toEqual(['M', 'L']); // no accuracy: starts at tool calls
    expect(m.selected).toEqual([true, true, true, true]);
  });

  it('brushes: a row is selected when every brushed axis holds its value; missing values fail a brush', () => {
    expect(brushedRows(axes, 4, { accuracy: [0.6, 1] })).toEqual([true, false, true, false]);
    expect(brushedRows(axes, 4, { accuracy: [1, 0.6], tool_calls: [0, 1.5] })).toEqual([false, false, true, false]);
    // categorical positions: grpo 0, paretopo 1, static 2
    expect(brushedRows(axes, 4, { algorithm: [1.5, 2.5] })).toEqual([true, false, false, true]);
    expect(brushedRows(axes, 4, { algorithm: null })).toEqual([true, true, true, true]);
  });

  it('agrees with a direct check on random rows and brushes', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let t = 0; t < 50; t++) {
      const n = 20;
      const a = Array.from({ length: n }, () => (rnd() < 0.1 ? null : Math.round(rnd() * 10)));
      const b = Array.from({ length: n }, () => Math.round(rnd() * 10));
      const ax: PcAxis[] = [
        { key: 'a', label: 'a', kind: 'numeric', values: a },
        { key: 'b', label: 'b', kind: 'numeric', values: b },
      ];
      const ba: [number, number] = [rnd() * 10, rnd() * 10];
      const bb: [number, number] = [rnd() * 10, rnd() * 10];
      const inside = (v: number | null, [p, q]: [number, number]) => v !== null && v >= Math.min(p, q) && v <= Math.max(p, q);
      expect(brushedRows(ax, n, { a: ba, b: bb })).toEqual(a.map((v, r) => inside(v, ba) && inside(b[r], bb)));
    }
  });

  it('is empty without axes', () => {
    expect(parallelCoordsModel([], 0, { width: 300, height: 200 }).empty).toBe(true);
  });
});
