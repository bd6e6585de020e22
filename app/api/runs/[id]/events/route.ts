/**
 * GET /api/runs/:id/events — the run's event feed as Server-Sent Events.
 *
 * Tails RunEvent by id from the `Last-Event-ID` header (a reconnecting
 * EventSource sends it) or `?after=ID` (header wins); 0 / absent replays the
 * whole feed. Each event is `id: <RunEvent.id>`, `event: <kind>`, `data: <payload
 * JSON>`. The database is polled every 200 ms (every 2 s once the run is
 * final), with a comment line every 15 s so proxies keep the connection open;
 * the loop ends when the client goes away.
 */
import type { NextRequest } from 'next/server';
import { getRunOrThrow, listEvents } from '@/lib/db';
import { QueryError, parseQuery, route } from '@/lib/api/handler';
import { EventCursor, EventsQuery } from '@/lib/runs/read-schemas';
import { ValidationError } from '@/lib/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const POLL_MS = 200;
const FINAL_POLL_MS = 2000;
const HEARTBEAT_MS = 15_000;
const PAGE = 1000;
const FINAL = new Set(['finished', 'failed', 'cancelled']);

function cursorFrom(req: NextRequest): number {
  const query = parseQuery(EventsQuery, req);
  const header = req.headers.get('last-event-id');
  if (header === null || header === '') return query.after ?? 0;
  const res = EventCursor.safeParse(header.trim());
  if (!res.success) throw new QueryError(ValidationError.fromZod(res.error, 'Last-Event-ID').issues);
  return res.data;
}

export const GET = route<{ id: string }>(async (req, { id }) => {
  let cursor = cursorFrom(req);
  const run = await getRunOrThrow(id);
  let final = FINAL.has(run.status);
  const encoder = new TextEncoder();
  let closed = false;
  let wake: (() => void) | null = null;
  const stop = () => {
    closed = true;
    wake?.();
  };
  req.signal.addEventListener('abort', stop, { once: true });
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(t);
        wake = null;
        resolve();
      };
    });

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      send(`retry: 1000\n: tailing run ${id} after event ${cursor}\n\n`);
      let lastWrite = Date.now();
      try {
        while (!closed) {
          const events = await listEvents(id, { afterId: cursor, limit: PAGE });
          if (closed) break;
          if (events.length > 0) {
            let chunk = '';
            for (const e of events) {
              chunk += `id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e.payload)}\n\n`;
              if (e.kind === 'status') final = FINAL.has(String(e.payload.status));
            }
            cursor = events[events.length - 1].id;
            send(chunk);
            lastWrite = Date.now();
            if (events.length === PAGE) continue;
          } else if (Date.now() - lastWrite >= HEARTBEAT_MS) {
            send(': heartbeat\n\n');
            lastWrite = Date.now();
          }
          await sleep(final ? FINAL_POLL_MS : POLL_MS);
        }
      } catch (err) {
        if (!closed) console.error(`[sse] run ${id} feed failed:`, err);
      } finally {
        req.signal.removeEventListener('abort', stop);
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      }
    },
    cancel() {
      stop();
    },
  });

  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
});
