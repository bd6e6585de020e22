import { getRunOrThrow, trajectoryPointsJson } from '@/lib/db';
import { parseQuery, route } from '@/lib/api/handler';
import { TrajectoryPointsQuery } from '@/lib/contract/read-queries';

export const dynamic = 'force-dynamic';

/**
 * GET /api/runs/:id/trajectory-points?after=ID&limit=N — the trajectory cloud
 * in columns: { dim, ids, steps, values (row-major ids.length × dim), nextCursor }.
 */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const q = parseQuery(TrajectoryPointsQuery, req);
  const run = await getRunOrThrow(id);
  const body = await trajectoryPointsJson(id, { ...q, dim: run.objectives.length });
  return new Response(body, { headers: { 'content-type': 'application/json' } });
});
