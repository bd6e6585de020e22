/** The SSE framing: consecutive eval events share one `evals` frame; the cursor (id) stays exact. */
import { describe, expect, it } from 'vitest';
import { formatEvents } from './run-feed-hub';
import { runEventFromWire } from '../client/wire';
import type { RunEventKind } from '../contract/run-events';
import type { RunEventView } from '../db';

const ev = (id: number, kind: RunEventKind, payload: Record<string, unknown>): RunEventView => ({ id, kind, payload, createdAt: new Date(0) });

function frames(text: string) {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((f) => {
      const [, id] = /^id: (\d+)$/m.exec(f)!;
      const [, kind] = /^event: (\w+)$/m.exec(f)!;
      const [, data] = /^data: (.*)$/m.exec(f)!;
      return { id: Number(id), kind, data };
    });
}

describe('formatEvents', () => {
  it('coalesces runs of eval events, keeps others (and lone evals) as they were, and every point arrives once in order', () => {
    const events = [
      ev(1, 'status', { status: 'running' }),
      ev(2, 'eval', { step: 0, objectives: [0.1, 1] }),
      ev(3, 'metric', { step: 0 }),
      ev(4, 'eval', { step: 1, objectives: [0.2, 1] }),
      ev(5, 'eval', { step: 1, split: 'validation', objectives: [0.3, 2] }),
      ev(6, 'eval', { step: 2, objectives: [0.4, 1] }),
      ev(7, 'frontier', { step: 2, points: [], hypervolume: 0 }),
    ];
    const f = frames(formatEvents(events));
    expect(f.map((x) => `${x.id}:${x.kind}`)).toEqual(['1:status', '2:eval', '3:metric', '6:evals', '7:frontier']);
    const points = f.flatMap((x) => {
      const m = runEventFromWire(x.kind, x.id, x.data)!;
      return m.kind === 'eval' ? [m.point] : m.kind === 'evals' ? m.points : [];
    });
    expect(points).toEqual([
      { step: 0, split: 'test', objectives: [0.1, 1] },
      { step: 1, split: 'test', objectives: [0.2, 1] },
      { step: 1, split: 'validation', objectives: [0.3, 2] },
      { step: 2, split: 'test', objectives: [0.4, 1] },
    ]);
    expect(formatEvents([])).toBe('');
  });
});
