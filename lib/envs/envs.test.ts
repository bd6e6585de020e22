import { describe, expect, it } from 'vitest';
import {
  getEnv,
  Rng,
  CALL,
  ENDCALL,
  ANSWER,
  EOS,
  STEP,
  ERR,
  SRC_POLICY,
  SRC_PROMPT,
  SRC_TOOL,
  splitOf,
  parseCalcCall,
  generateKnowledgeBase,
  hopsHabitCalls,
} from './index';
import type { Prompt } from './index';

describe('Rng', () => {
  it('is deterministic and forks independently', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    expect(Array.from({ length: 5 }, () => a.nextUint32())).toEqual(Array.from({ length: 5 }, () => b.nextUint32()));
    const parent = new Rng(3);
    const f1 = parent.fork('x').next();
    const f2 = parent.fork('x').next();
    expect(f1).toBe(f2); // fork does not advance the parent
    expect(parent.fork('y').next()).not.toBe(f1);
  });
});

for (const name of ['calc', 'hops'] as const) {
  describe(`${name} env`, () => {
    const env = getEnv(name, { seed: 0 });
    it('draws the same prompts for the same seed', () => {
      const p1 = env.samplePrompts('train', 50, new Rng(1)).map((p) => p.id);
      const p2 = getEnv(name, { seed: 0 })
        .samplePrompts('train', 50, new Rng(1))
        .map((p) => p.id);
      expect(p1).toEqual(p2);
    });
    it('keeps train and test prompts disjoint', () => {
      const train = new Set(env.samplePrompts('train', 3000, new Rng(2)).map((p) => p.id));
      const test = env.samplePrompts('test', 500, new Rng(3)).map((p) => p.id);
      expect(test.filter((t) => train.has(t))).toEqual([]);
      for (const t of test) expect(splitOf(t, 0)).toBe('test');
      // a different env seed gives a different split
      expect(test.some((t) => splitOf(t, 1) === 'train')).toBe(true);
    });
    it('has both difficulty buckets', () => {
      const buckets = new Set(env.samplePrompts('test', 300, new Rng(4)).map((p) => p.bucket));
      expect([...buckets].sort()).toEqual([...env.buckets].sort());
    });
    it('warm-start traces are scored correct, mix calls and direct answers, fit the context', () => {
      const rng = new Rng(5);
      const prompts = env.samplePrompts('train', 400, rng);
      let calls = 0;
      let direct = 0;
      for (const p of prompts) {
        const tr = env.warmStartTrace(p, rng);
        expect(tr.tokens.length).toBeLessThanOrEqual(env.maxTraceLength);
        const s = env.score({ prompt: p, tokens: tr.tokens, sources: tr.sources });
        const [accuracy, toolCalls, tokens] = s; // env.objectives order: accuracy, tool_calls, tokens
        expect(accuracy).toBe(1);
        expect(toolCalls).toBe(tr.calls);
        expect(tokens).toBe(tr.sources.filter((x) => x === SRC_POLICY).length);
        if (tr.calls > 0) calls++;
        else direct++;
        // tool outputs are exactly what executeTool returns
        for (let i = 0; i < tr.tokens.length; i++)
          if (tr.tokens[i] === ENDCALL) {
            const open = tr.tokens.lastIndexOf(CALL, i);
            const out = env.executeTool(tr.tokens.slice(open + 1, i)).tokens;
            expect(tr.tokens.slice(i + 1, i + 1 + out.length)).toEqual(out);
            expect(tr.sources.slice(i + 1, i + 1 + out.length).every((x) => x === SRC_TOOL)).toBe(true);
          }
      }
      expect(calls).toBeGreaterThan(50);
      expect(direct).toBeGreaterThan(50);
    });
  });
}

