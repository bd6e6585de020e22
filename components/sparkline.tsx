/** A tiny hypervolume history (SVG polyline), already downsampled by the server. */
import type { Sparkline as SparklineData } from '@/lib/client/wire';

export function Sparkline({ data, width = 84, height = 22 }: { data: SparklineData | undefined; width?: number; height?: number }) {
  if (!data || data.values.length < 2) return <span className="inline-block" style={{ width, height }} aria-hidden="true" />;
  const { steps, values } = data;
  const x0 = steps[0];
  const x1 = steps[steps.length - 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const pts = steps
    .map((s, i) => `${(((s - x0) / (x1 - x0 || 1)) * (width - 4) + 2).toFixed(1)},${(height - 2 - ((values[i] - lo) / (hi - lo)) * (height - 4)).toFixed(1)}`)
    .join(' ');
  return (
    <svg
      width={width}
      height={height}
      className="inline-block align-middle"
      role="img"
      aria-label={`hypervolume over ${data.total} steps`}
      data-testid="sparkline"
    >
      <title>{`hypervolume over ${data.total} steps${data.total > values.length ? ` (downsampled to ${values.length} points)` : ''}`}</title>
      <polyline points={pts} fill="none" stroke="#6366f1" strokeWidth="1.4" strokeLinejoin="round" />
    </svg>
  );
}
