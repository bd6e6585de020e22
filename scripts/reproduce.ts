/**
 * Reproduction: every algorithm on both tasks over several seeds, stored as
 * one experiment, then the paper-style table (Markdown + CSV under results/).
 *
 *   npm run reproduce                     # quick: see BUDGETS (≤ 45 min on 2 cores)
 *   npm run reproduce -- --full           # every method and ablation, 5 seeds, 200 steps
 *   npm run reproduce -- --seeds 11,17,23 # seeds never looked at (a count n = 0..n-1, a range a-b, a list)
 *   npm run reproduce -- --jobs 1 --seeds 0-1 --steps 10 --envs calc --methods grpo,paretopo
 *
 * Writes results/<experiment>.md (summary table, ranking by the final
 * policy's test hypervolume with % of the oracle's, per-bucket accuracy and
 * calls, ParetoPO minus each baseline paired by seed with 95% bootstrap
 * intervals), .csv, -runs.csv, -paired.csv, -curves.csv and -curves.svg.
 *
 * Runs go to child processes (--jobs at a time; tfjs-wasm uses one core per
 * process). Warm starts (cached per env+seed in the database) are prepared
 * first, one job per env+seed, then shared by every method of that seed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, describeFlags, parseFlags, type FlagSpec } from './cli/args';
import { machineDescription } from './cli/machine';
import { BUDGETS, METHODS } from './lib/reproduce-plan';
import { bucketsOf, buildRows, experimentResults, HV_DEFINITION, markdownTable, runsCsv, summaryCsv, type RunResult } from '../lib/experiments';
import { runCli } from './cli/run-cli';
import { curvesCsv, curvesSvg, meanCurves } from '../lib/experiments/learning-curves';
import { pairedCsv, pairedRows, pairedTable, rankRows, rankTable, RANKING_NOTE, type SeedReference } from '../lib/experiments/reproduce-report';
import { parseSeedList } from '../lib/experiments/seed-list';
import { runHypervolume } from '../lib/training/run-hypervolume';

const spec = {
  full: { type: 'boolean', help: 'longer runs and more seeds' },
  jobs: { type: 'int', min: 1, max: 16, default: Math.max(1, Math.min(2, os.cpus().length)), help: 'runs trained at once (one core each)' },
  seeds: { type: 'string', help: 'seeds: a count n (0..n-1), a range a-b or a list 11,17,23 (default: quick 0-2, full 0-4)' },
  steps: { type: 'int', min: 1, help: 'training steps per run (default: see BUDGETS)' },
  envs: { type: 'string', default: 'calc,hops', help: 'comma-separated tasks' },
  methods: {
    type: 'string',
    help: `comma-separated method labels (default: quick the main methods, --full all of them: ${METHODS.map((m) => m.label).join(', ')})`,
  },
  experiment: { type: 'string', help: 'experiment name (default reproduce-<quick|full>-<date>)' },
  out: { type: 'string', default: 'results', help: 'output folder' },
  table: { type: 'string', help: 'only rebuild the table of an existing experiment from the database' },
  child: { type: 'string', help: '(internal) run one task given as JSON' },
} satisfies Record<string, FlagSpec>;

type Task =
  | { kind: 'warmstart'; env: 'calc' | 'hops'; seed: number; evalSize: number; evalSeed: number }
  | { kind: 'train'; env: 'calc' | 'hops'; seed: number; label: string; experiment: string; overrides: Record<string, unknown>; static: boolean };

async function child(task: Task): Promise<unknown> {
  const { initBackend, disposePolicy } = await import('../lib/agent');
  const { getEnv } = await import('../lib/envs');
  const { RunLogger, inProcessCheckpoints } = await import('../lib/runs');
  const { loadOrTrainWarmStart, parseTrainConfig, runObjectives } = await import('../lib/training');
  const { trainBuiltinRun } = await import('../lib/worker/train-run');
  const db = await import('../lib/db');
  await initBackend();
  try {
    if (task.kind === 'warmstart') {
      const env = getEnv(task.env, { seed: task.seed });
      const w = await loadOrTrainWarmStart(env, inProcessCheckpoints, { seed: task.seed });
      // The base policy's and the oracle's points on the runs' test subset (references of the report).
      const { evaluate } = await import('../lib/agent');
      const point = async (mode: 'base' | 'oracle') => {
        const r = await evaluate(w.policy, env, 'test', { n: task.evalSize, seed: task.evalSeed, policyMode: mode, greedy: true });
        // The paper table's (accuracy, tool calls) pair, by objective name.
        const [acc, calls] = ['accuracy', 'tool_calls'].map((n) => env.objectives.findIndex((o) => o.name === n));
        const buckets: Record<string, { accuracy: number; toolCalls: number }> = {};
        for (const [k, b] of Object.entries(r.buckets)) buckets[k] = { accuracy: b.objectives[acc], toolCalls: b.objectives[calls] };
        return { accuracy: r.objectives[acc], toolCalls: r.objectives[calls], buckets };
      };
      const ref: SeedReference = { env: task.env, seed: task.seed, base: await point('base'), oracle: await point('oracle') };
      disposePolicy(w.policy);
      return { cached: w.cached, seconds: w.seconds, ref };
    }
    const config = parseTrainConfig({ ...task.overrides, env: task.env });
    const logger = await RunLogger.start({
      name: `${task.label}-${task.env}-s${task.seed}`,
      environment: task.env,
      algorithm: config.algorithm,
      config,
      seed: task.seed,
      source: 'builtin',
      status: 'running',
      objectives: runObjectives(config),
      tags: ['reproduce', task.label],
      experiment: task.experiment,
      totalSteps: config.steps,
    });
    const t0 = performance.now();
    await trainBuiltinRun({ log: logger, config, seed: task.seed, errorText: (e) => (e instanceof Error ? (e.stack ?? e.message) : String(e)) });
    const rows = (await db.listEvalPoints(logger.runId)).filter((p) => p.split === 'test');
    // The paper table's named fields, looked up by the run's objective names (never by position).
    const [acc, calls, toks] = ['accuracy', 'tool_calls', 'tokens'].map((n) => runObjectives(config).findIndex((o) => o.name === n));
    const points = rows.map((p) => ({ step: p.step, accuracy: p.objectives[acc], toolCalls: p.objectives[calls], tokens: p.objectives[toks] }));
    const last = points[points.length - 1];
    const result: RunResult = {
      buckets: bucketsOf(rows[rows.length - 1]?.extra),
      env: task.env,
      label: task.label,
      seed: task.seed,
      runId: logger.runId,
      static: task.static,
      final: { accuracy: last.accuracy, toolCalls: last.toolCalls, tokens: last.tokens },
      archive: points,
      seconds: (performance.now() - t0) / 1000,
    };
    return result;
  } finally {
    await db.closeDb();
  }
}

const RESULT_PREFIX = '@@result ';

/** Per-bucket accuracy and calls of an eval point's extra (lib/training logs them). */

