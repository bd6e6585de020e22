import { getRunOrThrow, listFrontiers } from '@/lib/db';
import { readJson, route } from '@/lib/api/handler';
import { logFrontiers } from '@/lib/runs';

export const dynamic = 'force-dynamic';

/** GET /api/runs/:id/frontiers — frontier snapshots in order. */
export const GET = route<{ id: string }>(async (_req, { id }) => {
  await getRunOrThrow(id);
  return { frontiers: await listFrontiers(id) };
});

/** POST /api/runs/:id/frontiers — { batchId, records: [{ step, points, hypervolume }] }, idempotent per batchId. */
export const POST = route<{ id: string }>(async (req, { id }, { writer }) => logFrontiers(id, await readJson(req), writer), {
  access: { role: 'writer', run: 'own' },
});
