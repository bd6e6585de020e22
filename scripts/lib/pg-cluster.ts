/**
 * A throwaway PostgreSQL 15 cluster in a temporary directory on a free port,
 * for tests, benchmarks and migration generation. Runs the server as the
 * `postgres` user when we are root (initdb refuses root), as ourselves otherwise.
 *
 *   const pg = await startPgCluster();   // pg.url = postgresql://postgres@127.0.0.1:PORT/postgres
 *   ...
 *   await pg.stop();                      // stops the server, deletes the directory
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  url: string;
  port: number;
  dir: string;
  /** A fresh database in this cluster; returns its URL. */
  createDatabase(name: string): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function asDbUser(cmd: string, args: string[]): string[] {
  const root = process.getuid?.() === 0;
  return root ? ['runuser', '-u', 'postgres', '--', cmd, ...args] : [cmd, ...args];
}

function run(cmd: string, args: string[]): string {
  const [bin, ...rest] = asDbUser(cmd, args);
  const res = spawnSync(bin, rest, { encoding: 'utf8' });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    throw new Error(`${path.basename(cmd)} failed (exit ${res.status}): ${(res.stderr || res.stdout).trim()}`);
  }
  return res.stdout;
}

export function pgAvailable(): boolean {
  return fs.existsSync(path.join(PG_BIN, 'initdb'));
}

export async function startPgCluster(): Promise<PgCluster> {
  if (!pgAvailable()) {
    throw new Error(`PostgreSQL binaries not found in ${PG_BIN} (install postgresql-15 or set PG_BIN)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pareto-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres', dir]);
  fs.chmodSync(dir, 0o755);
  run(path.join(PG_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '-N']);
  const port = await freePort();
  const opts = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  run(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const base = `postgresql://postgres@127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      run(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    url: `${base}/postgres`,
    port,
    dir,
    createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      run(path.join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
      return `${base}/${name}`;
    },
    stop,
  };
}
