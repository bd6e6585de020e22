/** Draws the frame shared by every chart: grid, bottom and left axes, axis labels. */
import { axisBottom, axisLeft, format, type ScaleLinear, type Selection } from 'd3';
import type { Margin } from './line-chart-model';

export interface AxesSpec {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  margin: Margin;
  innerWidth: number;
  innerHeight: number;
  xTicks?: number[];
  yTicks?: number[];
  xLabel: string;
  yLabel: string;
}

const tick = format('~s');
const fine = format('~r');
const fmt = (v: number) => (Math.abs(v) >= 1000 ? tick(v) : fine(Number(v.toPrecision(4))));

export function drawAxes(svg: Selection<SVGSVGElement, unknown, null, undefined>, a: AxesSpec): Selection<SVGGElement, unknown, null, undefined> {
  svg.selectAll('*').remove();
  const g = svg.append('g').attr('transform', `translate(${a.margin.left},${a.margin.top})`);
  const yTicks = a.yTicks ?? a.y.ticks(5);
  g.append('g')
    .attr('class', 'grid')
    .selectAll('line')
    .data(yTicks)
    .join('line')
    .attr('x1', 0)
    .attr('x2', a.innerWidth)
    .attr('y1', (d) => a.y(d))
    .attr('y2', (d) => a.y(d))
    .style('stroke', 'var(--chart-grid, #e2e8f0)');
  const xAxis = axisBottom(a.x)
    .tickFormat((d) => fmt(d as number))
    .tickSizeOuter(0);
  if (a.xTicks) xAxis.tickValues(a.xTicks);
  else xAxis.ticks(Math.max(2, Math.floor(a.innerWidth / 80)));
  g.append('g').attr('transform', `translate(0,${a.innerHeight})`).call(xAxis).call(style);
  g.append('g')
    .call(
      axisLeft(a.y)
        .tickValues(yTicks)
        .tickFormat((d) => fmt(d as number))
        .tickSizeOuter(0),
    )
    .call(style);
  svg
    .append('text')
    .attr('x', a.margin.left + a.innerWidth / 2)
    .attr('y', a.margin.top + a.innerHeight + 34)
    .attr('text-anchor', 'middle')
    .attr('class', 'fill-slate-600 text-[11px]')
    .text(a.xLabel);
  svg
    .append('text')
    .attr('transform', `translate(13,${a.margin.top + a.innerHeight / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('class', 'fill-slate-600 text-[11px]')
    .text(a.yLabel);
  return g;
}

function style(g: Selection<SVGGElement, unknown, null, undefined>) {
  // Colours from app/globals.css (light fallbacks), so the dark theme reaches the charts.
  g.selectAll('.domain').style('stroke', 'var(--chart-axis, #94a3b8)');
  g.selectAll('.tick line').style('stroke', 'var(--chart-axis, #94a3b8)');
  g.selectAll('.tick text').style('fill', 'var(--chart-tick, #475569)').attr('font-size', 10);
}
