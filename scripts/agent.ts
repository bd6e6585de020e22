/**
 * Agent CLI.
 *   npm run agent -- warmstart --env calc|hops [--seed S] [--steps N] [--retrain]
 *   npm run agent -- eval --env calc|hops [--checkpoint NAME] [--policy base|always-call|never-call|oracle|all] [--split test|validation] [--n N] [--seed S]
 * Warm starts are cached as named checkpoints (warmstart-<env>-d<difficulty>-s<seed>-<confighash>-v<recipe>.<env version>);
 * eval without --checkpoint uses (and if needed trains) the warm start of --seed.
 */
import * as tf from '@tensorflow/tfjs';
import os from 'node:os';
import { initBackend, evaluate, DECODER_KINDS, POLICY_MODES } from '../lib/agent';
import { loadNamedPolicy, loadOrTrainWarmStart, parseWarmStartCheckpointName, WARM_START_STEPS } from '../lib/training';
import { inProcessCheckpoints } from '../lib/runs';
import type { EvaluationResult, PolicyMode } from '../lib/agent';
import { ENV_NAMES, getEnv } from '../lib/envs';
import { CliError, describeFlags, parseFlags } from './cli/args';
import type { DecoderKind } from '../lib/agent';
import type { FlagSpec } from './cli/args';
import { progressBar } from './cli/progress';
import { machineDescription } from './cli/machine';
import { runCli } from './cli/run-cli';

const COMMANDS = ['warmstart', 'eval'] as const;
const common = {
  env: { type: 'enum', values: ENV_NAMES, required: true, help: 'task' },
  seed: { type: 'int', default: 0, help: 'warm-start seed' },
  difficulty: { type: 'number', min: 0, max: 1, help: 'env difficulty knob (env default if omitted)' },
  steps: { type: 'int', min: 1, help: `warm-start optimizer steps (default ${WARM_START_STEPS})` },
  backend: { type: 'enum', values: ['wasm', 'cpu'], default: 'wasm' },
} satisfies Record<string, FlagSpec>;
const specs = {
  warmstart: { ...common, retrain: { type: 'boolean', help: 'ignore a cached checkpoint' } },
  eval: {
    ...common,
    seed: { type: 'int', help: "env seed (hops: its knowledge base) and warm-start seed; default: a warm-start checkpoint's own, else 0" },
    checkpoint: { type: 'string', help: 'named checkpoint (default: the warm start of --seed)' },
    policy: { type: 'enum', values: [...POLICY_MODES, 'all'], default: 'all' },
    n: { type: 'int', min: 1, default: 512, help: 'questions' },
    split: { type: 'enum', values: ['test', 'validation'], default: 'test', help: 'held-out split to evaluate on (validation: the one the trainer adapts on)' },
    sample: { type: 'boolean', help: 'sample at temperature 1 instead of greedy decoding' },
    decoder: {
      type: 'enum',
      values: DECODER_KINDS,
      default: 'kernel',
      help: 'forward pass of decoding: the WebAssembly kernels, or tfjs (the reference; same tokens)',
    },
  },
} satisfies Record<string, Record<string, FlagSpec>>;

function usage(): string {
  return `usage: npm run agent -- <${COMMANDS.join('|')}> [flags]\n${COMMANDS.map((c) => `${c}:\n${describeFlags(specs[c])}`).join('\n')}`;
}

