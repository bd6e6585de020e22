/**
 * `calc`: arithmetic over small integers with a one-operation calculator.
 *
 * Three kinds of question (version 3):
 *   easy   a±b      one carry-free / borrow-free addition or subtraction
 *                   (2-digit a, b of 2 digits or 1 digit): every answer digit
 *                   is a function of the digits above it, so a small
 *                   transformer works it "mentally" and generalises;
 *   hard   a*b      one product ≥ 100 (one operand a single digit in a
 *                   share of them), which it mostly cannot do without the tool;
 *   mixed  (a+b)*c  a carry-free addition (no tool needed) then a product
 *                   ≥ 100 of its result (tool needed): calls within one
 *                   trajectory differ in usefulness.
 * `toolPlan` marks the product steps; the `oracle` routing policy calls
 * exactly there. Buckets: 'easy' (no step needs the tool) and 'hard'.
 *
 * The calculator evaluates exactly one binary operation per call:
 *   [12*34]  ->  408;
 * anything else (missing operand, two operators, parentheses, >6 digits) is a
 * tool error `?;` that still counts as a call.
 *
 * The warm start is miscalibrated both ways, like an off-the-shelf tool-using
 * LLM that judges by how a step looks rather than by what it needs: its
 * traces follow the habit "call when both operands have two digits" (with
 * probability CALC_TRACE_MIX.habitFollow, the other choice otherwise), so it
 * calls on most easy additions (2-digit + 2-digit) and works products with a
 * 1-digit operand mentally (wrong, mostly). RL has room on both objectives.
 *
 * `difficulty` in [0, 1] is the fraction of questions with a product (half of
 * them mixed).
 */
import { Rng } from '../rng';
import { OBJECTIVES } from './types';
import type { Prompt, ToolEnv, ToolResult, Trace, ScoredTrajectory, ObjectiveVector, Split } from './types';
import { Vocab, BOS } from './vocab';
import { TraceBuilder, habitChoice, renderTrajectory, sampleFromSplit, scoreTrajectory, toolError, toolOutput } from './trajectory';

type Op = '+' | '-' | '*';
interface Step {
  a: number;
  op: Op;
  b: number;
  value: number;
  hard: boolean;
}
interface Problem {
  text: string;
  value: number;
  steps: Step[];
}

/** Warm-start trace habits and the question mix (see the header). */
export const CALC_TRACE_MIX = {
  /**
   * P(a trace step follows the habit "call iff both operands have ≥ 2
   * digits"). Above 1/2, so greedy decoding follows the habit; low enough
   * that 2-digit additions are worked mentally in a third of the traces
   * (the skill the oracle relies on).
   */
  habitFollow: 0.65,
  /** P(an easy question's second operand has one digit). */
  easyShortOperand: 0.2,
  /** P(a product has a one-digit operand). */
  hardShortOperand: 0.65,
  /** Share of the product questions that are mixed (a+b)*c. */
  mixed: 0.5,
};

/**
 * Version of the calc traces and problem distribution: part of the
 * warm-start checkpoint name, so a change here never reuses a stale cached
 * checkpoint. 2: carry-free 2-digit easy problems, easy problems one
 * operation, new trace mix. 3: easy / hard / mixed questions, habit-driven
 * (miscalibrated) warm-start traces, a validation split.
 */
export const CALC_VERSION = 3;

function mk(a: number, op: Op, b: number): Step {
  const value = op === '+' ? a + b : op === '-' ? a - b : a * b;
  return { a, op, b, value, hard: op === '*' && value >= 100 };
}

/** The base policy's habit for one step: call iff both operands have at least two digits. */
export function calcHabitCalls(step: { a: number; b: number }): boolean {
  return Math.abs(step.a) >= 10 && Math.abs(step.b) >= 10;
}

/** A carry-free addition (sum ≤ 99, 2-digit a) or borrow-free subtraction (answer ≥ 10). */
function easyStep(rng: Rng, shortB: boolean): Step {
  if (rng.bool()) {
    const a1 = rng.int(1, shortB ? 9 : 8);
    const b1 = shortB ? 0 : rng.int(1, 9 - a1);
    const a0 = rng.int(0, 9);
    const b0 = shortB ? rng.int(1, Math.max(1, 9 - a0)) : rng.int(0, 9 - a0);
    if (a0 + b0 > 9) return easyStep(rng, shortB);
    return mk(10 * a1 + a0, '+', 10 * b1 + b0);
  }
  const a1 = rng.int(2, 9);
  const b1 = shortB ? 0 : rng.int(1, a1 - 1);
  const a0 = rng.int(shortB ? 1 : 0, 9);
  const b0 = shortB ? rng.int(1, a0) : rng.int(0, a0);
  return mk(10 * a1 + a0, '-', 10 * b1 + b0);
}

