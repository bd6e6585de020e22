import { listRuns } from '@/lib/db';
import { parseQuery, readJson, route } from '@/lib/api/handler';
import { ListRunsQuery, startRun } from '@/lib/runs';

export const dynamic = 'force-dynamic';

/** GET /api/runs?status=running,queued&algorithm=&environment=&tag=&experiment=&limit=&cursor= */
export const GET = route(async (req) => listRuns(parseQuery(ListRunsQuery, req)));

/** POST /api/runs — create a run through the run log (ingest API; external trainers). */
export const POST = route(async (req) => {
  const { run, created } = await startRun(await readJson(req));
  return Response.json({ run }, { status: created ? 201 : 200 });
});
