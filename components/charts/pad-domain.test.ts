import { describe, expect, it } from 'vitest';
import { padDomain } from './pad-domain';

describe('padDomain', () => {
  it('keeps never-negative data at or above zero', () => {
    expect(padDomain([0, 0])).toEqual([0, 1]);
    expect(padDomain([0, 1])).toEqual([0, 1.06]);
    expect(padDomain([0.5, 0.5])).toEqual([0.45, 0.55]);
  });
  it('pads signed data on both sides', () => {
    expect(padDomain([-1, 1])).toEqual([-1.12, 1.12]);
    expect(padDomain([-2, -2])).toEqual([-2.2, -1.8]);
  });
});
