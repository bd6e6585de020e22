/**
 * Reproduction: every algorithm on both tasks over several seeds, stored as
 * one experiment, then the paper-style table (Markdown + CSV under results/).
 *
 *   npm run reproduce                     # quick: 3 seeds, 30 steps per run (≤ 45 min on 2 cores)
 *   npm run reproduce -- --full           # 5 seeds, 80 steps (the default run length)
 *   npm run reproduce -- --jobs 1 --seeds 2 --steps 10 --envs calc --methods grpo,paretopo
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
import { buildRows, experimentResults, HV_DEFINITION, markdownTable, runsCsv, summaryCsv, type RunResult } from '../lib/experiments';
import { runCli } from './cli/run-cli';

const spec = {
  full: { type: 'boolean', help: 'longer runs and more seeds' },
  jobs: { type: 'int', min: 1, max: 16, default: Math.max(1, Math.min(2, os.cpus().length)), help: 'runs trained at once (one core each)' },
  seeds: { type: 'int', min: 1, max: 20, help: 'seeds 0..n-1 (default: quick 3, full 5)' },
  steps: { type: 'int', min: 1, help: 'training steps per run (default: quick 30, full 80)' },
  envs: { type: 'string', default: 'calc,hops', help: 'comma-separated tasks' },
  methods: { type: 'string', default: METHODS.filter((m) => !m.ablation).map((m) => m.label).join(','), help: `comma-separated method labels (${METHODS.map((m) => m.label).join(', ')})` },
  experiment: { type: 'string', help: 'experiment name (default reproduce-<quick|full>-<date>)' },
  out: { type: 'string', default: 'results', help: 'output folder' },
  table: { type: 'string', help: 'only rebuild the table of an existing experiment from the database' },
  child: { type: 'string', help: '(internal) run one task given as JSON' },
} satisfies Record<string, FlagSpec>;

type Task =
  | { kind: 'warmstart'; env: 'calc' | 'hops'; seed: number }
  | { kind: 'train'; env: 'calc' | 'hops'; seed: number; label: string; experiment: string; overrides: Record<string, unknown>; static: boolean };

async function child(task: Task): Promise<unknown> {
  const { initBackend, loadOrTrainWarmStart, disposePolicy } = await import('../lib/agent');
  const { getEnv } = await import('../lib/envs');
  const { RunLogger } = await import('../lib/runs');
  const { parseTrainConfig, runObjectives, runTraining } = await import('../lib/training');
  const db = await import('../lib/db');
  await initBackend();
  try {
    if (task.kind === 'warmstart') {
      const w = await loadOrTrainWarmStart(getEnv(task.env, { seed: task.seed }), { seed: task.seed });
      disposePolicy(w.policy);
      return { cached: w.cached, seconds: w.seconds };
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
    try {
      await runTraining({ config, seed: task.seed, logger });
      await logger.finish();
    } catch (e) {
      await logger.fail(e instanceof Error ? (e.stack ?? e.message) : String(e));
      throw e;
    }
    const points = (await db.listEvalPoints(logger.runId)).map((p) => ({ step: p.step, accuracy: p.objectives[0], toolCalls: p.objectives[1], tokens: p.objectives[2] }));
    const last = points[points.length - 1];
    const result: RunResult = {
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
          const why = String(e).split('\n').slice(1).filter((l) => l.trim() && !/^\s+at /.test(l)).slice(-3).join(' | ').slice(0, 400);
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
  const seeds = f.seeds ?? budget.seeds;
  const envs = f.envs.split(',').filter(Boolean);
  for (const e of envs) if (e !== 'calc' && e !== 'hops') throw new CliError(`unknown env ${JSON.stringify(e)}; valid: calc, hops`);
  const labels = f.methods.split(',').filter(Boolean);
  for (const l of labels) if (!METHODS.some((m) => m.label === l)) throw new CliError(`unknown method ${JSON.stringify(l)}; valid: ${METHODS.map((m) => m.label).join(', ')}`);
  const methods = METHODS.filter((m) => labels.includes(m.label));
  const date = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
  const experiment = f.experiment ?? `reproduce-${mode}-${date}`;
  const shared = { ...budget.config, ...(f.steps ? { steps: f.steps } : {}) };

  console.log(`# ${machineDescription()}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`# ${experiment}: ${envs.join(', ')} × ${methods.length} methods × ${seeds} seeds, ${JSON.stringify(shared)}, ${f.jobs} jobs`);
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 60000).toFixed(1)} min`;

  const warm: Task[] = envs.flatMap((env) => Array.from({ length: seeds }, (_, seed) => ({ kind: 'warmstart' as const, env: env as 'calc' | 'hops', seed })));
  await pool<{ cached: boolean; seconds: number }>(warm, f.jobs, (t, r) =>
    console.log(`[${elapsed()}] warm start ${t.env} seed ${t.seed}: ${r.cached ? 'cached' : `trained in ${r.seconds.toFixed(0)} s`}`),
  );
  const tWarm = performance.now();

  // Seed-major so that partial results cover every method.
  const tasks: Task[] = [];
  for (let seed = 0; seed < seeds; seed++)
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
  const rows = buildRows(results, methods.map((m) => m.label));
  const table = markdownTable(rows);
  const perRun = fresh.filter(Boolean).reduce((a, r) => a + r.seconds, 0) / Math.max(1, fresh.filter(Boolean).length);
  const conditions = [
    `- Machine: ${machineDescription()}; ${f.jobs} runs at a time; load average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (the machine is shared).`,
    `- Wall time of this invocation: ${minutes.toFixed(1)} min in all${done.length ? ` (resumed: ${done.length} runs had finished before)` : ''} (warm starts ${((tWarm - t0) / 60000).toFixed(1)} min); ${perRun.toFixed(0)} s per run on average.`,
    `- Per run: ${JSON.stringify(shared)} on top of the TrainConfig defaults; seeds 0..${seeds - 1}; experiment \`${experiment}\`.`,
  ].join('\n');
  const md = `# ${experiment}\n\n${table}\n\n${HV_DEFINITION}\n\nMean ± sample std over seeds. Tool productivity = correct answers per tool call, pooled over seeds (Σ accuracy / Σ calls; n/a below 0.01 calls per question).\n\n${conditions}\n`;
  console.log('\n' + md);
  fs.mkdirSync(f.out, { recursive: true });
  const base = path.join(f.out, experiment);
  fs.writeFileSync(`${base}.md`, md);
  fs.writeFileSync(`${base}.csv`, summaryCsv(rows));
  fs.writeFileSync(`${base}-runs.csv`, runsCsv(results));
  console.log(`wrote ${base}.md, ${base}.csv, ${base}-runs.csv`);
}

/** Finished runs of an experiment (named <method>-<env>-s<seed>) as results, from the database. */
async function loadResults(experiment: string): Promise<RunResult[]> {
  const db = await import('../lib/db');
  const runs = [];
  for (let cursor: string | undefined; ; ) {
    const page = await db.listRuns({ experiment, limit: 200, cursor });
    runs.push(...page.runs);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const points = await db.listEvalPointsOfRuns(runs.map((r) => r.id));
  return experimentResults(runs, points, { methods: METHODS });
}

/** Rebuild the table of an experiment from the database. */
async function rebuildTable(experiment: string, out: string) {
  const db = await import('../lib/db');
  try {
    const results = await loadResults(experiment);
    const labels = METHODS.map((x) => x.label).filter((l) => results.some((r) => r.label === l));
    const rows = buildRows(results, labels);
    const md = `# ${experiment}\n\n${markdownTable(rows)}\n\n${HV_DEFINITION}\n\nMean ± sample std over seeds. Tool productivity = correct answers per tool call, pooled over seeds (Σ accuracy / Σ calls; n/a below 0.01 calls per question). Table rebuilt from the database (${results.length} finished runs).\n`;
    console.log(md);
    fs.mkdirSync(out, { recursive: true });
    const base = path.join(out, experiment);
    fs.writeFileSync(`${base}.md`, md);
    fs.writeFileSync(`${base}.csv`, summaryCsv(rows));
    fs.writeFileSync(`${base}-runs.csv`, runsCsv(results));
    console.log(`wrote ${base}.md, ${base}.csv, ${base}-runs.csv`);
  } finally {
    await db.closeDb();
  }
}

runCli(main);
