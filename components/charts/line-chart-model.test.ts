import { describe, expect, it } from 'vitest';
import { hasFinitePoint, lineChartModel, stageSwitchStep } from './line-chart-model';

const series = (n: number) => [{ key: 'hv', label: 'hypervolume', color: '#000', points: Array.from({ length: n }, (_, i) => ({ x: i, y: Math.sqrt(i) })) }];

describe('lineChartModel', () => {
  it('maps steps left to right and values bottom to top', () => {
    const m = lineChartModel(series(10), { width: 300, height: 200 });
    expect(m.x(0)).toBe(0);
    expect(m.x(9)).toBe(m.innerWidth);
    expect(m.y(3)).toBeLessThan(m.y(0));
    expect(m.lines[0].d.startsWith('M')).toBe(true);
    expect(m.lines[0].last).toEqual({ x: 9, y: 3 });
    expect(m.downsampled).toBeNull();
  });

  it('downsamples long curves with LTTB and says by how much', () => {
    const m = lineChartModel(series(100_000), { width: 600, height: 200 });
    expect(m.downsampled).toEqual({ shown: 2000, total: 100_000 });
    expect(m.lines[0].shown).toBe(2000);
    expect(m.lines[0].last).toEqual({ x: 99_999, y: Math.sqrt(99_999) });
  });

  it('is empty without finite points, and handles a single point', () => {
    expect(lineChartModel([], { width: 300, height: 200 }).empty).toBe(true);
    const one = lineChartModel(series(1), { width: 300, height: 200 });
    expect(one.empty).toBe(false);
    expect(Number.isFinite(one.x(0))).toBe(true);
  });

  it('hasFinitePoint (what the chart renders before it knows its width) is !model.empty', () => {
    const s = (pts: { x: number; y: number }[]) => ({ key: 'k', label: 'k', color: '#000', points: pts });
    for (const input of [[], [s([])], [s([{ x: NaN, y: 1 }]), s([{ x: 1, y: Infinity }])], [s([]), s([{ x: 2, y: 3 }])], series(3)]) {
      expect(hasFinitePoint(input)).toBe(!lineChartModel(input, { width: 300, height: 200 }).empty);
    }
  });

  it('honours a fixed y domain', () => {
    const m = lineChartModel(series(5), { width: 300, height: 200, yDomain: [0, 1] });
    expect(m.y.domain()).toEqual([0, 1]);
  });
});

describe('stageSwitchStep', () => {
  it('is the first step in stage 2', () => {
    expect(
      stageSwitchStep([
        { step: 0, stage: 1 },
        { step: 1, stage: 1 },
        { step: 2, stage: 2 },
        { step: 3, stage: 2 },
      ]),
    ).toBe(2);
    expect(stageSwitchStep([{ step: 0, stage: 1 }, { step: 1 }])).toBeNull();
  });
});
