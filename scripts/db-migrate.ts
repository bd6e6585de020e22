/**
 * npm run db:migrate — create the database if needed and apply pending
 * migrations (SQLite file by default, PostgreSQL with DATABASE_URL=postgresql://…).
 * `npm start` does this too; use this for a shared PostgreSQL before starting workers.
 */
import { migrate, redact, resolveDbConfig } from '../lib/db';

const config = resolveDbConfig();
const applied = await migrate(config);
const where = config.provider === 'sqlite' ? config.file : redact(config.url);
console.log(applied.length ? `applied ${applied.join(', ')} to ${where}` : `${where} is up to date`);