describe('calc tool', () => {
  const env = getEnv('calc', { seed: 0 });
  const v = env.vocab;
  const run = (s: string) => v.decode(env.executeTool(v.encode(s)).tokens);
  it('evaluates exactly one operation', () => {
    expect(run('12*34')).toBe('408;');
    expect(run('7-9')).toBe('-2;');
    expect(run('-3+10')).toBe('7;');
    expect(parseCalcCall('1+2')).toEqual({ a: 1, op: '+', b: 2 });
  });
  it('returns a tool error for malformed calls', () => {
    for (const bad of ['', '12', '1+2+3', '(1+2)', '*3', '1234567+1', '1=2'])
      expect(env.executeTool(v.encode(bad))).toEqual({ tokens: [ERR, STEP], ok: false });
  });
  it('scores accuracy, calls (malformed ones included) and generated tokens', () => {
    const prompt: Prompt = { id: '2*3', tokens: [1, ...v.encode('2*3=')], answer: v.encode('6'), bucket: 'easy' };
    const P = SRC_PROMPT,
      G = SRC_POLICY,
      T = SRC_TOOL;
    const toks = [...prompt.tokens, CALL, ENDCALL, ERR, STEP, CALL, ...v.encode('2*3'), ENDCALL, ...v.encode('6'), STEP, ANSWER, ...v.encode('6'), EOS];
    const srcs = [P, P, P, P, P, G, G, T, T, G, G, G, G, G, T, T, G, G, G];
    expect(env.score({ prompt, tokens: toks, sources: srcs })).toEqual([1, 2, 10]); // accuracy, tool_calls, tokens
    const wrong = [...prompt.tokens, ANSWER, ...v.encode('7'), EOS];
    expect(env.score({ prompt, tokens: wrong, sources: [P, P, P, P, P, G, G, G] })[0]).toBe(0); // accuracy
    const unterminated = [...prompt.tokens, ANSWER, ...v.encode('6')];
    expect(env.score({ prompt, tokens: unterminated, sources: [P, P, P, P, P, G, G] })[0]).toBe(0); // accuracy
  });
});

describe('hops tool', () => {
  const env = getEnv('hops', { seed: 0 });
  const v = env.vocab;
  it('resolves one hop and rejects malformed calls', () => {
    const out = env.executeTool(v.encode('Aa'));
    expect(out.ok).toBe(true);
    expect(out.tokens.length).toBe(2);
    expect(out.tokens[1]).toBe(STEP);
    for (const bad of ['A', 'aA', 'Aab', 'AB', '']) expect(env.executeTool(v.encode(bad)).ok).toBe(false);
  });
  it('answers a 1-hop question with the tool result', () => {
    const p = env.samplePrompts('train', 200, new Rng(9)).find((q) => q.id.length === 2)!;
    expect(env.executeTool(v.encode(p.id)).tokens[0]).toBe(p.answer[0]);
  });
  it('has skewed fact frequency: common questions are frequent', () => {
    const ps = env.samplePrompts('train', 2000, new Rng(10));
    const common = ps.filter((p) => p.bucket === 'common').length;
    expect(common / ps.length).toBeGreaterThan(0.15);
    expect(common / ps.length).toBeLessThan(0.6);
  });
});

/** A trace's steps in order, true where it calls the tool (CALL … ENDCALL), false for a mental step (value STEP written by the policy). */
function stepKinds(p: Prompt, tr: { tokens: readonly number[]; sources: readonly number[] }): boolean[] {
  const kinds: boolean[] = [];
  for (let i = p.tokens.length; i < tr.tokens.length; i++) {
    if (tr.tokens[i] === CALL) kinds.push(true);
    else if (tr.tokens[i] === STEP && tr.sources[i] === SRC_POLICY) kinds.push(false);
  }
  return kinds;
}

