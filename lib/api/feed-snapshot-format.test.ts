/** The feed snapshot: the same events as the SSE replay, evaluation points as columns, pages that chain by cursor. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFeedSnapshot, type FeedRow } from './feed-snapshot-format';
import { formatEvents } from './run-feed-hub';
import { feedSnapshotFromWire, runEventFromWire, type RunEventMessage } from '../client/wire';
import { applyRunEvents, emptyLiveRun, type LiveRun } from '../client/use-run-events';
import { RUN_STATUSES } from '../contract/run-log';
import { RunEventKind } from '../contract/run-events';
import { runView } from '../../tests/support/run-view';

/** What an EventSource hands the page for these events (the stream's framing). */
function streamed(rows: readonly FeedRow[]): RunEventMessage[] {
  const text = formatEvents(rows.map(([id, kind, payload]) => ({ id, kind: RunEventKind.parse(kind), payload: JSON.parse(payload), createdAt: new Date(0) })));
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((f) => runEventFromWire(/^event: (\w+)$/m.exec(f)![1], Number(/^id: (\d+)$/m.exec(f)![1]), /^data: (.*)$/m.exec(f)![1])!);
}

const snapshot = (rows: readonly FeedRow[], after = 0, full = false) => feedSnapshotFromWire(JSON.parse(formatFeedSnapshot(rows, { after, full })));

const start = (): LiveRun =>
  emptyLiveRun(runView({ id: 'r', lastStep: null, latestHypervolume: null, status: 'queued', error: null, cancelRequestedAt: null }));

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const payload = fc.oneof(
  fc.record({
    kind: fc.constant('eval'),
    step: fc.nat(20),
    split: fc.option(fc.constantFrom('test', 'validation', 'reference-base'), { nil: undefined }),
    objectives: fc.array(finite, { minLength: 2, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('metric'), step: fc.nat(20), hypervolume: fc.option(finite, { nil: undefined }) }), // a StepRecord: hypervolume absent, never null
  fc.record({
    kind: fc.constant('frontier'),
    step: fc.nat(20),
    points: fc.array(fc.array(finite, { minLength: 2, maxLength: 2 }), { maxLength: 3 }),
    hypervolume: finite,
  }),
  fc.record({ kind: fc.constant('status'), status: fc.constantFrom(...RUN_STATUSES), error: fc.option(fc.string(), { nil: null }) }),
);
const feed = fc.array(payload, { maxLength: 40 }).map((ps) =>
  ps.map(({ kind, ...p }, i): FeedRow => {
    const body =
      kind === 'eval' && (p as { split?: string }).split === undefined
        ? { step: (p as { step: number }).step, objectives: (p as { objectives: number[] }).objectives }
        : p;
    return [i + 1, kind, JSON.stringify(body)];
  }),
);

describe('formatFeedSnapshot', () => {
  it('gives the page the same messages, in the same order, as the stream', () => {
    const rows: FeedRow[] = [
      [1, 'status', '{"status":"running"}'],
      [2, 'eval', '{"step":0,"objectives":[0.1,1]}'],
      [3, 'metric', '{"step":0,"hypervolume":0.5}'],
      [4, 'eval', '{"step":1,"split":"test","objectives":[0.2,1]}'],
      [5, 'eval', '{"step":1,"split":"validation","objectives":[0.3,2,7]}'],
      [6, 'eval', '{"step":2,"objectives":[0.4,1]}'],
      [7, 'frontier', '{"step":2,"points":[[0.4,1]],"hypervolume":0.1}'],
    ];
    const body = JSON.parse(formatFeedSnapshot(rows, { after: 0, full: false }));
    expect(body.events).toEqual([
      [1, 'status', { status: 'running' }],
      [2, 'evals', 1],
      [3, 'metric', { step: 0, hypervolume: 0.5 }],
      [6, 'evals', 3],
      [7, 'frontier', { step: 2, points: [[0.4, 1]], hypervolume: 0.1 }],
    ]);
    expect(body.evals).toEqual({
      steps: [0, 1, 1, 2],
      dim: 2,
      lengths: [2, 2, 3, 2],
      splits: ['test', 'validation'],
      split: [0, 0, 1, 0],
      values: [0.1, 1, 0.2, 1, 0.3, 2, 7, 0.4, 1],
    });
    expect(body.cursor).toBe(7);
    expect(body.nextCursor).toBeNull();
    const fromSnapshot = snapshot(rows).messages;
    const fromStream = streamed(rows);
    expect(fromSnapshot.flatMap((m) => (m.kind === 'evals' ? m.points : []))).toEqual(
      fromStream.flatMap((m) => (m.kind === 'evals' ? m.points : m.kind === 'eval' ? [m.point] : [])),
    );
    expect(applyRunEvents(start(), fromSnapshot)).toEqual(applyRunEvents(start(), fromStream));
  });

  it('reads stored payloads (spliced) and other forms, such as PostgreSQL jsonb text, (parsed) alike', () => {
    const stored: FeedRow[] = [
      [1, 'eval', '{"step":4,"split":"test","objectives":[1e-7,-2.5,3e+21]}'],
      [2, 'eval', '{"step":5,"split":"test","objectives":[]}'],
    ];
    const jsonb: FeedRow[] = [
      [1, 'eval', '{"step": 4, "split": "test", "objectives": [1e-7, -2.5, 3e+21]}'],
      [2, 'eval', '{"extra": {"a": 1}, "step": 5, "split": "test", "objectives": []}'],
    ];
    const a = JSON.parse(formatFeedSnapshot(stored, { after: 0, full: false }));
    expect(a).toEqual(JSON.parse(formatFeedSnapshot(jsonb, { after: 0, full: false })));
    expect(a.evals).toEqual({ steps: [4, 5], dim: 3, lengths: [3, 0], splits: ['test'], split: null, values: [1e-7, -2.5, 3e21] });
    expect(snapshot(stored).messages).toEqual(streamed(stored));
  });

  it('an empty page keeps the cursor; a full page names where to continue', () => {
    expect(JSON.parse(formatFeedSnapshot([], { after: 12, full: false }))).toMatchObject({ cursor: 12, nextCursor: null, events: [] });
    expect(JSON.parse(formatFeedSnapshot([[13, 'eval', '{"step":0,"objectives":[1,2]}']], { after: 12, full: true }))).toMatchObject({
      cursor: 13,
      nextCursor: 13,
    });
  });

  it('random feeds, cut into pages anywhere: the page state equals the one the stream builds (fast-check)', () => {
    fc.assert(
      fc.property(feed, fc.nat(40), (rows, cut) => {
        const c = Math.min(cut, rows.length);
        const first = snapshot(rows.slice(0, c), 0, true);
        const second = snapshot(rows.slice(c), first.cursor);
        expect(second.cursor).toBe(rows.length ? rows.length : 0);
        const paged = applyRunEvents(applyRunEvents(start(), first.messages), second.messages);
        expect(paged).toEqual(applyRunEvents(start(), streamed(rows)));
        // and the stream's tail after the snapshot's cursor adds exactly the rest
        const tailed = applyRunEvents(applyRunEvents(start(), first.messages), streamed(rows.slice(c)));
        expect(tailed).toEqual(paged);
      }),
      { numRuns: 300 },
    );
  });
});
