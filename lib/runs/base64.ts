/**
 * Bytes ↔ base64 without Node's Buffer, so the same code runs in the browser
 * (checkpoint weights and Adam moments travel as base64 in JSON). atob/btoa
 * exist in browsers and in Node ≥ 16; chunks keep String.fromCharCode's
 * argument list short.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Throws a TypeError on text that is not base64. */
export function base64ToBytes(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