function runChild(task: Task): Promise<unknown> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', script, '--child', JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)));
      else reject(new Error(`task ${JSON.stringify(task)} failed (exit ${code}):\n${err.slice(-4000)}`));
    });
  });
}

async function pool<T>(tasks: Task[], jobs: number, onDone: (t: Task, r: T, i: number) => void): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      // A task that fails (e.g. a SQLite lock timeout while another process writes) is retried as a
      // fresh run, up to twice; the failed run stays in the database as 'failed'.
      for (let attempt = 1; ; attempt++) {
        try {
          results[i] = (await runChild(tasks[i])) as T;
          break;
        } catch (e) {
          if (attempt >= 3) {
            console.log(`giving up on ${JSON.stringify(tasks[i]).slice(0, 160)}: ${String(e).split('\n').slice(-4).join(' | ').slice(0, 300)}`);
            break;
          }
          await new Promise((r) => setTimeout(r, 2000 + Math.random() * 3000));
          const t = tasks[i];
          const why = String(e)
            .split('\n')
            .slice(1)
            .filter((l) => l.trim() && !/^\s+at /.test(l))
            .slice(-3)
            .join(' | ')
            .slice(0, 400);
          console.log(`${t.kind} ${'label' in t ? t.label : ''} ${t.env} s${t.seed} failed (attempt ${attempt}), retrying: ${why}`);
        }
      }
      if (results[i] !== undefined) onDone(tasks[i], results[i], ++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  return results;
}

