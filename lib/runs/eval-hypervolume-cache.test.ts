/** The memo returns what evalHypervolume returns, and recomputes when the run's point count or definitions change. */
import { describe, expect, it } from 'vitest';
import { evalHypervolume } from './eval-hypervolume';
import { EvalHypervolumeCache } from './eval-hypervolume-cache';
import type { ObjectiveDef } from '../contract/run-log';

const A: ObjectiveDef = { name: 'accuracy', direction: 'maximize', reference: 0 };
const C: ObjectiveDef = { name: 'tool_calls', direction: 'minimize', reference: 4 };
const pts = [
  { step: 0, split: 'test', objectives: [0.5, 2] },
  { step: 1, split: 'test', objectives: [0.7, 1] },
  { step: 1, split: 'test', objectives: [0.6, 3] },
];

describe('EvalHypervolumeCache', () => {
  it('equals the direct computation, for series and lean reads, and serves the same points from the memo', () => {
    const cache = new EvalHypervolumeCache();
    const first = cache.get('r', pts, [A, C]);
    expect(first).toEqual(evalHypervolume(pts, [A, C]));
    expect(cache.get('r', pts, [A, C])).toBe(first);
    expect(cache.get('r', pts, [A, C], { series: false })).toEqual(evalHypervolume(pts, [A, C], { series: false }));
    expect(cache.size).toBe(2);
  });

  it('recomputes when points were appended or the objectives changed, and keeps runs apart', () => {
    const cache = new EvalHypervolumeCache();
    const two = cache.get('r', pts.slice(0, 2), [A, C]);
    expect(two).toEqual(evalHypervolume(pts.slice(0, 2), [A, C]));
    expect(cache.get('r', pts, [A, C])).toEqual(evalHypervolume(pts, [A, C]));
    const moved = [A, { ...C, reference: 8 }];
    expect(cache.get('r', pts, moved)).toEqual(evalHypervolume(pts, moved));
    expect(cache.get('s', pts.slice(0, 1), [A, C])).toEqual(evalHypervolume(pts.slice(0, 1), [A, C]));
  });

  it('drops the least recently used entry beyond its capacity', () => {
    const cache = new EvalHypervolumeCache(2);
    const a = cache.get('a', pts, [A, C]);
    cache.get('b', pts, [A, C]);
    expect(cache.get('a', pts, [A, C])).toBe(a); // a is now the most recent
    cache.get('c', pts, [A, C]); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.get('a', pts, [A, C])).toBe(a);
  });
});
