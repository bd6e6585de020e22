/** lib/rng — the seeded random generator every part shares (a leaf: imports nothing). */
export { Rng, hashString } from './rng';
