import { getRunOrThrow, listEvalPoints } from '@/lib/db';
import { readJson, route } from '@/lib/api/handler';
import { logEvalPoints } from '@/lib/runs';

export const dynamic = 'force-dynamic';

/** GET /api/runs/:id/eval-points — every evaluation point of the run. */
export const GET = route<{ id: string }>(async (_req, { id }) => {
  await getRunOrThrow(id);
  return { evalPoints: await listEvalPoints(id) };
});

/** POST /api/runs/:id/eval-points — { batchId, records: [{ step, objectives }] }, idempotent per batchId. */
export const POST = route<{ id: string }>(async (req, { id }, { writer }) => logEvalPoints(id, await readJson(req), writer), {
  access: { role: 'writer', run: 'own' },
});
