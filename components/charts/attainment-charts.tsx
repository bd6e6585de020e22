'use client';
/**
 * SVG charts over attainment-model: the bands chart (per method a 25–75%
 * band `path[data-band]` and a median staircase `path[data-median]`) and the
 * attainment-difference heat map of two methods.
 */
import { useEffect, useMemo, useRef } from 'react';
import { select } from 'd3';
import { attainmentBandsModel, attainmentDifferenceModel, type MethodSeeds } from './attainment-model';
import { drawAxes } from './draw-axes';
import { useWidth } from './use-width';

const HEIGHT = 380;

export function AttainmentBandsChart({
  methods,
  maximize,
  xLabel,
  yLabel,
  testId,
}: {
  methods: MethodSeeds[];
  maximize: [boolean, boolean];
  xLabel: string;
  yLabel: string;
  testId?: string;
}) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const model = useMemo(() => attainmentBandsModel(methods, { width, height: HEIGHT, maximize }), [methods, width, maximize]);
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || model.empty) return;
    const g = drawAxes(select(svg), { ...model, xLabel, yLabel });
    for (const b of model.bands) {
      if (b.band)
        g.append('path')
          .attr('d', b.band)
          .attr('fill', b.color)
          .attr('fill-opacity', 0.16)
          .attr('stroke', b.color)
          .attr('stroke-opacity', 0.35)
          .attr('stroke-width', 0.8)
          .attr('data-band', b.key);
    }
    for (const b of model.bands) {
      if (b.median) g.append('path').attr('d', b.median).attr('fill', 'none').attr('stroke', b.color).attr('stroke-width', 2.2).attr('data-median', b.key);
    }
  }, [model, xLabel, yLabel]);
  return (
    <div ref={ref} className="w-full" data-testid={testId}>
      {model.empty ? (
        <div className="flex items-center justify-center rounded-md border border-dashed border-slate-200 text-sm text-slate-500" style={{ height: HEIGHT }}>
          No evaluation points in this task yet.
        </div>
      ) : (
        <svg ref={svgRef} width={width} height={HEIGHT} role="img" aria-label={`median attainment surfaces: ${yLabel} against ${xLabel}`} />
      )}
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 pl-14 text-xs text-slate-600">
        {model.bands.map((b) => (
          <span key={b.key} className="inline-flex items-center gap-1.5">
            <span className="inline-block h-3 w-4 rounded-sm" style={{ background: b.color, opacity: 0.5 }} />
            {b.label}{' '}
            <span className="text-slate-400">
              ({b.seeds} seed{b.seeds === 1 ? '' : 's'})
            </span>
          </span>
        ))}
      </div>
    </div>
  );
}

export function AttainmentDifferenceChart({
  a,
  b,
  maximize,
  xLabel,
  yLabel,
  testId,
}: {
  a: MethodSeeds;
  b: MethodSeeds;
  maximize: [boolean, boolean];
  xLabel: string;
  yLabel: string;
  testId?: string;
}) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const model = useMemo(() => attainmentDifferenceModel(a, b, { width, height: HEIGHT, maximize }), [a, b, width, maximize]);
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || model.empty) return;
    const g = drawAxes(select(svg), { ...model, xLabel, yLabel });
    g.append('g')
      .selectAll('rect')
      .data(model.cells)
      .join('rect')
      .attr('x', (c) => Math.min(model.x(c.x0), model.x(c.x1)))
      .attr('y', (c) => Math.min(model.y(c.y0), model.y(c.y1)))
      .attr('width', (c) => Math.abs(model.x(c.x1) - model.x(c.x0)))
      .attr('height', (c) => Math.abs(model.y(c.y1) - model.y(c.y0)))
      .attr('shape-rendering', 'crispEdges')
      .attr('fill', (c) => (c.diff > 0 ? a.color : b.color))
      .attr('fill-opacity', (c) => 0.15 + 0.75 * Math.abs(c.diff))
      .attr('data-diff', (c) => c.diff.toFixed(3));
  }, [model, a.color, b.color, xLabel, yLabel]);
  return (
    <div ref={ref} className="w-full" data-testid={testId}>
      {model.empty ? (
        <div className="flex items-center justify-center rounded-md border border-dashed border-slate-200 text-sm text-slate-500" style={{ height: HEIGHT }}>
          Neither method has evaluation points.
        </div>
      ) : (
        <svg ref={svgRef} width={width} height={HEIGHT} role="img" aria-label={`attainment difference of ${a.label} and ${b.label}`} />
      )}
      <p className="mt-1 pl-14 text-xs text-slate-600">
        <span className="mr-1 inline-block h-3 w-4 rounded-sm align-middle" style={{ background: a.color }} /> {a.label} attains this region more often ·{' '}
        <span className="mr-1 inline-block h-3 w-4 rounded-sm align-middle" style={{ background: b.color }} /> {b.label} does · stronger colour = larger
        difference in the fraction of seeds; blank = equal.
      </p>
    </div>
  );
}
