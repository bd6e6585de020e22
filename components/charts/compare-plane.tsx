'use client';
/**
 * The compare page's objective plane in SVG over comparePlaneModel: one colour
 * per run, each run's front up to the shared step as a staircase path
 * (`path[data-run]`, one per run), points dimmed where the union dominates
 * them; hover shows run, step and values; clicking a point calls `onPick`.
 * `pointsOnly` draws one labelled point per run (the cross-run chart).
 * Above CANVAS_MIN_MARKS points (the model's `canvas`), the points go on a
 * canvas under the SVG; hover and click use the same model either way.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { select } from 'd3';
import {
  comparePlaneLayout,
  comparePlaneModel,
  nearestMark,
  type CompareAxis,
  type CompareMark,
  type ComparePlaneModel,
  type CompareRunSeries,
} from './compare-plane-model';
import { drawAxes } from './draw-axes';
import { useWidth } from './use-width';
import { formatNumber } from '../format';

declare global {
  interface Window {
    /** Set after the compare plane has drawn: marks drawn and performance.now(). */
    __paretoCompareDrawn?: { marks: number; runs: number; t: number };
  }
}

export interface ComparePlaneProps {
  runs: CompareRunSeries[];
  x: CompareAxis;
  y: CompareAxis;
  xLabel: string;
  yLabel: string;
  upToStep?: number;
  height?: number;
  onPick?: (mark: CompareMark, run: CompareRunSeries) => void;
  pointsOnly?: boolean;
  testId?: string;
  empty: string;
}

