/**
 * Who is asking, and may they: the request half of team mode. The route
 * wrapper (handler.ts) calls `authorize` before any route code runs, with the
 * access the route declared.
 *
 *  - Host check (DNS rebinding): 421 for a Host this server does not answer to.
 *  - State changes (anything but GET/HEAD/OPTIONS): refused cross-origin
 *    (Origin / Sec-Fetch-Site), bodies must be JSON (415 otherwise: a
 *    cross-origin form or text/plain post can never get through), and from a
 *    cookie session they need the session's CSRF token (`x-csrf-token`,
 *    verified with the `csrf` package against the session's secret).
 *  - Identity: `Authorization: Bearer <token>`, or the HttpOnly session cookie.
 *    Local mode: the machine's user, allowed everything.
 *  - Role: reader < writer < admin; anonymous may read with PARETO_PUBLIC_READ=1.
 *  - Run scope: `run: 'own'` routes need a run the token created or was granted.
 */
import Tokens from 'csrf';
import type { NextRequest } from 'next/server';
import { findActiveToken, findSession, tokenMayWriteRun, type TokenView } from '../db';
import { ForbiddenError } from '../errors';
import { roleAtLeast, type Role } from './../auth/tokens';
import { hostAllowed, resolveAuthMode, type AuthMode } from '../auth/mode';
import type { WriterContext } from '../runs/run-log';

export const SESSION_COOKIE = 'pareto_session';
/** Readable by the page's script (not HttpOnly): it echoes the value in `x-csrf-token`. */
export const CSRF_COOKIE = 'pareto_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const csrfTokens = new Tokens();

export type Principal = { kind: 'local' } | { kind: 'anonymous' } | { kind: 'token'; token: TokenView; via: 'bearer' | 'cookie'; csrfSecret?: string };

/** What a route needs; declared once per route in its `route(…, { access })`. */
export interface Access {
  /** Least role: `anyone` (sign-in), `reader`, `writer` or `admin`. */
  role: 'anyone' | Role;
  /** `own`: the run in the URL (`:id`) must be one the token created or was granted (admins: any run). */
  run?: 'own';
}

/** Reads are for readers, everything else for admins, unless a route says otherwise. */
export function defaultAccess(method: string): Access {
  return SAFE_METHODS.has(method) ? { role: 'reader' } : { role: 'admin' };
}

export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** No or bad credentials (HTTP 401). */
export class UnauthorizedError extends Error {}
/** A body that is not JSON on a state-changing request (HTTP 415). */
export class UnsupportedMediaTypeError extends Error {}
/** A Host this server does not answer to: DNS rebinding (HTTP 421). */
export class MisdirectedRequestError extends Error {}

export function principalRole(p: Principal): Role | null {
  if (p.kind === 'local') return 'admin';
  if (p.kind === 'token') return p.token.role;
  return null;
}

/** What the run log should know about this writer: its batch-id namespace and token. */
export function writerContext(p: Principal): WriterContext {
  if (p.kind === 'token') return { batchScope: `token:${p.token.id}`, createdByTokenId: p.token.id };
  return { batchScope: 'local' };
}

/** Whether the request comes from this server's own pages: true, false (cross-site) or null (no browser signal: curl, SDKs). */
export function sameOrigin(req: NextRequest): boolean | null {
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.get('origin');
  if (origin) {
    if (origin === 'null') return false;
    try {
      return new URL(origin).host.toLowerCase() === (req.headers.get('host') ?? '').toLowerCase();
    } catch {
      return false;
    }
  }
  return site ? true : null;
}

function checkStateChange(req: NextRequest): void {
  if (sameOrigin(req) === false) throw new ForbiddenError('cross-origin requests may not change anything');
  const type = req.headers.get('content-type');
  const hasBody = Number(req.headers.get('content-length') ?? 0) > 0 || req.headers.has('transfer-encoding');
  if (type ? !/^application\/json\s*(;|$)/i.test(type) : hasBody) {
    throw new UnsupportedMediaTypeError(`request bodies must be JSON (content-type: application/json); got ${type ?? 'none'}`);
  }
}

async function identify(req: NextRequest, mode: AuthMode): Promise<Principal> {
  if (!mode.team) return { kind: 'local' };
  const auth = req.headers.get('authorization');
  if (auth !== null) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"');
    const token = await findActiveToken(m[1]);
    if (!token) throw new UnauthorizedError('unknown or revoked API token');
    return { kind: 'token', token, via: 'bearer' };
  }
  const cookie = req.cookies.get(SESSION_COOKIE)?.value;
  if (cookie) {
    const session = await findSession(cookie);
    if (session) return { kind: 'token', token: session.token, via: 'cookie', csrfSecret: session.csrfSecret };
  }
  return { kind: 'anonymous' };
}

/** Throws the HTTP error this request deserves, or returns who is asking. */
export async function authorize(req: NextRequest, access: Access, params: Record<string, unknown>, mode = resolveAuthMode()): Promise<Principal> {
  if (!hostAllowed(req.headers.get('host'), mode)) {
    throw new MisdirectedRequestError(`this server does not answer to host "${req.headers.get('host') ?? ''}" (set PARETO_ALLOWED_HOSTS)`);
  }
  const changes = !SAFE_METHODS.has(req.method);
  if (changes) checkStateChange(req);
  const principal = await identify(req, mode);
  if (changes && principal.kind === 'token' && principal.via === 'cookie') {
    if (sameOrigin(req) !== true) throw new ForbiddenError('a signed-in browser must send Origin on changes');
    const csrf = req.headers.get(CSRF_HEADER);
    if (!csrf || !csrfTokens.verify(principal.csrfSecret!, csrf)) throw new ForbiddenError(`missing or invalid CSRF token (${CSRF_HEADER})`);
  }
  if (access.role === 'anyone') return principal;
  const role = principalRole(principal);
  if (role === null) {
    if (access.role === 'reader' && mode.publicRead) return principal;
    throw new UnauthorizedError('sign in or send an API token (Authorization: Bearer <token>)');
  }
  if (!roleAtLeast(role, access.role)) throw new ForbiddenError(`this needs the ${access.role} role; your token is a ${role}`);
  if (access.run === 'own' && role !== 'admin' && principal.kind === 'token') {
    const runId = String(params.id ?? '');
    if (!(await tokenMayWriteRun(runId, principal.token.id))) {
      throw new ForbiddenError(`token "${principal.token.name}" may not write to run ${runId}: it did not create it and was not granted it`);
    }
  }
  return principal;
}
