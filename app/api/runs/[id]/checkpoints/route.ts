import { readJson, route } from '@/lib/api/handler';
import { logCheckpoint } from '@/lib/runs/run-checkpoints';

export const dynamic = 'force-dynamic';

/**
 * POST /api/runs/:id/checkpoints — { step, weights: base64, meta, keep? } → { checkpoint: { id, step } }.
 * The run's writer only; never a built-in run (its worker checkpoints in process).
 */
export const POST = route<{ id: string }>(async (req, { id }, { writer }) => ({ checkpoint: await logCheckpoint(id, await readJson(req), writer) }), {
  access: { role: 'writer', run: 'own' },
});
