/**
 * One schema, two providers.
 *
 *   npm run db:generate                      regenerate the PostgreSQL twin and both Prisma clients
 *   npm run db:generate -- --migration NAME  also write migration NAME for both providers
 *   npm run db:generate -- --check           fail if the twin or the migrations lag behind the schema
 *
 * prisma/schema.prisma (SQLite) is the source of truth. Migrations are made with
 * `prisma migrate diff --script` from the schema as of the last migration
 * (prisma/migrations/<provider>/schema.snapshot.prisma) to the current one, so
 * no database (and no native schema engine) is needed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPgCluster, type PgCluster } from './lib/pg-cluster';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE = path.join(ROOT, 'prisma', 'schema.prisma');
const PROVIDERS = ['sqlite', 'postgresql'] as const;
type Provider = (typeof PROVIDERS)[number];

const schemaPath = (p: Provider) => (p === 'sqlite' ? SOURCE : path.join(ROOT, 'prisma', 'postgres', 'schema.prisma'));
const migrationsDir = (p: Provider) => path.join(ROOT, 'prisma', 'migrations', p === 'sqlite' ? 'sqlite' : 'postgres');
const snapshotPath = (p: Provider) => path.join(migrationsDir(p), 'schema.snapshot.prisma');

export function postgresTwin(source: string): string {
  const header = '// GENERATED from prisma/schema.prisma by `npm run db:generate`. Do not edit.\n';
  const swapped = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output     = "../node_modules/@pareto-studio/prisma-sqlite"', 'output     = "../../node_modules/@pareto-studio/prisma-postgres"');
  if (swapped === source || !swapped.includes('prisma-postgres')) {
    throw new Error('prisma/schema.prisma: could not find the sqlite provider/output lines to swap');
  }
  return header + swapped;
}

let pgUrl: string | undefined; // a throwaway cluster: Prisma's JS engine connects even for diff

function prisma(provider: Provider, args: string[], capture = false): string {
  const bin = path.join(ROOT, 'node_modules', 'prisma', 'build', 'index.js');
  return execFileSync(process.execPath, [bin, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      PRISMA_SCHEMA_PROVIDER: provider,
      // migrate diff and generate never touch these databases; the adapter just needs a valid target.
      DATABASE_URL: provider === 'sqlite' ? `file:${path.join(os.tmpdir(), 'pareto-studio-prisma-cli.db')}` : (pgUrl ?? 'postgresql://localhost:5432/unused'),
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    encoding: 'utf8',
  });
}

function diff(provider: Provider): string {
  const snap = snapshotPath(provider);
  const from = fs.existsSync(snap) ? ['--from-schema-datamodel', snap] : ['--from-empty'];
  const out = prisma(provider, ['migrate', 'diff', ...from, '--to-schema-datamodel', schemaPath(provider), '--script'], true);
  return out.trim();
}

const isEmptyDiff = (sql: string) => sql === '' || /^-- This is an empty migration\.?$/.test(sql);

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const mIdx = args.indexOf('--migration');
  const migrationName = mIdx >= 0 ? args[mIdx + 1] : undefined;
  for (const a of args) {
    if (a.startsWith('--') && !['--check', '--migration'].includes(a)) {
      throw new Error(`unknown flag ${a}; valid flags: --check, --migration NAME`);
    }
  }
  if (mIdx >= 0 && (!migrationName || !/^[a-z0-9_]+$/.test(migrationName))) {
    throw new Error('--migration needs a NAME of lowercase letters, digits and underscores');
  }

  let cluster: PgCluster | undefined;
  if (check || migrationName) {
    cluster = await startPgCluster();
    pgUrl = cluster.url;
  }
  try {
    run(check, migrationName);
  } finally {
    await cluster?.stop();
  }
}

function run(check: boolean, migrationName: string | undefined) {
  const twin = postgresTwin(fs.readFileSync(SOURCE, 'utf8'));
  if (check) {
    const problems: string[] = [];
    if (!fs.existsSync(schemaPath('postgresql')) || fs.readFileSync(schemaPath('postgresql'), 'utf8') !== twin) {
      problems.push('prisma/postgres/schema.prisma is stale');
    }
    for (const p of PROVIDERS) if (!isEmptyDiff(diff(p))) problems.push(`schema has changes with no ${p} migration`);
    if (problems.length) {
      console.error(`db:generate --check failed: ${problems.join('; ')}. Run npm run db:generate -- --migration NAME`);
      process.exitCode = 1;
      return;
    }
    console.log('schema, twin and migrations agree');
    return;
  }

  fs.mkdirSync(path.dirname(schemaPath('postgresql')), { recursive: true });
  fs.writeFileSync(schemaPath('postgresql'), twin);

  if (migrationName) {
    for (const p of PROVIDERS) {
      const sql = diff(p);
      if (isEmptyDiff(sql)) {
        console.log(`${p}: no schema changes`);
        continue;
      }
      const dir = migrationsDir(p);
      const existing = fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => /^\d{4}_/.test(d)) : [];
      const seq = String(existing.length + 1).padStart(4, '0');
      const target = path.join(dir, `${seq}_${migrationName}`);
      fs.mkdirSync(target, { recursive: true });
      fs.writeFileSync(path.join(target, 'migration.sql'), sql + '\n');
      fs.copyFileSync(schemaPath(p), snapshotPath(p));
      console.log(`${p}: wrote ${path.relative(ROOT, target)}/migration.sql`);
    }
  }

  for (const p of PROVIDERS) prisma(p, ['generate', '--schema', schemaPath(p)]);
}

await main();
