/**
 * Multi-row INSERT for trajectories, the run log's hot path. Prisma's
 * createMany goes through the query compiler row by row (~5,000 rows/s on
 * SQLite here); one parameterized multi-row statement per chunk runs an order
 * of magnitude faster on both providers. Each dialect spells placeholders and
 * JSON its own way; the column list and values are shared.
 */
export interface TrajectoryRow {
  runId: string;
  step: number;
  group: number;
  index: number;
  split: string;
  prompt: string;
  tokens: string; // JSON text
  objectives: string; // JSON text
  rank: number | null;
  advantage: number | null;
  reward: number | null;
}

export const TRAJECTORY_COLUMNS = ['runId', 'step', 'group', 'index', 'split', 'prompt', 'tokens', 'objectives', 'rank', 'advantage', 'reward'] as const;

/** Values in column order, appended to `out`. */
export function pushTrajectoryValues(out: unknown[], r: TrajectoryRow): void {
  out.push(r.runId, r.step, r.group, r.index, r.split, r.prompt, r.tokens, r.objectives, r.rank, r.advantage, r.reward);
}

export interface Statement {
  sql: string;
  params: unknown[];
}

export type Placeholder = (paramIndex: number, column: (typeof TRAJECTORY_COLUMNS)[number]) => string;

export function multiRowInsert(rows: readonly TrajectoryRow[], placeholder: Placeholder): Statement {
  const cols = TRAJECTORY_COLUMNS.map((c) => `"${c}"`).join(', ');
  const params: unknown[] = [];
  const tuples: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const base = params.length;
    pushTrajectoryValues(params, rows[i]);
    tuples[i] = `(${TRAJECTORY_COLUMNS.map((c, j) => placeholder(base + j + 1, c)).join(', ')})`;
  }
  return { sql: `INSERT INTO "Trajectory" (${cols}) VALUES ${tuples.join(', ')}`, params };
}
