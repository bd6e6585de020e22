import type { Rng } from './rng';
import type { Vocab } from './vocab';

export type Split = 'train' | 'test';
export type EnvName = 'calc' | 'hops';

export interface ObjectiveSpec {
  name: string;
  direction: 'maximize' | 'minimize';
}

/** The objective vector every env reports, in this order. */
export const OBJECTIVES: readonly ObjectiveSpec[] = [
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

export interface Objectives {
  accuracy: number;
  tool_calls: number;
  tokens: number;
}

/** A supervised warm-start trace: full token ids and which of them are tool output. */
export interface Trace {
  tokens: number[];
  sources: number[];
  /** How the trace was produced, for statistics. */
  calls: number;
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
  readonly objectives: readonly ObjectiveSpec[];
  readonly buckets: readonly string[];
  /** Longest trace the env produces (prompt + steps + answer), for context sizing. */
  readonly maxTraceLength: number;
  /** n prompts from the split; deterministic given rng. */
  samplePrompts(split: Split, n: number, rng: Rng): Prompt[];
  /** Execute one call: `args` are the tokens strictly between CALL and ENDCALL. */
  executeTool(args: readonly number[]): ToolResult;
  /** Objective vector of a finished (or truncated) trajectory. */
  score(traj: ScoredTrajectory): Objectives;
  /** A warm-start trace for the prompt mixing tool calls and direct answers. */
  warmStartTrace(prompt: Prompt, rng: Rng): Trace;
  /** Human-readable trajectory: tool calls as [..], tool outputs as {..}. */
  render(tokens: ArrayLike<number>, sources: ArrayLike<number>): string;
}
