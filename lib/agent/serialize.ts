/**
 * Weight (de)serialization. Layout (little-endian):
 *   "PSAG" | u32 format version | u32 header byte length | header JSON (utf-8,
 *   padded with spaces to a multiple of 4) | float32 tensors in header order.
 * The header holds { format, config, tensors: [{ name, shape }] }.
 */
import * as tf from '@tensorflow/tfjs';
import { createPolicy, paramShapes } from './model';
import type { Policy } from './model';
import type { PolicyConfig } from './config';

export const WEIGHTS_FORMAT_VERSION = 1;
const MAGIC = 0x47415350; // "PSAG"

interface Header {
  format: number;
  config: PolicyConfig;
  tensors: { name: string; shape: number[] }[];
}

/** The policy's weights as a blob, read back with `await data()` (never a synchronous read: WebGPU). */
export async function serializeWeights(policy: Policy): Promise<Uint8Array> {
  const tensors = [...policy.params].map(([name, v]) => ({ name, shape: v.shape as number[] }));
  let json = JSON.stringify({ format: WEIGHTS_FORMAT_VERSION, config: policy.config, tensors } satisfies Header);
  json += ' '.repeat((4 - (new TextEncoder().encode(json).length % 4)) % 4);
  const head = new TextEncoder().encode(json);
  const floats = tensors.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0);
  const out = new Uint8Array(12 + head.length + 4 * floats);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, WEIGHTS_FORMAT_VERSION, true);
  dv.setUint32(8, head.length, true);
  out.set(head, 12);
  const body = new Float32Array(out.buffer, 12 + head.length, floats);
  let off = 0;
  for (const v of policy.params.values()) {
    const d = (await v.data()) as Float32Array;
    body.set(d, off);
    off += d.length;
  }
  return out;
}

function parse(bytes: Uint8Array): { header: Header; body: Float32Array } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || dv.getUint32(0, true) !== MAGIC) throw new Error('loadWeights: not a Pareto Studio weights blob');
  const version = dv.getUint32(4, true);
  if (version !== WEIGHTS_FORMAT_VERSION) throw new Error(`loadWeights: unsupported format version ${version}`);
  const len = dv.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len))) as Header;
  const copy = bytes.slice(12 + len); // aligned copy
  return { header, body: new Float32Array(copy.buffer, 0, copy.byteLength / 4) };
}

/** The config stored in a weights blob. */
export function readWeightsConfig(bytes: Uint8Array): PolicyConfig {
  return parse(bytes).header.config;
}

/** Load weights into an existing policy; its config must match the blob's. */
export function loadWeights(policy: Policy, bytes: Uint8Array): void {
  const { header, body } = parse(bytes);
  const expected = paramShapes(policy.config);
  if (JSON.stringify(header.config) !== JSON.stringify(policy.config))
    throw new Error(`loadWeights: config mismatch: blob ${JSON.stringify(header.config)} vs policy ${JSON.stringify(policy.config)}`);
  let off = 0;
  header.tensors.forEach(({ name, shape }, i) => {
    if (expected[i]?.[0] !== name) throw new Error(`loadWeights: unexpected tensor ${name}`);
    const size = shape.reduce((a, b) => a * b, 1);
    const v = policy.params.get(name)!;
    tf.tidy(() => v.assign(tf.tensor(body.subarray(off, off + size), shape)));
    off += size;
  });
}

/** A new policy built from a weights blob (config taken from the blob). */
export function policyFromWeights(bytes: Uint8Array): Policy {
  const policy = createPolicy(readWeightsConfig(bytes), 0);
  loadWeights(policy, bytes);
  return policy;
}
