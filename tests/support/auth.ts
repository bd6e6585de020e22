/**
 * Tokens for tests against a real server: minted straight into its database
 * (as `npm run token -- create` would, stored as SHA-256), returned with the
 * headers to send.
 *
 *   const admin = await mintToken(next.get(), 'admin');
 *   await fetch(url, { method: 'POST', headers: { ...admin.headers, 'content-type': 'application/json' }, body });
 *
 * Servers on PostgreSQL run in team mode (every write needs a token); on
 * SQLite pass `{ PARETO_AUTH: 'team' }` to useNextServer for team mode.
 */
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { generateToken, hashSecret, displayPrefix, type Role } from '../../lib/auth/tokens';
import { migrate } from '../../lib/db/migrate';
import { resolveDbConfig } from '../../lib/db/config';

export interface TestToken {
  id: string;
  name: string;
  role: Role;
  secret: string;
  /** `{ authorization: 'Bearer …' }` */
  headers: Record<string, string>;
}

async function sql(databaseUrl: string, text: string, params: unknown[]): Promise<void> {
  if (databaseUrl.startsWith('file:')) {
    const db = new Database(databaseUrl.slice('file:'.length), { timeout: 15_000 });
    try {
      db.prepare(text.replace(/\$\d+/g, '?')).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

const now = (databaseUrl: string) => (databaseUrl.startsWith('file:') ? new Date().toISOString().replace('Z', '+00:00') : new Date());

/** Creates a token of `role` in the server's database. */
export async function mintToken(
  server: { databaseUrl: string } | string,
  role: Role,
  name = `${role}-${crypto.randomBytes(3).toString('hex')}`,
): Promise<TestToken> {
  const url = typeof server === 'string' ? server : server.databaseUrl;
  await migrate(resolveDbConfig(url)); // a no-op once the server has migrated
  const secret = generateToken();
  const id = `t_test${crypto.randomBytes(8).toString('hex')}`;
  await sql(url, 'INSERT INTO "ApiToken" ("id", "name", "role", "hash", "prefix", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    name,
    role,
    hashSecret(secret),
    displayPrefix(secret),
    now(url),
  ]);
  return { id, name, role, secret, headers: { authorization: `Bearer ${secret}` } };
}

/** Lets `token` log to a run it did not create. */
export async function grantRun(server: { databaseUrl: string } | string, runId: string, token: TestToken): Promise<void> {
  const url = typeof server === 'string' ? server : server.databaseUrl;
  await sql(url, 'INSERT INTO "RunGrant" ("runId", "tokenId", "createdAt") VALUES ($1, $2, $3)', [runId, token.id, now(url)]);
}
