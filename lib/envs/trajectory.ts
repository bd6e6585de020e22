/**
 * Env-independent pieces of the trace protocol: scoring, rendering, the
 * train/test split and trace assembly. Every env speaks the grammar in vocab.ts.
 */
import { hashString } from '../rng';
import type { Rng } from '../rng';
import { ANSWER, CALL, ENDCALL, EOS, STEP } from './vocab';
import type { Vocab } from './vocab';
import { SRC_POLICY, SRC_PROMPT, SRC_TOOL } from './types';
import type { ObjectiveVector, Prompt, ScoredTrajectory, Split, ToolResult, Trace } from './types';

/** Fraction of the question space reserved for the test split. */
export const TEST_FRACTION = 0.2;
/** Fraction reserved for the validation split (what the trainer may adapt on; never the test split). */
export const VALIDATION_FRACTION = 0.1;

/**
 * Which split a question belongs to: a seeded hash u ∈ [0, 1) of its text —
 * test when u < TEST_FRACTION, validation when u < TEST_FRACTION +
 * VALIDATION_FRACTION, else train — so the three splits are disjoint by
 * construction.
 */
export function splitOf(questionId: string, seed: number): Split {
  const u = hashString(`${seed}:${questionId}`) / 4294967296;
  return u < TEST_FRACTION ? 'test' : u < TEST_FRACTION + VALIDATION_FRACTION ? 'validation' : 'train';
}

/** Draw n prompts from `split` by rejection from `generate`. */
export function sampleFromSplit(split: Split, n: number, seed: number, generate: () => Prompt): Prompt[] {
  const out: Prompt[] = [];
  for (let guard = 0; out.length < n; guard++) {
    if (guard > n * 1000 + 10000) throw new Error(`cannot draw ${n} ${split} prompts`);
    const p = generate();
    if (splitOf(p.id, seed) === split) out.push(p);
  }
  return out;
}

/**
 * Objective vector, in OBJECTIVES order: accuracy = exact match of the first ANSWER ... EOS span
 * written by the policy; tool_calls = CALL tokens the policy emitted
 * (malformed ones included); tokens = tokens the policy generated.
 */
export function scoreTrajectory(traj: ScoredTrajectory): ObjectiveVector {
  const { tokens, sources } = traj;
  let calls = 0;
  let generated = 0;
  let answer: number[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    if (sources[i] !== SRC_POLICY) continue;
    generated++;
    if (tokens[i] === CALL) calls++;
    if (tokens[i] === ANSWER && answer === null) {
      const span: number[] = [];
      let closed = false;
      for (let j = i + 1; j < tokens.length && sources[j] === SRC_POLICY; j++) {
        if (tokens[j] === EOS) {
          closed = true;
          break;
        }
        span.push(tokens[j]);
      }
      answer = closed ? span : [];
    }
  }
  const expected = traj.prompt.answer;
  const correct = answer !== null && answer.length === expected.length && answer.every((t, k) => t === expected[k]);
  return [correct ? 1 : 0, calls, generated]; // accuracy, tool_calls, tokens
}

/** Text with tool calls shown as [..] and tool outputs wrapped in {..}. */
export function renderTrajectory(vocab: Vocab, tokens: ArrayLike<number>, sources: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < tokens.length; i++) {
    const inTool = sources[i] === SRC_TOOL;
    if (inTool && (i === 0 || sources[i - 1] !== SRC_TOOL)) s += '{';
    s += vocab.tokens[tokens[i]] ?? '�';
    if (inTool && (i + 1 >= tokens.length || sources[i + 1] !== SRC_TOOL)) s += '}';
  }
  return s;
}

/** Builds a warm-start trace step by step. */
export class TraceBuilder {
  readonly tokens: number[] = [];
  readonly sources: number[] = [];
  calls = 0;

  constructor(prompt: Prompt) {
    for (const t of prompt.tokens) this.push(t, SRC_PROMPT);
  }

  private push(t: number, src: number) {
    this.tokens.push(t);
    this.sources.push(src);
  }

  /** CALL args ENDCALL, then the tool's output. */
  toolStep(args: number[], result: ToolResult): this {
    this.calls++;
    this.push(CALL, SRC_POLICY);
    for (const t of args) this.push(t, SRC_POLICY);
    this.push(ENDCALL, SRC_POLICY);
    for (const t of result.tokens) this.push(t, SRC_TOOL);
    return this;
  }

  /** value STEP written by the model itself. */
  mentalStep(value: number[]): this {
    for (const t of value) this.push(t, SRC_POLICY);
    this.push(STEP, SRC_POLICY);
    return this;
  }

  answer(value: number[]): Trace {
    this.push(ANSWER, SRC_POLICY);
    for (const t of value) this.push(t, SRC_POLICY);
    this.push(EOS, SRC_POLICY);
    return { tokens: this.tokens, sources: this.sources, calls: this.calls };
  }
}

/** Tool output for a value: value STEP. */
export function toolOutput(value: number[]): ToolResult {
  return { tokens: [...value, STEP], ok: true };
}

export function toolError(): ToolResult {
  return { tokens: [/* ERR */ 7, STEP], ok: false };
}

/** Per-step choice used by warm-start traces: tool with probability p. */
export function choose(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/**
 * The base policy's habit at one step, applied with noise: the habitual
 * choice with probability `follow`, the other one otherwise.
 */
export function habitChoice(rng: Rng, habitCalls: boolean, follow: number): boolean {
  return rng.bool(follow) ? habitCalls : !habitCalls;
}
