/**
 * npm start — the main job: migrate the database (embedded SQLite unless
 * DATABASE_URL says otherwise), build the dashboard if needed, serve it on
 * HOST:PORT (default 127.0.0.1:3000, this machine only) and run one training
 * worker beside it, until Ctrl-C. A worker that dies is restarted (with a
 * growing pause if it keeps dying); the dashboard keeps serving meanwhile.
 * HOST beyond localhost, or a PostgreSQL DATABASE_URL, turns on team mode
 * (tokens required; see README "Team set-up").
 * On an empty database it queues a short demo ParetoPO run on calc, so a new
 * user sees training live at once (PARETO_DEMO=0 turns that off).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { closeDb, listRuns, migrate, redact, resolveDbConfig } from '../lib/db';
import { queueRun } from '../lib/worker/queue-run';
import { DEMO_RUN } from './lib/demo-run';
import { importSeedCheckpoints } from './lib/seed-checkpoints';
import { ensureNextBuild } from './lib/next-build';
import { resolveAuthMode } from '../lib/auth/mode';

const ROOT = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a port number (1-65535); got "${process.env.PORT}"`);
  process.exit(2);
}

const host = process.env.HOST?.trim() || '127.0.0.1';
const auth = resolveAuthMode({ ...process.env, HOST: host });

const config = resolveDbConfig();
await migrate(config);
console.log(`Database: ${config.provider === 'sqlite' ? config.file : redact(config.url)}`);
const shipped = await importSeedCheckpoints();
if (shipped.length) console.log(`Imported shipped warm starts: ${shipped.join(', ')}`);
if (process.env.PARETO_DEMO !== '0' && (await listRuns({ limit: 1 })).runs.length === 0) {
  const run = await queueRun(DEMO_RUN);
  console.log(`Empty database: queued the demo run "${run.name}".`);
}
await closeDb();
ensureNextBuild();

const children = new Set<ChildProcess>();
const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: config.url, HOST: host };

function spawnChild(args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: childEnv });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function launchDashboard(): void {
  const child = spawnChild([path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', host]);
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      console.error(`dashboard exited (${signal ?? code}); stopping.`);
      shutdown(code ?? 1);
    }
  });
}

/** The worker is restarted when it dies: 1 s, doubling up to 60 s while it keeps dying within a minute of starting. */
let workerBackoffMs = 1000;
function launchWorker(): void {
  const started = Date.now();
  const child = spawnChild(['--import', 'tsx', path.join(ROOT, 'scripts', 'worker.ts')]);
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    workerBackoffMs = Date.now() - started > 60_000 ? 1000 : Math.min(60_000, workerBackoffMs * 2);
    console.error(`worker exited (${signal ?? code}); restarting it in ${Math.round(workerBackoffMs / 1000)} s (the dashboard keeps serving).`);
    setTimeout(() => {
      if (!shuttingDown) launchWorker();
    }, workerBackoffMs).unref();
  });
}

let shuttingDown = false;
function shutdown(code = 0) {
  shuttingDown = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

launchDashboard();
if (process.env.PARETO_WORKER !== '0') launchWorker();
const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
console.log(
  `\nPareto Studio is running at http://${shown}:${port} (listening on ${host}${host === '127.0.0.1' ? ', this machine only; HOST=0.0.0.0 to share' : ''})`,
);
console.log(
  auth.team
    ? `Team mode (${auth.reason}): writes need an API token (npm run token -- create --name NAME --role writer)${auth.publicRead ? '; anyone may read (PARETO_PUBLIC_READ=1)' : '; reads too'}.${auth.allowedHosts ? '' : '\nSet PARETO_ALLOWED_HOSTS=your.host.name so the server refuses other Host names (DNS rebinding).'}\n`
    : `Local mode (${auth.reason}): no sign-in needed.\n`,
);
