/**
 * Where the database lives. With no DATABASE_URL we use an embedded SQLite
 * file under ./data; `postgres://` or `postgresql://` URLs select PostgreSQL.
 */
import path from 'node:path';

export type Provider = 'sqlite' | 'postgresql';

export interface DbConfig {
  provider: Provider;
  /** URL as given (SQLite: `file:` + absolute path). */
  url: string;
  /** SQLite only: absolute path of the database file. */
  file?: string;
}

export const DEFAULT_SQLITE_FILE = path.join('data', 'pareto-studio.db');

/** How long a SQLite writer waits for the file's lock (every connection: Prisma's and the direct ones). */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

export function resolveDbConfig(url = process.env.DATABASE_URL): DbConfig {
  const raw = url?.trim();
  if (!raw) return sqliteConfig(path.resolve(DEFAULT_SQLITE_FILE));
  if (/^postgres(ql)?:\/\//i.test(raw)) return { provider: 'postgresql', url: raw };
  if (raw.startsWith('file:')) return sqliteConfig(path.resolve(raw.slice('file:'.length)));
  throw new Error(`DATABASE_URL must be empty (embedded SQLite), file:/path/to/db.sqlite or postgresql://…; got "${redact(raw)}"`);
}

function sqliteConfig(file: string): DbConfig {
  return { provider: 'sqlite', url: `file:${file}`, file };
}

/** Hide credentials when echoing a URL back in an error or a log line. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
