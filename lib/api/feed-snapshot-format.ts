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
 * Cost: no JSON.parse for eval payloads in the form the run log stores
 * (matched and spliced as text); other payloads are spliced as text too.
 */

/** An eval payload exactly as JSON.stringify wrote it for the run log: step, a plain split name, a flat number list. */
const STORED_EVAL = /^\{"step":(\d+),"split":"([A-Za-z0-9_.:-]*)","objectives":\[([-+0-9.eE,]*)\]\}$/;

function countCommas(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 44) n++;
  return n;
}

/** [seq, kind, payload JSON text], oldest first. */
export type FeedRow = readonly [number, string, string];

export function formatFeedSnapshot(rows: readonly FeedRow[], opts: { after: number; full: boolean }): string {
  const events: string[] = [];
  const steps: number[] = [];
  const values: string[] = []; // JSON number lists, one per point
  const lengths: number[] = [];
  const split: number[] = [];
  const splits: string[] = [];
  const splitIndex = new Map<string, number>();
  let irregular = false;
  for (let i = 0; i < rows.length;) {
    const [seq, kind, payload] = rows[i];
    if (kind !== 'eval') {
      events.push(`[${seq},${JSON.stringify(kind)},${payload}]`);
      i++;
      continue;
    }
    let j = i;
    for (; j < rows.length && rows[j][1] === 'eval'; j++) {
      const text = rows[j][2];
      // Fast path: the payload as the run log wrote it (JSON.stringify of the
      // parsed record: step, split, objectives, nothing else) is read without
      // a parse, the vector spliced as text; any other form is parsed.
      const m = STORED_EVAL.exec(text);
      const p = m ? null : (JSON.parse(text) as { step: number; split?: string; objectives: number[] });
      const name = m ? m[2] : (p!.split ?? 'test');
      let k = splitIndex.get(name);
      if (k === undefined) splitIndex.set(name, (k = splits.push(name) - 1));
      split.push(k);
      steps.push(m ? Number(m[1]) : p!.step);
      let len: number;
      if (m) {
        len = m[3] === '' ? 0 : countCommas(m[3]) + 1;
        if (len) values.push(m[3]);
      } else {
        len = p!.objectives.length;
        if (len) values.push(p!.objectives.map((v) => JSON.stringify(v)).join(','));
      }
      if (lengths.length && len !== lengths[0]) irregular = true;
      lengths.push(len);
    }
    events.push(`[${rows[j - 1][0]},"evals",${j - i}]`);
    i = j;
  }
  const cursor = rows.length ? rows[rows.length - 1][0] : opts.after;
  const evals = `{"steps":[${steps.join(',')}],"dim":${lengths[0] ?? 0},"lengths":${irregular ? `[${lengths.join(',')}]` : null},"splits":${JSON.stringify(splits)},"split":${splits.length > 1 ? `[${split.join(',')}]` : null},"values":[${values.join(',')}]}`;
  return `{"cursor":${cursor},"nextCursor":${opts.full && rows.length ? cursor : null},"events":[${events.join(',')}],"evals":${evals}}`;
}
