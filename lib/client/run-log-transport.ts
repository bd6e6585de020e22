/**
 * The page's transport for the HTTP run log (lib/runs/http-run-log.ts):
 * same-origin requests with the session cookie, writes through send.ts
 * (JSON + the session's CSRF header).
 */
import { fetchTransport, type RunLogTransport } from '../runs/http-run-log';
import { send } from './send';

export function browserRunLogTransport(): RunLogTransport {
  return fetchTransport('', { send });
}
