/**
 * The trainer's configuration (nanoGPT-shaped): one zod schema with a default
 * and a one-line description for every field; an experiment is a set of
 * overrides of it (`parseTrainConfig({ algorithm: 'static', steps: 40 })`).
 *
 * Defaults in brief (see each field): calc, ParetoPO, 80 steps of 8 prompts ×
 * 8 rollouts, Adam 2e-4 constant after a 5-step warmup, PPO clip 0.2, KL 0.02
 * to the warm start, evaluation of 256 fixed test questions every 10 steps.
 */
import { z } from 'zod';
import { ENV_NAMES, OBJECTIVES } from '../envs';
import type { ObjectiveDef } from '../contract/objective';
import { ValidationError } from '../errors';
import { ALGORITHM_NAMES, describeOptions, writtenOptionsSchema, type AlgorithmName, ScaleSchema } from '../paretopo';

const OBJECTIVE_NAMES = OBJECTIVES.map((o) => o.name) as [string, ...string[]];

/** Optional overrides of the policy architecture (also select the cached warm start). */
export const PolicyOverridesSchema = z
  .strictObject({
    nLayer: z.number().int().min(1).max(8).optional().describe('Transformer blocks (default 2).'),
    nEmbd: z.number().int().min(8).max(512).optional().describe('Residual width (default 64).'),
    nHead: z.number().int().min(1).max(16).optional().describe('Attention heads (default 4).'),
    mlpRatio: z.number().int().min(1).max(8).optional().describe('MLP width multiple (default 4).'),
  })
  .default({})
  .describe('Policy architecture overrides (nLayer, nEmbd, nHead, mlpRatio); empty = lib/agent defaults.');

// Fields of every config, before and after the algorithm and its options (one order, so stored configs keep theirs).
const taskFields = {
  // ---- task --------------------------------------------------------------
  env: z.enum(ENV_NAMES).default('calc').describe('Task: calc (arithmetic + calculator) or hops (multi-hop QA + search).'),
  difficulty: z.number().min(0).max(1).nullable().default(null).describe('Env difficulty knob in [0,1]; null = env default (calc 0.5, hops 1).'),
};

const trainerFields = {
  objectiveScales: z
    .enum(['reference', 'estimator'])
    .default('reference')
    .describe(
      "Normalization of minimize objectives for scalarizing estimators (static, hv-meta, hv-contrib, paretopo) unless algorithmOptions.scales is set: 'reference' = linear on [0, hypervolume reference] (the run hypervolume's own scale), 'estimator' = the estimator's default 1/(1+x).",
    ),
  objectives: z
    .array(z.enum(OBJECTIVE_NAMES))
    .min(2)
    .default(['accuracy', 'tool_calls'])
    .describe('Objectives the estimator trains on (all env objectives are logged either way).'),
  // ---- rollouts -----------------------------------------------------------
  steps: z.number().int().min(1).max(100_000).default(80).describe('Training steps (one rollout batch and one update each).'),
  promptsPerStep: z.number().int().min(1).max(256).default(8).describe('Training prompts per step.'),
  groupSize: z.number().int().min(2).max(64).default(8).describe('Rollouts per prompt (G); advantages are computed within each group.'),
  temperature: z.number().positive().max(4).default(1).describe('Sampling temperature of training rollouts.'),
  maxTokens: z.number().int().min(4).max(256).default(40).describe('Cap on policy-generated tokens per rollout.'),
  // ---- optimisation -------------------------------------------------------
  learningRate: z
    .number()
    .positive()
    .max(1)
    .default(2e-4)
    .describe('Peak Adam learning rate (5e-4 degraded the recipe-v3 warm starts within 30 steps for every method).'),
  lrSchedule: z.enum(['constant', 'cosine']).default('constant').describe('After warmup: constant, or cosine decay to 10% of peak at the last step.'),
  warmupSteps: z.number().int().min(0).max(10_000).default(5).describe('Linear learning-rate warmup steps.'),
  clipEps: z.number().min(0).max(1).default(0.2).describe('PPO clip range ε of the surrogate.'),
  klCoef: z.number().min(0).max(10).default(0.02).describe('β of the k3 KL penalty to the warm-start policy (0 = no reference forward).'),
  // ---- evaluation ---------------------------------------------------------
  evalEvery: z.number().int().min(1).max(100_000).default(10).describe('Evaluate (greedy, test split) every this many steps, and at step 0 and the last step.'),
  evalSize: z.number().int().min(8).max(4096).default(256).describe('Test questions per evaluation (a fixed subset, the same for every run).'),
  evalSeed: z.number().int().min(0).default(1234).describe('Seed of the fixed test subset (independent of the run seed).'),
  validationEvery: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(5)
    .describe(
      'Adaptive estimators (ParetoPO): greedy evaluation on a fixed validation subset at step 0 and every this many steps; the only score they adapt on (the test split is only reported).',
    ),
  validationSize: z
    .number()
    .int()
    .min(8)
    .max(4096)
    .default(64)
    .describe('Validation questions per validation evaluation (a fixed subset of the validation split, disjoint from train and test).'),
  // ---- logging and checkpoints -------------------------------------------
  trajectorySample: z.number().int().min(0).max(1024).default(16).describe('Training trajectories per step sent to the run log (whole groups, first prompts).'),
  checkpointEvery: z.number().int().min(1).max(100_000).default(20).describe('Save a resumable checkpoint every this many steps (and at the end).'),
  keepCheckpoints: z.number().int().min(1).max(100).default(2).describe('Checkpoints of the run kept in the database (older ones pruned).'),
  policy: PolicyOverridesSchema,
};

