import { readJson, route } from '@/lib/api/handler';
import { namedCheckpointOf, saveNamedCheckpointOf } from '@/lib/runs/run-checkpoints';

export const dynamic = 'force-dynamic';

/** GET /api/checkpoints/:name — a shared checkpoint (a warm start) → { checkpoint: { … } | null }. */
export const GET = route<{ name: string }>(async (_req, { name }) => ({ checkpoint: await namedCheckpointOf(name) }), { access: { role: 'reader' } });

/**
 * POST /api/checkpoints/:name — { step, weights: base64, meta } replaces the shared checkpoint of that name.
 * Admins only: every run of that task and seed starts from it, so a writer must not be able to swap it.
 */
export const POST = route<{ name: string }>(async (req, { name }) => ({ checkpoint: await saveNamedCheckpointOf(name, await readJson(req)) }), {
  access: { role: 'admin' },
});
