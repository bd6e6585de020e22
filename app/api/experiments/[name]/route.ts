import { loadExperimentView } from '@/lib/db';
import { route } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

/**
 * GET /api/experiments/:name → { experiment: { name, runs, groups: [{ environment, method, objectives, runs: [{ runId, seed, points }] }], table, tableCsv } }:
 * runs grouped by task × method; `table` and `tableCsv` are the reproduction table (the code of `npm run reproduce -- --table`).
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
