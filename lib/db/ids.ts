import crypto from 'node:crypto';

/**
 * Time-ordered ids (`r_` + 9 base-36 ms digits + 12 random hex): sortable by
 * creation time, so id is a stable tie-break for "newest first".
 */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36).padStart(9, '0')}${crypto.randomBytes(6).toString('hex')}`;
}
