import { describe, expect, it } from 'vitest';
import { DbCallTimeout, withDbRetry, within } from './worker';

const never = <T>() => new Promise<T>(() => {});

describe('withDbRetry', () => {
  it('gives up on a call that never answers and retries it, when the caller allows abandoning it', async () => {
    const lines: string[] = [];
    let calls = 0;
    const v = await withDbRetry(
      'claiming a run',
      () => (++calls < 3 ? never<string>() : Promise.resolve('r1')),
      (l) => lines.push(l),
      undefined,
      {
        answerWithinMs: 30,
      },
    );
    expect(v).toBe('r1');
    expect(calls).toBe(3);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^claiming a run: no answer from the database within 30 ms; retrying in 100 ms$/);
  });

  it('retries busy-database errors, and rethrows anything else at once', async () => {
    let calls = 0;
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(
      await withDbRetry(
        'x',
        async () => (++calls < 2 ? Promise.reject(busy) : 7),
        () => {},
      ),
    ).toBe(7);
    calls = 0;
    await expect(
      withDbRetry(
        'x',
        async () => {
          calls++;
          throw new Error('constraint failed');
        },
        () => {},
      ),
    ).rejects.toThrow('constraint failed');
    expect(calls).toBe(1);
  });

  it('stops retrying when the signal is aborted', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(
      withDbRetry(
        'x',
        () => never(),
        () => {},
        ctl.signal,
        { answerWithinMs: 10 },
      ),
    ).rejects.toBeInstanceOf(DbCallTimeout);
  });
});

describe('within', () => {
  it('passes an answer or a failure through, and rejects with DbCallTimeout when there is none in time', async () => {
    expect(await within(Promise.resolve(1), 1000, 'a')).toBe(1);
    await expect(within(Promise.reject(new Error('boom')), 1000, 'a')).rejects.toThrow('boom');
    await expect(within(never(), 20, 'closing the database')).rejects.toThrow('closing the database: no answer from the database within 20 ms');
  });
});
