/**
 * The Python client (clients/python) against a real `next start`, on SQLite and
 * on PostgreSQL: runs its stdlib unittest suite once per provider with
 * PARETO_STUDIO_URL pointing at the server and PARETO_STUDIO_TOKEN holding a
 * writer token minted into its database, and reports each Python test as one test here,
 * so they count in npm test's closing line.
 *
 * PARETO_STUDIO_TEST_CONTROL is a small HTTP endpoint in this process that the
 * kill-and-restart test calls: POST /kill sends SIGKILL to the server, POST
 * /start starts it again on the same port and database.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mintToken } from '../support/auth';
import { createTestDatabase, DATABASES } from '../support/databases';
import { startNextServer, type NextServer } from '../support/next-server';

const CLIENT = path.resolve(import.meta.dirname, '..', '..', 'clients', 'python');
const PYTHON = process.env.PYTHON ?? 'python3';
const RUNNER = path.join('tests', 'run_tests.py');

interface PyResult {
  status: 'passed' | 'failed' | 'skipped';
  message: string;
  seconds?: number;
}

const ids: string[] = JSON.parse(execFileSync(PYTHON, [RUNNER, '--list'], { cwd: CLIENT, encoding: 'utf8' }));

describe.each(DATABASES)('Python client against next start on %s', (provider) => {
  let results: Record<string, PyResult> = {};
  let output = '';
  let server: NextServer | undefined;
  let control: http.Server | undefined;
  let drop: (() => Promise<void>) | undefined;
  let scratch = '';

  beforeAll(async () => {
    const db = await createTestDatabase(provider);
    drop = db.drop;
    server = await startNextServer(db.url);
    // PostgreSQL servers run in team mode; a writer token is what a trainer holds.
    const token = await mintToken(db.url, 'writer', 'python-client');
    const port = Number(new URL(server.url).port);
    control = http.createServer((req, res) => {
      const act = async () => {
        if (req.method === 'POST' && req.url === '/kill') await server!.stop('SIGKILL');
        else if (req.method === 'POST' && req.url === '/start') server = await startNextServer(db.url, {}, { port });
        else return res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      };
      act().catch((err) => res.writeHead(500).end(String(err)));
    });
    await new Promise<void>((resolve) => control!.listen(0, '127.0.0.1', resolve));
    const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pareto-pytest-'));
    const json = path.join(scratch, 'results.json');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PARETO_STUDIO_URL: server.url,
      PARETO_STUDIO_TOKEN: token.secret,
      PARETO_STUDIO_TEST_CONTROL: controlUrl,
      PYTHONDONTWRITEBYTECODE: '1',
    };
    delete env.PARETO_STUDIO_MODE;
    delete env.PARETO_STUDIO_DIR;
    const child = spawn(PYTHON, [RUNNER, '--json', json], { cwd: CLIENT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (fs.existsSync(json)) results = JSON.parse(fs.readFileSync(json, 'utf8'));
  }, 900_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (control ? control.close(() => resolve()) : resolve()));
    await server?.stop();
    await drop?.();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  test.for(ids)('%s', (id, { skip }) => {
    const r = results[id];
    if (!r) throw new Error(`no result for ${id}; the Python run printed:\n${output.slice(-4000)}\n${server?.logs().slice(-2000) ?? ''}`);
    if (r.status === 'skipped') return skip(r.message);
    expect(r.status, r.message).toBe('passed');
  });
});
