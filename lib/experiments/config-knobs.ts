/**
 * The knobs of a set of runs: every leaf of their configs (nested objects
 * flattened to dotted keys, e.g. `algorithmOptions.weights.accuracy`), plus
 * `algorithm` from the run when its config lacks one, keeping only the keys
 * whose value differs between runs (a constant explains nothing). A knob is
 * numeric when every run that sets it sets a finite number; otherwise
 * categorical (strings, booleans, null and arrays as their JSON text). A run
 * that does not set a knob has null there. The seed is a replicate, not a
 * knob: `seed` keys are left out.
 */
import type { Knob } from '../contract/experiment-view';

export type { Knob };

export interface KnobRunLike {
  algorithm: string;
  config: Record<string, unknown>;
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (prefix) out.set(prefix, value);
}

const isSeed = (key: string) => key === 'seed' || key.endsWith('.seed');

export function configKnobs(runs: readonly KnobRunLike[]): Knob[] {
  const flat = runs.map((r) => {
    const m = new Map<string, unknown>();
    flatten(r.config ?? {}, '', m);
    if (!m.has('algorithm')) m.set('algorithm', r.algorithm);
    return m;
  });
  const keys = [...new Set(flat.flatMap((m) => [...m.keys()]))].filter((k) => !isSeed(k)).sort();
  const knobs: Knob[] = [];
  for (const key of keys) {
    const raw = flat.map((m) => (m.has(key) ? m.get(key) : undefined));
    const set = raw.filter((v) => v !== undefined);
    const numeric = set.length > 0 && set.every((v) => typeof v === 'number' && Number.isFinite(v));
    const values = raw.map((v) => (v === undefined ? null : numeric ? (v as number) : typeof v === 'string' ? v : JSON.stringify(v)));
    if (new Set(values.map((v) => (v === null ? '\u0000unset' : `${typeof v}:${v}`))).size < 2) continue;
    knobs.push({ key, kind: numeric ? 'numeric' : 'categorical', values });
  }
  return knobs;
}
