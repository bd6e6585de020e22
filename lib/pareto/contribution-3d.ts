/**
 * Exclusive hypervolume contribution of one point p to a 3-D set S: the
 * volume dominated by p and by no member of S.
 * Paper: the 3-D contribution step of HV4D+ (Guerreiro & Fonseca, "Computing
 * and updating hypervolume contributions in up to four dimensions", IEEE TEC
 * 2018): sweep S in z, keep the 2-D staircase of S's points clipped to p's
 * box ("limited" by p), and integrate the part of p's box not yet covered.
 * Complexity: O(m log m) for |S| = m, and it stops as soon as p's box is
 * fully covered.
 * S must be sorted by z ascending and lie strictly inside the reference box.
 * Returns 0 when p is weakly dominated by a member of S (or equals one).
 */
import { Staircase2D } from "./staircase-2d";

export function contribution3d(
  px: number,
  py: number,
  pz: number,
  sx: Float64Array,
  sy: Float64Array,
  sz: Float64Array,
  count: number,
  skip: number,
  rx: number,
  ry: number,
  rz: number,
  st: Staircase2D,
): number {
  st.clear();
  const box = (rx - px) * (ry - py);
  let covered = 0;
  let t = 0;
  for (; t < count; t++) {
    const z = sz[t];
    if (z > pz) break;
    if (t === skip) continue;
    const lx = sx[t] > px ? sx[t] : px;
    const ly = sy[t] > py ? sy[t] : py;
    if (lx === px && ly === py) return 0;
    if (!st.weaklyDominates(lx, ly)) covered += st.insert(lx, ly, t, rx, ry);
  }
  let volume = 0;
  let zPrev = pz;
  for (; t < count; t++) {
    if (t === skip) continue;
    const z = sz[t];
    volume += (box - covered) * (z - zPrev);
    zPrev = z;
    const lx = sx[t] > px ? sx[t] : px;
    const ly = sy[t] > py ? sy[t] : py;
    if (lx === px && ly === py) return volume;
    if (!st.weaklyDominates(lx, ly)) covered += st.insert(lx, ly, t, rx, ry);
  }
  return volume + (box - covered) * (rz - zPrev);
}
