/**
 * GET /api/runs/:id/events — the run's event feed as Server-Sent Events.
 *
 * Each event is `id: <seq>`, `event: <kind>`, `data: <payload JSON>`, where seq
 * numbers the run's events 1, 2, … in commit order; consecutive eval events
 * travel as one `evals` frame (data: an array of eval payloads, id: the last
 * one's seq). The stream resumes after
 * the `Last-Event-ID` header (a reconnecting EventSource sends it) or
 * `?after=SEQ` (header wins); 0 / absent replays the whole feed. Every stream
 * of this server is served by one shared poller (lib/api/run-feed-hub.ts),
 * with a comment line every 15 s so proxies keep the connection open. Beyond
 * the connection cap (PARETO_SSE_MAX, default 1000) the answer is 503 with
 * Retry-After.
 */
import type { NextRequest } from 'next/server';
import { getRunOrThrow } from '@/lib/db';
import { QueryError, UnavailableError, parseQuery, route } from '@/lib/api/handler';
import { feedHub, type FeedSubscriber } from '@/lib/api/run-feed-hub';
import { EventCursor, EventsQuery } from '@/lib/contract/read-queries';
import { ValidationError } from '@/lib/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** A subscriber this far behind (bytes queued, unread) is disconnected; it reconnects with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

function cursorFrom(req: NextRequest): number {
  const query = parseQuery(EventsQuery, req);
  const header = req.headers.get('last-event-id');
  if (header === null || header === '') return query.after ?? 0;
  const res = EventCursor.safeParse(header.trim());
  if (!res.success) throw new QueryError(ValidationError.fromZod(res.error, 'Last-Event-ID').issues);
  return res.data;
}

export const GET = route<{ id: string }>(async (req, { id }) => {
  const cursor = cursorFrom(req);
  await getRunOrThrow(id);
  const hub = feedHub();
  const encoder = new TextEncoder();
  let unsubscribe: (() => void) | null = null;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    unsubscribe?.();
    try {
      controller.close();
    } catch {
      /* already closed by the client */
    }
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        c.enqueue(encoder.encode(`retry: 1000\n: tailing run ${id} after event ${cursor}\n\n`));
      },
      cancel() {
        close();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
  const sub: FeedSubscriber = {
    runId: id,
    cursor,
    lastWrite: Date.now(),
    write: (text) => {
      if (!open) return false;
      if ((controller.desiredSize ?? 0) < -MAX_BUFFERED_BYTES) {
        close();
        return false;
      }
      try {
        controller.enqueue(encoder.encode(text));
        return true;
      } catch {
        close();
        return false;
      }
    },
  };
  unsubscribe = hub.subscribe(sub);
  if (!unsubscribe) {
    open = false;
    throw new UnavailableError(`too many live connections (${hub.opts.maxConnections}); try again shortly`, 5);
  }
  req.signal.addEventListener('abort', close, { once: true });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
});
