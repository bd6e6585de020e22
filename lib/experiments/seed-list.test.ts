import { describe, expect, it } from 'vitest';
import { parseSeedList } from './seed-list';

describe('--seeds', () => {
  it('reads a count, a range, a list and a mix', () => {
    expect(parseSeedList('3')).toEqual([0, 1, 2]);
    expect(parseSeedList('0-4')).toEqual([0, 1, 2, 3, 4]);
    expect(parseSeedList('11,17,23')).toEqual([11, 17, 23]);
    expect(parseSeedList(' 9, 0-2 ,2')).toEqual([0, 1, 2, 9]);
    expect(parseSeedList('7-7')).toEqual([7]);
  });
  it('names the bad item', () => {
    expect(() => parseSeedList('0')).toThrow(/count must be 1/);
    expect(() => parseSeedList('4-2')).toThrow(/"4-2" is empty/);
    expect(() => parseSeedList('1,x')).toThrow(/"x" is not a seed/);
    expect(() => parseSeedList('-1')).toThrow(/"-1" is not a seed/);
    expect(() => parseSeedList('0-1000')).toThrow(/more than 100/);
  });
});
