/**
 * The run's front over all its objectives, as rows for the parallel
 * coordinates and the table beside them: the evaluation points (references
 * excluded by the caller) with a finite value for every objective that no
 * other such point dominates (lib/pareto's nonDominated, duplicates kept),
 * ordered by step. Empty input: no rows.
 */
import { directionsOf, nonDominated } from '@/lib/pareto';

export interface FrontRow {
  /** Index into the input points. */
  i: number;
  step: number;
  split: string;
  objectives: number[];
}

export function runFront(
  points: readonly { step: number; split?: string | null; objectives: readonly number[] }[],
  objectives: readonly { direction: 'maximize' | 'minimize' }[],
): FrontRow[] {
  const d = objectives.length;
  const full: number[] = [];
  points.forEach((p, i) => {
    if (p.objectives.length >= d && p.objectives.slice(0, d).every(Number.isFinite)) full.push(i);
  });
  if (full.length === 0) return [];
  const rows = full.map((i) => points[i].objectives.slice(0, d));
  const nd = nonDominated(rows, { ...directionsOf(objectives), keepDuplicates: true });
  return [...nd]
    .map((r) => ({ i: full[r], step: points[full[r]].step, split: points[full[r]].split ?? 'test', objectives: rows[r] }))
    .sort((a, b) => a.step - b.step || a.i - b.i);
}
