/**
 * ParetoArchive: an incrementally maintained non-dominated set with its
 * hypervolume, for callers that add one evaluation at a time (ParetoPO).
 *
 * - 2-D: the front is a sorted staircase; insert is O(log n + removed) and the
 *   hypervolume changes by the exact area the new point adds (computed while
 *   removing the points it dominates).
 * - d >= 3: the hypervolume grows by the new point's exclusive contribution
 *   against the current front (3-D: HV4D+ contribution sweep over the front
 *   kept sorted by z, Guerreiro & Fonseca IEEE TEC 2018; d >= 4: box minus the
 *   hypervolume of the front limited by the point, While et al. IEEE TEC
 *   2012). Nothing is recomputed from scratch.
 *
 * Policy: a point weakly dominated by the front (including an exact copy of
 * a member) is rejected (`insert` returns false). A non-dominated point that
 * does not strictly dominate the reference point enters the front but adds
 * no hypervolume. Empty archive: size 0, hypervolume 0.
 */
import { contribution3d } from "./contribution-3d";
import { hypervolumeRows } from "./hypervolume";
import { iota } from "./argsort";
import { nonDominatedRows } from "./non-dominated";
import { Staircase2D } from "./staircase-2d";
import { directionSigns, vectorFromMinimization, vectorToMinimization } from "./to-minimization";
import type { DirectionOptions } from "./types";

interface Entry {
  /** minimization form */
  v: Float64Array;
  payload: unknown;
}

export class ParetoArchive {
  private readonly ref: Float64Array;
  private readonly signs: Float64Array;
  private readonly dim: number;
  private readonly opts?: DirectionOptions;
  private hv = 0;
  /** 2-D: staircase ids index into `slots`. */
  private readonly stair: Staircase2D | null;
  private readonly slots: (Entry | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** d != 2: the front; for d = 3 kept sorted by z. */
  private list: Entry[] = [];
  private readonly st3 = new Staircase2D(32);

  constructor(ref: readonly number[], opts?: DirectionOptions) {
    this.dim = ref.length;
    if (this.dim < 1) throw new RangeError("reference point must have at least one objective");
    this.opts = opts;
    this.signs = directionSigns(this.dim, opts);
    this.ref = vectorToMinimization(ref, opts);
    this.stair = this.dim === 2 ? new Staircase2D(16) : null;
    if (this.stair) this.stair.collectRemoved = true;
  }

  get size(): number {
    return this.stair ? this.stair.size : this.list.length;
  }

  get hypervolume(): number {
    return this.hv;
  }

  private toMin(point: readonly number[]): Float64Array {
    if (point.length !== this.dim) throw new RangeError(`point has ${point.length} objectives, expected ${this.dim}`);
    return vectorToMinimization(point, this.opts);
  }

  /** Add a point; true if it entered the front. */
  insert(point: readonly number[], payload?: unknown): boolean {
    const v = this.toMin(point);
    const st = this.stair;
    if (st) {
      if (st.weaklyDominates(v[0], v[1])) return false;
      const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.slots.length;
      this.slots[slot] = { v, payload };
      st.removed.length = 0;
      this.hv += st.insert(v[0], v[1], slot, this.ref[0], this.ref[1]);
      for (const id of st.removed) {
        this.slots[id] = undefined;
        this.freeSlots.push(id);
      }
      return true;
    }
    if (this.weaklyDominated(v)) return false;
    this.hv += this.gain(v);
    const kept: Entry[] = [];
    let placed = false;
    const z = this.dim === 3 ? v[2] : 0;
    for (const e of this.list) {
      if (this.dim === 3 && !placed && e.v[2] > z) {
        kept.push({ v, payload });
        placed = true;
      }
      if (!covers(v, e.v)) kept.push(e);
    }
    if (!placed) kept.push({ v, payload });
    this.list = kept;
    return true;
  }

  /** Exclusive hypervolume the point would add (0 if weakly dominated). */
  hypervolumeGainIfAdded(point: readonly number[]): number {
    const v = this.toMin(point);
    const st = this.stair;
    if (st) {
      if (st.weaklyDominates(v[0], v[1])) return 0;
      // exact area by a read-only walk over the staircase
      const rx = this.ref[0];
      const ry = this.ref[1];
      if (!(v[0] < rx && v[1] < ry)) return 0;
      const i = st.lastAtOrBefore(v[0]);
      let h = i >= 0 ? Math.min(st.ys[i], ry) : ry;
      let cur = v[0];
      let gain = 0;
      for (let k = i + 1; k < st.size; k++) {
        const nx = Math.min(st.xs[k], rx);
        if (nx > cur) {
          if (h > v[1]) gain += (nx - cur) * (h - v[1]);
          cur = nx;
        }
        if (st.ys[k] < v[1]) return gain;
        h = Math.min(st.ys[k], ry);
      }
      if (rx > cur && h > v[1]) gain += (rx - cur) * (h - v[1]);
      return gain;
    }
    if (this.weaklyDominated(v)) return 0;
    return this.gain(v);
  }

  /** The front in the user's directions (2-D: sorted by the first objective's minimization order). */
  front(): number[][] {
    return this.entries().map((e) => e.point);
  }

  entries(): { point: number[]; payload: unknown }[] {
    const st = this.stair;
    const list: Entry[] = [];
    if (st) for (let k = 0; k < st.size; k++) list.push(this.slots[st.ids[k]]!);
    else list.push(...this.list);
    return list.map((e) => ({ point: vectorFromMinimization(e.v, this.signs), payload: e.payload }));
  }

  private weaklyDominated(v: Float64Array): boolean {
    for (const e of this.list) if (covers(e.v, v)) return true;
    return false;
  }

  /** Exclusive contribution of v against the current front (v not weakly dominated). */
  private gain(v: Float64Array): number {
    const d = this.dim;
    const ref = this.ref;
    for (let j = 0; j < d; j++) if (!(v[j] < ref[j])) return 0;
    const inside = this.list.filter((e) => e.v.every((x, j) => x < ref[j]));
    if (d === 1) return inside.length === 0 ? ref[0] - v[0] : Math.max(0, inside[0].v[0] - v[0]);
    if (d === 3) {
      const m = inside.length;
      const sx = new Float64Array(m);
      const sy = new Float64Array(m);
      const sz = new Float64Array(m);
      for (let t = 0; t < m; t++) {
        sx[t] = inside[t].v[0];
        sy[t] = inside[t].v[1];
        sz[t] = inside[t].v[2];
      }
      return contribution3d(v[0], v[1], v[2], sx, sy, sz, m, ref[0], ref[1], ref[2], this.st3);
    }
    let box = 1;
    for (let j = 0; j < d; j++) box *= ref[j] - v[j];
    const m = inside.length;
    if (m === 0) return box;
    const limited = new Float64Array(m * d);
    for (let t = 0; t < m; t++) {
      for (let j = 0; j < d; j++) limited[t * d + j] = Math.max(inside[t].v[j], v[j]);
    }
    const rows = nonDominatedRows(limited, d, iota(m), false);
    return box - hypervolumeRows(limited, d, rows, ref);
  }
}

/** a <= b in every objective (weak dominance or equality). */
function covers(a: Float64Array, b: Float64Array): boolean {
  for (let j = 0; j < a.length; j++) if (a[j] > b[j]) return false;
  return true;
}
