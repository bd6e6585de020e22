/**
 * Team-mode identities: API tokens (hashed), run grants and browser sessions.
 * Secrets never reach the database: tokens and session cookies are stored as
 * their SHA-256 (lib/auth/tokens.ts says why that is enough).
 */
import { getDb } from './client';
import { newId } from './ids';
import { ConflictError, NotFoundError } from '../errors';
import { displayPrefix, generateToken, hashSecret, type Role } from '../auth/tokens';

export interface TokenView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Creates a token; the returned secret is the only copy there will ever be. */
export async function createApiToken(name: string, role: Role): Promise<{ token: TokenView; secret: string }> {
  const db = await getDb();
  const secret = generateToken();
  try {
    const row = await db.apiToken.create({ data: { id: newId('t'), name, role, hash: hashSecret(secret), prefix: displayPrefix(secret) } });
    return { token: toView(row), secret };
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') throw new ConflictError(`a token named "${name}" already exists`);
    throw err;
  }
}

export async function listApiTokens(): Promise<TokenView[]> {
  const db = await getDb();
  return (await db.apiToken.findMany({ orderBy: { createdAt: 'asc' } })).map(toView);
}

/** Revokes by name or id; its browser sessions end with it. */
export async function revokeApiToken(nameOrId: string): Promise<TokenView> {
  const db = await getDb();
  const row = await db.apiToken.findFirst({ where: { OR: [{ name: nameOrId }, { id: nameOrId }] } });
  if (!row) throw new NotFoundError('token', nameOrId);
  const updated = await db.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { tokenId: row.id } });
    return tx.apiToken.update({ where: { id: row.id }, data: { revokedAt: row.revokedAt ?? new Date() } });
  });
  return toView(updated);
}

/** The live (not revoked) token with this secret, or null. */
export async function findActiveToken(secret: string): Promise<TokenView | null> {
  const db = await getDb();
  const row = await db.apiToken.findUnique({ where: { hash: hashSecret(secret) } });
  if (!row || row.revokedAt) return null;
  return toView(row);
}

/** Lets a writer log to a run it did not create. */
export async function grantRun(runId: string, tokenNameOrId: string): Promise<void> {
  const db = await getDb();
  const token = await db.apiToken.findFirst({ where: { OR: [{ name: tokenNameOrId }, { id: tokenNameOrId }] } });
  if (!token) throw new NotFoundError('token', tokenNameOrId);
  const run = await db.run.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) throw new NotFoundError('run', runId);
  await db.runGrant.upsert({ where: { runId_tokenId: { runId, tokenId: token.id } }, create: { runId, tokenId: token.id }, update: {} });
}

/** Whether this token created the run or was granted it (the run must exist). */
export async function tokenMayWriteRun(runId: string, tokenId: string): Promise<boolean> {
  const db = await getDb();
  const run = await db.run.findUnique({ where: { id: runId }, select: { createdByTokenId: true, grants: { where: { tokenId }, select: { tokenId: true } } } });
  if (!run) throw new NotFoundError('run', runId);
  return run.createdByTokenId === tokenId || run.grants.length > 0;
}

export const SESSION_TTL_MS = 7 * 24 * 3600_000;

export async function createSession(tokenId: string, cookieValue: string, csrfSecret: string): Promise<void> {
  const db = await getDb();
  await db.session.create({ data: { id: hashSecret(cookieValue), tokenId, csrfSecret, expiresAt: new Date(Date.now() + SESSION_TTL_MS) } });
}

/** The session behind a cookie value with its (live) token, or null. */
export async function findSession(cookieValue: string): Promise<{ csrfSecret: string; token: TokenView } | null> {
  const db = await getDb();
  const row = await db.session.findUnique({ where: { id: hashSecret(cookieValue) }, include: { token: true } });
  if (!row || row.expiresAt.getTime() < Date.now() || row.token.revokedAt) return null;
  return { csrfSecret: row.csrfSecret, token: toView(row.token) };
}

export async function deleteSession(cookieValue: string): Promise<void> {
  const db = await getDb();
  await db.session.deleteMany({ where: { id: hashSecret(cookieValue) } });
}

function toView(r: { id: string; name: string; role: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): TokenView {
  return { id: r.id, name: r.name, role: r.role as Role, prefix: r.prefix, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt, revokedAt: r.revokedAt };
}
