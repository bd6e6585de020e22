/**
 * Warm starts shipped with the repository (prisma/seed/checkpoints/<name>.bin
 * plus <name>.json): imported into an empty database on start, so the demo
 * run — and any run of a task at seed 0 with the default policy — starts RL
 * at once instead of training its base model for minutes first. Names carry
 * the env and warm-start recipe versions: a stale file is never used, and
 * `npm run export-warm-starts` writes fresh ones.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getCheckpointByName, saveCheckpoint } from '../../lib/db';

export const SEED_DIR = path.resolve(import.meta.dirname, '..', '..', 'prisma', 'seed', 'checkpoints');

export interface SeedCheckpoint {
  name: string;
  step: number;
  meta: Record<string, unknown>;
}

export function listSeedCheckpoints(dir = SEED_DIR): SeedCheckpoint[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as SeedCheckpoint);
}

/** Imports every shipped checkpoint the database does not have yet; returns their names. */
export async function importSeedCheckpoints(dir = SEED_DIR): Promise<string[]> {
  const imported: string[] = [];
  for (const seed of listSeedCheckpoints(dir)) {
    if (await getCheckpointByName(seed.name)) continue;
    const weights = new Uint8Array(fs.readFileSync(path.join(dir, `${seed.name}.bin`)));
    await saveCheckpoint({ name: seed.name, step: seed.step, weights, meta: { ...seed.meta, shipped: true } });
    imported.push(seed.name);
  }
  return imported;
}
