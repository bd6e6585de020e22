'use client';
/**
 * "3 min ago" without a hydration mismatch: the server and the first client
 * render show the same absolute time (UTC, minute precision); after hydration
 * the client switches to the relative form and keeps it current.
 */
import { useEffect, useState } from 'react';
import { formatRelative } from './format';

export function RelativeTime({ date }: { date: Date }) {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const t = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {now ? formatRelative(date, now) : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`}
    </time>
  );
}
