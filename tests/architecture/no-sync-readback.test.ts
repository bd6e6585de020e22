/**
 * The browser trainer reads tensors back only asynchronously: no repository
 * file that components/train/browser-trainer.tsx loads at run time calls
 * dataSync / arraySync / bufferSync. tfjs-webgpu's synchronous read copies
 * through an OffscreenCanvas swap chain, and Chromium's GPU process then loses
 * the WebGPU device (issue 14); only the slow WebGPU e2e would catch a new one.
 *
 * One exception, by name: lib/agent/adam.ts `hostValue`, the synchronous read
 * of the WebAssembly kernels (Node only), which only lib/agent/kernel/ calls.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, type ImportEdge } from './import-graph';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = 'components/train/browser-trainer.tsx';
const SYNC_READ = /\.(dataSync|arraySync|bufferSync)\s*\(/;

/** Every repository file reached from `start` through run-time (not type-only) imports. */
function runtimeClosure(graph: Map<string, ImportEdge[]>, start: string): string[] {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    for (const e of graph.get(queue.shift()!) ?? []) {
      if (e.typeOnly || !e.file || seen.has(e.file)) continue;
      seen.add(e.file);
      queue.push(e.file);
    }
  }
  return [...seen].sort();
}

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
/** adam.ts without the body of `hostValue` (the named exception). */
const withoutHostValue = (text: string) => text.replace(/export function hostValue\([\s\S]*?\n}\n/, '');

function syncReads(file: string, text: string): string[] {
  const code = withoutComments(file === 'lib/agent/adam.ts' ? withoutHostValue(text) : text);
  return code.split('\n').flatMap((line, i) => (SYNC_READ.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

describe('the browser trainer never reads a tensor synchronously', () => {
  const graph = importGraph(ROOT, ['lib', 'components']);
  const closure = runtimeClosure(graph, ENTRY);
  const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

  it('the checker sees the trainer, the agent and its reads', () => {
    for (const f of [
      'lib/training/run-training.ts',
      'lib/agent/decoder.ts',
      'lib/agent/backprop.ts',
      'lib/agent/pg-step.ts',
      'lib/agent/adam.ts',
      'lib/agent/serialize.ts',
      'lib/training/optimizer-state.ts',
    ])
      expect(closure).toContain(f);
    expect(syncReads('x.ts', 'const logits = logitsT.dataSync() as Float32Array;')).toHaveLength(1);
    expect(syncReads('x.ts', '  return t.arraySync ();')).toHaveLength(1);
    expect(syncReads('x.ts', '// not here: t.dataSync()\nconst a = await t.data();')).toEqual([]);
    expect(syncReads('lib/agent/adam.ts', read('lib/agent/adam.ts'))).toEqual([]);
    expect(syncReads('x.ts', read('lib/agent/adam.ts'))).toHaveLength(1); // hostValue's own read, found when not excepted
  });

  it('no file the browser trainer loads at run time calls dataSync, arraySync or bufferSync', () => {
    expect(closure.flatMap((f) => syncReads(f, read(f)))).toEqual([]);
  });

  it("only the WebAssembly kernels call adam.ts's synchronous hostValue", () => {
    const code = (f: string) => withoutComments(f === 'lib/agent/adam.ts' ? withoutHostValue(read(f)) : read(f)); // adam.ts: its definition left out
    const callers = closure.filter((f) => /\bhostValue\s*\(/.test(code(f)));
    expect(callers.length).toBeGreaterThan(0);
    expect(callers.filter((f) => !f.startsWith('lib/agent/kernel/'))).toEqual([]);
  });
});
