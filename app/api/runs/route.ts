import { listRuns, withEvaluations } from '@/lib/db';
import { parseQuery, readJson, route } from '@/lib/api/handler';
import { ListRunsQuery, startRun } from '@/lib/runs';
import { queueRun, startBrowserRun } from '@/lib/worker/queue-run';

export const dynamic = 'force-dynamic';

/**
 * GET /api/runs?status=running,queued&algorithm=&environment=&tag=&experiment=&q=&limit=&cursor=
 * Each run carries `evaluation`: hypervolumes computed here from its evaluation points (`latestHypervolume` is what its trainer sent).
 */
export const GET = route(async (req) => {
  const page = await listRuns(parseQuery(ListRunsQuery, req));
  return { runs: await withEvaluations(page.runs), nextCursor: page.nextCursor };
});

/**
 * POST /api/runs
 *   { source: "builtin", config: { env, algorithm, steps, ... }, seed?, name?, tags? } → 201, queued for a worker;
 *   { source: "browser", … the same … } → 201, running, trained by the caller's browser through this API;
 *   otherwise an external run created through the run log (ingest API) → 201 (200 if `id` existed).
 */
export const POST = route(
  async (req, _params, { writer }) => {
    const body = await readJson(req);
    const source = body && typeof body === 'object' ? (body as { source?: unknown }).source : undefined;
    if (source === 'builtin') return Response.json({ run: await queueRun(body, writer) }, { status: 201 });
    if (source === 'browser') return Response.json({ run: await startBrowserRun(body, writer) }, { status: 201 });
    const { run, created } = await startRun(body, writer);
    return Response.json({ run }, { status: created ? 201 : 200 });
  },
  { access: { role: 'writer' } },
);
