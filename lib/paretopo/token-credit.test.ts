import { describe, expect, it } from 'vitest';
import { actionLevelCredit, broadcastCredit } from './token-credit';

describe('token credit', () => {
  it('broadcasts one advantage to every generated token', () => {
    expect(Array.from(broadcastCredit(0.5, 3))).toEqual([0.5, 0.5, 0.5]);
    expect(broadcastCredit(1, 0).length).toBe(0);
  });

  it('puts the accuracy part on every token and the full advantage on tool-call tokens', () => {
    const t = actionLevelCredit(0.5, -0.25, 5, [0, 1, 1, 0, 0], 'spread');
    expect(Array.from(t)).toEqual([0.5, -0.25, -0.25, 0.5, 0.5]);
    expect(Array.from(actionLevelCredit(0.5, -0.25, 3, [false, true, false], 'accuracy-only'))).toEqual([0.5, -0.25, 0.5]);
  });

  it("without tool-call tokens: 'spread' gives the full advantage, 'accuracy-only' the accuracy part", () => {
    expect(Array.from(actionLevelCredit(0.5, 1.25, 2, [0, 0], 'spread'))).toEqual([1.25, 1.25]);
    expect(Array.from(actionLevelCredit(0.5, 1.25, 2, undefined, 'spread'))).toEqual([1.25, 1.25]);
    expect(Array.from(actionLevelCredit(0.5, 1.25, 2, undefined, 'accuracy-only'))).toEqual([0.5, 0.5]);
  });
});
