import type { ObjectiveDef } from '../contract/objective';
import type { Rng } from '../rng';
import type { Vocab } from './vocab';

/** Hash splits of the question space: train (RL and warm start), validation (what the trainer adapts on), test (reported only). */
export type Split = 'train' | 'validation' | 'test';
export type EnvName = 'calc' | 'hops';

/** An env's objective: the contract's ObjectiveDef without its reference (the run sets that, see runObjectives). */
export type EnvObjective = Omit<ObjectiveDef, 'reference'>;

/** The objective vector every env's `score` returns, in this order. */
export const OBJECTIVES: readonly EnvObjective[] = [
  { name: 'accuracy', direction: 'maximize' },
  { name: 'tool_calls', direction: 'minimize' },
  { name: 'tokens', direction: 'minimize' },
];

export interface Prompt {
  /** Stable id (the question text); train and test ids never overlap. */
  id: string;
  /** BOS question '=' */
  tokens: number[];
  /** Token ids of the correct answer value. */
  answer: number[];
  /** Difficulty bucket, e.g. calc 'easy' | 'hard', hops 'common' | 'rare'. */
  bucket: string;
}

/** Result of executing one tool call: tokens appended to the context. */
export interface ToolResult {
  tokens: number[];
  ok: boolean;
}

/** Token source flags of a trajectory. */
export const SRC_PROMPT = 0;
export const SRC_POLICY = 1;
export const SRC_TOOL = 2;

export interface ScoredTrajectory {
  prompt: Prompt;
  /** Full token ids, prompt included. */
  tokens: ArrayLike<number>;
  /** SRC_PROMPT | SRC_POLICY | SRC_TOOL per token. */
  sources: ArrayLike<number>;
}

/** An objective vector: one value per objective, in the order of its objective list (here env.objectives). */
export type ObjectiveVector = number[];

/** A supervised warm-start trace: full token ids and which of them are tool output. */
export interface Trace {
  tokens: number[];
  sources: number[];
  /** How the trace was produced, for statistics. */
  calls: number;
  /**
   * False when the trace's teacher, following its habit, worked a step
   * mentally that it cannot do (hops: a rare fact it does not know): its own
   * answer would have been wrong, so the trace is not in the warm-start
   * corpus (rejection sampling on correctness, as tool-use SFT corpora are
   * built). The trace itself is still the correct one. Absent = true.
   */
  inCorpus?: boolean;
}

export interface ToolEnv {
  readonly name: EnvName;
  /**
   * Version of the env's problem distribution, tokenization and warm-start
   * traces (part of warm-start checkpoint names, so cached checkpoints of an
   * older version are never reused). 1 when absent.
   */
  readonly version?: number;
  readonly seed: number;
  readonly difficulty: number;
  readonly vocab: Vocab;
  readonly objectives: readonly EnvObjective[];
  readonly buckets: readonly string[];
  /** Longest trace the env produces (prompt + steps + answer), for context sizing. */
  readonly maxTraceLength: number;
  /** n prompts from the split; deterministic given rng. */
  samplePrompts(split: Split, n: number, rng: Rng): Prompt[];
  /** Execute one call: `args` are the tokens strictly between CALL and ENDCALL. */
  executeTool(args: readonly number[]): ToolResult;
  /** Objective vector of a finished (or truncated) trajectory, in `objectives` order. */
  score(traj: ScoredTrajectory): ObjectiveVector;
  /**
   * Which steps of the prompt's solution need the tool, in order (the
   * `oracle` routing policy calls exactly on these steps and works the
   * others mentally). A step "needs" the tool when the task's design puts it
   * out of the model's reach without one (calc: a product ≥ 100; hops: a
   * rare fact).
   */
  toolPlan(prompt: Prompt): boolean[];
  /** A warm-start trace for the prompt mixing tool calls and direct answers. */
  warmStartTrace(prompt: Prompt, rng: Rng): Trace;
  /** Human-readable trajectory: tool calls as [..], tool outputs as {..}. */
  render(tokens: ArrayLike<number>, sources: ArrayLike<number>): string;
}
