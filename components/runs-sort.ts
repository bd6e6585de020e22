/**
 * Sorting of the runs list by a column (pure): name, created, server
 * hypervolume, final accuracy, final tool calls. Runs without a value sort
 * last in either direction; ties keep the list's order (newest first).
 */
import type { RunListItem } from '@/lib/contract/run-view';

export const SORT_KEYS = ['name', 'created', 'hypervolume', 'accuracy', 'tool_calls'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface RunSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export function sortValue(run: RunListItem, key: SortKey): number | string | null {
  switch (key) {
    case 'name':
      return run.name.toLowerCase();
    case 'created':
      return run.createdAt.getTime();
    case 'hypervolume':
      return run.evaluation.hypervolume;
    default: {
      const v = run.evaluation.finalMeans?.[key];
      return v === undefined || !Number.isFinite(v) ? null : v;
    }
  }
}

export function sortRuns(runs: readonly RunListItem[], sort: RunSort | null): RunListItem[] {
  if (!sort) return [...runs];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return runs
    .map((run, i) => ({ run, i, v: sortValue(run, sort.key) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
      return c ? sign * c : a.i - b.i;
    })
    .map((x) => x.run);
}

/** Clicking a header: a new column sorts descending for numbers (best hypervolume first), ascending for names; the same column flips. */
export function nextSort(current: RunSort | null, key: SortKey): RunSort {
  if (current?.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'name' || key === 'tool_calls' ? 'asc' : 'desc' };
}
