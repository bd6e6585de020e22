/** What a user edits on a run: its notes and tags, in one transaction. */
import { getDb } from './client';
import { getRunOrThrow, type RunView } from './runs';
import { NotFoundError } from '../errors';

export async function updateRunAnnotations(id: string, update: { notes?: string | null; tags?: string[] }): Promise<RunView> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    // A write first: on SQLite the transaction takes the write lock up front.
    const res = await tx.run.updateMany({ where: { id }, data: { ...(update.notes !== undefined ? { notes: update.notes } : {}), updatedAt: new Date() } });
    if (res.count === 0) throw new NotFoundError('run', id);
    if (update.tags) {
      await tx.runTag.deleteMany({ where: { runId: id } });
      const tags = [...new Set(update.tags)];
      if (tags.length) await tx.runTag.createMany({ data: tags.map((tag) => ({ runId: id, tag })) });
    }
  });
  return getRunOrThrow(id);
}
