/**
 * Parameter analysis of an experiment, per task (environment; hypervolumes
 * of different tasks are not comparable): for each run its knobs
 * (config-knobs.ts), its final objective means and final hypervolume (the
 * server's, from its evaluation points: lib/runs/eval-hypervolume's `final`
 * and `finalMeans`, passed in), and the knobs ranked by importance for the
 * final hypervolume (parameter-importance.ts: Spearman ρ² for numeric knobs,
 * rank η² for categorical ones). Runs without usable evaluation points are
 * listed with gaps and do not count toward importance.
 */
import { configKnobs } from './config-knobs';
import { knobImportance } from './parameter-importance';
import { methodLabel } from './experiment-results';
import type { Outcome, ParameterTask } from '../contract/experiment-view';

export type { Outcome, ParameterTask };

export interface AnalysisRunInput {
  id: string;
  name: string;
  environment: string;
  algorithm: string;
  seed: number;
  status: string;
  config: Record<string, unknown>;
  objectives: readonly { name: string; direction: 'maximize' | 'minimize' }[];
  final: { hypervolume: number | null; means: Record<string, number> | null };
}

export const IMPORTANCE_METHOD =
  "Rank-based, against each run's final hypervolume (computed by the server from its evaluation points): ρ² of Spearman's rank correlation for numeric knobs, η² of the hypervolume ranks grouped by value for categorical ones — the share of the variance of the hypervolume ranks the knob explains. Association over these runs, not causation.";

export function parameterAnalysis(runs: readonly AnalysisRunInput[]): ParameterTask[] {
  const byEnv = new Map<string, AnalysisRunInput[]>();
  for (const r of runs) {
    const list = byEnv.get(r.environment);
    if (list) list.push(r);
    else byEnv.set(r.environment, [r]);
  }
  const tasks: ParameterTask[] = [];
  for (const [environment, list] of [...byEnv].sort((a, b) => a[0].localeCompare(b[0]))) {
    const knobs = configKnobs(list);
    const names: { name: string; direction: 'maximize' | 'minimize' }[] = [];
    for (const r of list) for (const o of r.objectives) if (!names.some((n) => n.name === o.name)) names.push(o);
    const outcomes: Outcome[] = names.map((o) => ({
      key: `final.${o.name}`,
      label: `final ${o.name.replace(/_/g, ' ')}`,
      maximize: o.direction === 'maximize',
      values: list.map((r) => {
        const v = r.final.means?.[o.name];
        return v !== undefined && Number.isFinite(v) ? v : null;
      }),
    }));
    const hv = list.map((r) => (r.final.hypervolume !== null && Number.isFinite(r.final.hypervolume) ? r.final.hypervolume : null));
    outcomes.push({ key: 'final.hypervolume', label: 'final hypervolume', maximize: true, values: hv });
    tasks.push({
      environment,
      runs: list.map((r) => ({ id: r.id, name: r.name, method: methodLabel(r), seed: r.seed, status: r.status })),
      knobs,
      outcomes,
      importance: knobImportance(knobs, hv),
    });
  }
  return tasks;
}
