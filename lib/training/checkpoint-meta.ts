/**
 * What a training checkpoint's meta holds besides the policy weights, as a zod
 * schema: a checkpoint is stored JSON (database or HTTP run log), read back
 * when a run resumes, so it is parsed once here. Format 1 (before objective
 * vectors) kept archive entries as { step, accuracy, toolCalls, tokens } — the
 * env objectives in order — and is upgraded on read.
 */
import { z } from 'zod';

const AdamStateSchema = z.object({
  iterations: z.number(),
  accBeta1: z.number(),
  accBeta2: z.number(),
  slots: z.array(z.object({ name: z.string(), shape: z.array(z.number().int()) })),
  data: z.string(),
});

const EstimatorSnapshotSchema = z.object({
  version: z.literal(1),
  algorithm: z.string(),
  objectives: z.array(z.string()),
  state: z.unknown().transform((s): unknown => s),
});

const ArchivedEvalSchema = z.object({ step: z.number().int(), objectives: z.array(z.number()) });

const common = {
  kind: z.literal('train'),
  step: z.number().int(),
  seed: z.number().int(),
  config: z.record(z.string(), z.unknown()),
  warmStart: z.string(),
  adam: AdamStateSchema,
  estimator: EstimatorSnapshotSchema,
  wallTime: z.number(),
};

export const TrainCheckpointMetaSchema = z.object({ ...common, format: z.literal(2), archive: z.array(ArchivedEvalSchema) });
export type TrainCheckpointMeta = z.infer<typeof TrainCheckpointMetaSchema>;

const TrainCheckpointMetaV1 = z.object({
  ...common,
  format: z.literal(1),
  archive: z.array(z.object({ step: z.number().int(), accuracy: z.number(), toolCalls: z.number(), tokens: z.number() })),
});

/** The meta of a training checkpoint in the current format; throws naming the checkpoint when it is not one. */
export function parseCheckpointMeta(meta: unknown, checkpointId: string): TrainCheckpointMeta {
  const v2 = TrainCheckpointMetaSchema.safeParse(meta);
  if (v2.success) return v2.data;
  const v1 = TrainCheckpointMetaV1.safeParse(meta);
  if (v1.success) return { ...v1.data, format: 2, archive: v1.data.archive.map((e) => ({ step: e.step, objectives: [e.accuracy, e.toolCalls, e.tokens] })) };
  const issue = v2.error.issues[0];
  throw new Error(`checkpoint ${checkpointId} is not a training checkpoint (${issue.path.join('.') || 'meta'}: ${issue.message})`);
}
