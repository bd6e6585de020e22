/**
 * npm run export-warm-starts — train (or load from the database) the warm
 * start of each task at seed 0 with the default policy, and write it to
 * prisma/seed/checkpoints/ for `npm start` to import into new databases.
 * Older files (other recipe versions) are removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { initBackend, serializeWeights, disposePolicy } from '../lib/agent';
import { loadOrTrainWarmStart } from '../lib/training';
import { inProcessCheckpoints } from '../lib/runs';
import { ENV_NAMES, getEnv } from '../lib/envs';
import { closeDb, getCheckpointByName } from '../lib/db';
import { SEED_DIR } from './lib/seed-checkpoints';

await initBackend();
fs.mkdirSync(SEED_DIR, { recursive: true });
const keep = new Set<string>();
for (const envName of ENV_NAMES) {
  const env = getEnv(envName, { seed: 0 });
  const t0 = Date.now();
  const warm = await loadOrTrainWarmStart(env, inProcessCheckpoints, { seed: 0 });
  const row = await getCheckpointByName(warm.name);
  fs.writeFileSync(path.join(SEED_DIR, `${warm.name}.bin`), await serializeWeights(warm.policy));
  fs.writeFileSync(path.join(SEED_DIR, `${warm.name}.json`), JSON.stringify({ name: warm.name, step: row?.step ?? 0, meta: row?.meta ?? {} }, null, 2) + '\n');
  keep.add(warm.name);
  console.log(`${envName}: ${warm.name} (${warm.cached ? 'from the database' : `trained in ${((Date.now() - t0) / 1000).toFixed(0)} s`})`);
  disposePolicy(warm.policy);
}
for (const f of fs.readdirSync(SEED_DIR)) {
  if (!keep.has(f.replace(/\.(bin|json)$/, ''))) {
    fs.rmSync(path.join(SEED_DIR, f));
    console.log(`removed stale ${f}`);
  }
}
await closeDb();
