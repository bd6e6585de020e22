'use client';
/**
 * Parallel coordinates over parallelCoordsModel: one vertical axis per
 * column, one polyline per row, and a d3 brush on every axis (drag along an
 * axis to keep the rows inside; click the axis outside the brush to clear
 * it). Rows outside the brushes fade; `onSelect` gets which rows pass, so a
 * table beside the chart can show only those (the table is also the
 * keyboard-reachable way to read every value).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { brushY, select, type D3BrushEvent } from 'd3';
import { brushedRows, parallelCoordsModel, type PcAxis, type PcBrushes } from './parallel-coords-model';
import { useWidth } from './use-width';

export interface ParallelCoordsProps {
  axes: readonly PcAxis[];
  rows: number;
  /** Colour of each row's line. */
  colors?: readonly string[];
  height?: number;
  onSelect?: (selected: boolean[], brushes: PcBrushes) => void;
  testId?: string;
  ariaLabel: string;
}

export function ParallelCoords({ axes, rows, colors, height = 300, onSelect, testId, ariaLabel }: ParallelCoordsProps) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const [brushes, setBrushes] = useState<PcBrushes>({});
  const [generation, setGeneration] = useState(0); // bumped to redraw the brushes empty
  const model = useMemo(() => parallelCoordsModel(axes, rows, { width, height }), [axes, rows, width, height]);
  const selected = useMemo(() => brushedRows(axes, rows, brushes), [axes, rows, brushes]);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  useEffect(() => onSelectRef.current?.(selected, brushes), [selected, brushes]);
  // Brushes are in data units, so they survive new rows (a live run); a redraw puts them back.
  const brushesRef = useRef(brushes);
  brushesRef.current = brushes;

  // Axes, lines and brushes; lines restyle below without touching the brushes.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const s = select(svg);
    s.selectAll('*').remove();
    if (model.empty) return;
    const g = s.append('g').attr('transform', `translate(${model.margin.left},${model.margin.top})`);
    g.append('g')
      .attr('class', 'pc-lines')
      .attr('fill', 'none')
      .selectAll('path')
      .data(model.lines)
      .join('path')
      .attr('d', (d) => d)
      .attr('stroke', (_, r) => colors?.[r] ?? '#4f46e5')
      .attr('stroke-width', 1.4)
      .attr('data-row', (_, r) => r);
    for (const a of model.axes) {
      const ag = g.append('g').attr('transform', `translate(${a.x},0)`).attr('data-axis', a.key).attr('data-testid', 'pc-axis');
      ag.append('line').attr('y1', 0).attr('y2', model.innerHeight).style('stroke', 'var(--chart-axis, #94a3b8)');
      ag.selectAll('g.tick')
        .data(a.ticks)
        .join('g')
        .attr('class', 'tick')
        .attr('transform', (t) => `translate(0,${t.py})`)
        .call((t) => t.append('line').attr('x2', -4).style('stroke', 'var(--chart-axis, #94a3b8)'))
        .call((t) =>
          t
            .append('text')
            .attr('x', -6)
            .attr('dy', '0.32em')
            .attr('text-anchor', 'end')
            .attr('font-size', 9.5)
            .style('fill', 'var(--chart-tick, #475569)')
            .style('paint-order', 'stroke')
            .style('stroke', 'var(--chart-paper, #fff)')
            .style('stroke-width', 3)
            .text((d) => d.text),
        );
      ag.append('text')
        .attr('y', -12)
        .attr('text-anchor', a.x < 30 ? 'start' : a.x > model.innerWidth - 30 ? 'end' : 'middle')
        .attr('font-size', 11)
        .attr('font-weight', 600)
        .style('fill', 'var(--chart-label, #334155)')
        .text(a.label);
      const brush = brushY<unknown>()
        .extent([
          [-11, 0],
          [11, model.innerHeight],
        ])
        .on('end', (ev: D3BrushEvent<unknown>) => {
          if (!ev.sourceEvent) return; // programmatic moves
          const sel = ev.selection as [number, number] | null;
          const range = sel ? ([a.y.invert(sel[1]), a.y.invert(sel[0])] as const) : null;
          setBrushes((b) => ({ ...b, [a.key]: range ? [Math.min(range[0], range[1]), Math.max(range[0], range[1])] : null }));
        });
      const bg = ag.append('g').attr('class', 'pc-brush').attr('data-testid', `pc-brush-${a.key}`).call(brush);
      const kept = brushesRef.current[a.key];
      if (kept) {
        const p0 = Math.max(0, Math.min(model.innerHeight, a.y(kept[0])));
        const p1 = Math.max(0, Math.min(model.innerHeight, a.y(kept[1])));
        brush.move(bg, [Math.min(p0, p1), Math.max(p0, p1)]);
      }
    }
  }, [model, colors, generation]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    select(svg)
      .selectAll<SVGPathElement, string>('g.pc-lines path')
      .attr('stroke-opacity', (_, r) => (selected[r] ? 0.85 : 0.08))
      .attr('data-selected', (_, r) => String(selected[r]));
  }, [selected, model, colors, generation]);

  const active = Object.values(brushes).filter(Boolean).length;
  return (
    <div ref={ref} className="relative w-full" data-testid={testId} data-selected={selected.filter(Boolean).length} data-brushes={active}>
      <svg ref={svgRef} width={width} height={height} role="img" aria-label={ariaLabel} />
      {active > 0 && (
        <button
          type="button"
          className="absolute bottom-0 right-0 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-[11px] text-slate-600 hover:bg-slate-50"
          onClick={() => {
            setBrushes({});
            setGeneration((n) => n + 1);
          }}
          data-testid="pc-clear"
        >
          clear brushes
        </button>
      )}
    </div>
  );
}
