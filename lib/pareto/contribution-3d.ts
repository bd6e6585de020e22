/**
 * Exclusive hypervolume contribution of one point p to a 3-D set S: the
 * volume dominated by p and by no member of S.
 * Paper: the 3-D contribution step of HV4D+ (Guerreiro & Fonseca, "Computing
 * and updating hypervolume contributions in up to four dimensions", IEEE TEC
 * 2018): sweep S in z, keep the 2-D staircase of S's points clipped to p's
 * box ("limited" by p), and integrate the part of p's box not yet covered.
 * Complexity: O(m log m) for |S| = m, and it stops as soon as p's box is
 * fully covered.
 * S must be sorted by z ascending; members outside the reference box are
 * ignored (so a member may be moved to +Infinity in x and y to leave it out).
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
  rx: number,
  ry: number,
  rz: number,
  st: Staircase2D,
): number {
  st.clear();
  const box = (rx - px) * (ry - py);
  // Below p (z <= pz) only three kinds of points matter: those left of p
  // (x <= px) act as one bar at their lowest y, those under p (y <= py) as
  // one bar at their lowest x, and the rest only if they lie inside both
  // bars. One branch-light pass finds the bars, a second inserts the rest.
  let t1 = 0;
  let barY = ry;
  let barX = rx;
  for (; t1 < count; t1++) {
    if (sz[t1] > pz) break;
    const qx = sx[t1];
    const qy = sy[t1];
    if (qx <= px) {
      if (qy < barY) barY = qy;
    } else if (qy <= py) {
      if (qx < barX) barX = qx;
    }
  }
  // a member left of p and under it (weakly) dominates p
  if (barY <= py) return 0;
  let covered = 0;
  if (barY < ry) covered += st.insert(px, barY, -1, rx, ry);
  if (barX < rx && !st.weaklyDominates(barX, py)) covered += st.insert(barX, py, -1, rx, ry);
  for (let t = 0; t < t1; t++) {
    const qx = sx[t];
    const qy = sy[t];
    if (qx < barX && qy < barY && qx > px && qy > py) {
      if (!st.weaklyDominates(qx, qy)) covered += st.insert(qx, qy, t, rx, ry);
    }
  }
  let volume = 0;
  let zPrev = pz;
  let sawDominated = false;
  for (let t = t1; t < count; t++) {
    const z = sz[t];
    if (z >= rz) break;
    const qx = sx[t];
    const qy = sy[t];
    if (qx >= px && qy >= py) sawDominated = true;
    const lx = qx > px ? qx : px;
    const ly = qy > py ? qy : py;
    // the bars reject most points without a search of the staircase
    if (lx >= barX || ly >= barY || st.weaklyDominates(lx, ly)) continue;
    volume += (box - covered) * (z - zPrev);
    zPrev = z;
    if (lx === px && ly === py) {
      contribution3dScan.sawDominated = sawDominated;
      return volume;
    }
    covered += st.insert(lx, ly, t, rx, ry);
    if (lx === px) barY = ly;
    else if (ly === py) barX = lx;
  }
  contribution3dScan.sawDominated = sawDominated;
  return volume + (box - covered) * (rz - zPrev);
}

/**
 * Side result of the last contribution3d call that got past its first phase:
 * whether a member above p in z had x >= px and y >= py (i.e. p dominates
 * it). A caller keeping S non-dominated can skip its own scan when false: a
 * member p dominates that lies beyond the point where the sweep stopped would
 * be dominated by the member that stopped it.
 */
export const contribution3dScan = { sawDominated: false };
