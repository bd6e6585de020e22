/**
 * ParetoPO properties (fast-check): stage-2 invariance to strictly increasing
 * rescaling, dominance ⇒ strictly larger advantage, weights on the simplex,
 * no NaN from any estimator, and resumability through serialize/restore.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALGORITHM_NAMES, createEstimator, type Group } from './index';

type Dir = 'maximize' | 'minimize';
const objectivesOf = (dirs: Dir[]) => dirs.map((direction, k) => ({ name: k === 0 ? 'accuracy' : `objective_${k}`, direction }));

/** A group of G trajectories over d objectives: accuracy ∈ {0, 0.5, 1}, the rest small integers (many ties). */
const groupArb = (d: number, maxG = 10, maxV = 4) =>
  fc.array(
    fc.record({
      acc: fc.constantFrom(0, 0.5, 1),
      rest: fc.array(fc.integer({ min: 0, max: maxV }), { minLength: d - 1, maxLength: d - 1 }),
      numTokens: fc.integer({ min: 0, max: 6 }),
      maskBits: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    }),
    { minLength: 1, maxLength: maxG },
  );
/** Points on staggered anti-diagonals: several fronts with many members each (exercises the crowding tie-break). */
const layeredArb = (d: number) =>
  fc
    .array(
      fc.record({
        acc: fc.constantFrom(1, 1, 1, 0),
        layer: fc.integer({ min: 0, max: 3 }),
        pos: fc.integer({ min: 0, max: 8 }),
        extra: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: d, maxLength: d }),
        numTokens: fc.integer({ min: 0, max: 6 }),
        maskBits: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      }),
      { minLength: 2, maxLength: 16 },
    )
    .map((ts) =>
      ts.map(({ acc, layer, pos, extra, numTokens, maskBits }) => ({
        acc,
        rest: [pos + layer, 8 - pos + layer, ...extra].slice(0, d - 1),
        numTokens,
        maskBits,
      })),
    );
type RawGroup = { acc: number; rest: number[]; numTokens: number; maskBits: boolean[] }[];
const toGroup = (raw: RawGroup, f: (k: number, x: number) => number = (_, x) => x): Group =>
  raw.map((t) => ({
    objectives: [f(0, t.acc), ...t.rest.map((x, k) => f(k + 1, x))],
    numTokens: t.numTokens,
    toolCallMask: t.maskBits.slice(0, t.numTokens),
  }));

/** Strictly increasing maps (on the small values used here, also strictly increasing in floating point). */
const monotoneArb = fc.oneof(
  fc
    .record({
      a: fc.double({ min: 0.1, max: 10, noNaN: true }),
      b: fc.double({ min: 0.1, max: 10, noNaN: true }),
      c: fc.double({ min: -100, max: 100, noNaN: true }),
    })
    .map(
      ({ a, b, c }) =>
        (x: number) =>
          a * x * x * x + b * x + c,
    ),
  fc.constant((x: number) => Math.exp(x)),
  fc.double({ min: 0.01, max: 1000, noNaN: true }).map((s) => (x: number) => s * x - 7),
  fc.constant((x: number) => Math.atan(x)),
);

const setup = fc.integer({ min: 2, max: 4 }).chain((d) =>
  fc.record({
    dirs: fc.array(fc.constantFrom<Dir>('maximize', 'minimize'), { minLength: d - 1, maxLength: d - 1 }).map((r) => ['maximize' as Dir, ...r]),
    raw: fc.oneof(groupArb(d), groupArb(d, 16, 9), layeredArb(d)),
    transforms: fc.array(monotoneArb, { minLength: d, maxLength: d }),
    gate: fc.boolean(),
    tieBreak: fc.double({ min: 0, max: 0.99, noNaN: true }),
  }),
);

