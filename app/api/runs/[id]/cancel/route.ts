import { requestCancel } from '@/lib/db';
import { route } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

/** POST /api/runs/:id/cancel — queued: cancelled now; running: its worker stops after the current step. */
export const POST = route<{ id: string }>(async (_req, { id }) => ({ run: await requestCancel(id) }), { access: { role: 'writer', run: 'own' } });
