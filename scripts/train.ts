/**
 * Train one run in-process through the run log.
 *
 *   npm run train -- --env calc --algo paretopo [--steps N] [--seed S] [--set key=value …]
 *                    [--name NAME] [--experiment NAME] [--tag T]
 *
 * --set takes any TrainConfig field (`--set learningRate=3e-4`), nested with
 * dots (`--set algorithmOptions.stallPatience=2`); values are parsed as JSON
 * when they parse, else kept as strings. Unknown algorithms, envs or options
 * → an error listing the valid ones, exit code 2. Ctrl-C cancels the run
 * after the current step (a second Ctrl-C exits at once).
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../lib/agent';
import { ENV_NAMES } from '../lib/envs';
import { ValidationError } from '../lib/errors';
import { ALGORITHM_NAMES } from '../lib/paretopo';
import { RunLogger } from '../lib/runs';
import { describeTrainOptions, parseTrainConfig, runObjectives } from '../lib/training';
import { trainBuiltinRun } from '../lib/worker/train-run';
import { CliError, describeFlags, parseFlags, type FlagSpec } from './cli/args';
import { machineDescription } from './cli/machine';
import { progressBar } from './cli/progress';
import { runCli } from './cli/run-cli';

const spec = {
  env: { type: 'enum', values: ENV_NAMES, default: 'calc', help: 'task' },
  algo: { type: 'enum', values: ALGORITHM_NAMES, default: 'paretopo', help: 'advantage estimator' },
  steps: { type: 'int', min: 1, help: 'training steps (config default if omitted)' },
  seed: { type: 'int', min: 0, default: 0, help: 'run seed (env, warm start, rollouts)' },
  name: { type: 'string', help: 'run name (default <algo>-<env>-s<seed>)' },
  experiment: { type: 'string', help: 'experiment the run belongs to' },
  tag: { type: 'string', help: 'comma-separated tags' },
  quiet: { type: 'boolean', help: 'no progress bar' },
} satisfies Record<string, FlagSpec>;

function usage(): string {
  const opts = describeTrainOptions()
    .map((o) => `  ${o.name} = ${JSON.stringify(o.default)}  ${o.description}${o.choices ? ` [${o.choices.join('|')}]` : ''}`)
    .join('\n');
  return `usage: npm run train -- [flags] [--set key=value ...]\n${describeFlags(spec)}\n  --set key=value  any config field below (repeatable)\n\nconfig fields (defaults):\n${opts}`;
}

/** Split out --set pairs (they may repeat), return the remaining argv and the overrides. */
export function extractSets(argv: string[]): { rest: string[]; sets: Record<string, unknown> } {
  const rest: string[] = [];
  const sets: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let kv: string | undefined;
    if (a === '--set') kv = argv[++i];
    else if (a.startsWith('--set=')) kv = a.slice(6);
    else {
      rest.push(a);
      continue;
    }
    if (!kv || !kv.includes('=')) throw new CliError(`--set needs key=value, got ${JSON.stringify(kv ?? '')}`);
    const eq = kv.indexOf('=');
    const key = kv.slice(0, eq);
    const raw = kv.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // keep as string (enum values such as cosine)
    }
    const path = key.split('.');
    let obj = sets;
    for (const p of path.slice(0, -1)) obj = (obj[p] ??= {}) as Record<string, unknown>;
    obj[path[path.length - 1]] = value;
  }
  return { rest, sets };
}

async function main(argv: string[]) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return;
  }
  const { rest, sets } = extractSets(argv);
  const f = parseFlags(rest, spec);
  let config;
  try {
    config = parseTrainConfig({ ...sets, env: f.env, algorithm: f.algo, ...(f.steps ? { steps: f.steps } : {}) });
  } catch (e) {
    if (e instanceof ValidationError) throw new CliError(`invalid config: ${e.message}`);
    throw e;
  }
  const backend = await initBackend();
  console.log(`# ${machineDescription()} | tfjs ${tf.version.tfjs} backend=${backend}`);
  const db = await import('../lib/db');
  const objectives = runObjectives(config);
  const logger = await RunLogger.start({
    name: f.name ?? `${config.algorithm}-${config.env}-s${f.seed}`,
    environment: config.env,
    algorithm: config.algorithm,
    config,
    seed: f.seed,
    source: 'builtin',
    status: 'running',
    objectives,
    tags: f.tag ? f.tag.split(',').filter(Boolean) : [],
    experiment: f.experiment,
    totalSteps: config.steps,
  });
  console.log(`run ${logger.runId}: ${config.algorithm} on ${config.env}, seed ${f.seed}, ${config.steps} steps`);
  let stopRequested = false;
  const onSigint = () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    process.stderr.write('\ncancelling after the current step (Ctrl-C again to exit now)\n');
  };
  process.on('SIGINT', onSigint);
  const t0 = performance.now();
  const bar = f.quiet ? null : progressBar('train', config.steps);
  let warmBar: ReturnType<typeof progressBar> | null = null;
  try {
    const outcome = await trainBuiltinRun({
      log: logger,
      config,
      seed: f.seed,
      stopReason: async () => (stopRequested ? 'cancel' : null),
      errorText: (e) => (e instanceof Error ? (e.stack ?? e.message) : String(e)),
      onWarmStart: (s, n) => {
        if (f.quiet) return;
        warmBar ??= progressBar('warm start (not cached)', n);
        warmBar.update(s);
        if (s === n) warmBar.finish();
      },
      onProgress: (p) =>
        bar?.update(
          p.step,
          `stage ${p.stage || '-'} hv ${p.hypervolume?.toFixed(3) ?? '-'} ${objectives.map((o, k) => `${o.name} ${p.evaluation?.[k]?.toFixed(2) ?? '-'}`).join(' ')}`,
        ),
    });
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    if (outcome === 'cancelled') {
      console.log(`run ${logger.runId} cancelled after ${secs} s (checkpoint saved; the worker can resume it)`);
      process.exitCode = 130;
    } else {
      bar?.finish();
      const m = (await db.listEvalPoints(logger.runId)).filter((p) => p.split === 'test');
      const last = m[m.length - 1];
      console.log(`run ${logger.runId} finished in ${secs} s; final eval: ${last ? JSON.stringify(last.objectives) : '-'}`);
    }
  } finally {
    process.off('SIGINT', onSigint);
    await db.closeDb();
  }
}

runCli(main);