describe('ParetoPO stage 2', () => {
  it('is unchanged by any strictly increasing rescaling of any objective (correctness threshold rescaled with accuracy)', () => {
    fc.assert(
      fc.property(setup, ({ dirs, raw, transforms, gate, tieBreak }) => {
        const objectives = objectivesOf(dirs);
        const base = { switch: 'immediate', gateEfficiencyOnCorrectness: gate, crowdingTieBreak: tieBreak };
        const before = createEstimator('paretopo', { ...base, correctThreshold: 1 }, objectives);
        const after = createEstimator('paretopo', { ...base, correctThreshold: transforms[0](1) }, objectives);
        const [a] = before.computeAdvantages([toGroup(raw)], 0).groups;
        const [b] = after.computeAdvantages([toGroup(raw, (k, x) => transforms[k](x))], 0).groups;
        expect(b.map((t) => t.advantage)).toEqual(a.map((t) => t.advantage));
        expect(b.map((t) => t.paretoRank)).toEqual(a.map((t) => t.paretoRank));
        expect(b.map((t) => Array.from(t.tokenAdvantages))).toEqual(a.map((t) => Array.from(t.tokenAdvantages)));
      }),
      { numRuns: 300 },
    );
  });

  it('gives a trajectory that dominates another in its group a strictly larger advantage', () => {
    // Domination is on the objectives stage 2 judges: with gating on, every efficiency objective of
    // an incorrect trajectory (accuracy < correctThreshold = 1) is first replaced by the worst value
    // that objective takes in the group; a dominates b if it is no worse on every objective (in its
    // direction) and strictly better on one.
    fc.assert(
      fc.property(setup, ({ dirs, raw, gate, tieBreak }) => {
        const objectives = objectivesOf(dirs);
        const group = toGroup(raw);
        const est = createEstimator('paretopo', { switch: 'immediate', gateEfficiencyOnCorrectness: gate, crowdingTieBreak: tieBreak }, objectives);
        const [out] = est.computeAdvantages([group], 0).groups;
        const better = (k: number, x: number, y: number) => (dirs[k] === 'maximize' ? x > y : x < y);
        const worst = dirs.map((_, k) => {
          const col = group.map((t) => t.objectives[k]);
          return dirs[k] === 'maximize' ? Math.min(...col) : Math.max(...col);
        });
        const judged = group.map((t) => t.objectives.map((x, k) => (gate && k > 0 && t.objectives[0] < 1 ? worst[k] : x)));
        const dominates = (p: number[], q: number[]) => p.every((x, k) => !better(k, q[k], x)) && p.some((x, k) => better(k, x, q[k]));
        for (let i = 0; i < group.length; i++) {
          for (let j = 0; j < group.length; j++) {
            if (dominates(judged[i], judged[j])) expect(out[i].advantage).toBeGreaterThan(out[j].advantage);
          }
        }
      }),
      { numRuns: 600 },
    );
  });
});

