/** Run rows: create, read, list, and status changes. */
import type { Prisma } from '@pareto-studio/prisma-sqlite';
import { currentDialect, getDb, type Tx } from './client';
import { newId } from './ids';
import { appendEvents } from './events';
import { NotFoundError } from '../errors';
import type { z } from 'zod';
import type { RunView } from '../contract/run-view';
import type { CreateRunInput, ListRunsQuery, ObjectiveDef, RunSource, RunStatus } from '../contract/run-log';

/** What every run view loads with the run: its tags, experiment, and the name of the token that created it. */
export const runInclude = { tags: true, experiment: true, createdBy: { select: { name: true } } } as const;
const include = runInclude;
type RunRow = Prisma.RunGetPayload<{ include: typeof runInclude }>;

export function toRunView(r: RunRow): RunView {
  return {
    id: r.id,
    name: r.name,
    environment: r.environment,
    algorithm: r.algorithm,
    config: r.config as Record<string, unknown>,
    seed: r.seed,
    status: r.status as RunStatus,
    source: r.source as RunSource,
    objectives: r.objectives as ObjectiveDef[],
    tags: r.tags.map((t) => t.tag).sort(),
    notes: r.notes,
    error: r.error,
    totalSteps: r.totalSteps,
    lastStep: r.lastStep,
    latestHypervolume: r.latestHypervolume,
    experiment: r.experiment ? { id: r.experiment.id, name: r.experiment.name } : null,
    workerId: r.workerId,
    heartbeatAt: r.heartbeatAt,
    cancelRequestedAt: r.cancelRequestedAt,
    attempts: r.attempts,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    createdBy: r.createdBy?.name ?? null,
  };
}
export type { RunView };

/** A run to create: the contract's CreateRunInput (defaults filled), plus what the server adds. */
export type NewRun = z.output<typeof CreateRunInput> & {
  /** The API token creating the run (team mode); it may then log to the run. */
  createdByTokenId?: string | null;
  /** The claim a running built-in run is born with (an in-process trainer's). */
  workerId?: string | null;
};

/** Creates a run (and its experiment by name if new). An existing `id` returns that run unchanged. */
export async function createRun(input: NewRun): Promise<{ run: RunView; created: boolean }> {
  const db = await getDb();
  if (input.id) {
    const existing = await getRun(input.id);
    if (existing) return { run: existing, created: false };
  }
  const now = new Date();
  const row = await db.$transaction(async (tx) => {
    const experimentId = input.experiment ? await experimentIdByName(tx, input.experiment) : null;
    const run = await tx.run.create({
      data: {
        id: input.id ?? newId('r'),
        name: input.name,
        environment: input.environment,
        algorithm: input.algorithm,
        config: input.config as Prisma.InputJsonValue,
        seed: input.seed,
        source: input.source,
        status: input.status,
        objectives: input.objectives,
        notes: input.notes,
        totalSteps: input.totalSteps,
        createdByTokenId: input.createdByTokenId ?? null,
        workerId: input.workerId ?? null,
        // A claimed run is alive from the start (else workers would take it for orphaned at once).
        heartbeatAt: input.workerId ? now : null,
        experimentId,
        createdAt: now,
        startedAt: input.status === 'running' ? now : null,
        tags: { create: [...new Set(input.tags)].map((tag) => ({ tag })) },
      },
      include,
    });
    await appendEvents(tx, run.id, [{ kind: 'status', payload: { status: run.status } }]);
    return run;
  });
  return { run: toRunView(row), created: true };
}

/**
 * The experiment's id, created if new. Insert-or-ignore first: two processes
 * creating the same experiment at once both succeed, and the transaction's
 * first statement is a write, so on SQLite it takes the write lock up front
 * (a read first would fail with SQLITE_BUSY_SNAPSHOT when another writer
 * commits before this one's write).
 */
