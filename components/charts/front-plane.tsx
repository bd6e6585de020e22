'use client';
/**
 * The objective plane: the run's trajectory cloud on a canvas (train rollouts,
 * low alpha, jittered so discrete values show their density), evaluation
 * points coloured by step (SVG circles for small sets, a second canvas above
 * CANVAS_THRESHOLD; the model decides), points off the run's front over ALL
 * its objectives dimmed, the projection's own 2-D front as a staircase
 * (labelled as such beyond two objectives); hover shows values (exact
 * nearest-mark lookup, plane-hit-test.ts). The plane is focusable: arrow keys
 * walk the front points with the same tooltip. A slider with play/pause
 * replays how the front moved.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { select } from 'd3';
import { directionsOf } from '@/lib/pareto';
import type { ObjectiveDef } from '@/lib/contract/run-log';
import type { EvalPoint } from '@/lib/client/wire';
import type { TrajectoryCloud } from '@/lib/client/use-trajectory-points';
import { formatNumber } from '../format';
import { defaultPlaneAxes, frontPlaneModel, objectiveLabel, stepColor, type FrontPlaneModel, type PlaneMark } from './front-plane-model';
import { drawAxes } from './draw-axes';
import { buildHitGrid, nearestMark } from './plane-hit-test';
import { useWidth } from './use-width';
import { chartVar, useTheme } from '../theme/use-theme';

declare global {
  interface Window {
    /** Set when the trajectory cloud has been drawn: points drawn and performance.now(). */
    __paretoCloudDrawn?: { points: number; complete: boolean; t: number };
    /** Set when the evaluation points have been drawn: marks, how, the plotted axes and performance.now(). */
    __paretoPlaneDrawn?: { marks: number; render: 'svg' | 'canvas'; axes: string; t: number };
  }
}

const HEIGHT = 400;

/** Eval points with split `reference-<name>` are reference points (base policy, oracle), not run points. */
const REFERENCE_PREFIX = 'reference-';
const REFERENCE_LABELS: Record<string, string> = { base: 'base policy', oracle: 'oracle routing' };

