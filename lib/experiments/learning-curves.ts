/**
 * Learning curves of a reproduction: per task and method, the mean over
 * seeds of test hypervolume, test accuracy and tool calls per question at
 * each evaluated step, as CSV and as one SVG image (a row per task, a column
 * per metric, a line per method). Pure: data in, strings out.
 */

export interface CurvePoint {
  step: number;
  accuracy: number;
  toolCalls: number;
  /** Hypervolume of this single evaluation point (normalized, as in the table). */
  hypervolume: number;
}

export interface CurveRun {
  env: string;
  label: string;
  seed: number;
  points: CurvePoint[];
}

export interface MeanCurve {
  env: string;
  label: string;
  /** Seeds averaged at each step (steps missing in some run average the runs that have them). */
  steps: { step: number; n: number; accuracy: number; toolCalls: number; hypervolume: number }[];
}

export function meanCurves(runs: readonly CurveRun[]): MeanCurve[] {
  const keys: string[] = [];
  const byKey = new Map<string, CurveRun[]>();
  for (const r of runs) {
    const k = `${r.env}\u0000${r.label}`;
    if (!byKey.has(k)) {
      byKey.set(k, []);
      keys.push(k);
    }
    byKey.get(k)!.push(r);
  }
  return keys.map((k) => {
    const rs = byKey.get(k)!;
    const steps = [...new Set(rs.flatMap((r) => r.points.map((p) => p.step)))].sort((a, b) => a - b);
    return {
      env: rs[0].env,
      label: rs[0].label,
      steps: steps.map((step) => {
        const ps = rs.map((r) => r.points.find((p) => p.step === step)).filter((p): p is CurvePoint => !!p);
        const avg = (f: (p: CurvePoint) => number) => ps.reduce((a, p) => a + f(p), 0) / ps.length;
        return { step, n: ps.length, accuracy: avg((p) => p.accuracy), toolCalls: avg((p) => p.toolCalls), hypervolume: avg((p) => p.hypervolume) };
      }),
    };
  });
}

export function curvesCsv(curves: readonly MeanCurve[]): string {
  const out = ['task,method,step,seeds,test_hv,test_accuracy,tool_calls_per_q'];
  for (const c of curves)
    for (const s of c.steps)
      out.push([c.env, JSON.stringify(c.label), s.step, s.n, s.hypervolume.toFixed(5), s.accuracy.toFixed(5), s.toolCalls.toFixed(5)].join(','));
  return out.join('\n') + '\n';
}

const METRICS = [
  { key: 'hypervolume', title: 'test hypervolume ↑' },
  { key: 'accuracy', title: 'test accuracy ↑' },
  { key: 'toolCalls', title: 'tool calls / question ↓' },
] as const;

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];
const DASHES = ['', '6 3', '2 2'];

/** Stroke of the i-th method: the palette's colours, then the same colours dashed, so up to 36 methods stay distinct. */
export function methodStroke(i: number): { color: string; dash: string } {
  return { color: PALETTE[i % PALETTE.length], dash: DASHES[Math.floor(i / PALETTE.length) % DASHES.length] };
}
const dashAttr = (dash: string) => (dash ? ` stroke-dasharray="${dash}"` : '');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One SVG: rows = tasks, columns = metrics, a polyline per method; a legend of methods at the bottom. */
export function curvesSvg(curves: readonly MeanCurve[], title = ''): string {
  const envs = [...new Set(curves.map((c) => c.env))];
  const labels = [...new Set(curves.map((c) => c.label))];
  const W = 300,
    H = 190,
    M = { l: 46, r: 12, t: 28, b: 30 };
  const legendH = 18 * Math.ceil(labels.length / 4) + 10;
  const width = W * METRICS.length;
  const height = 30 + H * envs.length + legendH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="18" font-size="13" font-weight="bold">${esc(title)}</text>`,
  ];
  envs.forEach((env, row) => {
    const cs = curves.filter((c) => c.env === env);
    METRICS.forEach((metric, col) => {
      const x0 = col * W,
        y0 = 30 + row * H;
      const pw = W - M.l - M.r,
        ph = H - M.t - M.b;
      const xs = cs.flatMap((c) => c.steps.map((s) => s.step));
      const ys = cs.flatMap((c) => c.steps.map((s) => s[metric.key]));
      const xmin = Math.min(...xs),
        xmax = Math.max(...xs);
      let ymin = Math.min(...ys),
        ymax = Math.max(...ys);
      if (!(ymax > ymin)) {
        ymin -= 0.05;
        ymax += 0.05;
      }
      const pad = (ymax - ymin) * 0.05;
      ymin -= pad;
      ymax += pad;
      const sx = (x: number) => x0 + M.l + (xmax > xmin ? ((x - xmin) / (xmax - xmin)) * pw : pw / 2);
      const sy = (y: number) => y0 + M.t + ph - ((y - ymin) / (ymax - ymin)) * ph;
      parts.push(`<g class="panel" data-env="${esc(env)}" data-metric="${metric.key}">`);
      parts.push(`<rect x="${x0 + M.l}" y="${y0 + M.t}" width="${pw}" height="${ph}" fill="none" stroke="#ccc"/>`);
      parts.push(`<text x="${x0 + M.l}" y="${y0 + M.t - 8}" font-weight="bold">${esc(env)} · ${esc(metric.title)}</text>`);
      for (const t of [ymin + pad, (ymin + ymax) / 2, ymax - pad])
        parts.push(`<text x="${x0 + M.l - 4}" y="${sy(t) + 4}" text-anchor="end" fill="#555">${t.toFixed(2)}</text>`);
      for (const t of [xmin, xmax]) parts.push(`<text x="${sx(t)}" y="${y0 + M.t + ph + 14}" text-anchor="middle" fill="#555">${t}</text>`);
      parts.push(`<text x="${x0 + M.l + pw / 2}" y="${y0 + M.t + ph + 26}" text-anchor="middle" fill="#555">step</text>`);
      for (const c of cs) {
        const { color, dash } = methodStroke(labels.indexOf(c.label));
        const pts = c.steps.map((s) => `${sx(s.step).toFixed(1)},${sy(s[metric.key]).toFixed(1)}`).join(' ');
        parts.push(`<polyline data-method="${esc(c.label)}" points="${pts}" fill="none" stroke="${color}"${dashAttr(dash)} stroke-width="1.5"/>`);
      }
      parts.push('</g>');
    });
  });
  labels.forEach((label, i) => {
    const x = 10 + (i % 4) * (width / 4),
      y = 30 + H * envs.length + 14 + Math.floor(i / 4) * 18;
    const { color, dash } = methodStroke(i);
    parts.push(
      `<line x1="${x}" y1="${y - 4}" x2="${x + 18}" y2="${y - 4}" stroke="${color}"${dashAttr(dash)} stroke-width="2"/><text x="${x + 22}" y="${y}">${esc(label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
