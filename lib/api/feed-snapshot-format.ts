/**
 * The run feed's snapshot body (GET /api/runs/:id/events/snapshot): the same
 * events the SSE stream would replay, in one JSON document, with evaluation
 * points as columns instead of one object each.
 *
 * `{ cursor, nextCursor, events, evals }`:
 * - `events`: in seq order, `[seq, kind, payload]` for every non-eval event
 *   (the payload exactly as stored) and `[seq, "evals", n]` for a run of n
 *   consecutive eval events (seq: the run's last), the same grouping as the
 *   stream's `evals` frames (run-feed-hub.ts `formatEvents`).
 * - `evals`: those points in order, as columns: `steps`, `values` (the
 *   objective vectors concatenated), `dim` and `lengths` (null when every
 *   vector has `dim` values), `splits` (distinct names) and `split` (an index
 *   into `splits` per point; null when there is only one name).
 * - `cursor`: seq of the last event included (`after` when none): the stream
 *   continues with `?after=cursor`. `nextCursor`: the same seq when the page
 *   was full (more may follow), else null.
 *
 * Cost: one JSON.parse per eval payload; other payloads are spliced as text.
 */

/** [seq, kind, payload JSON text], oldest first. */
export type FeedRow = readonly [number, string, string];

export function formatFeedSnapshot(rows: readonly FeedRow[], opts: { after: number; full: boolean }): string {
  const events: string[] = [];
  const steps: number[] = [];
  const values: number[] = [];
  const lengths: number[] = [];
  const split: number[] = [];
  const splits: string[] = [];
  const splitIndex = new Map<string, number>();
  let irregular = false;
  for (let i = 0; i < rows.length; ) {
    const [seq, kind, payload] = rows[i];
    if (kind !== 'eval') {
      events.push(`[${seq},${JSON.stringify(kind)},${payload}]`);
      i++;
      continue;
    }
    let j = i;
    for (; j < rows.length && rows[j][1] === 'eval'; j++) {
      const p = JSON.parse(rows[j][2]) as { step: number; split?: string; objectives: number[] };
      const name = p.split ?? 'test';
      let k = splitIndex.get(name);
      if (k === undefined) splitIndex.set(name, (k = splits.push(name) - 1));
      split.push(k);
      steps.push(p.step);
      for (const v of p.objectives) values.push(v);
      if (lengths.length && p.objectives.length !== lengths[0]) irregular = true;
      lengths.push(p.objectives.length);
    }
    events.push(`[${rows[j - 1][0]},"evals",${j - i}]`);
    i = j;
  }
  const cursor = rows.length ? rows[rows.length - 1][0] : opts.after;
  const evals = {
    steps,
    dim: lengths[0] ?? 0,
    lengths: irregular ? lengths : null,
    splits,
    split: splits.length > 1 ? split : null,
    values,
  };
  return `{"cursor":${cursor},"nextCursor":${opts.full && rows.length ? cursor : null},"events":[${events.join(',')}],"evals":${JSON.stringify(evals)}}`;
}
