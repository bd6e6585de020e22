/**
 * The warm start that yields: the same weights as the blocking one, and
 * timers (a worker's heartbeat) fire while it trains.
 */
import { describe, expect, it } from 'vitest';
import { getEnv } from '../envs';
import { disposePolicy, initBackend, serializeWeights } from '../agent';
import { warmStart, warmStartYielding } from './warm-start';

const TINY = { nLayer: 1, nEmbd: 16, nHead: 2, mlpRatio: 1 };

describe('warmStartYielding', () => {
  it('gives timers a turn during training and trains the same weights as warmStart', async () => {
    await initBackend();
    const env = getEnv('calc', { seed: 0 });
    const opts = { seed: 0, config: TINY, steps: 12, batchSize: 16 };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const yielding = await warmStartYielding(env, { ...opts, yieldEveryMs: 0 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    let blockedTicks = 0;
    const timer2 = setInterval(() => blockedTicks++, 1);
    const blocking = await warmStart(env, opts);
    clearInterval(timer2);
    expect(blockedTicks).toBe(0); // the sync one cannot let a timer run: why the worker uses the other
    expect(Buffer.from(await serializeWeights(yielding.policy)).equals(Buffer.from(await serializeWeights(blocking.policy)))).toBe(true);
    disposePolicy(yielding.policy);
    disposePolicy(blocking.policy);
  });
});
