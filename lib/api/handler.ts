/**
 * The one shape of every route handler: parse and validate, call lib/, return
 * JSON. Errors map to HTTP here and nowhere else: a bad query → 400, a bad body
 * → 422 (both naming the field), unknown ids → 404, conflicts → 409, anything
 * else → 500 with the details logged, not returned.
 */
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../errors';

/** A validation error in the URL's query string (HTTP 400). */
export class QueryError extends ValidationError {}

/** The body is not JSON at all (HTTP 400). */
export class MalformedBodyError extends Error {}

type Ctx<P> = { params: Promise<P> };

export function route<P = Record<string, never>>(
  fn: (req: NextRequest, params: P) => Promise<unknown>,
  opts: { status?: number } = {},
) {
  return async (req: NextRequest, ctx: Ctx<P>): Promise<Response> => {
    try {
      const result = await fn(req, await ctx.params);
      if (result instanceof Response) return result;
      return NextResponse.json(result, { status: opts.status ?? 200 });
    } catch (err) {
      return errorResponse(err, req);
    }
  };
}

export function errorResponse(err: unknown, req?: NextRequest): Response {
  if (err instanceof QueryError) return NextResponse.json({ error: err.message, issues: err.issues }, { status: 400 });
  if (err instanceof ValidationError) return NextResponse.json({ error: err.message, issues: err.issues }, { status: 422 });
  if (err instanceof MalformedBodyError) return NextResponse.json({ error: err.message }, { status: 400 });
  if (err instanceof NotFoundError) return NextResponse.json({ error: err.message }, { status: 404 });
  if (err instanceof ConflictError) return NextResponse.json({ error: err.message }, { status: 409 });
  console.error(`[api] ${req?.method ?? ''} ${req?.nextUrl.pathname ?? ''} failed:`, err);
  return NextResponse.json({ error: 'internal error' }, { status: 500 });
}

/** Validates the query string; unknown parameters are rejected by name. */
export function parseQuery<T extends z.ZodObject>(schema: T, req: NextRequest): z.infer<T> {
  const raw: Record<string, string> = {};
  const known = new Set(Object.keys(schema.shape));
  const issues = [];
  for (const [k, v] of req.nextUrl.searchParams) {
    if (!known.has(k)) issues.push({ path: k, message: `unknown query parameter; valid: ${[...known].join(', ')}` });
    else if (k in raw) issues.push({ path: k, message: 'given more than once' });
    raw[k] = v;
  }
  if (issues.length) throw new QueryError(issues);
  const res = schema.safeParse(raw);
  if (!res.success) throw new QueryError(ValidationError.fromZod(res.error).issues);
  return res.data;
}

export async function readJson(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) throw new MalformedBodyError('request body is empty; expected JSON');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new MalformedBodyError(`request body is not valid JSON: ${(err as Error).message}`);
  }
}
