/**
 * Compile the WebAssembly kernels (AssemblyScript sources in
 * lib/agent/kernel/assembly) into lib/agent/kernel/build/, once with plain
 * SIMD and once with relaxed SIMD (fused multiply-add). Runs from postinstall;
 * `npm run build:kernels` by hand after editing a kernel.
 */
import asc from 'assemblyscript/asc';
import fs from 'node:fs';
import path from 'node:path';
import { KERNEL_BUILDS } from '../lib/agent/kernel/variants';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'lib', 'agent', 'kernel', 'assembly', 'trunk.ts');
const OUT = path.join(ROOT, 'lib', 'agent', 'kernel', 'build');

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  for (const { file, features } of Object.values(KERNEL_BUILDS)) {
    const t0 = performance.now();
    const { error, stderr } = await asc.main(
      [
        path.relative(ROOT, SRC),
        '--baseDir',
        ROOT,
        '-O3',
        '--runtime',
        'stub',
        '--noAssert',
        '--enable',
        features,
        '--initialMemory',
        '1',
        '--outFile',
        path.relative(ROOT, path.join(OUT, file)),
      ],
      { stdout: process.stdout, stderr: process.stderr },
    );
    if (error) {
      console.error(`build-kernels: ${file} failed: ${error.message}\n${stderr.toString()}`);
      process.exit(1);
    }
    console.log(
      `build-kernels: ${path.relative(ROOT, path.join(OUT, file))} (${fs.statSync(path.join(OUT, file)).size} bytes, ${(performance.now() - t0).toFixed(0)} ms)`,
    );
  }
}

await main();
