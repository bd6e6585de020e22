import { loadExperimentView } from '@/lib/db';
import { route } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

/**
 * GET /api/experiments/:name → { experiment: { name, runs, groups: [{ environment, method, objectives, runs: [{ runId, seed, points }] }], table, tableCsv, parameters } }:
 * runs grouped by task × method; `table` and `tableCsv` are the reproduction table (the code of `npm run reproduce -- --table`);
 * `parameters`: per task, each run's varying config knobs against its final objectives and hypervolume, and the knobs ranked by importance (lib/experiments/parameter-analysis).
 */
export const GET = route<{ name: string }>(async (_req, { name }) => ({ experiment: await loadExperimentView(decoded(name)) }));

/** Route params may arrive still percent-encoded; a name with a stray % stays as it is. */
function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
