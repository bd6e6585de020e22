/**
 * Every change the dashboard makes goes through here: JSON only, and in team
 * mode with the session's CSRF token (read from its cookie, sent back in a
 * header that another origin can neither read nor set).
 */
const CSRF_COOKIE = 'pareto_csrf';

function csrfToken(): string | null {
  if (typeof document === 'undefined') return null;
  const m = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return m ? decodeURIComponent(m.slice(CSRF_COOKIE.length + 1)) : null;
}

/** Sends a change (POST/PATCH/DELETE) with an optional JSON body; returns the raw response. */
export function send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<Response> {
  const token = csrfToken();
  return fetch(url, {
    method,
    headers: {
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { 'x-csrf-token': token } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
