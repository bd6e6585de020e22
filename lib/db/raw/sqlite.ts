/** SQLite dialect of the raw statements (placeholders `?`, JSON as text). */
import { multiRowInsert, TRAJECTORY_COLUMNS, type Statement, type TrajectoryRow } from './trajectory-rows';

/** SQLite allows 32,766 bound parameters per statement. */
export const SQLITE_ROWS_PER_STATEMENT = Math.floor(32_000 / TRAJECTORY_COLUMNS.length);

export function insertTrajectoriesSqlite(rows: readonly TrajectoryRow[]): Statement {
  return multiRowInsert(rows, () => '?');
}
