/**
 * The run log's wire format: the single source of types for the trainer, the
 * HTTP ingest API and client SDKs. Everything that enters the run log passes
 * through one of these schemas.
 */
import { z } from 'zod';
import { ObjectiveDef } from './objective';
import { intParam, Tags } from './params';

const finite = z.number().finite();
const step = z.number().int().min(0).max(2_147_483_647);
const shortText = (max: number) => z.string().min(1).max(max);

export const RUN_STATUSES = ['queued', 'running', 'finished', 'failed', 'cancelled'] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;
/** A finished, failed or cancelled run never changes status again. */
export const FINAL_STATUSES: readonly RunStatus[] = ['finished', 'failed', 'cancelled'];
export const isFinalStatus = (status: string): boolean => (FINAL_STATUSES as readonly string[]).includes(status);
/** Queued or running: the run may still change (pages keep polling / listening). */
export const isLiveStatus = (status: string): boolean => status === 'queued' || status === 'running';

/**
 * Who trains a run: `builtin` — a worker or the CLI, in process (nobody writes to it over HTTP);
 * `external` — any trainer through the HTTP run log; `browser` — the built-in trainer running in
 * a user's browser tab, writing through the HTTP run log as the session that created it.
 */
export const RunSource = z.enum(['builtin', 'external', 'browser']);
export type RunSource = z.infer<typeof RunSource>;
export { Direction, ObjectiveDef } from './objective';

export const BatchId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 . _ : -');
export const RunId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 _ -');

export { Tag, Tags } from './params';
export const Notes = z.string().max(10_000);

export const CreateRunInput = z
  .strictObject({
    /** Optional client-chosen id; creating the same id twice returns the existing run. */
    id: RunId.optional(),
    name: shortText(200),
    environment: shortText(64),
    algorithm: shortText(64),
    config: z.record(z.string(), z.unknown()).default({}),
    seed: z.number().int().min(0).max(2_147_483_647),
    source: RunSource.default('external'),
    status: z.enum(['queued', 'running']).default('running'),
    objectives: z.array(ObjectiveDef).min(2).max(16),
    tags: Tags.default([]),
    notes: Notes.optional(),
    experiment: shortText(200).optional(),
    totalSteps: z.number().int().min(1).optional(),
  })
  .superRefine((run, ctx) => {
    const seen = new Set<string>();
    run.objectives.forEach((o, i) => {
      if (seen.has(o.name)) ctx.addIssue({ code: 'custom', path: ['objectives', i, 'name'], message: `duplicate objective "${o.name}"` });
      seen.add(o.name);
    });
  });
export type CreateRunInput = z.input<typeof CreateRunInput>;

/** PATCH /api/runs/:id — what a user may edit on a run: its notes (Markdown; null clears) and its tags (replaced as a set). */
export const UpdateRunInput = z
  .strictObject({
    notes: Notes.nullable().optional(),
    tags: Tags.optional(),
  })
  .refine((u) => u.notes !== undefined || u.tags !== undefined, { message: 'nothing to update: give notes and/or tags' });
export type UpdateRunInput = z.infer<typeof UpdateRunInput>;

export const StepRecord = z.strictObject({
  step,
  stage: z.number().int().min(0).max(16).optional(),
  hypervolume: finite.optional(),
  objectiveMeans: z.record(z.string(), finite).optional(),
  weights: z.array(finite).optional(),
  loss: finite.optional(),
  kl: finite.optional(),
  entropy: finite.optional(),
  wallTime: finite.min(0).optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type StepRecord = z.infer<typeof StepRecord>;

export const SEGMENT_KINDS = ['prompt', 'text', 'call', 'tool', 'answer'] as const;
export const TokenSegment = z.strictObject({ kind: z.enum(SEGMENT_KINDS), text: z.string().max(10_000) });
export type TokenSegment = z.infer<typeof TokenSegment>;

/** Where a logged trajectory comes from: a training rollout or an evaluation sample (not the prompt split of lib/envs). */
export const TrajectorySplit = z.enum(['train', 'eval']);
export type TrajectorySplit = z.infer<typeof TrajectorySplit>;

export const TrajectoryRecord = z.strictObject({
  step,
  group: z.number().int().min(0),
  index: z.number().int().min(0),
  split: TrajectorySplit.default('train'),
  prompt: z.string().max(10_000),
  /** Generated tokens with tool calls and tool outputs, in order. */
  tokens: z.array(TokenSegment).max(4096),
  /** In the order of the run's objective definitions. */
  objectives: z.array(finite),
  rank: z.number().int().min(1).nullable().optional(),
  advantage: finite.nullable().optional(),
  reward: finite.nullable().optional(),
});
export type TrajectoryRecord = z.input<typeof TrajectoryRecord>;

export const EvalPointRecord = z.strictObject({
  step,
  split: z.string().min(1).max(32).default('test'),
  objectives: z.array(finite),
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type EvalPointRecord = z.input<typeof EvalPointRecord>;

/** Points summed over every frontier of one batch (see MAX_BATCH_ROWS). */
export const MAX_FRONTIER_POINTS_PER_BATCH = 5_000;

export const FrontierRecord = z.strictObject({
  step,
  points: z.array(z.array(finite)).max(MAX_FRONTIER_POINTS_PER_BATCH),
  hypervolume: finite.min(0),
});
export type FrontierRecord = z.input<typeof FrontierRecord>;

/**
 * Per-batch limits, sized so that validating and writing one batch holds the
 * database write lock and the server's event loop well under ~100 ms on a
 * small machine (frontier points, parsed + checked + validated + written on 2
 * shared cores: 5,000 in ~50 ms, 20,000 in 120-210 ms). Larger uploads are
 * split by the client into several batches. Every request body is also capped
 * at MAX_BODY_BYTES (lib/api/body.ts).
 */
export const MAX_BATCH_ROWS = {
  steps: 1_000,
  trajectories: 2_000,
  evalPoints: 1_000,
  frontiers: 100,
} as const;

/** A batch of one kind of record, applied at most once per (run, batchId). */
export function batchOf<T extends z.ZodType>(record: T, maxRows: number) {
  return z.strictObject({ batchId: BatchId, records: z.array(record).min(1).max(maxRows) });
}
export const StepBatch = batchOf(StepRecord, MAX_BATCH_ROWS.steps);
export const TrajectoryBatch = batchOf(TrajectoryRecord, MAX_BATCH_ROWS.trajectories);
export const EvalPointBatch = batchOf(EvalPointRecord, MAX_BATCH_ROWS.evalPoints);
export const FrontierBatch = batchOf(FrontierRecord, MAX_BATCH_ROWS.frontiers).superRefine((b, ctx) => {
  let total = 0;
  for (const r of b.records) total += r.points.length;
  if (total > MAX_FRONTIER_POINTS_PER_BATCH) {
    ctx.addIssue({
      code: 'custom',
      path: ['records'],
      message: `holds ${total} frontier points; at most ${MAX_FRONTIER_POINTS_PER_BATCH} per batch (split it into several batches)`,
    });
  }
});

export const FinishInput = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('finished') }),
  z.strictObject({ status: z.literal('failed'), error: z.string().min(1).max(20_000) }),
  z.strictObject({ status: z.literal('cancelled') }),
]);
export type FinishInput = z.infer<typeof FinishInput>;

