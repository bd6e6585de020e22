/**
 * ParetoArchive: an incrementally maintained non-dominated set with its
 * hypervolume, for callers that add one evaluation at a time (ParetoPO).
 *
 * - 2-D: the front is a sorted staircase; insert is O(log n + removed) and the
 *   hypervolume changes by the exact area the new point adds (computed while
 *   removing the points it dominates).
 * - d >= 3: the front lives in typed columns; the hypervolume grows by the
 *   new point's exclusive contribution against the current front (3-D: the
 *   HV4D+ contribution sweep over the front kept sorted by z, Guerreiro &
 *   Fonseca IEEE TEC 2018; 4-D: the same lifted one dimension, front kept
 *   sorted by w; d >= 5: box minus the hypervolume of the front limited by
 *   the point, While et al. IEEE TEC 2012). Nothing is recomputed from
 *   scratch; an insert costs O(m d) plus the contribution.
 *
 * Policy: a point weakly dominated by the front (including an exact copy of
 * a member) is rejected (`insert` returns false). A non-dominated point that
 * does not strictly dominate the reference point enters the front but adds
 * no hypervolume. Empty archive: size 0, hypervolume 0.
 */
import { contribution3d } from "./contribution-3d";
import { Contribution4d } from "./contribution-4d";
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
  /** d != 2: the front as columns (sorted by z in 3-D, by w in 4-D) and slot ids. */
  private cols: Float64Array[] = [];
  private slotOf = new Int32Array(16);
  private count = 0;
  /** column that keeps the front sorted (-1: insertion order) */
  private readonly sortCol: number;
  private readonly st3 = new Staircase2D(32);
  private readonly c4 = new Contribution4d();

  constructor(ref: readonly number[], opts?: DirectionOptions) {
    this.dim = ref.length;
    if (this.dim < 1) throw new RangeError("reference point must have at least one objective");
    this.opts = opts;
    this.signs = directionSigns(this.dim, opts);
    this.ref = vectorToMinimization(ref, opts);
    this.stair = this.dim === 2 ? new Staircase2D(16) : null;
    if (this.stair) this.stair.collectRemoved = true;
    this.sortCol = this.dim === 3 ? 2 : this.dim === 4 ? 3 : -1;
    for (let j = 0; j < this.dim; j++) this.cols.push(new Float64Array(16));
  }

  get size(): number {
    return this.stair ? this.stair.size : this.count;
  }

  get hypervolume(): number {
    return this.hv;
  }

  private toMin(point: readonly number[]): Float64Array {
    if (point.length !== this.dim) throw new RangeError(`point has ${point.length} objectives, expected ${this.dim}`);
    return vectorToMinimization(point, this.opts);
  }

  private newSlot(entry: Entry): number {
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.slots.length;
    this.slots[slot] = entry;
    return slot;
  }

  private freeSlot(slot: number): void {
    this.slots[slot] = undefined;
    this.freeSlots.push(slot);
  }

  /** Add a point; true if it entered the front. */
  insert(point: readonly number[], payload?: unknown): boolean {
    const v = this.toMin(point);
    const st = this.stair;
    if (st) {
      if (st.weaklyDominates(v[0], v[1])) return false;
      const slot = this.newSlot({ v, payload });
      st.removed.length = 0;
      this.hv += st.insert(v[0], v[1], slot, this.ref[0], this.ref[1]);
      for (const id of st.removed) this.freeSlot(id);
      return true;
    }
    if (this.weaklyDominated(v)) return false;
    this.hv += this.gain(v);
    this.add(v, this.newSlot({ v, payload }));
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
    else for (let k = 0; k < this.count; k++) list.push(this.slots[this.slotOf[k]]!);
    return list.map((e) => ({ point: vectorFromMinimization(e.v, this.signs), payload: e.payload }));
  }

  private weaklyDominated(v: Float64Array): boolean {
    const cols = this.cols;
    const d = this.dim;
    for (let k = 0; k < this.count; k++) {
      let le = true;
      for (let j = 0; j < d; j++) {
        if (cols[j][k] > v[j]) {
          le = false;
          break;
        }
      }
      if (le) return true;
    }
    return false;
  }

  /** Put v in the front (sorted), dropping the members it dominates. */
  private add(v: Float64Array, slot: number): void {
    const d = this.dim;
    const cols = this.cols;
    let w = 0;
    for (let k = 0; k < this.count; k++) {
      let dominated = true;
      for (let j = 0; j < d; j++) {
        if (v[j] > cols[j][k]) {
          dominated = false;
          break;
        }
      }
      if (dominated) {
        this.freeSlot(this.slotOf[k]);
        continue;
      }
      if (w !== k) {
        for (let j = 0; j < d; j++) cols[j][w] = cols[j][k];
        this.slotOf[w] = this.slotOf[k];
      }
      w++;
    }
    this.count = w;
    if (this.count === this.slotOf.length) {
      const cap = 2 * this.slotOf.length;
      this.cols = cols.map((c) => {
        const g = new Float64Array(cap);
        g.set(c);
        return g;
      });
      const s = new Int32Array(cap);
      s.set(this.slotOf);
      this.slotOf = s;
    }
    let pos = this.count;
    if (this.sortCol >= 0) {
      const key = this.cols[this.sortCol];
      let lo = 0;
      let hi = this.count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (key[mid] <= v[this.sortCol]) lo = mid + 1;
        else hi = mid;
      }
      pos = lo;
      for (let j = 0; j < d; j++) this.cols[j].copyWithin(pos + 1, pos, this.count);
      this.slotOf.copyWithin(pos + 1, pos, this.count);
    }
    for (let j = 0; j < d; j++) this.cols[j][pos] = v[j];
    this.slotOf[pos] = slot;
    this.count++;
  }

  /** Exclusive contribution of v against the current front (v not weakly dominated). */
  private gain(v: Float64Array): number {
    const d = this.dim;
    const ref = this.ref;
    for (let j = 0; j < d; j++) if (!(v[j] < ref[j])) return 0;
    const cols = this.cols;
    const m = this.count;
    if (d === 1) return m === 0 ? ref[0] - v[0] : Math.max(0, Math.min(cols[0][0], ref[0]) - v[0]);
    if (d === 3) {
      return contribution3d(v[0], v[1], v[2], cols[0], cols[1], cols[2], m, ref[0], ref[1], ref[2], this.st3);
    }
    // members inside the reference box, row-major (4-D: in w order)
    const inside = new Float64Array(m * d);
    let k = 0;
    for (let t = 0; t < m; t++) {
      let ok = true;
      for (let j = 0; j < d; j++) if (!(cols[j][t] < ref[j])) ok = false;
      if (!ok) continue;
      for (let j = 0; j < d; j++) inside[k * d + j] = cols[j][t];
      k++;
    }
    if (d === 4) return this.c4.compute(v, inside, k, ref);
    let box = 1;
    for (let j = 0; j < d; j++) box *= ref[j] - v[j];
    if (k === 0) return box;
    for (let t = 0; t < k * d; t++) {
      const j = t % d;
      if (inside[t] < v[j]) inside[t] = v[j];
    }
    const rows = nonDominatedRows(inside, d, iota(k), false);
    return box - hypervolumeRows(inside, d, rows, ref);
  }
}
