/**
 * What an experiment page shows, in one read: its runs grouped by task ×
 * method (lib/experiments' method label) with each run's evaluation points,
 * and the reproduction table of its finished runs — the same buildRows as
 * `npm run reproduce -- --table`.
 */
import { buildRows, experimentResults, methodLabel, pairedCsv, pairedRows, parameterAnalysis, seedReferences, summaryCsv } from '../experiments';
import { evalHypervolume } from '../runs/eval-hypervolume';
import { NotFoundError } from '../errors';
import { getDb } from './client';
import { listEvalPointsOfRuns } from './experiments';
import { listRuns, type RunView } from './runs';
import type { ExperimentGroup, ExperimentView } from '../contract/experiment-view';

export async function loadExperimentView(name: string): Promise<ExperimentView> {
  const db = await getDb();
  const exp = await db.experiment.findUnique({ where: { name }, select: { name: true, description: true } });
  if (!exp) throw new NotFoundError('experiment', name);
  const runs: RunView[] = [];
  for (let cursor: string | undefined; ;) {
    const page = await listRuns({ experiment: name, limit: 200, cursor });
    runs.push(...page.runs);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  runs.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const points = await listEvalPointsOfRuns(runs.map((r) => r.id));
  const groups = new Map<string, ExperimentGroup>();
  for (const r of runs) {
    const method = methodLabel(r);
    const key = `${r.environment}\u0000${method}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { environment: r.environment, method, objectives: r.objectives, runs: [] }));
    g.runs.push({ runId: r.id, name: r.name, seed: r.seed, status: r.status, points: points.get(r.id)! });
  }
  const results = experimentResults(runs, points);
  const labels = [...new Set(results.map((r) => r.label))].sort();
  const table = buildRows(results, labels);
  const parameters = parameterAnalysis(
    runs.map((r) => {
      const hv = evalHypervolume(points.get(r.id) ?? [], r.objectives, { series: false });
      return { ...r, final: { hypervolume: hv.final, means: hv.finalMeans } };
    }),
  );
  const sorted = [...groups.values()].sort((a, b) => a.environment.localeCompare(b.environment) || a.method.localeCompare(b.method));
  const report = results.map((r) => ({ env: r.env, label: r.label, seed: r.seed, final: r.final, archive: r.archive }));
  const paired = pairedRows(report, seedReferences(runs, points));
  return {
    name: exp.name,
    description: exp.description,
    runs: runs.length,
    groups: sorted,
    table,
    tableCsv: summaryCsv(table),
    paired,
    pairedCsv: pairedCsv(paired),
    parameters,
  };
}
