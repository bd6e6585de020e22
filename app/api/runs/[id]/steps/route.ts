import { readJson, route } from '@/lib/api/handler';
import { logSteps } from '@/lib/runs';

export const dynamic = 'force-dynamic';

/** POST /api/runs/:id/steps — { batchId, records: [{ step, hypervolume, ... }] }, idempotent per batchId. */
export const POST = route<{ id: string }>(async (req, { id }, { writer }) => logSteps(id, await readJson(req), writer), {
  access: { role: 'writer', run: 'own' },
});
