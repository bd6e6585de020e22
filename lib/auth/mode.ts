/**
 * Local or team mode, from the environment.
 *
 * Local mode (the default: `npm start` binds 127.0.0.1 and the database is a
 * SQLite file): whoever can reach the port is the machine's user, so no token
 * is asked for; browser requests are still Host-, Origin- and
 * content-type-checked (DNS rebinding and CSRF reach localhost too).
 *
 * Team mode (on when the server listens beyond localhost, when DATABASE_URL is
 * PostgreSQL, or with PARETO_AUTH=team): every write needs a token; reads too
 * unless PARETO_PUBLIC_READ=1.
 */
export interface AuthMode {
  team: boolean;
  /** Why team mode is on or off, for the startup banner. */
  reason: string;
  /** Anonymous requests may read (PARETO_PUBLIC_READ=1). */
  publicRead: boolean;
  /** Host names (with optional :port) requests may be addressed to; null = any. */
  allowedHosts: string[] | null;
}

export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return LOOPBACK_HOSTS.includes(h) || /^127\.\d+\.\d+\.\d+$/.test(h);
}

type Env = Record<string, string | undefined>;

export function resolveAuthMode(env: Env = process.env): AuthMode {
  const publicRead = env.PARETO_PUBLIC_READ === '1';
  const explicit = env.PARETO_AUTH?.trim().toLowerCase();
  const host = env.HOST?.trim() || '127.0.0.1';
  let team: boolean;
  let reason: string;
  if (explicit === 'team' || explicit === 'local') {
    team = explicit === 'team';
    reason = `PARETO_AUTH=${explicit}`;
  } else if (!isLoopbackHost(host)) {
    team = true;
    reason = `listening on ${host}, beyond localhost`;
  } else if (/^postgres(ql)?:\/\//i.test(env.DATABASE_URL?.trim() ?? '')) {
    team = true;
    reason = 'the database is PostgreSQL (shared)';
  } else {
    team = false;
    reason = 'listening on localhost with an embedded database';
  }
  const listed = env.PARETO_ALLOWED_HOSTS?.split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  // Local mode answers only to loopback names (a rebinding DNS name is refused);
  // team mode to the names listed, if any (tokens and host-bound cookies do not travel with a rebinding).
  const allowedHosts = listed?.length ? [...listed, ...LOOPBACK_HOSTS] : team ? null : LOOPBACK_HOSTS;
  return { team, reason, publicRead, allowedHosts };
}

/** Whether a Host header value (name[:port]) is one this server answers to. */
export function hostAllowed(hostHeader: string | null, mode: AuthMode): boolean {
  if (!mode.allowedHosts) return true;
  if (!hostHeader) return false;
  const h = hostHeader.trim().toLowerCase();
  const name = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.replace(/:\d+$/, '');
  return mode.allowedHosts.some((a) => a === h || a === name) || (!mode.team && isLoopbackHost(name));
}
