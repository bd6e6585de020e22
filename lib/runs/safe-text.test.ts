import { describe, expect, it } from 'vitest';
import { badTextReason, safeText } from './safe-text';

describe('safeText', () => {
  it('never leaves a lone surrogate when cutting inside a pair', () => {
    const s = 'a'.repeat(9) + '😀' + 'b'; // the emoji is two code units at 9 and 10
    const cut = safeText(s, 10);
    expect(cut).toBe('a'.repeat(9));
    expect(badTextReason(cut)).toBeNull();
  });
  it('replaces NUL and lone surrogates, keeps pairs', () => {
    expect(safeText('x\u0000y\uD800z\uDC00😀', 100)).toBe('x\uFFFDy\uFFFDz\uFFFD😀');
  });
  it('names the problem', () => {
    expect(badTextReason('ok 😀')).toBeNull();
    expect(badTextReason('a\u0000')).toMatch(/NUL/);
    expect(badTextReason('\uDC00x')).toMatch(/surrogate/);
    expect(badTextReason('x\uD83D')).toMatch(/surrogate/);
  });
});
