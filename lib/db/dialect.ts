/**
 * What differs between SQLite and PostgreSQL, in one place. Each dialect
 * (raw/sqlite.ts, raw/postgres.ts) implements this interface with its own SQL
 * and drivers; `dialectOf(config)` is lib/db's one dispatch on the provider.
 * Everything else in lib/db uses Prisma's portable API or a method of here.
 */
import type { Prisma } from '@pareto-studio/prisma-sqlite';
import type { Db, Tx } from './client';
import type { DbConfig, Provider } from './config';
import { postgresDialect } from './raw/postgres';
import { sqliteDialect } from './raw/sqlite';
import type { TrajectoryRow } from './raw/trajectory-rows';

/** A multi-row INSERT: one row of values per entry, in `columns` order; "createdAt" is added (now). */
export interface RowsInsert {
  table: string;
  /** `json`: the value is JSON text, stored in a JSON column. */
  columns: readonly { name: string; json?: boolean }[];
  rows: readonly (readonly unknown[])[];
  /** SQLite's createdAt (PostgreSQL takes the database's clock). */
  now: Date;
}

/** A trajectory batch written by the hot path: applied, or the batch id was taken (by this or another batch). */
export interface RawBatchOutcome {
  applied: boolean;
  priorKind?: string;
  priorRows?: number;
  priorHash?: string | null;
}

export type CompareMetricRow = [string, number, number | null, number | null, string | null, string | null, number | null];

export interface Dialect {
  readonly provider: Provider;
  /** A Prisma client on this database (migrated by the caller first). */
  openClient(): Promise<Db>;
  /**
   * One INSERT of many rows with JSON as text: Prisma's createMany spends
   * ~90 ms of CPU on a 5,000-point JSON payload that the driver takes in ~8 ms.
   */
  insertRows(tx: Tx, insert: RowsInsert): Promise<void>;
  /** Atomically claims the oldest queued built-in run for `workerId`; its id, or null when none is queued. */
  claimRun(tx: Tx, workerId: string): Promise<string | null>;
  /** A case-insensitive "contains" filter (SQLite's LIKE already is, for ASCII; PostgreSQL needs ILIKE). */
  containsInsensitive(q: string): Prisma.StringFilter;
  /** Claims the batch id and inserts the trajectories in one transaction, on the driver directly. */
  writeTrajectoryBatch(runId: string, batchId: string, hash: string | null, rows: readonly TrajectoryRow[]): Promise<RawBatchOutcome>;
  /** [id, step, objectives JSON text] of the run's trajectories after id `after`, by id. */
  trajectoryPointRows(runId: string, after: number, limit: number): Promise<[number, number, string][]>;
  /** [runId, step, split, objectives JSON text] of several runs' evaluation points, oldest first. */
  evalPointRows(runIds: readonly string[]): Promise<[string, number, string, string][]>;
  /**
   * [runId, step, stage, hypervolume, objectiveMeans JSON text | null, weights JSON text | null, wallTime] of
   * several runs' training metrics, by run then step (the compare page's curves).
   */
  compareMetricRows(runIds: readonly string[]): Promise<CompareMetricRow[]>;
  /** [seq, kind, payload JSON text] of the run's events after seq `after`, oldest first. */
  runEventRows(runId: string, after: number, limit: number): Promise<[number, string, string][]>;
}

export function dialectOf(config: DbConfig): Dialect {
  return config.provider === 'sqlite' ? sqliteDialect(config) : postgresDialect(config);
}
