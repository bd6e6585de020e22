/**
 * A test client for the run event stream (text/event-stream over fetch):
 * opens the stream, splits it into messages, and hangs up as soon as the
 * caller has what it needs. Raw frames only: callers parse `data` their way
 * (JSON, or lib/client/wire's runEventFromWire, as the browser does).
 */
import { expect } from 'vitest';

export interface SseMessage {
  id: number;
  event: string;
  /** The data line, unparsed. */
  data: string;
}

export interface ReadSseOptions {
  headers?: Record<string, string>;
  /** Sent as Last-Event-ID, as EventSource does on a reconnect. */
  lastEventId?: number;
  /** Hang up after this long even if `until` never says stop (default 20 s). */
  timeoutMs?: number;
}

/**
 * Reads messages (frames with an id) until `until(messages)` is true, checked
 * after every message, or the stream ends or times out; then disconnects.
 * Comment lines (": …", e.g. the stream's greeting) are returned apart.
 */
export async function readSse(
  url: string,
  until: (messages: SseMessage[]) => boolean,
  opts: ReadSseOptions = {},
): Promise<{ messages: SseMessage[]; comments: string[] }> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), opts.timeoutMs ?? 20_000);
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  try {
    const res = await fetch(url, {
      signal: ctl.signal,
      headers: { ...opts.headers, accept: 'text/event-stream', ...(opts.lastEventId ? { 'last-event-id': String(opts.lastEventId) } : {}) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    while (!until(messages)) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let cut: number;
      while (!until(messages) && (cut = buf.indexOf('\n\n')) >= 0) {
        const frame = parseFrame(buf.slice(0, cut), comments);
        buf = buf.slice(cut + 2);
        if (frame) messages.push(frame);
      }
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  } finally {
    clearTimeout(timer);
    ctl.abort(); // disconnect
  }
  return { messages, comments };
}

function parseFrame(block: string, comments: string[]): SseMessage | null {
  let id: number | undefined;
  let event = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) comments.push(line.slice(1).trim());
    else if (line.startsWith('id: ')) id = Number(line.slice(4));
    else if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data = line.slice(6);
  }
  return id === undefined ? null : { id, event, data };
}
