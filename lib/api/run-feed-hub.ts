/**
 * One poller for every live event stream in this server process.
 *
 * Each SSE connection used to poll the database every 200 ms on its own: 500
 * idle subscribers cost a full core. Now one tick every 200 ms asks, in one
 * query, for the latest event seq of every run someone is watching
 * (`Run.eventSeq`), and only runs whose seq moved past a subscriber's cursor
 * are read — once per run, whatever the number of subscribers — and fanned
 * out. Seqs are commit-ordered per run (lib/db/events.ts), so delivering
 * `seq > cursor` in order gives every subscriber every event exactly once.
 *
 * Connections are capped (`maxConnections`, PARETO_SSE_MAX, default 1000): the
 * route answers 503 with Retry-After beyond it. A subscriber that stops
 * reading (its buffer passes `maxBufferedBytes`) is disconnected; its
 * EventSource reconnects with Last-Event-ID and loses nothing.
 */
import { latestEventSeqs, listEvents, type RunEventView } from '../db';

export interface FeedSubscriber {
  runId: string;
  /** Seq of the last event this subscriber has been sent. */
  cursor: number;
  /** Sends text; returns false when the connection is gone or too far behind (then it is dropped). */
  write: (text: string) => boolean;
  lastWrite: number;
}

export interface FeedHubOptions {
  pollMs: number;
  heartbeatMs: number;
  maxConnections: number;
  pageSize: number;
}

export const DEFAULT_FEED_OPTIONS: FeedHubOptions = { pollMs: 200, heartbeatMs: 15_000, maxConnections: 1000, pageSize: 1000 };

export function formatEvent(e: RunEventView): string {
  return `id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e.payload)}\n\n`;
}

/**
 * Frames for consecutive events: a run of two or more consecutive `eval`
 * events becomes one `evals` frame (data: the array of their payloads, id: the
 * last one's seq), so a replay of 50,000 evaluation points is ~50 messages,
 * not 50,000. The cursor stays exact: every event up to the frame's id is in it
 * or before it. A lone eval event stays an `eval` frame.
 */
export function formatEvents(events: readonly RunEventView[]): string {
  let out = '';
  for (let i = 0; i < events.length;) {
    let j = i;
    while (j < events.length && events[j].kind === 'eval') j++;
    if (j - i >= 2) {
      out += `id: ${events[j - 1].id}\nevent: evals\ndata: [${events
        .slice(i, j)
        .map((e) => JSON.stringify(e.payload))
        .join(',')}]\n\n`;
      i = j;
    } else {
      out += formatEvent(events[i]);
      i++;
    }
  }
  return out;
}

export class FeedHub {
  private readonly runs = new Map<string, Set<FeedSubscriber>>();
  private size = 0;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private again = false;

  constructor(readonly opts: FeedHubOptions) {}

  get connections(): number {
    return this.size;
  }

  /** Adds a subscriber, or returns null at the connection cap. */
  subscribe(sub: FeedSubscriber): (() => void) | null {
    if (this.size >= this.opts.maxConnections) return null;
    let set = this.runs.get(sub.runId);
    if (!set) this.runs.set(sub.runId, (set = new Set()));
    set.add(sub);
    this.size++;
    this.start();
    void this.tick(); // catch the newcomer up now, not on the next beat
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.remove(sub);
    };
  }

  private remove(sub: FeedSubscriber): void {
    const set = this.runs.get(sub.runId);
    if (!set?.delete(sub)) return;
    this.size--;
    if (set.size === 0) this.runs.delete(sub.runId);
    if (this.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.opts.pollMs);
    this.timer.unref?.();
  }

  /** One round: which watched runs have news, then one read per such run. */
  async tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    try {
      do {
        this.again = false;
        await this.round();
      } while (this.again);
    } catch (err) {
      console.error('[sse] feed poll failed:', err);
    } finally {
      this.ticking = false;
    }
  }

  private async round(): Promise<void> {
    const ids = [...this.runs.keys()];
    if (!ids.length) return;
    const heads = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 500) for (const [k, v] of await latestEventSeqs(ids.slice(i, i + 500))) heads.set(k, v);
    const now = Date.now();
    for (const [runId, subs] of this.runs) {
      const head = heads.get(runId) ?? 0;
      let from = Infinity;
      for (const s of subs) if (s.cursor < head) from = Math.min(from, s.cursor);
      while (from < head && this.runs.get(runId)?.size) {
        const pageFrom = from;
        const events = await listEvents(runId, { afterId: pageFrom, limit: this.opts.pageSize });
        if (!events.length) break;
        for (const s of [...(this.runs.get(runId) ?? [])]) {
          // A subscriber that joined during the read, behind this page's start,
          // would get a gap: it waits for the next round, which starts at its cursor.
          if (s.cursor < pageFrom) {
            this.again = true;
            continue;
          }
          const fresh = events.filter((e) => e.id > s.cursor);
          if (!fresh.length) continue;
          if (!s.write(formatEvents(fresh))) {
            this.remove(s);
            continue;
          }
          s.cursor = fresh[fresh.length - 1].id;
          s.lastWrite = now;
        }
        from = events[events.length - 1].id;
      }
      for (const s of [...(this.runs.get(runId) ?? [])]) {
        if (now - s.lastWrite >= this.opts.heartbeatMs) {
          if (!s.write(': heartbeat\n\n')) this.remove(s);
          else s.lastWrite = now;
        }
      }
    }
  }
}

const g = globalThis as unknown as { __paretoFeedHub?: FeedHub };

/** The process's hub, created on first use with the limits from the environment. */
export function feedHub(env: Record<string, string | undefined> = process.env): FeedHub {
  if (!g.__paretoFeedHub) {
    const max = Number(env.PARETO_SSE_MAX ?? DEFAULT_FEED_OPTIONS.maxConnections);
    g.__paretoFeedHub = new FeedHub({ ...DEFAULT_FEED_OPTIONS, maxConnections: Number.isInteger(max) && max > 0 ? max : DEFAULT_FEED_OPTIONS.maxConnections });
  }
  return g.__paretoFeedHub;
}
