'use client';
/**
 * Download buttons for a chart or table: SVG (the chart's own <svg>, with
 * computed text styles inlined and the legend drawn in), PNG (that SVG
 * rasterized at 2×) and CSV (the points behind it). The chart is found as
 * the first <svg> inside `target`; a chart that draws many points on a
 * <canvas data-chart-layer> under its SVG gets that layer embedded as an image.
 */
import type { RefObject } from 'react';

export interface LegendEntry {
  label: string;
  color: string;
}

export function standaloneSvg(svg: SVGSVGElement, legend: readonly LegendEntry[] = []): { markup: string; width: number; height: number } {
  const width = Number(svg.getAttribute('width')) || svg.clientWidth;
  const baseHeight = Number(svg.getAttribute('height')) || svg.clientHeight;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  // Text styled through CSS classes keeps its look outside the page.
  const live = svg.querySelectorAll('text');
  clone.querySelectorAll('text').forEach((t, i) => {
    const cs = getComputedStyle(live[i]);
    t.setAttribute('fill', t.getAttribute('fill') ?? cs.fill);
    t.setAttribute('font-size', t.getAttribute('font-size') ?? cs.fontSize);
    t.setAttribute('font-family', cs.fontFamily || 'sans-serif');
  });
  const rows = legend.length ? Math.ceil(legend.length / 3) : 0;
  const height = baseHeight + rows * 16 + (rows ? 8 : 0);
  const ns = 'http://www.w3.org/2000/svg';
  clone.setAttribute('xmlns', ns);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('fill', '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  const layer = svg.parentElement?.querySelector<HTMLCanvasElement>('canvas[data-chart-layer]');
  if (layer) {
    const img = document.createElementNS(ns, 'image');
    img.setAttribute('href', layer.toDataURL('image/png'));
    img.setAttribute('x', layer.style.left ? String(parseFloat(layer.style.left)) : '0');
    img.setAttribute('y', layer.style.top ? String(parseFloat(layer.style.top)) : '0');
    img.setAttribute('width', String(layer.clientWidth || width));
    img.setAttribute('height', String(layer.clientHeight || baseHeight));
    bg.after(img);
  }
  if (legend.length) {
    const g = document.createElementNS(ns, 'g');
    g.setAttribute('data-legend', '');
    const colW = Math.max(120, Math.floor((width - 60) / 3));
    legend.forEach((e, i) => {
      const x = 56 + (i % 3) * colW;
      const y = baseHeight + 8 + Math.floor(i / 3) * 16;
      const sw = document.createElementNS(ns, 'rect');
      sw.setAttribute('x', String(x));
      sw.setAttribute('y', String(y));
      sw.setAttribute('width', '10');
      sw.setAttribute('height', '10');
      sw.setAttribute('fill', e.color);
      const tx = document.createElementNS(ns, 'text');
      tx.setAttribute('x', String(x + 14));
      tx.setAttribute('y', String(y + 9));
      tx.setAttribute('font-size', '11');
      tx.setAttribute('font-family', 'sans-serif');
      tx.setAttribute('fill', '#334155');
      tx.textContent = e.label.length > 40 ? `${e.label.slice(0, 39)}…` : e.label;
      g.append(sw, tx);
    });
    clone.appendChild(g);
  }
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function svgToPng(markup: string, width: number, height: number, scale = 2): Promise<Blob> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart could not be rasterized'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function ExportButtons({
  target,
  name,
  csv,
  legend,
  testId,
}: {
  target?: RefObject<HTMLElement | null>;
  name: string;
  csv?: () => string;
  legend?: readonly LegendEntry[];
  testId?: string;
}) {
  const svg = () => target?.current?.querySelector('svg') ?? null;
  const btn = 'rounded border border-slate-300 bg-white px-1.5 py-0.5 text-[11px] font-medium text-slate-600 hover:bg-slate-50';
  return (
    <span className="inline-flex gap-1" data-testid={testId ?? `export-${name}`}>
      {target && (
        <>
          <button
            type="button"
            className={btn}
            title="Download this chart as SVG"
            onClick={() => {
              const s = svg();
              if (s) save(new Blob([standaloneSvg(s, legend).markup], { type: 'image/svg+xml' }), `${name}.svg`);
            }}
          >
            SVG
          </button>
          <button
            type="button"
            className={btn}
            title="Download this chart as PNG"
            onClick={async () => {
              const s = svg();
              if (!s) return;
              const { markup, width, height } = standaloneSvg(s, legend);
              save(await svgToPng(markup, width, height), `${name}.png`);
            }}
          >
            PNG
          </button>
        </>
      )}
      {csv && (
        <button
          type="button"
          className={btn}
          title="Download the data behind this as CSV"
          onClick={() => save(new Blob([csv()], { type: 'text/csv' }), `${name}.csv`)}
        >
          CSV
        </button>
      )}
    </span>
  );
}
