/**
 * `calc`: arithmetic expressions over small integers (+, −, ×, parentheses).
 *
 * Easy problems are one addition or subtraction of two 2-digit numbers with
 * no carry and no borrow (e.g. 23+45, 87-42): every answer digit is a
 * function of the two operand digits above it, so a small transformer learns
 * to answer them "mentally" and generalises to held-out pairs (numbers are
 * digit tokens, most significant first). Hard problems contain a product of
 * at least three digits' worth (a·b ≥ 100), alone or with a second operation,
 * which it mostly cannot do without the tool. The calculator tool evaluates
 * exactly one binary operation per call:
 *   [12*34]  ->  408;
 * anything else (missing operand, two operators, parentheses, >6 digits) is a
 * tool error `?;` that still counts as a call.
 *
 * `difficulty` in [0, 1] is the fraction of hard problems; it also raises the
 * share of two-operation hard expressions (0.3 + 0.4·difficulty).
 */
import { Rng } from './rng';
import { OBJECTIVES } from './types';
import type { Prompt, ToolEnv, ToolResult, Trace, ScoredTrajectory, Objectives, Split } from './types';
import { Vocab, BOS } from './vocab';
import {
  TraceBuilder,
  renderTrajectory,
  sampleFromSplit,
  scoreTrajectory,
  toolError,
  toolOutput,
} from './trajectory';

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

/**
 * Warm-start mixing probabilities (the base policy's habits): easy problems
 * mostly answered directly (the tool traces that remain teach always-call to
 * copy arguments), hard ones mostly worked with the tool.
 */
export const CALC_TRACE_MIX = {
  /** P(answer directly, no steps) for easy / hard problems. */
  directEasy: 0.7,
  directHard: 0.05,
  /** P(use the tool) for a step of an easy / hard problem when working step by step. */
  toolEasyStep: 1,
  toolHardStep: 0.9,
};

/**
 * Version of the calc traces and problem distribution: part of the
 * warm-start checkpoint name, so a change here never reuses a stale cached
 * checkpoint. 2: carry-free 2-digit easy problems, easy problems one
 * operation, new trace mix.
 */
export const CALC_VERSION = 2;

function mk(a: number, op: Op, b: number): Step {
  const value = op === '+' ? a + b : op === '-' ? a - b : a * b;
  return { a, op, b, value, hard: op === '*' && value >= 100 };
}

/** A 2-digit ± 2-digit problem with no carry (addition) and no borrow (subtraction), answer ≥ 10. */
function easyProblem(rng: Rng): Problem {
  if (rng.bool()) {
    const a1 = rng.int(1, 8);
    const b1 = rng.int(1, 9 - a1);
    const a0 = rng.int(0, 9);
    const b0 = rng.int(0, 9 - a0);
    const s = mk(10 * a1 + a0, '+', 10 * b1 + b0);
    return { text: `${s.a}+${s.b}`, value: s.value, steps: [s] };
  }
  const a1 = rng.int(2, 9);
  const b1 = rng.int(1, a1 - 1);
  const a0 = rng.int(0, 9);
  const b0 = rng.int(0, a0);
  const s = mk(10 * a1 + a0, '-', 10 * b1 + b0);
  return { text: `${s.a}-${s.b}`, value: s.value, steps: [s] };
}

function hardProduct(rng: Rng): Step {
  for (;;) {
    const a = rng.int(2, 99);
    const b = rng.int(2, 99);
    if (a * b >= 100) return mk(a, '*', b);
  }
}