describe('ParetoPO stage 1 weights', () => {
  it('stay on the simplex (finite, ≥ 0, sum 1) under any sequence of evaluations', () => {
    const point = (d: number) =>
      fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
        minLength: d,
        maxLength: d,
      });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((d) =>
          fc.record({
            dirs: fc.array(fc.constantFrom<Dir>('maximize', 'minimize'), { minLength: d - 1, maxLength: d - 1 }),
            eta: fc.double({ min: 0, max: 1e3, noNaN: true }),
            minWeight: fc.double({ min: 0, max: 0.2, noNaN: true }),
            points: fc.array(point(d), { maxLength: 25 }),
          }),
        ),
        ({ dirs, eta, minWeight, points }) => {
          const objectives = objectivesOf(['maximize', ...dirs]);
          const est = createEstimator('paretopo', { learningRate: eta, minWeight, switch: 'never' }, objectives);
          points.forEach((p, step) => {
            est.observeEvaluation(p, step);
            const { weights, hypervolume } = est.state();
            expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
            weights.forEach((w) => {
              expect(Number.isFinite(w)).toBe(true);
              expect(w).toBeGreaterThanOrEqual(0);
            });
            expect(Number.isFinite(hypervolume)).toBe(true);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('shift toward the objective along which the archive can still grow', () => {
    // Evaluation point (accuracy 0.9, 0 calls) -> cost (0.1, 0): nothing to gain along calls,
    // so all weight moves toward accuracy.
    const est = createEstimator('paretopo', { gainTransform: 'share' }, objectivesOf(['maximize', 'minimize']));
    est.observeEvaluation([0.9, 0], 1);
    const { weights, lastGains } = est.state();
    expect(lastGains[1]).toBe(0);
    expect(lastGains[0]).toBeCloseTo(0.05, 12); // δ·1 = 0.05 of the unit square
    // softmax(log ½ + 1, log ½) = (e/(e+1), 1/(e+1)) = (.731059, .268941); floor .01 -> ·0.98 + .01
    expect(weights[0]).toBeCloseTo(0.731059 * 0.98 + 0.01, 6);
    expect(weights[1]).toBeCloseTo(0.268941 * 0.98 + 0.01, 6);
    // default 'log-ratio': the gain ratio is ≥ 1e6, log-ratios ±6.9 clamp at ±3:
    // softmax(log ½ + 3, log ½ − 3) = (e^6/(e^6+1), 1/(e^6+1)) = (.997527, .002473); floor -> ·0.98 + .01
    const lr = createEstimator('paretopo', {}, objectivesOf(['maximize', 'minimize']));
    lr.observeEvaluation([0.9, 0], 1);
    expect(lr.state().weights[0]).toBeCloseTo(0.997527 * 0.98 + 0.01, 6);
  });

  it('log-ratio weights move by η·log r per update when one gain is r times the other (share: by η·(r−1)/(r+1))', async () => {
    const { updateWeights } = await import('./weight-update');
    const logit = (w: number[]) => Math.log(w[0] / w[1]);
    for (const r of [1.5, 2, 5]) {
      expect(logit(updateWeights([0.5, 0.5], [r, 1], 1, 0, 'log-ratio'))).toBeCloseTo(Math.log(r), 9);
      expect(logit(updateWeights([0.5, 0.5], [r, 1], 1, 0, 'share'))).toBeCloseTo((r - 1) / (r + 1), 9);
    }
    // ten updates at a 2:1 gain ratio: log-ratio reaches w ≈ 0.999, share about 0.97
    let a = [0.5, 0.5];
    let b = [0.5, 0.5];
    for (let i = 0; i < 10; i++) {
      a = updateWeights(a, [2, 1], 1, 0, 'log-ratio');
      b = updateWeights(b, [2, 1], 1, 0, 'share');
    }
    expect(a[0]).toBeCloseTo(1 / (1 + Math.exp(-10 * Math.log(2))), 9);
    expect(b[0]).toBeCloseTo(1 / (1 + Math.exp(-10 / 3)), 9);
  });
});

describe('every estimator', () => {
  it('returns finite advantages on any finite input: extremes, G = 1, all-equal groups', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, 1, -1, 1e308, -1e308, 5e-324, Number.MAX_VALUE, -Number.MAX_VALUE),
    );
    const trajectory = (d: number) =>
      fc.record({
        objectives: fc.array(value, { minLength: d, maxLength: d }),
        numTokens: fc.integer({ min: 0, max: 4 }),
      });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((d) =>
          fc.record({
            d: fc.constant(d),
            algorithm: fc.constantFrom(...ALGORITHM_NAMES),
            stage2: fc.boolean(),
            groups: fc.array(
              fc.oneof(
                fc.array(trajectory(d), { minLength: 1, maxLength: 8 }),
                fc.tuple(trajectory(d), fc.integer({ min: 1, max: 6 })).map(([t, g]) => new Array(g).fill(t)),
              ),
              { minLength: 1, maxLength: 3 },
            ),
          }),
        ),
        ({ d, algorithm, stage2, groups }) => {
          const objectives = objectivesOf(['maximize', ...new Array(d - 1).fill('minimize')]);
          objectives[1].name = 'tool_calls';
          const options = algorithm === 'paretopo' && stage2 ? { switch: 'immediate' } : {};
          const est = createEstimator(algorithm, options, objectives);
          const gs: Group[] = groups.map((g) => g.map((t) => ({ ...t, toolCallMask: new Array(t.numTokens).fill(0).map((_, i) => i % 2) })));
          const out = est.computeAdvantages(gs, 0).groups;
          out.forEach((g, gi) => {
            const allEqual = gs[gi].every((t) => t.objectives.every((x, k) => x === gs[gi][0].objectives[k]));
            g.forEach((t) => {
              expect(Number.isFinite(t.advantage)).toBe(true);
              expect(Number.isFinite(t.reward)).toBe(true);
              t.tokenAdvantages.forEach((x) => expect(Number.isFinite(x)).toBe(true));
              if (allEqual) expect(t.advantage).toBe(0);
            });
          });
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('serialize / restore', () => {
  it('continues identically after restore(serialize()) through JSON', () => {
    const d = 3;
    const objectives = objectivesOf(['maximize', 'minimize', 'minimize']);
    const event = fc.oneof(
      groupArb(d, 6).map((raw) => ({ kind: 'train' as const, raw })),
      fc
        .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }))
        .map((p) => ({ kind: 'eval' as const, point: p })),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.array(event, { maxLength: 30 }), fc.constantFrom('stall', 'step', 'never'), (prefix, suffix, mode) => {
        const options = { switch: mode, switchStep: mode === 'step' ? 20 : null, stallPatience: 2, stallTolerance: 0.05 };
        const drive = (est: ReturnType<typeof createEstimator>, events: typeof prefix, from: number) =>
          events.map((e, i) => {
            const step = from + i;
            if (e.kind === 'eval') {
              est.observeEvaluation(e.point, step);
              return est.state();
            }
            const out = est.computeAdvantages([toGroup(e.raw)], step);
            return { ...out, groups: out.groups.map((g) => g.map((t) => ({ ...t, tokenAdvantages: Array.from(t.tokenAdvantages) }))) };
          });
        const original = createEstimator('paretopo', options, objectives);
        drive(original, prefix, 0);
        const snapshot = JSON.parse(JSON.stringify(original.serialize()));
        const resumed = createEstimator('paretopo', options, objectives);
        resumed.restore(snapshot);
        expect(resumed.state()).toEqual(original.state());
        expect(drive(resumed, suffix, prefix.length)).toEqual(drive(original, suffix, prefix.length));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a snapshot of another algorithm or other objectives', () => {
    const objectives = objectivesOf(['maximize', 'minimize']);
    const snap = createEstimator('paretopo', {}, objectives).serialize();
    expect(() => createEstimator('grpo', {}, objectives).restore(snap)).toThrow(/algorithm "paretopo"/);
    const others = [objectives[0], { name: 'tokens', direction: 'minimize' as const }];
    expect(() => createEstimator('paretopo', {}, others).restore(snap)).toThrow(/objectives/);
    expect(() => createEstimator('paretopo', {}, objectives).restore({ ...snap, state: { weights: [1] } })).toThrow(/state\.weights/);
  });
});
