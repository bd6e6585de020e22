// Prisma CLI configuration. Prisma 6.19's JS engine works offline; the native
// schema engine download does not. `scripts/db-generate.ts` sets
// PRISMA_SCHEMA_PROVIDER so each schema is paired with its own driver adapter;
// migrate diff never connects, and migrations are applied by lib/db/migrate.ts.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

const postgres = process.env.PRISMA_SCHEMA_PROVIDER === 'postgresql';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: postgres ? path.join('prisma', 'postgres', 'schema.prisma') : path.join('prisma', 'schema.prisma'),
  async adapter() {
    if (postgres) return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' });
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? 'file:./data/pareto-studio.db' });
  },
});
