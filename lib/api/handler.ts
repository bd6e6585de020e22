/**
 * The one shape of every route handler: check the request and authorize it,
 * parse and validate, call lib/, return JSON. Errors map to HTTP here and
 * nowhere else: a bad query or path → 400, no or bad credentials → 401, a role
 * or run the caller lacks, or a cross-origin change → 403, unknown ids → 404,
 * conflicts → 409, a body over the limit → 413, a non-JSON body → 415, a bad
 * body → 422 (naming the field), a Host this server does not answer to → 421,
 * anything else → 500 with the details logged, not returned.
 *
 * Authorization is declared per route, in one line:
 *
 *   export const PATCH = route<{ id: string }>(fn, { access: { role: 'writer', run: 'own' } });
 *
 * Without `access`, GET/HEAD need a reader and everything else an admin. The
 * route function gets `ctx.principal` (who) and `ctx.writer` (the run log's
 * writer context: batch-id namespace and creating token).
 */
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { safeText } from '../runs/safe-text';
import type { WriterContext } from '../runs/run-log';
import {
  authorize,
  defaultAccess,
  MisdirectedRequestError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  writerContext,
  type Access,
  type Principal,
} from './auth';
import { MalformedBodyError, PayloadTooLargeError } from './body';

export { readJson, MalformedBodyError, PayloadTooLargeError, MAX_BODY_BYTES } from './body';
export type { Access, Principal } from './auth';

/** A validation error in the URL's query string (HTTP 400). */
export class QueryError extends ValidationError {}

/** A malformed URL path (HTTP 400). */
export class BadPathError extends Error {}

/** The server is at a limit (SSE connections); try again later (HTTP 503). */
export class UnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}

export interface RouteContext {
  principal: Principal;
  writer: WriterContext;
}

type Ctx<P> = { params: Promise<P> };

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function route<P = Record<string, never>>(
  fn: (req: NextRequest, params: P, ctx: RouteContext) => Promise<unknown>,
  opts: { status?: number; access?: Access } = {},
) {
  return async (req: NextRequest, ctx: Ctx<P>): Promise<Response> => {
    try {
      let params: P;
      try {
        params = await ctx.params;
      } catch (err) {
        if (err instanceof URIError) throw new BadPathError('the URL path is not validly percent-encoded');
        throw err;
      }
      const id = (params as { id?: unknown } | undefined)?.id;
      // Not a run id: no such run (and nothing odd reaches the database).
      if (typeof id === 'string' && !RUN_ID.test(id)) throw new NotFoundError('run', JSON.stringify(safeText(id, 80)));
      const principal = await authorize(req, opts.access ?? defaultAccess(req.method), (params ?? {}) as Record<string, unknown>);
      const result = await fn(req, params, { principal, writer: writerContext(principal) });
      if (result instanceof Response) return result;
      return NextResponse.json(result, { status: opts.status ?? 200 });
    } catch (err) {
      return errorResponse(err, req);
    }
  };
}

export function errorResponse(err: unknown, req?: NextRequest): Response {
  const json = (status: number, body: Record<string, unknown>, headers?: Record<string, string>) => NextResponse.json(body, { status, headers });
  if (err instanceof QueryError) return json(400, { error: err.message, issues: err.issues });
  if (err instanceof ValidationError) return json(422, { error: err.message, issues: err.issues });
  if (err instanceof MalformedBodyError || err instanceof BadPathError) return json(400, { error: err.message });
  if (err instanceof UnauthorizedError) return json(401, { error: err.message }, { 'www-authenticate': 'Bearer realm="pareto-studio"' });
  if (err instanceof ForbiddenError) return json(403, { error: err.message });
  if (err instanceof NotFoundError) return json(404, { error: err.message });
  if (err instanceof ConflictError) return json(409, { error: err.message });
  if (err instanceof PayloadTooLargeError) return json(413, { error: err.message, limit: err.limit });
  if (err instanceof UnsupportedMediaTypeError) return json(415, { error: err.message });
  if (err instanceof MisdirectedRequestError) return json(421, { error: err.message });
  if (err instanceof UnavailableError) return json(503, { error: err.message }, { 'retry-after': String(err.retryAfterSeconds) });
  console.error(`[api] ${req?.method ?? ''} ${req?.nextUrl.pathname ?? ''} failed:`, err);
  return json(500, { error: 'internal error' });
}

/** Validates the query string; unknown parameters are rejected by name. */
export function parseQuery<T extends z.ZodObject>(schema: T, req: NextRequest): z.infer<T> {
  const raw: Record<string, string> = {};
  const known = new Set(Object.keys(schema.shape));
  const issues = [];
  for (const [k, v] of req.nextUrl.searchParams) {
    if (!known.has(k)) issues.push({ path: safeText(k, 64), message: `unknown query parameter; valid: ${[...known].join(', ')}` });
    else if (k in raw) issues.push({ path: k, message: 'given more than once' });
    else if (v.includes('\u0000')) issues.push({ path: k, message: 'contains a NUL character' });
    raw[k] = v;
  }
  if (issues.length) throw new QueryError(issues);
  const res = schema.safeParse(raw);
  if (!res.success) throw new QueryError(ValidationError.fromZod(res.error).issues);
  return res.data;
}