function hardProduct(rng: Rng, short: boolean): Step {
  if (short) {
    const d = rng.int(2, 9);
    const n = rng.int(Math.ceil(100 / d), 99);
    return rng.bool() ? mk(d, '*', n) : mk(n, '*', d);
  }
  for (;;) {
    const a = rng.int(10, 99);
    const b = rng.int(10, 99);
    if (a * b >= 100) return mk(a, '*', b);
  }
}

function mixedProblem(rng: Rng, short: boolean): Problem {
  for (;;) {
    const s1 = easyStep(rng, false);
    if (s1.op !== '+') continue;
    const c = short ? rng.int(2, 9) : rng.int(10, 99);
    const s2 = mk(s1.value, '*', c);
    if (s2.hard) return { text: `(${s1.a}+${s1.b})*${c}`, value: s2.value, steps: [s1, s2] };
  }
}

/** Parse "a op b" (optionally signed integers of at most 6 digits). */
export function parseCalcCall(text: string): { a: number; op: Op; b: number } | null {
  const m = /^(-?\d{1,6})([+\-*])(-?\d{1,6})$/.exec(text);
  if (!m) return null;
  return { a: Number(m[1]), op: m[2] as Op, b: Number(m[3]) };
}

export interface CalcOptions {
  seed: number;
  /** Fraction of questions with a product in [0, 1]; default 0.5. */
  difficulty?: number;
}

export function createCalcEnv({ seed, difficulty = 0.5 }: CalcOptions): ToolEnv {
  if (!(difficulty >= 0 && difficulty <= 1)) throw new Error(`calc: difficulty must be in [0, 1], got ${difficulty}`);
  const vocab = new Vocab([...'0123456789', '+', '-', '*', '(', ')', '=']);
  const num = (v: number) => vocab.encode(String(v));
  const problems = new Map<string, Problem>();

  const generate = (rng: Rng): Prompt => {
    const mix = CALC_TRACE_MIX;
    let p: Problem;
    if (!rng.bool(difficulty)) {
      const s1 = easyStep(rng, rng.bool(mix.easyShortOperand));
      p = { text: `${s1.a}${s1.op}${s1.b}`, value: s1.value, steps: [s1] };
    } else if (rng.bool(mix.mixed)) {
      p = mixedProblem(rng, rng.bool(mix.hardShortOperand));
    } else {
      const s1 = hardProduct(rng, rng.bool(mix.hardShortOperand));
      p = { text: `${s1.a}*${s1.b}`, value: s1.value, steps: [s1] };
    }
    problems.set(p.text, p);
    return {
      id: p.text,
      tokens: [BOS, ...vocab.encode(p.text + '=')],
      answer: num(p.value),
      bucket: p.steps.some((s) => s.hard) ? 'hard' : 'easy',
    };
  };

  const executeTool = (args: readonly number[]): ToolResult => {
    const call = parseCalcCall(vocab.decode(args));
    if (!call) return toolError();
    return toolOutput(num(mk(call.a, call.op, call.b).value));
  };

  return {
    name: 'calc',
    version: CALC_VERSION,
    seed,
    difficulty,
    vocab,
    objectives: OBJECTIVES,
    buckets: ['easy', 'hard'],
    // ^(..+..)*..= (11) + [..+..]..; (9) + [..*..]....; (12) + #....$ (6) = 38
    maxTraceLength: 40,
    samplePrompts: (split: Split, n: number, rng: Rng) => sampleFromSplit(split, n, seed, () => generate(rng)),
    executeTool,
    score: (traj: ScoredTrajectory): ObjectiveVector => scoreTrajectory(traj),
    toolPlan: (prompt: Prompt) => (problems.get(prompt.id) ?? reparse(prompt.id)).steps.map((s) => s.hard),
    warmStartTrace(prompt: Prompt, rng: Rng): Trace {
      const p = problems.get(prompt.id) ?? reparse(prompt.id);
      const b = new TraceBuilder(prompt);
      for (const s of p.steps) {
        if (habitChoice(rng, calcHabitCalls(s), CALC_TRACE_MIX.habitFollow)) {
          const args = vocab.encode(`${s.a}${s.op}${s.b}`);
          b.toolStep(args, executeTool(args));
        } else {
          b.mentalStep(num(s.value));
        }
      }
      return b.answer(num(p.value));
    },
    render: (tokens, sources) => renderTrajectory(vocab, tokens, sources),
  };
}

/** Rebuild the step list of an expression produced by this env (prompts may outlive the env's cache). */
function reparse(text: string): Problem {
  const m2 = /^\((\d+)\+(\d+)\)\*(\d+)$/.exec(text);
  if (m2) {
    const s1 = mk(+m2[1], '+', +m2[2]);
    const s2 = mk(s1.value, '*', +m2[3]);
    return { text, value: s2.value, steps: [s1, s2] };
  }
  const m = /^(\d+)([+\-*])(\d+)$/.exec(text);
  if (!m) throw new Error(`calc: not an expression of this env: ${text}`);
  const s1 = mk(+m[1], m[2] as Op, +m[3]);
  return { text, value: s1.value, steps: [s1] };
}
