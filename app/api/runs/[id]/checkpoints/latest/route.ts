import { route } from '@/lib/api/handler';
import { latestCheckpointOf } from '@/lib/runs/run-checkpoints';

export const dynamic = 'force-dynamic';

/** GET /api/runs/:id/checkpoints/latest → { checkpoint: { id, step, weights: base64, meta, createdAt } | null }. */
export const GET = route<{ id: string }>(async (_req, { id }) => ({ checkpoint: await latestCheckpointOf(id) }), { access: { role: 'reader' } });