const ALGORITHM_DESCRIPTION = 'Advantage estimator (lib/paretopo registry).';
const OPTIONS_DESCRIPTION = "Options of the chosen algorithm, as written (lib/paretopo's schema of that algorithm checks them); {} = the algorithm's defaults.";

/** The config of one algorithm: `algorithmOptions` typed and checked by that estimator's own options schema. */
function algorithmConfig<K extends AlgorithmName, A extends z.ZodType<K>>(algorithm: K, tag: A) {
  return z.strictObject({
    ...taskFields,
    algorithm: tag.describe(ALGORITHM_DESCRIPTION),
    algorithmOptions: writtenOptionsSchema(algorithm).default({}).describe(OPTIONS_DESCRIPTION),
    ...trainerFields,
  });
}

/** One config schema per algorithm (the default algorithm, ParetoPO, may be omitted from the input). */
export const TrainConfigByAlgorithm = {
  paretopo: algorithmConfig('paretopo', z.literal('paretopo').default('paretopo')),
  grpo: algorithmConfig('grpo', z.literal('grpo')),
  static: algorithmConfig('static', z.literal('static')),
  otc: algorithmConfig('otc', z.literal('otc')),
  'mo-grpo': algorithmConfig('mo-grpo', z.literal('mo-grpo')),
  'hv-meta': algorithmConfig('hv-meta', z.literal('hv-meta')),
  'hv-contrib': algorithmConfig('hv-contrib', z.literal('hv-contrib')),
} satisfies { [K in AlgorithmName]: z.ZodType<{ algorithm: K }> };

const unknownAlgorithm = `Invalid option: expected one of ${ALGORITHM_NAMES.map((n) => JSON.stringify(n)).join('|')}`;

/** The trainer's config: a discriminated union by `algorithm`. */
export const TrainConfigSchema = z
  .discriminatedUnion(
    'algorithm',
    [
      TrainConfigByAlgorithm.paretopo,
      TrainConfigByAlgorithm.grpo,
      TrainConfigByAlgorithm.static,
      TrainConfigByAlgorithm.otc,
      TrainConfigByAlgorithm['mo-grpo'],
      TrainConfigByAlgorithm['hv-meta'],
      TrainConfigByAlgorithm['hv-contrib'],
    ],
    { error: (issue) => (issue.code === 'invalid_union' ? unknownAlgorithm : undefined) },
  )
  .superRefine((c, ctx) => {
    if (new Set(c.objectives).size !== c.objectives.length) ctx.addIssue({ code: 'custom', path: ['objectives'], message: 'duplicate objective' });
    if (!c.objectives.includes('accuracy')) ctx.addIssue({ code: 'custom', path: ['objectives'], message: 'must include accuracy' });
    const { nEmbd = 64, nHead = 4 } = c.policy;
    if (nEmbd % nHead !== 0) ctx.addIssue({ code: 'custom', path: ['policy', 'nHead'], message: `nEmbd ${nEmbd} must be divisible by nHead ${nHead}` });
  });

export type TrainConfig = z.infer<typeof TrainConfigSchema>;
export type TrainConfigInput = z.input<typeof TrainConfigSchema>;

/** The fields of every config, in order (each algorithm's member has the same ones). */
const CONFIG_SHAPE = TrainConfigByAlgorithm.paretopo.shape;