async function main(argv: string[]) {
  if (argv.includes('--help')) {
    console.log(`usage: npm run reproduce -- [flags]\n${describeFlags(spec)}`);
    return;
  }
  const f = parseFlags(argv, spec);
  if (f.child) {
    const r = await child(JSON.parse(f.child) as Task);
    process.stdout.write(RESULT_PREFIX + JSON.stringify(r) + '\n');
    return;
  }
  if (f.table) {
    await rebuildTable(f.table, f.out);
    return;
  }
  const mode = f.full ? 'full' : 'quick';
  const budget = BUDGETS[mode];
  let seedList: number[];
  try {
    seedList = f.seeds ? parseSeedList(f.seeds) : Array.from({ length: budget.seeds }, (_, i) => i);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const envs = f.envs.split(',').filter(Boolean);
  for (const e of envs) if (e !== 'calc' && e !== 'hops') throw new CliError(`unknown env ${JSON.stringify(e)}; valid: calc, hops`);
  const labels = (
    f.methods ??
    METHODS.filter((m) => mode === 'full' || !m.ablation)
      .map((m) => m.label)
      .join(',')
  )
    .split(',')
    .filter(Boolean);
  for (const l of labels)
    if (!METHODS.some((m) => m.label === l)) throw new CliError(`unknown method ${JSON.stringify(l)}; valid: ${METHODS.map((m) => m.label).join(', ')}`);
  const methods = METHODS.filter((m) => labels.includes(m.label));
  const date = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
  const experiment = f.experiment ?? `reproduce-${mode}-${date}`;
  const shared = { ...budget.config, ...(f.steps ? { steps: f.steps } : {}) };

  console.log(
    `# ${machineDescription()}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(`# ${experiment}: ${envs.join(', ')} × ${methods.length} methods × seeds ${seedList.join(',')}, ${JSON.stringify(shared)}, ${f.jobs} jobs`);
  const evalSize = (shared as { evalSize?: number }).evalSize ?? 256;
  const evalSeed = 1234; // TrainConfig's evalSeed default: the runs' test subset
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 60000).toFixed(1)} min`;

  const warm: Task[] = envs.flatMap((env) => seedList.map((seed) => ({ kind: 'warmstart' as const, env: env as 'calc' | 'hops', seed, evalSize, evalSeed })));
  const refs = (
    await pool<{ cached: boolean; seconds: number; ref: SeedReference }>(warm, f.jobs, (t, r) =>
      console.log(
        `[${elapsed()}] warm start ${t.env} seed ${t.seed}: ${r.cached ? 'cached' : `trained in ${r.seconds.toFixed(0)} s`}; base ${r.ref.base.accuracy.toFixed(3)}/${r.ref.base.toolCalls.toFixed(2)}, oracle ${r.ref.oracle.accuracy.toFixed(3)}/${r.ref.oracle.toolCalls.toFixed(2)}`,
      ),
    )
  )
    .filter(Boolean)
    .map((r) => r.ref);
  const tWarm = performance.now();

  // Seed-major so that partial results cover every method.
  const tasks: Task[] = [];
  for (const seed of seedList)
    for (const env of envs)
      for (const m of methods)
        tasks.push({
          kind: 'train',
          env: env as 'calc' | 'hops',
          seed,
          label: m.label,
          experiment,
          static: !!m.static,
          overrides: { ...shared, algorithm: m.algorithm, algorithmOptions: m.algorithmOptions ?? {} },
        });
  // Resuming an experiment (same --experiment): runs that already finished are not trained again.
  const done = await (async () => {
    const db = await import('../lib/db');
    try {
      return await loadResults(experiment);
    } finally {
      await db.closeDb();
    }
  })();
  const key = (t: { label: string; env: string; seed: number }) => `${t.label}-${t.env}-s${t.seed}`;
  const doneKeys = new Set(done.map(key));
  const todo = tasks.filter((t) => t.kind === 'train' && !doneKeys.has(key(t)));
  if (done.length) console.log(`[${elapsed()}] ${done.length} runs of ${experiment} already finished; training the other ${todo.length}`);
  const fresh = await pool<RunResult>(todo, f.jobs, (_t, r, i) =>
    console.log(
      `[${elapsed()}] ${i}/${todo.length} ${r.label} ${r.env} s${r.seed}: acc ${r.final.accuracy.toFixed(3)} calls ${r.final.toolCalls.toFixed(2)} (${r.seconds.toFixed(0)} s, run ${r.runId})`,
    ),
  );
  const results = [...done.filter((r) => tasks.some((t) => t.kind === 'train' && key(t) === key(r))), ...fresh.filter(Boolean)];
  const minutes = (performance.now() - t0) / 60000;
  const rows = buildRows(
    results,
    methods.map((m) => m.label),
  );
  const table = markdownTable(rows);
  const perRun = fresh.filter(Boolean).reduce((a, r) => a + r.seconds, 0) / Math.max(1, fresh.filter(Boolean).length);
  const conditions = [
    `- Machine: ${machineDescription()}; ${f.jobs} runs at a time; load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (the machine is shared).`,
    `- Wall time of this invocation: ${minutes.toFixed(1)} min in all${done.length ? ` (resumed: ${done.length} runs had finished before)` : ''} (warm starts ${((tWarm - t0) / 60000).toFixed(1)} min); ${perRun.toFixed(0)} s per run on average.`,
    `- Per run: ${JSON.stringify(shared)} on top of the TrainConfig defaults; seeds ${seedList.join(', ')}; experiment \`${experiment}\`.`,
  ].join('\n');
  writeReport(
    f.out,
    experiment,
    results,
    refs,
    `${table}\n\n${HV_DEFINITION}\n\nMean ± sample std over seeds. Tool productivity = correct answers per tool call, pooled over seeds (Σ accuracy / Σ calls; n/a below 0.01 calls per question).\n\n${conditions}`,
    rows,
  );
}

