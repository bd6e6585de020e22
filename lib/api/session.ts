/**
 * Browser sessions (team mode): signing in with an API token sets an
 * HttpOnly, SameSite=Strict session cookie (its SHA-256 is what the database
 * keeps) and a readable CSRF cookie whose value the page sends back in
 * `x-csrf-token` on every change (verified against the session's secret by
 * the `csrf` package). Cookies are set with Next's own cookie API.
 */
import crypto from 'node:crypto';
import { cookies, headers } from 'next/headers';
import type { NextResponse } from 'next/server';
import { createSession, deleteSession, findActiveToken, findSession, SESSION_TTL_MS, type TokenView } from '../db';
import { resolveAuthMode } from '../auth/mode';
import { roleAtLeast, type Role } from '../auth/tokens';
import { CSRF_COOKIE, csrfTokens, SESSION_COOKIE, UnauthorizedError } from './auth';

function cookieOptions(secure: boolean, httpOnly: boolean) {
  return { httpOnly, secure, sameSite: 'strict' as const, path: '/', maxAge: Math.floor(SESSION_TTL_MS / 1000) };
}

/** Signs in with a token: sets the cookies on `res`, returns who signed in and the CSRF token. */
export async function signIn(secret: string, res: NextResponse, secure: boolean): Promise<{ token: TokenView; csrfToken: string }> {
  const token = await findActiveToken(secret);
  if (!token) throw new UnauthorizedError('unknown or revoked API token');
  const cookieValue = crypto.randomBytes(32).toString('base64url');
  const csrfSecret = csrfTokens.secretSync();
  await createSession(token.id, cookieValue, csrfSecret);
  const csrfToken = csrfTokens.create(csrfSecret);
  res.cookies.set(SESSION_COOKIE, cookieValue, cookieOptions(secure, true));
  res.cookies.set(CSRF_COOKIE, csrfToken, cookieOptions(secure, false));
  return { token, csrfToken };
}

export async function signOut(cookieValue: string | undefined, res: NextResponse): Promise<void> {
  if (cookieValue) await deleteSession(cookieValue);
  res.cookies.delete(SESSION_COOKIE);
  res.cookies.delete(CSRF_COOKIE);
}

export interface Viewer {
  team: boolean;
  publicRead: boolean;
  /** Null: nobody signed in (team mode). Local mode: the machine's user, an admin. */
  user: { name: string; role: Role } | null;
}

/** Who is looking at a page (server components). */
export async function currentViewer(): Promise<Viewer> {
  const mode = resolveAuthMode();
  if (!mode.team) return { team: false, publicRead: true, user: { name: 'local', role: 'admin' } };
  // An API token works for pages too (curl, scripts); browsers use the session cookie.
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec((await headers()).get('authorization') ?? '')?.[1];
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  const token = bearer ? await findActiveToken(bearer) : value ? (await findSession(value))?.token : null;
  return { team: true, publicRead: mode.publicRead, user: token ? { name: token.name, role: token.role } : null };
}

/** Whether the viewer may see pages, and whether they may change things. */
export function viewerMay(v: Viewer, role: Role): boolean {
  if (!v.user) return role === 'reader' && v.publicRead;
  return roleAtLeast(v.user.role, role);
}
