import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { updateWeights } from './weight-update';

describe('updateWeights', () => {
  it('matches a hand-computed update', () => {
    // w = (1/2, 1/2), gains (3, 1) -> ĝ = (0.75, 0.25), η = 1, no floor:
    // softmax(log .5 + .75, log .5 + .25) = e^.75/(e^.75+e^.25) = 1/(1+e^-0.5) = 0.622459
    const w = updateWeights([0.5, 0.5], [3, 1], 1, 0);
    expect(w[0]).toBeCloseTo(0.622459, 6);
    expect(w[1]).toBeCloseTo(0.377541, 6);
    // with floor 0.1: 0.8·0.622459 + 0.1 = 0.597967
    expect(updateWeights([0.5, 0.5], [3, 1], 1, 0.1)[0]).toBeCloseTo(0.597967, 6);
  });

  it('leaves the weights alone when no gain is available', () => {
    expect(updateWeights([0.7, 0.2, 0.1], [0, 0, 0], 1, 0)).toEqual([0.7, 0.2, 0.1].map((w) => expect.closeTo(w, 12)));
  });

  it('moves weight toward the objective with the largest gain', () => {
    const w = updateWeights([1 / 3, 1 / 3, 1 / 3], [0.1, 0.5, 0.2], 2, 0.01);
    expect(w[1]).toBeGreaterThan(w[2]);
    expect(w[2]).toBeGreaterThan(w[0]);
  });

  it('keeps weights on the simplex under any sequence of updates', () => {
    const gain = fc.oneof(fc.double({ noNaN: false }), fc.constant(0), fc.double({ min: 0, max: 1e-300 }));
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((d) =>
          fc.record({
            d: fc.constant(d),
            eta: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(1e300)),
            floor: fc.double({ min: 0, max: 0.99 / d, noNaN: true }),
            updates: fc.array(fc.array(gain, { minLength: d, maxLength: d }), { maxLength: 60 }),
          }),
        ),
        ({ d, eta, floor, updates }) => {
          let w = new Array(d).fill(1 / d);
          for (const g of updates) {
            w = updateWeights(w, g, eta, floor);
            const sum = w.reduce((a, b) => a + b, 0);
            expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
            for (const x of w) {
              expect(Number.isFinite(x)).toBe(true);
              expect(x).toBeGreaterThanOrEqual(0);
              expect(x).toBeGreaterThanOrEqual(floor * (1 - 1e-9));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
