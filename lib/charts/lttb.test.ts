import { describe, expect, it } from 'vitest';
import { lttb, lttbIndices } from './lttb';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('lttbIndices', () => {
  it('keeps everything when the threshold is not below n, and nothing of nothing', () => {
    expect([...lttbIndices([0, 1, 2], [5, 6, 7], 3)]).toEqual([0, 1, 2]);
    expect([...lttbIndices([0, 1, 2], [5, 6, 7], 10)]).toEqual([0, 1, 2]);
    expect([...lttbIndices([], [], 10)]).toEqual([]);
  });

  it('returns exactly threshold ascending indices with both ends kept', () => {
    const xs = range(10_000);
    const ys = xs.map((x) => Math.sin(x / 100) + ((x * 7919) % 13) / 100);
    const idx = lttbIndices(xs, ys, 500);
    expect(idx.length).toBe(500);
    expect(idx[0]).toBe(0);
    expect(idx[499]).toBe(9999);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
  });

  it('keeps an isolated spike that uniform striding would miss', () => {
    const xs = range(1000);
    const ys = xs.map((x) => (x === 503 ? 100 : 0));
    const idx = [...lttbIndices(xs, ys, 20)];
    expect(idx).toContain(503);
    // every 50th point (uniform stride) would not contain it
    expect(range(20).map((i) => i * 50)).not.toContain(503);
  });

  it('never picks a non-finite value when a finite one is in the bucket', () => {
    const xs = range(100);
    const ys = xs.map((x) => (x % 2 ? NaN : x));
    const idx = lttbIndices(xs, ys, 10);
    for (const i of idx) expect(Number.isFinite(ys[i])).toBe(i === 99 ? false : true);
  });

  it('lttb maps rows', () => {
    const rows = range(100).map((i) => ({ step: i, hv: i * i }));
    const kept = lttb(
      rows,
      10,
      (r) => r.step,
      (r) => r.hv,
    );
    expect(kept).toHaveLength(10);
    expect(kept[0]).toBe(rows[0]);
    expect(kept[9]).toBe(rows[99]);
  });
});