async function main(argv: string[]) {
  const cmd = argv[0];
  if (!cmd || cmd === '--help' || cmd === '-h') {
    console.log(usage());
    return;
  }
  if (!(COMMANDS as readonly string[]).includes(cmd)) throw new CliError(`unknown command ${JSON.stringify(cmd)}; valid commands: ${COMMANDS.join(', ')}`);
  const backend = await initBackend(parseFlags(argv.slice(1), specs[cmd as (typeof COMMANDS)[number]]).backend as 'wasm' | 'cpu');
  console.log(`# ${machineDescription()} | tfjs ${tf.version.tfjs} backend=${backend}`);
  const db = await import('../lib/db');
  try {
    if (cmd === 'warmstart') {
      const f = parseFlags(argv.slice(1), specs.warmstart);
      const env = getEnv(f.env, { seed: f.seed, difficulty: f.difficulty });
      const steps = f.steps ?? WARM_START_STEPS;
      const bar = progressBar(`warmstart ${f.env}`, steps);
      const res = await loadOrTrainWarmStart(env, inProcessCheckpoints, {
        seed: f.seed,
        steps,
        retrain: f.retrain,
        onProgress: (s, _n, loss) => bar.update(s, `loss ${loss.toFixed(3)}`),
      });
      if (res.cached) console.log(`checkpoint ${res.name} already cached (use --retrain to train again)`);
      else {
        bar.finish();
        console.log(
          `saved checkpoint ${res.name} after ${res.seconds.toFixed(1)} s of training (${res.cpuSeconds.toFixed(1)} s CPU; load average ${os
            .loadavg()
            .map((x) => x.toFixed(2))
            .join(' ')})`,
        );
      }
      return;
    }
    const f = parseFlags(argv.slice(1), specs.eval);
    // a warm-start checkpoint knows the env it was trained on (hops: seed = knowledge base)
    const trained = f.checkpoint ? parseWarmStartCheckpointName(f.checkpoint) : null;
    if (trained && trained.env !== f.env) throw new CliError(`--env ${f.env}: checkpoint ${f.checkpoint} was trained on ${trained.env}`);
    if (trained && f.seed !== undefined && f.seed !== trained.seed)
      throw new CliError(`--seed ${f.seed}: checkpoint ${f.checkpoint} was trained on seed ${trained.seed} (for hops, a different knowledge base)`);
    const seed = f.seed ?? trained?.seed ?? 0;
    const env = getEnv(f.env, { seed, difficulty: f.difficulty ?? trained?.difficulty });
    let policy;
    let name = f.checkpoint;
    if (name) {
      policy = await loadNamedPolicy(inProcessCheckpoints, name);
      if (!policy) throw new CliError(`no checkpoint named ${JSON.stringify(name)}`);
    } else {
      const steps = f.steps ?? WARM_START_STEPS;
      const bar = progressBar(`warmstart ${f.env} (not cached yet)`, steps);
      const res = await loadOrTrainWarmStart(env, inProcessCheckpoints, { seed, steps, onProgress: (s, _n, l) => bar.update(s, `loss ${l.toFixed(3)}`) });
      if (!res.cached) {
        bar.finish();
        console.log(`saved checkpoint ${res.name} after ${res.seconds.toFixed(1)} s of training (${res.cpuSeconds.toFixed(1)} s CPU)`);
      }
      policy = res.policy;
      name = res.name;
    }
    const modes: PolicyMode[] = f.policy === 'all' ? [...POLICY_MODES] : [f.policy as PolicyMode];
    const results: EvaluationResult[] = [];
    for (const mode of modes) {
      const bar = progressBar(`eval ${mode}`, f.n);
      results.push(
        await evaluate(policy, env, f.split as 'test' | 'validation', {
          n: f.n,
          policyMode: mode,
          greedy: !f.sample,
          decoder: f.decoder as DecoderKind,
          onProgress: (d) => bar.update(d),
        }),
      );
      bar.finish();
    }
    console.log(`\n${f.env} ${f.split} split, n=${f.n}, checkpoint ${name}, ${f.sample ? 'sampled (T=1)' : 'greedy'}`);
    const [b0, b1] = env.buckets;
    // Every objective of the env (mean per question), then accuracy and tool calls per bucket.
    const [acc, calls] = ['accuracy', 'tool_calls'].map((n) => env.objectives.findIndex((o) => o.name === n));
    const head = ['policy', ...env.objectives.map((o) => `${o.name}/q`), 'tokens/s', `acc ${b0}`, `acc ${b1}`, `calls ${b0}`, `calls ${b1}`];
    const rows = results.map((r) => [
      r.policyMode,
      ...r.objectives.map((v) => v.toFixed(3)),
      r.tokensPerSecond.toFixed(0),
      r.buckets[b0].objectives[acc].toFixed(3),
      r.buckets[b1].objectives[acc].toFixed(3),
      r.buckets[b0].objectives[calls].toFixed(2),
      r.buckets[b1].objectives[calls].toFixed(2),
    ]);
    const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(w[i])).join(' | ') + ' |';
    console.log(fmt(head));
    console.log('|' + w.map((x) => '-'.repeat(x + 2)).join('|') + '|');
    for (const r of rows) console.log(fmt(r));
    console.log(`buckets: ${b0} n=${results[0].buckets[b0].n}, ${b1} n=${results[0].buckets[b1].n}`);
    for (const r of results)
      console.log(
        `example (${r.policyMode}): ${r.trajectories
          .slice(0, 3)
          .map((t) => t.text)
          .join('   ')}`,
      );
  } finally {
    await db.closeDb();
  }
}

runCli(main);
