/**
 * Import boundaries (ARCHITECTURE.md "Components and the seam between them"),
 * checked over the real import graph so a forbidden import fails `npm test`:
 *
 *   lib/rng       → nothing
 *   lib/pareto    → nothing but zod
 *   lib/contract  → nothing but itself and zod
 *   lib/paretopo  → lib/pareto, lib/contract (and zod) only
 *   lib/training, lib/agent → never lib/db: no import of it at all (types
 *                   included, dynamic import() included), and no chain of
 *                   run-time imports that reaches it — they talk to storage
 *                   only through the run log interface
 *   components/   → no run-time import chain to lib/db (type-only imports of
 *                   its view types are erased and load nothing)
 *   the browser's side of the run log (run-log-interface, http-run-log) → no
 *                   run-time chain to lib/db either
 *
 * The checker itself is tested on small made-up sources first, so a rule that
 * silently matches nothing cannot pass.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, importsOf, valuePathTo, type ImportEdge } from './import-graph';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TEST_PACKAGES = new Set(['vitest', 'fast-check']);
const isTest = (f: string) => /\.test\.tsx?$/.test(f) || f.endsWith('/test-helpers.ts');
const under = (dir: string) => (f: string | null) => !!f && f.startsWith(`${dir}/`);
const show = (e: ImportEdge) => `${e.from}: ${e.dynamic ? 'import()' : 'import'} '${e.specifier}'${e.file ? ` → ${e.file}` : ''}`;

describe('the import checker', () => {
  it('sees static, re-exported, dynamic and type-only imports and resolves them', () => {
    const src = [
      "import { a } from '../db';",
      "import type { B } from '../db/runs';",
      "import { type C, type D } from '@/lib/db/runs';",
      "import { type E, f } from './x';",
      "export { g } from '../pareto';",
      "export type { H } from '../pareto/types';",
      "const db = await import('../db');",
      "let t: import('../db').Db;",
      "import * as tf from '@tensorflow/tfjs';",
    ].join('\n');
    const edges = importsOf(ROOT, 'lib/training/made-up.ts', src);
    expect(edges.map((e) => [e.specifier, e.typeOnly, e.dynamic, e.file ?? e.pkg])).toEqual([
      ['../db', false, false, 'lib/db/index.ts'],
      ['../db/runs', true, false, 'lib/db/runs.ts'],
      ['@/lib/db/runs', true, false, 'lib/db/runs.ts'],
      ['./x', false, false, 'lib/training/x?'],
      ['../pareto', false, false, 'lib/pareto/index.ts'],
      ['../pareto/types', true, false, 'lib/pareto/types.ts'],
      ['../db', false, true, 'lib/db/index.ts'],
      ['../db', true, false, 'lib/db/index.ts'],
      ['@tensorflow/tfjs', false, false, '@tensorflow/tfjs'],
    ]);
  });

  it('follows run-time imports, not type-only ones, to the database', () => {
    const g = new Map<string, ImportEdge[]>([
      ['a.ts', importsOf(ROOT, 'lib/training/a.ts', "import type { X } from '../runs/run-logger';\nimport { y } from '../contract/run-log';")],
      ['lib/contract/run-log.ts', []],
      ['lib/runs/run-logger.ts', [{ from: 'lib/runs/run-logger.ts', specifier: '../db', file: 'lib/db/index.ts', pkg: null, typeOnly: false, dynamic: false }]],
    ]);
    g.set('lib/training/a.ts', g.get('a.ts')!);
    expect(valuePathTo(g, 'lib/training/a.ts', under('lib/db'))).toBeNull();
    g.set('lib/contract/run-log.ts', [
      { from: 'lib/contract/run-log.ts', specifier: '../runs/run-logger', file: 'lib/runs/run-logger.ts', pkg: null, typeOnly: false, dynamic: false },
    ]);
    expect(valuePathTo(g, 'lib/training/a.ts', under('lib/db'))).toEqual([
      'lib/training/a.ts',
      'lib/contract/run-log.ts',
      'lib/runs/run-logger.ts',
      'lib/db/index.ts',
    ]);
  });
});

describe('import boundaries of this repository', () => {
  const graph = importGraph(ROOT, ['lib', 'components', 'app', 'scripts', 'tests', 'e2e']);
  const files = [...graph.keys()];
  const edgesIn = (dir: string) => files.filter((f) => f.startsWith(`${dir}/`)).flatMap((f) => graph.get(f)!);

  it('reads the whole tree, and every local import resolves to a file', () => {
    expect(files.filter(under('lib/training')).length).toBeGreaterThan(5);
    expect(files.filter(under('components')).length).toBeGreaterThan(5);
    const unresolved = [...graph.values()].flat().filter((e) => e.file?.endsWith('?'));
    expect(unresolved.map(show)).toEqual([]);
  });

  it('lib/rng imports nothing', () => {
    expect(
      edgesIn('lib/rng')
        .filter((e) => !under('lib/rng')(e.file) && !(isTest(e.from) && TEST_PACKAGES.has(e.pkg ?? '')))
        .map(show),
    ).toEqual([]);
  });

  it('lib/pareto imports nothing but itself and zod', () => {
    const bad = edgesIn('lib/pareto').filter((e) =>
      e.file ? !under('lib/pareto')(e.file) : !(e.pkg === 'zod' || (isTest(e.from) && TEST_PACKAGES.has(e.pkg!))),
    );
    expect(bad.map(show)).toEqual([]);
  });

  it('lib/contract imports nothing but itself and zod', () => {
    expect(files.filter(under('lib/contract')).length).toBeGreaterThan(2);
    const bad = edgesIn('lib/contract').filter((e) =>
      e.file ? !under('lib/contract')(e.file) : !(e.pkg === 'zod' || (isTest(e.from) && TEST_PACKAGES.has(e.pkg!))),
    );
    expect(bad.map(show)).toEqual([]);
  });

  it('lib/paretopo imports lib/pareto, lib/contract (and zod) only', () => {
    const ok = (e: ImportEdge) =>
      e.file
        ? under('lib/paretopo')(e.file) || under('lib/pareto')(e.file) || under('lib/contract')(e.file)
        : e.pkg === 'zod' || (isTest(e.from) && TEST_PACKAGES.has(e.pkg!));
    expect(
      edgesIn('lib/paretopo')
        .filter((e) => !ok(e))
        .map(show),
    ).toEqual([]);
  });

  for (const dir of ['lib/training', 'lib/agent']) {
    it(`${dir} never imports lib/db, the worker or the web app, not even lazily or for types`, () => {
      const bad = edgesIn(dir).filter((e) => under('lib/db')(e.file) || under('lib/worker')(e.file) || under('lib/api')(e.file) || under('app')(e.file));
      expect(bad.map(show)).toEqual([]);
    });

    it(`no run-time import chain leads from ${dir} to lib/db`, () => {
      const chains = files
        .filter(under(dir))
        .map((f) => valuePathTo(graph, f, under('lib/db')))
        .filter((c) => c !== null);
      expect(chains.map((c) => c!.join(' → '))).toEqual([]);
    });
  }

  it('components/ and lib/client import nothing from lib/db, not even types (response shapes come from lib/contract)', () => {
    const bad = [...edgesIn('components'), ...edgesIn('lib/client')].filter((e) => under('lib/db')(e.file));
    expect(bad.map(show)).toEqual([]);
  });

  it('no run-time import chain leads from components/ or the browser side of the run log to lib/db', () => {
    const starts = [...files.filter(under('components')), 'lib/runs/run-log-interface.ts', 'lib/runs/http-run-log.ts'].filter((f) => graph.has(f));
    const chains = starts.map((f) => valuePathTo(graph, f, under('lib/db'))).filter((c) => c !== null);
    expect(chains.map((c) => c!.join(' → '))).toEqual([]);
  });
});
