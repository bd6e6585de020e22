/**
 * npm start — the main job: migrate the database (embedded SQLite unless
 * DATABASE_URL says otherwise), build the dashboard if needed, serve it on
 * PORT (default 3000) and run one training worker beside it, until Ctrl-C.
 * On an empty database it queues a short demo ParetoPO run on calc, so a new
 * user sees training live at once (PARETO_DEMO=0 turns that off).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { closeDb, listRuns, migrate, redact, resolveDbConfig } from '../lib/db';
import { queueRun } from '../lib/runs/queue-run';
import { DEMO_RUN } from './lib/demo-run';
import { importSeedCheckpoints } from './lib/seed-checkpoints';
import { ensureNextBuild } from './lib/next-build';

const ROOT = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a port number (1-65535); got "${process.env.PORT}"`);
  process.exit(2);
}

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

const children: ChildProcess[] = [];
function launch(name: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: config.url },
  });
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      console.error(`${name} exited (${signal ?? code}); stopping.`);
      shutdown(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let shuttingDown = false;
function shutdown(code = 0) {
  shuttingDown = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

launch('dashboard', [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port)]);
if (process.env.PARETO_WORKER !== '0') launch('worker', ['--import', 'tsx', path.join(ROOT, 'scripts', 'worker.ts')]);
console.log(`\nPareto Studio is running at http://localhost:${port}\n`);
