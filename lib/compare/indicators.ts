/**
 * The compare page's indicator table: for each selected run, the server's
 * hypervolume of its final evaluation and of its archive (own references,
 * lib/runs/eval-hypervolume), and IGD+ and additive ε of its final
 * evaluation against the union front of the selected runs' final evaluations
 * (lib/pareto), on the objectives every selected run shares (same name and
 * direction). IGD+ and ε: lower is better, 0 = on the union front.
 * A run with no evaluation points gets nulls. Fewer than one shared
 * objective: IGD+ and ε are null for every run.
 */
import { epsilonAdditive, igdPlus, nonDominated } from '../pareto';
import { evalHypervolume, measuredSplit, type EvalHypervolume, type EvalPointLike } from '../runs/eval-hypervolume';
import type { ObjectiveDef } from '../contract/run-log';
import type { IndicatorRow } from '../contract/compare-view';

export type { IndicatorRow };

export interface CompareRunInput {
  id: string;
  objectives: ObjectiveDef[];
  points: readonly EvalPointLike[];
}

/** Objectives of the first run that every run has with the same direction, in the first run's order. */
export function sharedObjectives(runs: readonly { objectives: readonly ObjectiveDef[] }[]): ObjectiveDef[] {
  if (runs.length === 0) return [];
  return runs[0].objectives.filter((o) => runs.every((r) => r.objectives.some((p) => p.name === o.name && p.direction === o.direction)));
}

/** The final evaluation of a run on the given objectives (columns picked by name). */
export function finalPoints(run: CompareRunInput, on: readonly ObjectiveDef[]): { step: number | null; rows: number[][] } {
  const split = measuredSplit(run.points);
  const idx = on.map((o) => run.objectives.findIndex((p) => p.name === o.name));
  const pts = run.points.filter((p) => (p.split ?? 'test') === split && p.objectives.length === run.objectives.length && p.objectives.every(Number.isFinite));
  if (pts.length === 0) return { step: null, rows: [] };
  const step = Math.max(...pts.map((p) => p.step));
  return { step, rows: pts.filter((p) => p.step === step).map((p) => idx.map((j) => p.objectives[j])) };
}

export function compareIndicators(
  runs: readonly CompareRunInput[],
  hv?: ReadonlyMap<string, EvalHypervolume>,
): { shared: ObjectiveDef[]; unionFront: number[][]; rows: IndicatorRow[] } {
  const shared = sharedObjectives(runs);
  const opts = { maximize: shared.map((o) => o.direction === 'maximize') };
  const finals = runs.map((r) => finalPoints(r, shared));
  const union = finals.flatMap((f) => f.rows);
  const unionFront = shared.length && union.length ? Array.from(nonDominated(union, opts), (i) => union[i]) : [];
  const rows = runs.map((r, k): IndicatorRow => {
    const h = hv?.get(r.id) ?? evalHypervolume(r.points, r.objectives, { series: false });
    const f = finals[k];
    const has = f.rows.length > 0 && unionFront.length > 0;
    return {
      runId: r.id,
      finalStep: f.step,
      finalHypervolume: h.final,
      archiveHypervolume: h.latest,
      igdPlus: has ? igdPlus(f.rows, unionFront, opts) : null,
      epsilonAdditive: has ? epsilonAdditive(f.rows, unionFront, opts) : null,
    };
  });
  return { shared, unionFront, rows };
}
