/** Model weights: per-run checkpoints and named shared ones (warm starts). */
import type { Prisma } from '@pareto-studio/prisma-sqlite';
import { getDb } from './client';
import { newId } from './ids';

export interface CheckpointView {
  id: string;
  runId: string | null;
  name: string | null;
  step: number;
  weights: Uint8Array;
  meta: Record<string, unknown>;
  createdAt: Date;
}

type Row = { id: string; runId: string | null; name: string | null; step: number; weights: Uint8Array; meta: unknown; createdAt: Date };
const view = (r: Row): CheckpointView => ({
  ...r,
  weights: new Uint8Array(r.weights.buffer, r.weights.byteOffset, r.weights.byteLength),
  meta: r.meta as Record<string, unknown>,
});

/** Saves weights. A named checkpoint replaces any earlier one of that name. */
export async function saveCheckpoint(input: {
  runId?: string | null;
  name?: string | null;
  step: number;
  weights: Uint8Array;
  meta: Record<string, unknown>;
}): Promise<{ id: string }> {
  const db = await getDb();
  const data = {
    runId: input.runId ?? null,
    step: input.step,
    weights: new Uint8Array(input.weights), // a copy backed by a plain ArrayBuffer
    meta: input.meta as Prisma.InputJsonValue,
    createdAt: new Date(),
  };
  if (input.name) {
    const row = await db.checkpoint.upsert({
      where: { name: input.name },
      create: { id: newId('c'), name: input.name, ...data },
      update: data,
      select: { id: true },
    });
    return row;
  }
  return db.checkpoint.create({ data: { id: newId('c'), ...data }, select: { id: true } });
}

export async function getCheckpointByName(name: string): Promise<CheckpointView | null> {
  const db = await getDb();
  const row = await db.checkpoint.findUnique({ where: { name } });
  return row ? view(row) : null;
}

export async function getLatestCheckpoint(runId: string): Promise<CheckpointView | null> {
  const db = await getDb();
  const row = await db.checkpoint.findFirst({ where: { runId }, orderBy: [{ step: 'desc' }, { createdAt: 'desc' }] });
  return row ? view(row) : null;
}

/** Keeps the newest `keep` checkpoints of a run, deleting older ones. */
export async function pruneCheckpoints(runId: string, keep: number): Promise<number> {
  const db = await getDb();
  const old = await db.checkpoint.findMany({
    where: { runId },
    orderBy: [{ step: 'desc' }, { createdAt: 'desc' }],
    skip: keep,
    select: { id: true },
  });
  if (old.length === 0) return 0;
  return (await db.checkpoint.deleteMany({ where: { id: { in: old.map((o) => o.id) } } })).count;
}
