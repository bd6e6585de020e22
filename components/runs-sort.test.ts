import { describe, expect, it } from 'vitest';
import { nextSort, sortRuns } from './runs-sort';
import type { RunListItem } from '@/lib/contract/run-view';
import { runView } from '../tests/support/run-view';

const run = (name: string, hv: number | null, acc?: number, t = 0) =>
  ({
    ...runView({ name, createdAt: new Date(t) }),
    evaluation: { hypervolume: hv, finalHypervolume: hv, split: 'test', finalMeans: acc === undefined ? null : { accuracy: acc, tool_calls: 1 - acc } },
  }) satisfies RunListItem;

describe('sortRuns', () => {
  const runs = [run('b', 0.5, 0.6, 3), run('A', null, undefined, 2), run('c', 0.9, 0.2, 1), run('d', 0.5, 0.9, 0)];
  it('sorts by server hypervolume, missing values last in both directions, stable ties', () => {
    expect(sortRuns(runs, { key: 'hypervolume', dir: 'desc' }).map((r) => r.name)).toEqual(['c', 'b', 'd', 'A']);
    expect(sortRuns(runs, { key: 'hypervolume', dir: 'asc' }).map((r) => r.name)).toEqual(['b', 'd', 'c', 'A']);
  });
  it('sorts by final objective means and by name, case-insensitive', () => {
    expect(sortRuns(runs, { key: 'accuracy', dir: 'desc' }).map((r) => r.name)).toEqual(['d', 'b', 'c', 'A']);
    expect(sortRuns(runs, { key: 'tool_calls', dir: 'asc' }).map((r) => r.name)).toEqual(['d', 'b', 'c', 'A']);
    expect(sortRuns(runs, { key: 'name', dir: 'asc' }).map((r) => r.name)).toEqual(['A', 'b', 'c', 'd']);
    expect(sortRuns(runs, null).map((r) => r.name)).toEqual(['b', 'A', 'c', 'd']);
  });
  it('header clicks: best first for a new column, then flip', () => {
    expect(nextSort(null, 'hypervolume')).toEqual({ key: 'hypervolume', dir: 'desc' });
    expect(nextSort({ key: 'hypervolume', dir: 'desc' }, 'hypervolume')).toEqual({ key: 'hypervolume', dir: 'asc' });
    expect(nextSort(null, 'tool_calls')).toEqual({ key: 'tool_calls', dir: 'asc' });
  });
});
