/**
 * Same-process A/B of lib/pareto's two engines (the JavaScript twin and the
 * WebAssembly kernel) on bench:pareto's inputs: after warm-up calls of both,
 * rounds alternate js, wasm, js, wasm…, each call timed on the CPU clock
 * (process.cpuUsage), so load on a shared machine hits both sides alike.
 * Checks that both return the same bits.
 *
 *   npm run bench:pareto-engines -- --d 4 --shape front --n 10000 --rounds 9
 *   npm run bench:pareto-engines -- --op nd --d 5 --shape random   # nonDominated (nd), paretoRanks (ranks) or hypervolume (hv, the default)
 */
import os from 'node:os';
import { hypervolume, nonDominated, paretoRanks } from '../lib/pareto';
import type { Engine } from '../lib/pareto';
import { machineDescription } from './cli/machine';
import { median } from './lib/median';
import { generate, type Shape } from './lib/pareto-inputs';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const dims = flag('d') ? [Number(flag('d'))] : [4];
const shapes = (flag('shape') ? [flag('shape')] : ['front', 'linear']) as Shape[];
const sizes = flag('n') ? [Number(flag('n'))] : [1000, 10000];
const rounds = Number(flag('rounds') ?? 7);
const op = flag('op') ?? 'hv';
if (op !== 'hv' && op !== 'nd' && op !== 'ranks') throw new Error(`--op must be hv, nd or ranks, got ${op}`);
const opName = { hv: 'hypervolume, reference point 1.1 everywhere', nd: 'nonDominated', ranks: 'paretoRanks' }[op];
if (!(rounds >= 1)) throw new Error(`--rounds must be a positive number, got ${flag('rounds')}`);

function cpuMs(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

console.log(`machine: ${machineDescription()}`);
console.log(
  `load average ${os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}; ${opName}; CPU ms per call, median of ${rounds} alternating rounds after warm-up`,
);
console.log(`${'case'.padEnd(18)} ${'js ms'.padStart(9)} ${'wasm ms'.padStart(9)} ${'wasm/js'.padStart(8)}  same bits`);
for (const d of dims)
  for (const shape of shapes)
    for (const n of sizes) {
      const set = { data: generate(shape, n, d, 12345 + d * 31 + n), dim: d };
      const ref = new Array(d).fill(1.1);
      const value: Record<Engine, number | Int32Array> = { js: NaN, wasm: NaN };
      const call = (engine: Engine) =>
        op === 'hv' ? hypervolume(set, ref, { engine }) : op === 'nd' ? nonDominated(set, { engine }) : paretoRanks(set, { engine });
      const run = (engine: Engine) => cpuMs(() => (value[engine] = call(engine)));
      // warm-up as bench:pareto's: each engine at least 8 calls and 250 ms, at most about 1 s (a JIT needs the calls to optimize the JS twin)
      for (const engine of ['js', 'wasm'] as Engine[]) {
        let spent = run(engine);
        for (let k = 1; k < 2000 && (k < 8 || spent < 250) && spent < 1000; k++) spent += run(engine);
      }
      const ts: Record<Engine, number[]> = { js: [], wasm: [] };
      for (let r = 0; r < rounds; r++) for (const engine of (r % 2 ? ['wasm', 'js'] : ['js', 'wasm']) as Engine[]) ts[engine].push(run(engine));
      const js = median(ts.js);
      const wasm = median(ts.wasm);
      const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));
      console.log(
        `${`${d} ${shape} ${n}`.padEnd(18)} ${fmt(js).padStart(9)} ${fmt(wasm).padStart(9)} ${(wasm / js).toFixed(2).padStart(8)}  ${sameBits(value.js, value.wasm) ? 'yes' : `NO: ${String(value.js).slice(0, 40)} vs ${String(value.wasm).slice(0, 40)}`}`,
      );
    }

/** Same hypervolume bits, or the same index/rank arrays. */
function sameBits(a: number | Int32Array, b: number | Int32Array): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
