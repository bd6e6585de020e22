/**
 * `evaluate()` of the trainer: the current policy, greedy, on a fixed subset
 * of the test split (evalSize questions drawn with evalSeed, the same for
 * every run of an env seed) — or of the validation split (validationSize
 * questions), which is what adaptive estimators see. Returns the evaluation point.
 */
import { evaluate as agentEvaluate, type DecoderKind, type Policy } from '../agent';
import type { ToolEnv } from '../envs';
import type { TrainConfig } from './config';

export interface TrainEvaluation {
  /** Mean objective vector per question, in env.objectives order (the run's objective order). */
  objectives: number[];
  /** Correct answers per tool call (null when the policy made no calls). */
  toolProductivity: number | null;
  /** Per-bucket accuracy and tool calls, as stored in an evaluation point's `extra.buckets` (lib/experiments reads them). */
  buckets: Record<string, { n: number; accuracy: number; toolCalls: number }>;
  seconds: number;
  /** A few test trajectories, for the run log. */
  samples: Awaited<ReturnType<typeof agentEvaluate>>['trajectories'];
  /** Ids of the questions evaluated. */
  promptIds: string[];
}

export function toolProductivity(accuracy: number, toolCalls: number): number | null {
  return toolCalls > 0 ? accuracy / toolCalls : null;
}

export async function evaluatePolicy(
  policy: Policy,
  env: ToolEnv,
  config: Pick<TrainConfig, 'evalSize' | 'evalSeed'> & Partial<Pick<TrainConfig, 'validationSize'>>,
  samples = 8,
  split: 'test' | 'validation' = 'test',
  policyMode: 'base' | 'oracle' = 'base',
  decoder: DecoderKind = 'tfjs',
): Promise<TrainEvaluation> {
  const n = split === 'test' ? config.evalSize : (config.validationSize ?? 64);
  const r = await agentEvaluate(policy, env, split, { n, seed: config.evalSeed, greedy: true, batchSize: 256, policyMode, decoder });
  const [acc, calls] = ['accuracy', 'tool_calls'].map((name) => env.objectives.findIndex((o) => o.name === name));
  const buckets: TrainEvaluation['buckets'] = {};
  for (const [k, b] of Object.entries(r.buckets)) buckets[k] = { n: b.n, accuracy: b.objectives[acc], toolCalls: b.objectives[calls] };
  return {
    objectives: r.objectives,
    toolProductivity: toolProductivity(r.objectives[acc], r.objectives[calls]),
    buckets,
    seconds: r.seconds,
    samples: r.trajectories.slice(0, samples),
    promptIds: r.trajectories.map((t) => t.prompt.id),
  };
}
