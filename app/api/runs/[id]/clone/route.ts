import { readJson, route } from '@/lib/api/handler';
import { cloneRun } from '@/lib/worker/queue-run';

export const dynamic = 'force-dynamic';

/** POST /api/runs/:id/clone — { name?, seed?, config?: { key: value }, tags?, notes? } → 201 { run } (queued). */
export const POST = route<{ id: string }>(async (req, { id }, { writer }) => ({ run: await cloneRun(id, await readJson(req), writer) }), {
  status: 201,
  access: { role: 'writer' },
});
