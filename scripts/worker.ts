/**
 * npm run worker [-- --poll-ms N] [--stale-ms N] [--until-idle] [--id NAME]
 *
 * Claims queued built-in runs from the configured database and trains them.
 * Start as many as you like, on as many machines as share the database
 * (PostgreSQL for more than one machine).
 */
import { closeDb, migrate, redact, resolveDbConfig } from '../lib/db';
import { DEFAULT_WORKER_OPTIONS, runWorker, within } from '../lib/worker/worker';
import { CliError, parseFlags } from './cli/args';

/** How long a stopping worker waits for its database connections to close. */
const CLOSE_LIMIT_MS = 15_000;

let flags;
try {
  flags = parseFlags(process.argv.slice(2), {
    pollMs: { type: 'int', min: 10, default: DEFAULT_WORKER_OPTIONS.pollMs, help: 'idle poll interval (ms)' },
    staleMs: { type: 'int', min: 100, default: DEFAULT_WORKER_OPTIONS.staleMs, help: 'heartbeat age after which a running run is re-queued (ms)' },
    heartbeatMs: { type: 'int', min: 10, default: DEFAULT_WORKER_OPTIONS.heartbeatMs, help: 'heartbeat interval (ms)' },
    untilIdle: { type: 'boolean', help: 'exit when the queue is empty' },
    id: { type: 'string', help: 'worker name (default host-pid-random)' },
  });
} catch (err) {
  if (err instanceof CliError) {
    console.error(`npm run worker: ${err.message}`);
    process.exit(2);
  }
  throw err;
}

const config = resolveDbConfig();
await migrate(config);
const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (controller.signal.aborted) process.exit(130);
    console.log(`[worker] ${sig}: finishing the current step, then stopping (again to force)`);
    controller.abort();
  });
}
console.log(`[worker] database ${config.provider === 'sqlite' ? config.file : redact(config.url)}`);
await runWorker({
  workerId: flags.id,
  pollMs: flags.pollMs,
  staleMs: flags.staleMs,
  heartbeatMs: flags.heartbeatMs,
  untilIdle: flags.untilIdle,
  signal: controller.signal,
});
// Everything the worker wrote is committed by now. Closing the pools waits for every connection to be handed back;
// one the driver never hands back (seen under heavy load) must not keep a finished worker — an --until-idle batch job,
// a test — alive for good.
await within(closeDb(), CLOSE_LIMIT_MS, 'closing the database').catch((err: Error) => {
  console.warn(`[worker] ${err.message}; exiting anyway`);
  process.exit(0);
});
