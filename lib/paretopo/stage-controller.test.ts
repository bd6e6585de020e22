import { describe, expect, it } from 'vitest';
import { initialStage, observeHypervolume, stageAtStep, type StageOptions } from './stage-controller';

const opts = (o: Partial<StageOptions>): StageOptions => ({
  switch: 'stall',
  switchStep: null,
  stallPatience: 2,
  stallTolerance: 0.01,
  ...o,
});

function run(o: StageOptions, hvs: number[]) {
  let s = initialStage(o);
  return hvs.map((hv, i) => (s = observeHypervolume(s, hv, (i + 1) * 10, o)));
}

describe('stage controller', () => {
  it("'stall' switches after stallPatience evaluations without relative progress > tolerance", () => {
    // 0.5 (progress from 0), 0.6 (+20%), 0.603 (+0.5%: stall 1), 0.604 (stall 2 -> switch at step 40)
    const states = run(opts({}), [0.5, 0.6, 0.603, 0.604, 0.9]);
    expect(states.map((s) => s.stallCount)).toEqual([0, 0, 1, 2, 0]);
    expect(states.map((s) => s.stage)).toEqual([1, 1, 1, 2, 2]);
    expect(states[3].switchedAtStep).toBe(40);
    expect(states[4].switchedAtStep).toBe(40); // final once reached
  });

  it('progress resets the stall count; a drop counts as no progress', () => {
    const states = run(opts({ stallPatience: 3 }), [0.5, 0.5, 0.8, 0.4, 0.8, 0.8]);
    expect(states.map((s) => s.stallCount)).toEqual([0, 1, 0, 1, 2, 3]);
    expect(states.map((s) => s.stage)).toEqual([1, 1, 1, 1, 1, 2]);
  });

  it("'step' switches at the first training step ≥ switchStep, 'stall' honours switchStep as a latest switch", () => {
    const o = opts({ switch: 'step', switchStep: 100 });
    expect(stageAtStep(initialStage(o), 99, o).stage).toBe(1);
    expect(stageAtStep(initialStage(o), 100, o)).toMatchObject({ stage: 2, switchedAtStep: 100 });
    const st = opts({ switchStep: 50 });
    expect(stageAtStep(initialStage(st), 50, st).stage).toBe(2);
    expect(run(opts({ switch: 'step', switchStep: 1000 }), [1, 1, 1, 1]).every((s) => s.stage === 1)).toBe(true);
  });

  it("'never' stays in stage 1 and 'immediate' starts in stage 2", () => {
    expect(run(opts({ switch: 'never' }), [1, 1, 1, 1, 1]).every((s) => s.stage === 1)).toBe(true);
    expect(initialStage(opts({ switch: 'immediate' })).stage).toBe(2);
  });
});
