/**
 * How long the server takes to compute hypervolumes on read (lib/db
 * serverHypervolumes): N runs × P evaluation points of 3 objectives on a
 * throwaway SQLite file. Decides compute-on-read vs storing a copy.
 *   node --import tsx scripts/bench-server-hv.ts [runs=50] [points=300]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machineDescription } from './cli/machine';
import { median } from './lib/median';

const N = Number(process.argv[2] ?? 50);
const P = Number(process.argv[3] ?? 300);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pareto-bench-hv-'));
process.env.DATABASE_URL = `file:${path.join(dir, 'bench.db')}`;
const { closeDb, listRuns, serverHypervolumes } = await import('../lib/db');
const { RunLogger, logEvalPoints } = await import('../lib/runs');
const OBJ = [
  { name: 'accuracy', direction: 'maximize' as const, reference: 0 },
  { name: 'tool_calls', direction: 'minimize' as const, reference: 4 },
  { name: 'tokens', direction: 'minimize' as const, reference: 64 },
];
console.log(`bench server hypervolume · ${machineDescription()}`);
for (let r = 0; r < N; r++) {
  const log = await RunLogger.start({ name: `r${r}`, environment: 'calc', algorithm: 'grpo', seed: r, objectives: OBJ });
  const records = Array.from({ length: P }, (_, i) => ({
    step: Math.floor(i / 3) * 5,
    objectives: [((i * 37 + r) % 100) / 100, ((i * 13) % 40) / 10, 8 + ((i * 7) % 40)],
  }));
  await logEvalPoints(log.runId, { batchId: 'all', records });
}
const { runs } = await listRuns({ limit: N });
const times: number[] = [];
for (let k = 0; k < 7; k++) {
  const t0 = performance.now();
  const hv = await serverHypervolumes(runs, { series: process.env.SERIES !== '0' });
  times.push(performance.now() - t0);
  if (hv.size !== N) throw new Error('missing runs');
}
console.log(
  `${N} runs × ${P} eval points (3 objectives, series ${process.env.SERIES !== '0'}): read + per-step and archive hypervolume in ${times.map((t) => t.toFixed(0)).join(', ')} ms · median ${median(times).toFixed(0)} ms`,
);
await closeDb();
fs.rmSync(dir, { recursive: true, force: true });
