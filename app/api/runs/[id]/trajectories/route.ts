import { getRunOrThrow, listTrajectories } from '@/lib/db';
import { parseQuery, readJson, route } from '@/lib/api/handler';
import { TrajectoriesQuery, logTrajectories } from '@/lib/runs';

export const dynamic = 'force-dynamic';

/** GET /api/runs/:id/trajectories?step=&rank=&split=&limit=&cursor= — paged by id. */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const q = parseQuery(TrajectoriesQuery, req);
  await getRunOrThrow(id);
  return listTrajectories(id, q);
});

/** POST /api/runs/:id/trajectories — { batchId, records: [...] }, idempotent per batchId. */
export const POST = route<{ id: string }>(async (req, { id }, { writer }) => logTrajectories(id, await readJson(req), writer), {
  access: { role: 'writer', run: 'own' },
});