export function ComparePlane({ runs, x, y, xLabel, yLabel, upToStep, height = 420, onPick, pointsOnly = false, testId, empty }: ComparePlaneProps) {
  const { ref, width, measured } = useWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<CompareMark | null>(null);
  // The model is computed once the container's width is known (never at the fallback width, nor on the server);
  // until then the element tree comes from the layout (empty? canvas?), which the model agrees with.
  // One labelled point per run needs room on the right for the labels.
  const model: ComparePlaneModel | null = useMemo(
    () => (measured ? comparePlaneModel(runs, { width, height, x, y, upToStep, ...(pointsOnly ? { margin: { right: 120 } } : {}) }) : null),
    [runs, width, height, x, y, upToStep, pointsOnly, measured],
  );
  const layout = useMemo(() => model ?? comparePlaneLayout(runs, { x, y, upToStep }), [model, runs, x, y, upToStep]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !model || model.empty) return; // draw once, at the container's width
    const g = drawAxes(select(svg), { ...model, xLabel, yLabel });
    if (!pointsOnly) {
      for (const s of model.staircases) {
        if (s.d)
          g.append('path')
            .attr('d', s.d)
            .attr('fill', 'none')
            .attr('stroke', s.color)
            .attr('stroke-width', 1.8)
            .attr('stroke-opacity', 0.9)
            .attr('data-run', s.key);
      }
    }
    const sorted = [...model.marks].sort((a, b) => Number(b.dominated) - Number(a.dominated));
    const onCanvas = model.canvas && !pointsOnly;
    if (onCanvas) drawMarks(canvasRef.current, model, sorted, runs, width, height);
    else
      g.append('g')
        .selectAll('circle')
        .data(sorted)
        .join('circle')
        .attr('cx', (m) => m.px)
        .attr('cy', (m) => m.py)
        .attr('r', pointsOnly ? 6 : (m) => (m.dominated ? 3 : 4.5))
        .attr('fill', (m) => runs[m.run].color)
        .attr('fill-opacity', (m) => (m.dominated && !pointsOnly ? 0.22 : 0.95))
        .style('stroke', (m) => (m.dominated && !pointsOnly ? 'none' : 'var(--chart-ink, #0f172a)'))
        .attr('stroke-width', 0.8)
        .attr('data-dominated', (m) => (m.dominated ? '1' : '0'))
        .attr('data-point-run', (m) => runs[m.run].key)
        .attr('data-step', (m) => m.step);
    if (pointsOnly) {
      g.append('g')
        .selectAll('text')
        .data(model.marks)
        .join('text')
        .attr('x', (m) => m.px + 8)
        .attr('y', (m) => m.py + 4)
        .attr('font-size', 10.5)
        .style('fill', 'var(--chart-label, #334155)')
        .text((m) => (runs[m.run].label.length > 28 ? `${runs[m.run].label.slice(0, 27)}…` : runs[m.run].label));
    }
    if (!pointsOnly) window.__paretoCompareDrawn = { marks: model.marks.length, runs: runs.length, t: performance.now() };
  }, [model, runs, xLabel, yLabel, pointsOnly, width, height]);

  const nearest = (e: React.MouseEvent) => {
    if (!model) return null;
    const r = svgRef.current!.getBoundingClientRect();
    return nearestMark(model.marks, e.clientX - r.left - model.margin.left, e.clientY - r.top - model.margin.top);
  };
  const hoverRun = hover ? runs[hover.run] : null;
  return (
    <div ref={ref} className="relative w-full" data-testid={testId}>
      {layout.empty ? (
        <div
          className="flex items-center justify-center rounded-md border border-dashed border-slate-200 text-center text-sm text-slate-500"
          style={{ height }}
        >
          {empty}
        </div>
      ) : (
        <>
          {layout.canvas && !pointsOnly && (
            <canvas
              ref={canvasRef}
              data-chart-layer="points"
              className="pointer-events-none absolute left-0 top-0"
              style={{ width, height }}
              aria-hidden="true"
            />
          )}
          <svg
            ref={svgRef}
            className={`relative ${onPick ? 'cursor-crosshair' : ''}`}
            width={width}
            height={height}
            role="img"
            aria-label={`${yLabel} against ${xLabel}`}
            data-points={layout.canvas && !pointsOnly ? 'canvas' : 'svg'}
            onMouseMove={(e) => setHover(nearest(e))}
            onMouseLeave={() => setHover(null)}
            onClick={(e) => {
              const m = nearest(e);
              if (m && onPick) onPick(m, runs[m.run]);
            }}
          />
        </>
      )}
      {hover && hoverRun && model && (
        <div
          className="pointer-events-none absolute z-10 rounded-md border border-slate-200 bg-white/95 px-2 py-1 text-xs shadow"
          style={{ left: Math.min(hover.px + model.margin.left + 10, width - 220), top: Math.max(0, hover.py + model.margin.top - 44) }}
          data-testid="compare-tooltip"
        >
          <div className="flex items-center gap-1.5 font-medium text-slate-800">
            <span className="inline-block h-2 w-2 rounded-full" style={{ background: hoverRun.color }} />
            {hoverRun.label}
          </div>
          {!pointsOnly && <div className="text-slate-600">step {hover.step}</div>}
          <div className="font-mono text-slate-700">
            {x.name} {formatNumber(hover.xv, 4)} · {y.name} {formatNumber(hover.yv, 4)}
          </div>
          {onPick && <div className="text-[10px] text-slate-400">click: open this step&apos;s trajectories</div>}
        </div>
      )}
    </div>
  );
}

/** The points on a canvas (device-pixel sharp), drawn in the same order, sizes and colours as the SVG circles. */
function drawMarks(
  canvas: HTMLCanvasElement | null,
  model: ComparePlaneModel,
  sorted: readonly CompareMark[],
  runs: readonly CompareRunSeries[],
  width: number,
  height: number,
) {
  if (!canvas) return;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, model.margin.left * dpr, model.margin.top * dpr);
  ctx.clearRect(-model.margin.left, -model.margin.top, width, height);
  ctx.lineWidth = 0.8;
  ctx.strokeStyle = '#0f172a';
  // Same state per mark as before, but set only when it changes (marks come run by run: ~40 colour changes, not
  // thousands of colour-string parses).
  let color = '';
  let alpha = -1;
  for (const m of sorted) {
    ctx.beginPath();
    ctx.arc(m.px, m.py, m.dominated ? 3 : 4.5, 0, 2 * Math.PI);
    const a = m.dominated ? 0.22 : 0.95;
    if (a !== alpha) ctx.globalAlpha = alpha = a;
    if (runs[m.run].color !== color) ctx.fillStyle = color = runs[m.run].color;
    ctx.fill();
    if (!m.dominated) {
      ctx.globalAlpha = alpha = 1;
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
}