// ---- read API queries -------------------------------------------------------

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));

export const ListRunsQuery = z.strictObject({
  status: csv(RunStatus).optional(),
  algorithm: shortText(64).optional(),
  environment: shortText(64).optional(),
  tag: shortText(64).optional(),
  experiment: shortText(200).optional(),
  /** Search: runs whose name, notes or one of whose tags contains this text (case-insensitive). */
  q: z.string().trim().min(1).max(200).optional(),
  limit: intParam(1, 200).default(50),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
});
export type ListRunsQuery = z.infer<typeof ListRunsQuery>;

export const MetricsQuery = z.strictObject({
  /** Only steps strictly after this one. */
  after: intParam(-1, 2_147_483_647).default(-1),
  limit: intParam(1, 100_000).default(10_000),
});
export type MetricsQuery = z.infer<typeof MetricsQuery>;

export const TrajectoriesQuery = z.strictObject({
  step: intParam(0, 2_147_483_647).optional(),
  rank: intParam(1, 1_000_000).optional(),
  split: TrajectorySplit.optional(),
  limit: intParam(1, 1000).default(100),
  /** Trajectory id to continue after (from `nextCursor`). */
  cursor: intParam(0, 2_147_483_647).optional(),
});
export type TrajectoriesQuery = z.infer<typeof TrajectoriesQuery>;

/** GET /api/compare?runs=ID,ID,... — 2 to 20 distinct runs. */
export const CompareQuery = z.strictObject({
  runs: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(RunId).min(2, 'give 2 to 20 run ids').max(20, 'give 2 to 20 run ids'))
    .refine((ids) => new Set(ids).size === ids.length, 'run ids must be distinct'),
});
export type CompareQuery = z.infer<typeof CompareQuery>;

export const DeleteRunQuery = z.strictObject({ confirm: z.string().max(64).optional() });

/**
 * Checkpoints over HTTP. Weights travel base64-encoded; a checkpoint of the
 * default policy (weights ≈ 0.43 MB, Adam moments twice that, in base64 in
 * meta) is ≈ 1.8 MB of JSON, well under the 8 MiB body limit; 7 MiB of
 * base64 weights is the most one checkpoint may carry.
 */
export const MAX_CHECKPOINT_BASE64 = 7 * 1024 * 1024;
const Base64 = z
  .string()
  .max(MAX_CHECKPOINT_BASE64, `must be at most ${MAX_CHECKPOINT_BASE64} base64 characters`)
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'must be base64');

/** POST /api/runs/:id/checkpoints — a checkpoint of this run; the run keeps its newest `keep`. */
export const CheckpointInput = z.strictObject({
  step,
  weights: Base64,
  meta: z.record(z.string(), z.unknown()),
  keep: z.number().int().min(1).max(100).default(3),
});
export type CheckpointInput = z.input<typeof CheckpointInput>;

/** Name of a shared checkpoint (a warm start: `warmstart-calc-d0.5-s0-b48f63fb-v4.3`). */
export const CheckpointName = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 . _ -');

/** POST /api/checkpoints/:name — a named shared checkpoint (replaces one of that name). */
export const NamedCheckpointInput = z.strictObject({ step, weights: Base64, meta: z.record(z.string(), z.unknown()) });
export type NamedCheckpointInput = z.input<typeof NamedCheckpointInput>;
