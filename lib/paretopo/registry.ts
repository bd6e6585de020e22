/**
 * The algorithm registry the trainer CLI and the web form read: every
 * algorithm's name, one-line description and zod options schema (each option
 * with a description and a default), and `createEstimator`, which validates
 * objectives and options and names whatever is wrong.
 */
import { z } from 'zod';
import type { AdvantageEstimator } from './estimator';
import { createGrpo, GrpoOptionsSchema } from './grpo';
import { createHvContrib, HvContribOptionsSchema } from './hv-contrib';
import { createHvMeta, HvMetaOptionsSchema } from './hv-meta';
import { createMoGrpo, MoGrpoOptionsSchema } from './mo-grpo';
import { parseObjectives } from './objectives';
import { createOtc, OtcOptionsSchema } from './otc';
import { createParetoPo, ParetoPoOptionsSchema, type ParetoPoEstimator } from './paretopo';
import { createStatic, StaticOptionsSchema } from './static-scalarization';

export const ALGORITHMS = {
  paretopo: {
    description: 'ParetoPO: hypervolume-guided dynamic scalarization, then Pareto-rank advantages with action-level credit once hypervolume stalls.',
    options: ParetoPoOptionsSchema,
  },
  grpo: {
    description: 'Accuracy-only GRPO (ToRL / Search-R1): group-normalized accuracy on every token.',
    options: GrpoOptionsSchema,
  },
  static: {
    description: 'Fixed linear scalarization of normalized objectives, group-normalized.',
    options: StaticOptionsSchema,
  },
  otc: {
    description: 'OTC-GRPO: correctness-gated reward peaking at the fewest tool calls among correct group members.',
    options: OtcOptionsSchema,
  },
  'mo-grpo': {
    description: 'MO-GRPO / GDPO: each objective standardized within the group, then a weighted sum.',
    options: MoGrpoOptionsSchema,
  },
  'hv-meta': {
    description:
      'Hypervolume-guided meta-reward (Lu et al. 2025): static scalarized reward × m, m = 0.5 + 1.5·tanh(ΔHV) of the last validation checkpoint against the buffer of earlier ones.',
    options: HvMetaOptionsSchema,
  },
  'hv-contrib': {
    description:
      "Per-trajectory hypervolume contribution: scalarized reward × (0.5 + 1.5·tanh of the trajectory's exclusive HV in its group), group-normalized.",
    options: HvContribOptionsSchema,
  },
} as const;

export type AlgorithmName = keyof typeof ALGORITHMS;
export const ALGORITHM_NAMES = Object.keys(ALGORITHMS) as AlgorithmName[];

/** Parsed options (defaults filled in) of each algorithm. */
export type AlgorithmOptions = { [K in AlgorithmName]: z.infer<(typeof ALGORITHMS)[K]['options']> };
/** Options as a caller may write them (every field optional where it has a default). */
export type AlgorithmOptionsInput = { [K in AlgorithmName]: z.input<(typeof ALGORITHMS)[K]['options']> };

export interface OptionDoc {
  name: string;
  description: string;
  default: unknown;
}

/** One row per option: name, one-line description, default. */
export function describeOptions(algorithm: AlgorithmName): OptionDoc[] {
  const schema = algorithmEntry(algorithm).options;
  const shape = schema.shape as Record<string, z.ZodType>;
  const defaults = schema.parse({}) as Record<string, unknown>;
  return Object.keys(shape).map((name) => ({
    name,
    description: shape[name].description ?? '',
    default: defaults[name],
  }));
}

function algorithmEntry(name: string) {
  if (!Object.prototype.hasOwnProperty.call(ALGORITHMS, name)) {
    throw new Error(`unknown algorithm "${name}"; valid algorithms: ${ALGORITHM_NAMES.join(', ')}`);
  }
  return ALGORITHMS[name as AlgorithmName];
}

