import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readJson, route } from '@/lib/api/handler';
import { SESSION_COOKIE } from '@/lib/api/auth';
import { signIn, signOut, currentViewer } from '@/lib/api/session';
import { parse } from '@/lib/runs';
import { resolveAuthMode } from '@/lib/auth/mode';
import { ConflictError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

const SignIn = z.strictObject({ token: z.string().min(1).max(200) });

/** GET /api/session — { team, publicRead, user: { name, role } | null }. */
export const GET = route(async () => currentViewer(), { access: { role: 'anyone' } });

/** POST /api/session — { token } → sets the session cookies; { user, csrfToken }. 401 for an unknown token. */
export const POST = route(
  async (req) => {
    if (!resolveAuthMode().team) throw new ConflictError('this server runs in local mode: there is nothing to sign in to');
    const { token: secret } = parse(SignIn, await readJson(req));
    const res = NextResponse.json({});
    const secure = req.nextUrl.protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
    const { token, csrfToken } = await signIn(secret, res, secure);
    const body = NextResponse.json({ user: { name: token.name, role: token.role }, csrfToken });
    for (const c of res.cookies.getAll()) body.cookies.set(c);
    return body;
  },
  { access: { role: 'anyone' } },
);

/** DELETE /api/session — signs out. */
export const DELETE = route(
  async (req) => {
    const res = NextResponse.json({ signedOut: true });
    await signOut(req.cookies.get(SESSION_COOKIE)?.value, res);
    return res;
  },
  { access: { role: 'anyone' } },
);