async function experimentIdByName(tx: Tx, name: string): Promise<string> {
  await tx.$executeRaw`INSERT INTO "Experiment" ("id", "name", "createdAt") VALUES (${newId('e')}, ${name}, ${new Date()}) ON CONFLICT ("name") DO NOTHING`;
  return (await tx.experiment.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
}

export async function getRun(id: string): Promise<RunView | null> {
  const db = await getDb();
  const row = await db.run.findUnique({ where: { id }, include });
  return row ? toRunView(row) : null;
}

/** What a run-log write needs to know about its run, in one lean query. */
export async function getRunWriteState(id: string): Promise<{ status: RunStatus; objectives: ObjectiveDef[]; source: RunSource; workerId: string | null }> {
  const db = await getDb();
  const row = await db.run.findUnique({ where: { id }, select: { status: true, objectives: true, source: true, workerId: true } });
  if (!row) throw new NotFoundError('run', id);
  return { status: row.status as RunStatus, objectives: row.objectives as ObjectiveDef[], source: row.source as RunSource, workerId: row.workerId };
}

export async function getRunOrThrow(id: string): Promise<RunView> {
  const run = await getRun(id);
  if (!run) throw new NotFoundError('run', id);
  return run;
}

/** The runs list's filter: the contract's ListRunsQuery (GET /api/runs). */
export type RunFilter = ListRunsQuery;

/** Newest first; keyset pagination on (createdAt, id). */
export async function listRuns(filter: RunFilter): Promise<{ runs: RunView[]; nextCursor: string | null }> {
  const db = await getDb();
  const where: Prisma.RunWhereInput = {
    ...(filter.status ? { status: { in: filter.status } } : {}),
    ...(filter.algorithm ? { algorithm: filter.algorithm } : {}),
    ...(filter.environment ? { environment: filter.environment } : {}),
    ...(filter.tag ? { tags: { some: { tag: filter.tag } } } : {}),
    ...(filter.experiment ? { experiment: { name: filter.experiment } } : {}),
    ...(filter.q ? searchWhere(filter.q) : {}),
  };
  if (filter.cursor) {
    const anchor = await db.run.findUnique({ where: { id: filter.cursor }, select: { createdAt: true, id: true } });
    if (!anchor) throw new NotFoundError('cursor run', filter.cursor);
    where.OR = [{ createdAt: { lt: anchor.createdAt } }, { createdAt: anchor.createdAt, id: { lt: anchor.id } }];
  }
  const rows = await db.run.findMany({
    where,
    include,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit).map(toRunView);
  return { runs: page, nextCursor: rows.length > filter.limit ? page[page.length - 1].id : null };
}

/** Name, notes or a tag contains `q`, ignoring case. */
function searchWhere(q: string): Prisma.RunWhereInput {
  const contains = currentDialect().containsInsensitive(q);
  return { OR: [{ name: contains }, { notes: contains }, { tags: { some: { tag: contains } } }] };
}

/** Moves a run to a final status. Returns false if it was already final. */
/** `workerId`: only while this worker holds the run's claim (built-in runs). */
export async function finishRunRow(id: string, status: 'finished' | 'failed' | 'cancelled', error?: string, workerId?: string): Promise<boolean> {
  const db = await getDb();
  const changed = await db.$transaction(async (tx) => {
    const res = await tx.run.updateMany({
      where: { id, status: { in: ['queued', 'running'] }, ...(workerId ? { workerId } : {}) },
      data: { status, error: error ?? null, finishedAt: new Date(), workerId: null },
    });
    if (res.count === 1) await appendEvents(tx, id, [{ kind: 'status', payload: { status, ...(error ? { error } : {}) } }]);
    return res.count === 1;
  });
  if (!changed) await getRunOrThrow(id);
  return changed;
}

export async function deleteRun(id: string): Promise<void> {
  const db = await getDb();
  const res = await db.run.deleteMany({ where: { id } });
  if (res.count === 0) throw new NotFoundError('run', id);
}
