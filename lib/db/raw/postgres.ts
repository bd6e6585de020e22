/** PostgreSQL dialect of the raw statements (placeholders `$n`, JSON cast to jsonb). */
import { multiRowInsert, TRAJECTORY_COLUMNS, type Statement, type TrajectoryRow } from './trajectory-rows';

/** PostgreSQL allows 65,535 bound parameters per statement. */
export const POSTGRES_ROWS_PER_STATEMENT = Math.floor(65_000 / TRAJECTORY_COLUMNS.length);

export function insertTrajectoriesPostgres(rows: readonly TrajectoryRow[]): Statement {
  return multiRowInsert(rows, (n, column) => (column === 'tokens' || column === 'objectives' ? `$${n}::jsonb` : `$${n}`));
}
