import { deleteRun, getRunOrThrow, updateRunAnnotations } from '@/lib/db';
import { parseQuery, QueryError, readJson, route } from '@/lib/api/handler';
import { DeleteRunQuery, parse, UpdateRunInput } from '@/lib/runs';

export const dynamic = 'force-dynamic';

/** GET /api/runs/:id */
export const GET = route<{ id: string }>(async (_req, { id }) => ({ run: await getRunOrThrow(id) }));

/** PATCH /api/runs/:id { notes?: string | null, tags?: string[] } → { run }; unknown keys and bad values → 422 naming the field. */
export const PATCH = route<{ id: string }>(
  async (req, { id }) => {
    const update = parse(UpdateRunInput, await readJson(req));
    return { run: await updateRunAnnotations(id, update) };
  },
  { access: { role: 'writer', run: 'own' } },
);

/**
 * DELETE /api/runs/:id?confirm=<id> — deletes the run and everything logged for
 * it. The id must be repeated in `confirm`, so a stray request cannot delete.
 */
export const DELETE = route<{ id: string }>(
  async (req, { id }) => {
    const { confirm } = parseQuery(DeleteRunQuery, req);
    if (confirm !== id) throw new QueryError([{ path: 'confirm', message: 'must repeat the run id to confirm the deletion' }]);
    await deleteRun(id);
    return { deleted: id };
  },
  { access: { role: 'admin' } },
);
