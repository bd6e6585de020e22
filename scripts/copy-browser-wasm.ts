/**
 * Copy tfjs-backend-wasm's WebAssembly binaries into public/tfjs-wasm/ (git-
 * ignored), where the browser trainer loads them (lib/agent/browser-wasm-path.ts).
 * Runs from postinstall and before the tests; copies only what changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BROWSER_WASM_PATH } from '../lib/agent/browser-wasm-path';

const ROOT = path.resolve(import.meta.dirname, '..');
const from = path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
const to = path.join(ROOT, 'public', ...BROWSER_WASM_PATH.split('/').filter(Boolean));
fs.mkdirSync(to, { recursive: true });
const files = fs.readdirSync(from).filter((f) => f.endsWith('.wasm'));
if (files.length === 0) {
  console.error(`copy-browser-wasm: no .wasm files in ${from}`);
  process.exit(1);
}
for (const f of files) {
  const src = path.join(from, f);
  const dst = path.join(to, f);
  if (!fs.existsSync(dst) || !fs.readFileSync(dst).equals(fs.readFileSync(src))) fs.copyFileSync(src, dst);
}
console.log(`copy-browser-wasm: ${files.join(', ')} → ${path.relative(ROOT, to)}/`);
