/**
 * Runs of the built-in trainer: validated training configs queued for a
 * worker, clones of existing runs with changes, and runs a browser trains.
 */
import { z } from 'zod';
import { getRunOrThrow, type RunView } from '../db';
import { ValidationError } from '../errors';
import { parseTrainConfig, runObjectives } from '../training/config'; // no tfjs: the web server imports this
import { startRun, parse, type WriterContext } from '../runs/run-log';
import { Tags } from '../contract/params';

export const QueueRunInput = z.strictObject({
  source: z.literal('builtin'),
  name: z.string().min(1).max(200).optional(),
  seed: z.number().int().min(0).max(2_147_483_647).default(0),
  /** Training config overrides (env, algorithm, steps, ...); everything else takes its default. */
  config: z.record(z.string(), z.unknown()).default({}),
  tags: Tags.default([]),
  notes: z.string().max(10_000).optional(),
  experiment: z.string().min(1).max(200).optional(),
});
export type QueueRunInput = z.input<typeof QueueRunInput>;

function withPrefix<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ValidationError) {
      throw new ValidationError(err.issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix })));
    }
    throw err;
  }
}

/** Validates a training config and queues the run for a worker. */
export async function queueRun(input: unknown, ctx: WriterContext = {}): Promise<RunView> {
  return createTrainerRun(parse(QueueRunInput, input), 'builtin', ctx);
}

/**
 * POST /api/runs with `source: "browser"`: the built-in trainer, run in the
 * caller's browser tab. Same body and validation as a queued run; the run is
 * created running, with no worker claim, owned by the caller's token (its
 * session in a browser): that writer logs to it through the HTTP run log,
 * checkpoints included, like an external trainer. No worker ever claims it.
 */
export const BrowserRunInput = QueueRunInput.extend({ source: z.literal('browser') });
export type BrowserRunInput = z.input<typeof BrowserRunInput>;

export async function startBrowserRun(input: unknown, ctx: WriterContext = {}): Promise<RunView> {
  return createTrainerRun(parse(BrowserRunInput, input), 'browser', ctx);
}

async function createTrainerRun(data: Omit<z.output<typeof QueueRunInput>, 'source'>, source: 'builtin' | 'browser', ctx: WriterContext): Promise<RunView> {
  const config = withPrefix('config', () => parseTrainConfig(data.config));
  const { run } = await startRun(
    {
      name: data.name ?? `${config.env} · ${config.algorithm} · seed ${data.seed}`,
      environment: config.env,
      algorithm: config.algorithm,
      config,
      seed: data.seed,
      source,
      status: source === 'builtin' ? 'queued' : 'running',
      objectives: runObjectives(config),
      tags: data.tags,
      notes: data.notes,
      experiment: data.experiment,
      totalSteps: config.steps,
    },
    ctx,
  );
  return run;
}

export const CloneRunInput = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  /** Config keys to change; the rest is copied from the original run. */
  config: z.record(z.string(), z.unknown()).default({}),
  tags: Tags.optional(),
  notes: z.string().max(10_000).optional(),
});

/** Queues a copy of a built-in run, with changes. */
export async function cloneRun(runId: string, input: unknown, ctx: WriterContext = {}): Promise<RunView> {
  const changes = parse(CloneRunInput, input);
  const original = await getRunOrThrow(runId);
  if (original.source !== 'builtin') {
    throw new ValidationError([{ path: 'runId', message: 'only built-in runs can be cloned (this one was trained elsewhere)' }]);
  }
  const seed = changes.seed ?? original.seed;
  return queueRun(
    {
      source: 'builtin',
      name: changes.name ?? `${original.name} (clone)`,
      seed,
      config: { ...original.config, ...changes.config },
      tags: changes.tags ?? original.tags,
      notes: changes.notes ?? original.notes ?? undefined,
      experiment: original.experiment?.name,
    },
    ctx,
  );
}
