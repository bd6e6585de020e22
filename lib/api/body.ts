/**
 * Reading a JSON request body safely: at most MAX_BODY_BYTES (413 beyond,
 * checked on Content-Length and again while streaming, so a lying or chunked
 * request cannot exceed it), JSON only, nesting at most MAX_JSON_DEPTH deep,
 * and no string or key with a NUL or a lone UTF-16 surrogate (422 naming the
 * field; PostgreSQL cannot store NUL, and a lone surrogate is not Unicode, so
 * both providers refuse them alike).
 */
import type { NextRequest } from 'next/server';
import { ValidationError, formatPath } from '../errors';
import { badTextReason } from '../runs/safe-text';

/** 8 MiB: the largest request body the API accepts (413 beyond). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Objects and arrays nested deeper than this are refused (422). */
export const MAX_JSON_DEPTH = 32;

/** The body is not JSON at all (HTTP 400). */
export class MalformedBodyError extends Error {}

/** The body is larger than MAX_BODY_BYTES (HTTP 413). */
export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes (${Math.round(limit / 1024 / 1024)} MiB); split the data into several batches`);
  }
}

async function readLimited(req: NextRequest, limit: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Walks a parsed JSON value without recursion: depth, and text the database can store. */
export function checkJsonValue(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const bad = badTextReason(v);
      if (bad) throw new ValidationError([{ path: formatPath('', path), message: bad }]);
    } else if (v !== null && typeof v === 'object') {
      if (path.length >= maxDepth) throw new ValidationError([{ path: formatPath('', path), message: `nested deeper than ${maxDepth} levels` }]);
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) {
          const child: unknown = v[i];
          if (typeof child === 'string' || (child !== null && typeof child === 'object')) stack.push({ v: child, path: [...path, i] });
        }
      } else {
        for (const [k, child] of Object.entries(v)) {
          const bad = badTextReason(k);
          if (bad) throw new ValidationError([{ path: formatPath('', path), message: `a key ${bad}` }]);
          stack.push({ v: child, path: [...path, k] });
        }
      }
    }
  }
}

export async function readJson(req: NextRequest, opts: { limit?: number } = {}): Promise<unknown> {
  const text = await readLimited(req, opts.limit ?? MAX_BODY_BYTES);
  if (!text.trim()) throw new MalformedBodyError('request body is empty; expected JSON');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new MalformedBodyError(`request body is not valid JSON: ${(err as Error).message}`);
  }
  checkJsonValue(value);
  return value;
}
