/**
 * Progress bar on stderr for anything that takes more than a few seconds.
 * Redraws in place on a TTY (at most every 100 ms); otherwise prints a line
 * every 10%. Shows count, percent, rate, ETA and an optional status text.
 */
export interface ProgressBar {
  update(done: number, status?: string): void;
  finish(status?: string): void;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const t0 = performance.now();
  const tty = !!stream.isTTY;
  let lastDraw = 0;
  let lastDecile = -1;
  const line = (done: number, status?: string) => {
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const width = 24;
    const filled = Math.round(frac * width);
    const secs = (performance.now() - t0) / 1000;
    const eta = done > 0 ? (secs / done) * (total - done) : NaN;
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${(frac * 100).toFixed(0)}% ${secs.toFixed(1)}s${
      done < total && Number.isFinite(eta) ? ` eta ${eta.toFixed(0)}s` : ''
    }${status ? '  ' + status : ''}`;
  };
  return {
    update(done, status) {
      const now = performance.now();
      if (tty) {
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        stream.write('\r\x1b[2K' + line(done, status));
      } else {
        const decile = Math.floor((10 * done) / Math.max(1, total));
        if (decile === lastDecile) return;
        lastDecile = decile;
        stream.write(line(done, status) + '\n');
      }
    },
    finish(status) {
      stream.write((tty ? '\r\x1b[2K' : '') + line(total, status) + '\n');
    },
  };
}
