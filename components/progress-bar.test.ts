import { describe, expect, it } from 'vitest';
import { stepsDone } from './progress-bar';

describe('stepsDone', () => {
  it('does not count step 0 (before training) and never exceeds the total', () => {
    expect(stepsDone(null, 300)).toBe(0);
    expect(stepsDone(0, 300)).toBe(0);
    expect(stepsDone(1, 300)).toBe(1);
    expect(stepsDone(300, 300)).toBe(300); // was 301/300
    expect(stepsDone(305, 300)).toBe(300);
    expect(stepsDone(7, null)).toBe(7);
  });
});