function hardProblem(rng: Rng, twoOps: boolean): Problem {
  if (!twoOps) {
    const s = hardProduct(rng);
    return { text: `${s.a}*${s.b}`, value: s.value, steps: [s] };
  }
  const form = rng.int(0, 3);
  if (form === 3) {
    // (a+b)*c
    for (;;) {
      const a = rng.int(1, 49);
      const b = rng.int(1, 49);
      const c = rng.int(2, 99);
      const s1 = mk(a, '+', b);
      const s2 = mk(s1.value, '*', c);
      if (s2.hard) return { text: `(${a}+${b})*${c}`, value: s2.value, steps: [s1, s2] };
    }
  }
  const p = hardProduct(rng);
  if (form === 0) {
    const c = rng.int(0, 99);
    const s2 = mk(p.value, '+', c);
    return { text: `${p.a}*${p.b}+${c}`, value: s2.value, steps: [p, s2] };
  }
  if (form === 1) {
    const c = rng.int(0, 99);
    const s2 = mk(c, '+', p.value);
    return { text: `${c}+${p.a}*${p.b}`, value: s2.value, steps: [p, s2] };
  }
  const c = rng.int(0, 99);
  const s2 = mk(p.value, '-', c);
  return { text: `${p.a}*${p.b}-${c}`, value: s2.value, steps: [p, s2] };
}

/** Parse "a op b" (optionally signed integers of at most 6 digits). */
export function parseCalcCall(text: string): { a: number; op: Op; b: number } | null {
  const m = /^(-?\d{1,6})([+\-*])(-?\d{1,6})$/.exec(text);
  if (!m) return null;
  return { a: Number(m[1]), op: m[2] as Op, b: Number(m[3]) };
}

export interface CalcOptions {
  seed: number;
  /** Fraction of hard problems in [0, 1]; default 0.5. */
  difficulty?: number;
}

export function createCalcEnv({ seed, difficulty = 0.5 }: CalcOptions): ToolEnv {
  if (!(difficulty >= 0 && difficulty <= 1)) throw new Error(`calc: difficulty must be in [0, 1], got ${difficulty}`);
  const vocab = new Vocab([...'0123456789', '+', '-', '*', '(', ')', '=']);
  const num = (v: number) => vocab.encode(String(v));
  const problems = new Map<string, Problem>();

  const generate = (rng: Rng): Prompt => {
    const hard = rng.bool(difficulty);
    const twoOps = rng.bool(0.3 + 0.4 * difficulty);
    const p = hard ? hardProblem(rng, twoOps) : easyProblem(rng);
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
    // ^ 2-digit*2-digit+2-digit= (10) + [....*..] 4-digit; (13) + [....+..]....; (13) + #.....$ (7)
    maxTraceLength: 48,
    samplePrompts: (split: Split, n: number, rng: Rng) => sampleFromSplit(split, n, seed, () => generate(rng)),
    executeTool,
    score: (traj: ScoredTrajectory): Objectives => scoreTrajectory(traj),
    warmStartTrace(prompt: Prompt, rng: Rng): Trace {
      const p = problems.get(prompt.id) ?? reparse(prompt.id);
      const b = new TraceBuilder(prompt);
      const mix = CALC_TRACE_MIX;
      const hard = prompt.bucket === 'hard';
      if (rng.bool(hard ? mix.directHard : mix.directEasy)) return b.answer(num(p.value));
      for (const s of p.steps) {
        // every step of a hard problem counts as hard: the step after a product works on its 3-4 digit result
        if (rng.bool(hard ? mix.toolHardStep : mix.toolEasyStep)) {
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
  let m = /^\((\d+)\+(\d+)\)\*(\d+)$/.exec(text);
  if (m) {
    const s1 = mk(+m[1], '+', +m[2]);
    const s2 = mk(s1.value, '*', +m[3]);
    return { text, value: s2.value, steps: [s1, s2] };
  }
  m = /^(\d+)\+(\d+)\*(\d+)$/.exec(text);
  if (m) {
    const p = mk(+m[2], '*', +m[3]);
    const s2 = mk(+m[1], '+', p.value);
    return { text, value: s2.value, steps: [p, s2] };
  }
  m = /^(\d+)([+\-*])(\d+)(?:([+\-])(\d+))?$/.exec(text);
  if (!m) throw new Error(`calc: not an expression of this env: ${text}`);
  const s1 = mk(+m[1], m[2] as Op, +m[3]);
  if (!m[4]) return { text, value: s1.value, steps: [s1] };
  const s2 = mk(s1.value, m[4] as Op, +m[5]);
  return { text, value: s2.value, steps: [s1, s2] };
}