/** Parses and fills defaults; throws a ValidationError naming the field (unknown keys list the valid ones). */
export function parseTrainConfig(input: unknown): TrainConfig {
  const r = TrainConfigSchema.safeParse(input ?? {});
  if (r.success) return r.data;
  const valid = Object.keys(CONFIG_SHAPE).join(', ');
  throw new ValidationError(
    r.error.issues.map((i) => {
      const path = i.path.map(String);
      if (i.code === 'unrecognized_keys') {
        const where = path.length ? path.join('.') + '.' : '';
        const validHere = path.length === 1 && path[0] === 'policy' ? Object.keys(PolicyOverridesSchema.unwrap().shape).join(', ') : valid;
        return { path: `${where}${i.keys[0]}`, message: `unknown option; valid options: ${validHere}` };
      }
      return { path: path.join('.') || '(config)', message: i.message };
    }),
  );
}

export interface TrainOptionDoc {
  name: string;
  description: string;
  default: unknown;
  kind: 'number' | 'integer' | 'enum' | 'boolean' | 'object';
  min?: number;
  max?: number;
  choices?: string[];
}

/** A field's type under its default / nullable / optional wrappers. */
function baseType(field: z.ZodType): z.ZodType {
  const inner = field instanceof z.ZodDefault || field instanceof z.ZodNullable || field instanceof z.ZodOptional ? field.unwrap() : null;
  return inner instanceof z.ZodType ? baseType(inner) : field;
}

/** One row per config field, for the web form and the CLI help. */
export function describeTrainOptions(): TrainOptionDoc[] {
  const defaults = TrainConfigByAlgorithm.paretopo.parse({}) as Record<string, unknown>;
  return Object.entries(CONFIG_SHAPE).map(([name, field]) => {
    const doc: TrainOptionDoc = { name, description: field.description ?? '', default: defaults[name], kind: 'object' };
    if (name === 'algorithm') return { ...doc, kind: 'enum', choices: [...ALGORITHM_NAMES] };
    const inner = baseType(field);
    if (inner instanceof z.ZodNumber) {
      doc.kind = inner.isInt ? 'integer' : 'number';
      if (inner.minValue !== null && Number.isFinite(inner.minValue)) doc.min = inner.minValue;
      if (inner.maxValue !== null && Number.isFinite(inner.maxValue)) doc.max = inner.maxValue;
    } else if (inner instanceof z.ZodEnum) {
      doc.kind = 'enum';
      doc.choices = inner.options.map(String);
    } else if (inner instanceof z.ZodBoolean) doc.kind = 'boolean';
    return doc;
  });
}

/**
 * Hypervolume reference values: accuracy 0 (a policy that is never right
 * adds no volume) and, for tool calls per question, one more than the most
 * calls any question needs (calc: 2 operations → 3; hops: 4 hops → 5).
 * Tokens per question: the rollout cap. The run hypervolume is of
 * (accuracy ↑, tool calls ↓) only, normalized by the reference box.
 */
export const TOOL_CALL_REFERENCE: Record<TrainConfig['env'], number> = { calc: 3, hops: 5 };

/** Best attainable value of each env objective: the far corner of the hypervolume box (run-archive.ts). */
export const OBJECTIVE_BEST: Readonly<Record<string, number>> = { accuracy: 1, tool_calls: 0, tokens: 0 };

/** The run's objectives: every env objective, in the order of the env's score vector, with its reference. */
export function runObjectives(config: TrainConfig): ObjectiveDef[] {
  const ref: Record<string, number> = { accuracy: 0, tool_calls: TOOL_CALL_REFERENCE[config.env], tokens: config.maxTokens };
  return OBJECTIVES.map((o) => ({ name: o.name, direction: o.direction, reference: ref[o.name] }));
}

/**
 * The algorithm options the estimator is created with: algorithmOptions, plus
 * (objectiveScales 'reference', algorithms with a `scales` option, none given)
 * linear min-max scales of the minimize objectives on [0, reference], so that
 * scalarized rewards and ParetoPO's archive measure progress on the same scale
 * as the run hypervolume.
 */
export function estimatorOptions(config: TrainConfig): TrainConfig['algorithmOptions'] {
  const opts = config.algorithmOptions;
  if (config.objectiveScales !== 'reference' || 'scales' in opts) return { ...opts };
  if (!describeOptions(config.algorithm).some((o) => o.name === 'scales')) return { ...opts };
  const scales: Record<string, z.input<typeof ScaleSchema>> = {};
  for (const o of runObjectives(config)) {
    if (o.direction === 'minimize' && config.objectives.includes(o.name)) scales[o.name] = { kind: 'minmax', lo: 0, hi: o.reference };
  }
  return { ...opts, scales };
}
