import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes what needs quoting and leaves missing values empty', () => {
    expect(
      toCsv(
        ['run', 'v'],
        [
          ['a,b', 1],
          ['say "hi"', null],
          ['x\ny', Number.NaN],
          ['plain', 0.5],
        ],
      ),
    ).toBe('run,v\n"a,b",1\n"say ""hi""",\n"x\ny",\nplain,0.5\n');
  });
});
