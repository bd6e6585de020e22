import { describe, expect, it } from 'vitest';
import { curvesCsv, curvesSvg, meanCurves, methodStroke, type CurveRun } from './learning-curves';

const run = (env: string, label: string, seed: number, acc: number[]): CurveRun => ({
  env,
  label,
  seed,
  points: acc.map((a, i) => ({ step: i * 10, accuracy: a, toolCalls: 1 - a / 2, hypervolume: a / 2 })),
});

describe('learning curves', () => {
  const runs = [
    run('calc', 'grpo', 0, [0.5, 0.7]),
    run('calc', 'grpo', 1, [0.3, 0.5]),
    run('calc', 'paretopo', 0, [0.5, 0.9]),
    run('hops', 'grpo', 0, [0.8, 0.8]),
  ];

  it('averages over seeds per step', () => {
    const c = meanCurves(runs);
    expect(c.map((x) => `${x.env}/${x.label}`)).toEqual(['calc/grpo', 'calc/paretopo', 'hops/grpo']);
    expect(c[0].steps).toEqual([
      { step: 0, n: 2, accuracy: 0.4, toolCalls: 0.8, hypervolume: 0.2 },
      { step: 10, n: 2, accuracy: expect.closeTo(0.6, 12), toolCalls: expect.closeTo(0.7, 12), hypervolume: expect.closeTo(0.3, 12) },
    ]);
  });

  it('writes one CSV row per (task, method, step)', () => {
    const lines = curvesCsv(meanCurves(runs)).trim().split('\n');
    expect(lines[0]).toBe('task,method,step,seeds,test_hv,test_accuracy,tool_calls_per_q');
    expect(lines).toHaveLength(1 + 6);
    expect(lines[1]).toBe('calc,"grpo",0,2,0.20000,0.40000,0.80000');
  });

  it('draws a panel per (task, metric) and a polyline per method in each', () => {
    const svg = curvesSvg(meanCurves(runs), 'test <title>');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('test &lt;title&gt;');
    expect(svg.match(/<g class="panel"/g)).toHaveLength(2 * 3);
    expect(svg.match(/<polyline /g)).toHaveLength(3 * 3);
    // x grows with the step within a polyline
    const pts = /points="([^"]+)"/
      .exec(svg)![1]
      .split(' ')
      .map((p) => Number(p.split(',')[0]));
    expect(pts[1]).toBeGreaterThan(pts[0]);
  });

  it('gives every method of a --full table its own stroke (colour, then dash once the palette wraps)', () => {
    const strokes = Array.from({ length: 30 }, (_, i) => methodStroke(i));
    expect(new Set(strokes.map((s) => `${s.color}|${s.dash}`)).size).toBe(30);
    expect(strokes[0].dash).toBe('');
    expect(strokes[12].color).toBe(strokes[0].color);
    expect(strokes[12].dash).not.toBe('');
  });
});
