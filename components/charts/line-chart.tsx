'use client';
/**
 * A D3 line chart in SVG over the pure lineChartModel: axes with labels, one
 * path per series, an optional vertical rule (the stage switch), a legend when
 * there is more than one series, and the downsampling note.
 */
import { useEffect, useMemo, useRef } from 'react';
import { select } from 'd3';
import { hasFinitePoint, lineChartModel, type LineChartOptions, type LineChartModel, type LineSeries } from './line-chart-model';
import { useWidth } from './use-width';
import { drawAxes } from './draw-axes';

export interface LineChartProps {
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  height?: number;
  options?: Omit<LineChartOptions, 'width' | 'height'>;
  /** A vertical rule at this x, labelled. */
  rule?: { x: number; label: string } | null;
  empty: string;
  /** Called after every draw with the model drawn (bench hook, tests). */
  onDrawn?: (model: LineChartModel) => void;
  testId?: string;
  /** Show dots on the last point of each series. */
  markLast?: boolean;
}

export function LineChart({ series, xLabel, yLabel, height = 220, options, rule, empty, onDrawn, testId, markLast = true }: LineChartProps) {
  const { ref, width, measured } = useWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  // Computed once the container's width is known (not at the fallback width, nor on the server); until then the
  // element tree only needs to know whether there is anything to draw.
  const model = useMemo(() => (measured ? lineChartModel(series, { width, height, ...options }) : null), [series, width, height, options, measured]);
  const nothing = useMemo(() => (model ? model.empty : !hasFinitePoint(series)), [model, series]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !model) return; // draw once, at the container's width
    const s = select(svg);
    s.selectAll('*').remove();
    if (model.empty) return;
    {
      const g = drawAxes(s, { ...model, xLabel, yLabel });
      if (rule && rule.x >= model.x.domain()[0] && rule.x <= model.x.domain()[1]) {
        const rx = model.x(rule.x);
        g.append('line')
          .attr('x1', rx)
          .attr('x2', rx)
          .attr('y1', 0)
          .attr('y2', model.innerHeight)
          .attr('stroke', '#f59e0b')
          .attr('stroke-width', 1.5)
          .attr('stroke-dasharray', '4 3');
        const right = rule.label.length * 6 > model.innerWidth - rx - 6; // label would be clipped on the right: put it left of the rule
        g.append('text')
          .attr('x', rx + (right ? -5 : 5))
          .attr('y', 11)
          .attr('text-anchor', right ? 'end' : 'start')
          .attr('font-size', 10.5)
          .attr('font-weight', 600)
          .style('fill', 'var(--chart-ref, #b45309)')
          .attr('data-testid', 'stage-switch')
          .text(rule.label);
      }
      for (const l of model.lines) {
        g.append('path')
          .attr('d', l.d)
          .attr('fill', 'none')
          .attr('stroke', l.color)
          .attr('stroke-width', 1.8)
          .attr('stroke-linejoin', 'round')
          .attr('data-series', l.key);
        if (markLast && l.last) {
          g.append('circle').attr('cx', model.x(l.last.x)).attr('cy', model.y(l.last.y)).attr('r', 3).attr('fill', l.color).attr('data-last-x', l.last.x);
        }
      }
      onDrawn?.(model);
    }
  }, [model, xLabel, yLabel, rule, onDrawn, markLast]);

  return (
    <div ref={ref} className="relative w-full" data-testid={testId}>
      {nothing ? (
        <div
          className="flex items-center justify-center rounded-md border border-dashed border-slate-200 text-center text-sm text-slate-500"
          style={{ height }}
        >
          {empty}
        </div>
      ) : (
        <svg ref={svgRef} width={width} height={height} role="img" aria-label={`${yLabel} against ${xLabel}`} />
      )}
      {!nothing && series.length > 1 && (
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 pl-14 text-xs text-slate-600">
          {series.map((s) => (
            <span key={s.key} className="inline-flex items-center gap-1.5">
              <span className="inline-block h-0.5 w-4 rounded" style={{ background: s.color }} />
              {s.label}
            </span>
          ))}
        </div>
      )}
      {model?.downsampled && (
        <p className="absolute right-2 top-0 rounded bg-white/80 px-1 text-[10px] text-slate-500" data-testid="downsampled-note">
          downsampled to {model.downsampled.shown.toLocaleString('en-US')} of {model.downsampled.total.toLocaleString('en-US')} points (LTTB)
        </p>
      )}
    </div>
  );
}