describe('version 3 calc / version 3 hops: room to learn', () => {
  it('splits questions three ways, disjoint, in about the documented shares', () => {
    const env = getEnv('calc', { seed: 0 });
    const val = env.samplePrompts('validation', 300, new Rng(21)).map((p) => p.id);
    const test = new Set(env.samplePrompts('test', 300, new Rng(22)).map((p) => p.id));
    const train = new Set(env.samplePrompts('train', 2000, new Rng(23)).map((p) => p.id));
    for (const v of val) {
      expect(splitOf(v, 0)).toBe('validation');
      expect(test.has(v) || train.has(v)).toBe(false);
    }
    const ids = Array.from({ length: 4000 }, (_, i) => `q${i}`);
    const share = (s: string) => ids.filter((q) => splitOf(q, 0) === s).length / ids.length;
    expect(share('test')).toBeCloseTo(0.2, 1);
    expect(share('validation')).toBeCloseTo(0.1, 1);
  });

  it('calc: toolPlan marks exactly the products ≥ 100; mixed questions mix both kinds of step', () => {
    const env = getEnv('calc', { seed: 0 });
    const ps = env.samplePrompts('train', 600, new Rng(24));
    let mixed = 0;
    for (const p of ps) {
      const plan = env.toolPlan(p);
      expect(plan.some(Boolean)).toBe(p.bucket === 'hard');
      if (p.id.startsWith('(')) {
        expect(plan).toEqual([false, true]);
        mixed++;
      } else expect(plan).toEqual([p.id.includes('*')]);
    }
    expect(mixed).toBeGreaterThan(60);
  });

  it('calc: warm-start traces follow the habit (both operands ≥ 2 digits → call) in most steps, both ways wrong in many', () => {
    const env = getEnv('calc', { seed: 0 });
    const rng = new Rng(25);
    let overcall = 0,
      undercall = 0,
      easySteps = 0,
      hardSteps = 0;
    for (const p of env.samplePrompts('train', 1500, rng)) {
      const tr = env.warmStartTrace(p, rng);
      const plan = env.toolPlan(p);
      const kinds = stepKinds(p, tr);
      expect(kinds.length).toBe(plan.length);
      plan.forEach((need, k) => {
        if (need) {
          hardSteps++;
          if (!kinds[k]) undercall++;
        } else {
          easySteps++;
          if (kinds[k]) overcall++;
        }
      });
    }
    expect(overcall / easySteps).toBeGreaterThan(0.35);
    expect(undercall / hardSteps).toBeGreaterThan(0.2);
  });

  it('hops: the habit is keyed on the relation (look up a–b, recall c–d), and the recalled relations hold more of the rare facts', () => {
    expect([0, 1, 2, 3].map(hopsHabitCalls)).toEqual([true, true, false, false]);
    let rareRecalled = 0,
      rareLookedUp = 0;
    for (let seed = 0; seed < 50; seed++) {
      const kb = generateKnowledgeBase(seed);
      kb.common.forEach((c, fact) => {
        if (c) return;
        if (hopsHabitCalls(fact % 4)) rareLookedUp++;
        else rareRecalled++;
      });
    }
    // 72 rare facts of 96 per knowledge base; without RECALL_HABIT_RARITY both halves would hold 50% ± 0.8% (1 sd)
    expect(rareRecalled + rareLookedUp).toBe(50 * 72);
    expect(rareRecalled / (rareRecalled + rareLookedUp)).toBeGreaterThan(0.52); // 0.533 with it
  });

  it('hops: warm-start traces follow the relation habit on common hops in most steps, both ways wrong in many', () => {
    const env = getEnv('hops', { seed: 0 });
    const rng = new Rng(27);
    let overcall = 0,
      undercall = 0,
      commonSteps = 0,
      rareSteps = 0;
    for (const p of env.samplePrompts('train', 1500, rng)) {
      const tr = env.warmStartTrace(p, rng);
      const plan = env.toolPlan(p);
      const kinds = stepKinds(p, tr);
      plan.forEach((need, k) => {
        const relation = 'abcd'.indexOf(p.id[k + 1]);
        if (need) {
          rareSteps++;
          expect(kinds[k]).toBe(hopsHabitCalls(relation)); // rare hops always follow the habit
          if (!kinds[k]) undercall++;
        } else {
          commonSteps++;
          if (kinds[k]) overcall++;
        }
      });
    }
    expect(overcall / commonSteps).toBeGreaterThan(0.25);
    expect(undercall / rareSteps).toBeGreaterThan(0.25);
  });

  it('hops: toolPlan marks the rare hops; traces that recall a rare fact are never in the corpus', () => {
    const env = getEnv('hops', { seed: 0 });
    const rng = new Rng(26);
    let out = 0;
    for (const p of env.samplePrompts('train', 1500, rng)) {
      const plan = env.toolPlan(p);
      expect(plan.length).toBe(p.id.length - 1);
      expect(plan.some(Boolean)).toBe(p.bucket === 'rare');
      const tr = env.warmStartTrace(p, rng);
      const kinds = stepKinds(p, tr);
      if (plan.some((need, k) => need && !kinds[k])) expect(tr.inCorpus).toBe(false);
      if (tr.inCorpus === false) out++;
    }
    expect(out).toBeGreaterThan(100);
  });
});