function cloudExtent(cloud: TrajectoryCloud, k: number): [number, number] | null {
  if (cloud.count === 0 || k >= cloud.dim) return null;
  let lo = Infinity;
  let hi = -Infinity;
  const { values, dim } = cloud;
  for (let i = 0; i < cloud.count; i++) {
    const v = values[i * dim + k];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Draws the evaluation marks on a canvas: one path per colour, dominated (faded) first, the run's front on top. */
function drawMarksOnCanvas(ctx: CanvasRenderingContext2D, model: FrontPlaneModel, ink: string) {
  const { margin, marks, color } = model;
  const groups = new Map<string, { dominated: PlaneMark[]; front: PlaneMark[] }>();
  for (const m of marks) {
    const c = color(m.step);
    let g = groups.get(c);
    if (!g) groups.set(c, (g = { dominated: [], front: [] }));
    (m.dominated ? g.dominated : g.front).push(m);
  }
  ctx.save();
  ctx.translate(margin.left, margin.top);
  ctx.globalAlpha = 0.3;
  for (const [c, g] of groups) {
    ctx.fillStyle = c;
    ctx.beginPath();
    for (const m of g.dominated) {
      ctx.moveTo(m.px + 3, m.py);
      ctx.arc(m.px, m.py, 3, 0, 2 * Math.PI);
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = ink;
  ctx.lineWidth = 1.2;
  for (const [c, g] of groups) {
    if (!g.front.length) continue;
    ctx.fillStyle = c;
    ctx.beginPath();
    for (const m of g.front) {
      ctx.moveTo(m.px + 5, m.py);
      ctx.arc(m.px, m.py, 5, 0, 2 * Math.PI);
    }
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}

export function FrontPlane({ objectives, evalPoints: allPoints, cloud }: { objectives: ObjectiveDef[]; evalPoints: EvalPoint[]; cloud: TrajectoryCloud }) {
  const evalPoints = useMemo(() => allPoints.filter((p) => !p.split?.startsWith(REFERENCE_PREFIX)), [allPoints]);
  const references = useMemo(
    () =>
      allPoints
        .filter((p) => p.split?.startsWith(REFERENCE_PREFIX))
        .map((p) => {
          const name = p.split.slice(REFERENCE_PREFIX.length);
          return { label: REFERENCE_LABELS[name] ?? name, objectives: p.objectives };
        }),
    [allPoints],
  );
  const { ref, width } = useWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const marksCanvasRef = useRef<HTMLCanvasElement>(null);
  const theme = useTheme();
  const [axes, setAxes] = useState(() => defaultPlaneAxes(objectives));
  const steps = useMemo(() => [...new Set(evalPoints.map((p) => p.step))].sort((a, b) => a - b), [evalPoints]);
  const [replayIndex, setReplayIndex] = useState<number | null>(null); // null: follow the latest step
  const [playing, setPlaying] = useState(false);
  const [hover, setHover] = useState<PlaneMark | null>(null);

  const index = replayIndex === null ? steps.length - 1 : Math.min(replayIndex, steps.length - 1);
  const upToStep = steps.length ? steps[index] : undefined;
  const xExtent = useMemo(() => cloudExtent(cloud, axes.x.index), [cloud, axes.x.index]);
  const yExtent = useMemo(() => cloudExtent(cloud, axes.y.index), [cloud, axes.y.index]);
  const maximize = useMemo(() => directionsOf(objectives).maximize, [objectives]);
  const model = useMemo(
    () => frontPlaneModel(evalPoints, { width, height: HEIGHT, x: axes.x, y: axes.y, upToStep, xExtent, yExtent, references, maximize }),
    [evalPoints, width, axes, upToStep, xExtent, yExtent, references, maximize],
  );
  const hitGrid = useMemo(() => buildHitGrid(model.marks), [model.marks]);
  // Keyboard walk over the run's front, left to right.
  const keyFront = useMemo(() => [...model.front].sort((a, b) => a.px - b.px || a.py - b.py), [model.front]);
  const [keyIndex, setKeyIndex] = useState<number | null>(null);
  const nd = model.dimensions > 2;
  const noData = model.empty && cloud.count === 0;
  const xLabel = objectiveLabel(objectives[axes.x.index]);
  const yLabel = objectiveLabel(objectives[axes.y.index]);

  // Replay: advance one evaluated step every 400 ms; stop at the end.
  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => {
      setReplayIndex((i) => {
        const next = (i ?? -1) + 1;
        if (next >= steps.length - 1) {
          setPlaying(false);
          return null;
        }
        return next;
      });
    }, 400);
    return () => clearInterval(t);
  }, [playing, steps.length]);

  // SVG: axes, staircase, points (few) and references; many points go on the marks canvas below.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || noData) return;
    const g = drawAxes(select(svg), { ...model, xLabel, yLabel });
    if (model.staircase) {
      g.append('path')
        .attr('d', model.staircase)
        .attr('fill', 'none')
        .style('stroke', 'var(--chart-ink, #1e293b)')
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', nd ? '6 3' : null)
        .attr('data-testid', 'front-staircase');
    }
    if (model.render === 'svg') {
      const sorted = [...model.marks].sort((a, b) => Number(b.dominated) - Number(a.dominated)); // front on top
      g.append('g')
        .attr('data-testid', 'plane-marks')
        .selectAll('circle')
        .data(sorted)
        .join('circle')
        .attr('cx', (m) => m.px)
        .attr('cy', (m) => m.py)
        .attr('r', (m) => (m.dominated ? 4 : 5.5))
        .attr('fill', (m) => model.color(m.step))
        .attr('fill-opacity', (m) => (m.dominated ? 0.3 : 1))
        .style('stroke', (m) => (m.dominated ? 'none' : 'var(--chart-ink, #0f172a)'))
        .attr('stroke-width', 1.2)
        .attr('data-dominated', (m) => String(m.dominated));
    }
    // Reference points: hollow diamonds with a label.
    const refs = g
      .append('g')
      .attr('data-testid', 'plane-references')
      .selectAll('g')
      .data(model.references)
      .join('g')
      .attr('transform', (r) => `translate(${r.px},${r.py})`);
    refs
      .append('path')
      .attr('d', 'M0,-7L7,0L0,7L-7,0Z')
      .style('fill', 'var(--chart-paper, #fff)')
      .style('stroke', 'var(--chart-ref, #b45309)')
      .attr('stroke-width', 2);
    const nearRight = (r: { px: number }) => r.px > model.innerWidth - 110; // keep the label inside the plot
    refs
      .append('text')
      .attr('x', (r) => (nearRight(r) ? -10 : 10))
      .attr('y', 4)
      .attr('text-anchor', (r) => (nearRight(r) ? 'end' : 'start'))
      .attr('font-size', 11)
      .style('fill', 'var(--chart-ref-text, #92400e)')
      .text((r) => r.label);
    if (model.render === 'svg')
      window.__paretoPlaneDrawn = { marks: model.marks.length, render: 'svg', axes: `${axes.x.index},${axes.y.index}`, t: performance.now() };
  }, [model, noData, xLabel, yLabel, nd, axes]);

  // Canvas: the evaluation marks when there are many.
  useEffect(() => {
    const canvas = marksCanvasRef.current;
    if (!canvas || model.render !== 'canvas') return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(HEIGHT * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    drawMarksOnCanvas(ctx, model, chartVar(canvas, '--chart-ink', '#0f172a'));
    window.__paretoPlaneDrawn = { marks: model.marks.length, render: 'canvas', axes: `${axes.x.index},${axes.y.index}`, t: performance.now() };
  }, [model, width, theme, axes]);

  // Canvas: the trajectory cloud. Independent of the replay, so moving the slider never redraws 100k points.
  const { margin } = model;
  const modelRef = useRef(model);
  modelRef.current = model;
  const frameKey = [...model.x.domain(), ...model.y.domain(), model.innerWidth, model.innerHeight].join(',');
  useEffect(() => {
    const { x: sx, y: sy, margin, innerWidth, innerHeight } = modelRef.current;
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(HEIGHT * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    const { values, dim, count } = cloud;
    const xi = axes.x.index;
    const yi = axes.y.index;
    if (count > 0 && xi < dim && yi < dim) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(margin.left, margin.top, innerWidth, innerHeight);
      ctx.clip();
      // Fainter as the cloud grows, so density (not count) is what reads.
      const rgb = chartVar(canvas, '--chart-cloud', '100, 116, 139');
      ctx.fillStyle = `rgba(${rgb},${count > 20_000 ? 0.06 : count > 2000 ? 0.15 : 0.35})`;
      const size = count > 2000 ? 2 : 3;
      const [dx0, dx1] = sx.domain();
      const [dy0, dy1] = sy.domain();
      const ax = innerWidth / (dx1 - dx0);
      const ay = innerHeight / (dy1 - dy0);
      const ox = margin.left - dx0 * ax;
      const oy = margin.top + innerHeight + dy0 * ay;
      for (let i = 0; i < count; i++) {
        // Deterministic jitter (±5 px): rollout objectives are often discrete.
        const h = Math.imul(i + 1, 2654435761) >>> 0;
        const jx = ((h & 0xffff) / 0xffff - 0.5) * 10;
        const jy = ((h >>> 16) / 0xffff - 0.5) * 10;
        ctx.fillRect(ox + values[i * dim + xi] * ax + jx - 1, oy - values[i * dim + yi] * ay + jy - 1, size, size);
      }
      ctx.restore();
    }
    window.__paretoCloudDrawn = { points: count, complete: cloud.complete, t: performance.now() };
  }, [cloud, width, axes, frameKey, theme]);

  const onMove = (e: React.MouseEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const k = nearestMark(hitGrid, e.clientX - r.left - margin.left, e.clientY - r.top - margin.top, 12);
    setKeyIndex(null);
    setHover(k < 0 ? null : model.marks[k]);
  };
  const onKey = (e: React.KeyboardEvent<SVGSVGElement>) => {
    if (!keyFront.length) return;
    const last = keyFront.length - 1;
    let next: number | null = keyIndex;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = keyIndex === null ? 0 : Math.min(last, keyIndex + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = keyIndex === null ? last : Math.max(0, keyIndex - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    else if (e.key === 'Escape') next = null;
    else return;
    e.preventDefault();
    setKeyIndex(next);
    setHover(next === null ? null : keyFront[next]);
  };
  const hoverPoint = hover ? evalPoints[hover.i] : null;

  const chooser = (which: 'x' | 'y') =>
    objectives.length > 2 && (
      <label className="inline-flex items-center gap-1">
        {which === 'x' ? 'x' : 'y'}
        <select
          className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
          value={axes[which].index}
          onChange={(e) => {
            const i = Number(e.target.value);
            setAxes((a) => ({ ...a, [which]: { index: i, maximize: maximize[i] } }));
          }}
          data-testid={`plane-${which}`}
        >
          {objectives.map((o, i) => (
            <option key={o.name} value={i} disabled={i === axes[which === 'x' ? 'y' : 'x'].index}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
    );

  return (
    <div
      data-testid="front-plane"
      data-front-size={model.front.length}
      data-projection-front-size={model.projectionFront.length}
      data-render={model.render}
      data-up-to-step={upToStep ?? ''}
    >
      <div className="mb-2 flex flex-wrap items-center gap-3 text-xs text-slate-600">
        {chooser('x')}
        {chooser('y')}
        <StepLegend domain={model.stepDomain} show={!model.empty} />
        <span className="inline-flex items-center gap-1.5" data-testid="legend-staircase">
          <svg width="22" height="10" aria-hidden="true">
            <path d="M1 9 V5 H11 V1 H21" fill="none" style={{ stroke: 'var(--chart-ink, #1e293b)' }} strokeWidth="2" strokeDasharray={nd ? '6 3' : undefined} />
          </svg>
          {nd ? 'front of these two objectives only' : 'front'}
        </span>
        <span className="inline-flex items-center gap-1.5" data-testid="legend-front">
          <span className="inline-block h-2.5 w-2.5 rounded-full border border-slate-900 bg-slate-400" />{' '}
          {nd ? `on the run's front (all ${model.dimensions} objectives)` : 'on the front'}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-2.5 w-2.5 rounded-full bg-slate-400 opacity-40" /> dominated{nd ? ' (over all objectives)' : ''}
        </span>
        {cloud.count > 0 && (
          <span className="inline-flex items-center gap-1.5" data-testid="cloud-count">
            <span className="inline-block h-2.5 w-2.5 bg-slate-300" /> {cloud.count.toLocaleString('en-US')} train rollouts (jittered)
          </span>
        )}
      </div>
      <div ref={ref} className="relative w-full" style={{ height: HEIGHT }}>
        {noData ? (
          <div className="flex h-full items-center justify-center rounded-md border border-dashed border-slate-200 text-sm text-slate-500">
            No evaluation points or rollouts yet: they appear here as the run logs them.
          </div>
        ) : (
          <>
            <canvas ref={canvasRef} className="absolute inset-0" style={{ width, height: HEIGHT }} data-testid="cloud-canvas" />
            {model.render === 'canvas' && (
              <canvas ref={marksCanvasRef} className="absolute inset-0" style={{ width, height: HEIGHT }} data-testid="marks-canvas" />
            )}
            <svg
              ref={svgRef}
              className="absolute inset-0 rounded focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
              width={width}
              height={HEIGHT}
              onMouseMove={onMove}
              onMouseLeave={() => setHover(null)}
              onKeyDown={onKey}
              onBlur={() => {
                setKeyIndex(null);
                setHover(null);
              }}
              tabIndex={0}
              role="img"
              aria-label={`${yLabel} against ${xLabel}. ${model.front.length} points on the run's front; use the arrow keys to read them.`}
              data-testid="plane-svg"
            />
            {keyIndex !== null && hover && (
              <svg className="pointer-events-none absolute inset-0" width={width} height={HEIGHT} aria-hidden="true">
                <circle
                  cx={hover.px + margin.left}
                  cy={hover.py + margin.top}
                  r={9}
                  fill="none"
                  strokeWidth={2}
                  style={{ stroke: 'var(--chart-ink, #0f172a)' }}
                />
              </svg>
            )}
            {hover && (
              <div
                className="pointer-events-none absolute z-10 rounded-md border border-slate-200 bg-white px-2 py-1 text-xs shadow"
                style={{ left: Math.min(hover.px + margin.left + 10, width - 190), top: Math.max(0, hover.py + margin.top - 44) }}
                data-testid="plane-tooltip"
                role="status"
                aria-live="polite"
              >
                <div className="font-medium text-slate-800">
                  step {hover.step}
                  {hover.dominated ? ' · dominated' : nd ? " · on the run's front" : ' · on the front'}
                  {nd && !hover.dominated && hover.projectionDominated ? ' (dominated in this projection only)' : ''}
                </div>
                <div className="text-slate-600">
                  {(nd && hoverPoint
                    ? objectives.map((o, k) => [o.name, hoverPoint.objectives[k]] as const)
                    : [[objectives[axes.x.index].name, hover.xv] as const, [objectives[axes.y.index].name, hover.yv] as const]
                  )
                    .map(([n, v]) => `${n}: ${formatNumber(v)}`)
                    .join(' · ')}
                </div>
              </div>
            )}
          </>
        )}
      </div>
      {steps.length > 1 && (
        <div className="mt-2 flex items-center gap-3 text-xs text-slate-600">
          <button
            type="button"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 font-medium text-slate-700 hover:bg-slate-50"
            onClick={() => {
              if (!playing && (replayIndex === null || replayIndex >= steps.length - 1)) setReplayIndex(0);
              setPlaying((p) => !p);
            }}
            data-testid="play-button"
            aria-label={playing ? 'Pause the replay' : 'Replay how the front moved'}
          >
            {playing ? '❚❚ pause' : '▶ replay'}
          </button>
          <input
            type="range"
            min={0}
            max={steps.length - 1}
            value={index}
            onChange={(e) => {
              setPlaying(false);
              const i = Number(e.target.value);
              setReplayIndex(i >= steps.length - 1 ? null : i);
            }}
            className="flex-1 accent-indigo-600"
            aria-label="Show evaluation points up to step"
            data-testid="replay-slider"
          />
          <span className="w-40 text-right tabular-nums" data-testid="replay-label">
            up to step {upToStep} · front {model.front.length} pt{model.front.length === 1 ? '' : 's'}
          </span>
        </div>
      )}
    </div>
  );
}

function StepLegend({ domain, show }: { domain: [number, number]; show: boolean }) {
  if (!show) return null;
  const stops = Array.from({ length: 9 }, (_, i) => `${stepColor(i / 8)} ${(i / 8) * 100}%`).join(', ');
  return (
    <span className="inline-flex items-center gap-1.5" data-testid="step-legend">
      eval step
      <span className="tabular-nums">{domain[0]}</span>
      <span className="inline-block h-2.5 w-20 rounded-sm" style={{ background: `linear-gradient(to right, ${stops})` }} />
      <span className="tabular-nums">{domain[1]}</span>
    </span>
  );
}