/** The Markdown report (summary, ranking, paired statistics) and its CSV and SVG companions. */
function writeReport(out: string, experiment: string, results: RunResult[], refs: SeedReference[], summary: string, rows: ReturnType<typeof buildRows>) {
  const report = results.map((r) => ({ env: r.env, label: r.label, seed: r.seed, final: { ...r.final, buckets: r.buckets }, archive: r.archive }));
  const ranking = rankRows(report, refs);
  const paired = pairedRows(report, refs);
  const curves = meanCurves(
    results.map((r) => ({ env: r.env, label: r.label, seed: r.seed, points: r.archive.map((p) => ({ ...p, hypervolume: runHypervolume([p], r.env) })) })),
  );
  const base = path.join(out, experiment);
  const md =
    [
      `# ${experiment}`,
      '## Ranking: final policy, test split',
      rankTable(ranking),
      RANKING_NOTE,
      '## ParetoPO minus each baseline, paired by seed (final test hypervolume)',
      paired.length ? pairedTable(paired) : '(no ParetoPO runs)',
      '## Summary',
      summary,
      `Learning curves (mean over seeds of test HV, accuracy, calls vs step): ${path.basename(base)}-curves.svg, ${path.basename(base)}-curves.csv.`,
    ].join('\n\n') + '\n';
  console.log('\n' + md);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(`${base}.md`, md);
  fs.writeFileSync(`${base}.csv`, summaryCsv(rows));
  fs.writeFileSync(`${base}-runs.csv`, runsCsv(results));
  fs.writeFileSync(`${base}-paired.csv`, pairedCsv(paired));
  fs.writeFileSync(`${base}-curves.csv`, curvesCsv(curves));
  fs.writeFileSync(`${base}-curves.svg`, curvesSvg(curves, `${experiment}: mean over seeds`));
  console.log(`wrote ${base}.md, .csv, -runs.csv, -paired.csv, -curves.csv, -curves.svg`);
}

/** Finished runs of an experiment (named <method>-<env>-s<seed>) as results, from the database. */
async function loadResults(experiment: string): Promise<RunResult[]> {
  const db = await import('../lib/db');
  const runs = [];
  for (let cursor: string | undefined; ;) {
    const page = await db.listRuns({ experiment, limit: 200, cursor });
    runs.push(...page.runs);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const points = new Map<string, Awaited<ReturnType<typeof db.listEvalPoints>>>();
  for (const run of runs) points.set(run.id, await db.listEvalPoints(run.id));
  return experimentResults(runs, points, { methods: METHODS });
}

/** Rebuild the table of an experiment from the database. */
async function rebuildTable(experiment: string, out: string) {
  const db = await import('../lib/db');
  try {
    const results = await loadResults(experiment);
    const labels = METHODS.map((x) => x.label).filter((l) => results.some((r) => r.label === l));
    const rows = buildRows(results, labels);
    // Rebuilt from the database: no base / oracle references (they are computed with the warm starts).
    writeReport(
      out,
      experiment,
      results,
      [],
      `${markdownTable(rows)}\n\n${HV_DEFINITION}\n\nMean ± sample std over seeds. Tool productivity = correct answers per tool call, pooled over seeds (Σ accuracy / Σ calls; n/a below 0.01 calls per question). Table rebuilt from the database (${results.length} finished runs).`,
      rows,
    );
  } finally {
    await db.closeDb();
  }
}

runCli(main);