/** What is wrong with `options` for `algorithm`: each issue keeps its path inside the options (zod's), unknown keys one issue each. */
export interface OptionIssue {
  path: (string | number)[];
  message: string;
}

function parseWithIssues<K extends AlgorithmName>(algorithm: K, options: unknown): { data: AlgorithmOptions[K] } | { issues: OptionIssue[] } {
  const r = algorithmEntry(algorithm).options.safeParse(options ?? {});
  if (r.success) return { data: r.data as AlgorithmOptions[K] };
  return {
    issues: r.error.issues.flatMap((issue): OptionIssue[] =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            path: [...issue.path, key].map((p) => (typeof p === 'symbol' ? String(p) : p)),
            message: `unknown option "${[...issue.path, key].join('.')}" for algorithm "${algorithm}"`,
          }))
        : [
            {
              path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
              message: `invalid option "${issue.path.join('.') || '(options)'}" for algorithm "${algorithm}": ${issue.message}`,
            },
          ],
    ),
  };
}

/** Every issue of `options` for `algorithm` (empty when they parse). */
export function optionIssues(algorithm: AlgorithmName, options: unknown): OptionIssue[] {
  const r = parseWithIssues(algorithm, options);
  return 'issues' in r ? r.issues : [];
}

/**
 * The options of `algorithm` as a caller wrote them, checked against the
 * algorithm's schema but not transformed (no defaults filled): a stored run
 * config keeps what was chosen, so an explicit `scales: {}` stays distinct
 * from "not given". Each issue keeps its zod path inside the options.
 */
export function writtenOptionsSchema<K extends AlgorithmName>(algorithm: K) {
  // Partial<…> is the input type itself (every option has a default); it lets `{}` stand as a default for any K.
  return z.custom<Partial<AlgorithmOptionsInput[K]>>().superRefine((options, ctx) => {
    // An object, never null or an array (`optionIssues` reads a missing value as {}, for createEstimator's callers).
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      ctx.addIssue({ code: 'custom', message: `options of algorithm "${algorithm}" must be an object` });
      return;
    }
    for (const issue of optionIssues(algorithm, options)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
}

/** Parses options for `algorithm`, filling defaults; throws naming the bad option. */
export function parseOptions<K extends AlgorithmName>(algorithm: K, options: unknown): AlgorithmOptions[K] {
  const r = parseWithIssues(algorithm, options);
  if ('issues' in r) throw new Error(r.issues[0].message);
  return r.data;
}

export function createEstimator(
  algorithm: 'paretopo',
  options: AlgorithmOptionsInput['paretopo'] | undefined,
  objectives: readonly { name: string; direction: 'maximize' | 'minimize' }[],
): ParetoPoEstimator;
export function createEstimator<K extends AlgorithmName>(
  algorithm: K,
  options: AlgorithmOptionsInput[K] | undefined,
  objectives: readonly { name: string; direction: 'maximize' | 'minimize' }[],
): AdvantageEstimator;
export function createEstimator(algorithm: string, options: unknown, objectives: unknown): AdvantageEstimator;
export function createEstimator(algorithm: string, options: unknown, objectives: unknown): AdvantageEstimator {
  algorithmEntry(algorithm);
  const objs = parseObjectives(objectives);
  const name = algorithm as AlgorithmName;
  switch (name) {
    case 'paretopo':
      return createParetoPo(objs, parseOptions('paretopo', options));
    case 'grpo':
      return createGrpo(objs, parseOptions('grpo', options));
    case 'static':
      return createStatic(objs, parseOptions('static', options));
    case 'otc':
      return createOtc(objs, parseOptions('otc', options));
    case 'mo-grpo':
      return createMoGrpo(objs, parseOptions('mo-grpo', options));
    case 'hv-meta':
      return createHvMeta(objs, parseOptions('hv-meta', options));
    case 'hv-contrib':
      return createHvContrib(objs, parseOptions('hv-contrib', options));
  }
}
