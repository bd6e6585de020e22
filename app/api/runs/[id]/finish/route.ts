import { readJson, route } from '@/lib/api/handler';
import { finishRun } from '@/lib/runs';

export const dynamic = 'force-dynamic';

/** POST /api/runs/:id/finish — { status: "finished" } | { status: "failed", error } | { status: "cancelled" }. */
export const POST = route<{ id: string }>(async (req, { id }, { writer }) => ({ run: await finishRun(id, await readJson(req), writer) }), {
  access: { role: 'writer', run: 'own' },
});
