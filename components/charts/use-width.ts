'use client';
import { useLayoutEffect, useRef, useState } from 'react';

/**
 * Width of a container element, kept current with a ResizeObserver.
 * `measured` is false until the element's own width has been read (the server
 * render and the first client render use `fallback`): the first read happens
 * in a layout effect, before the browser paints, so a chart that waits for
 * `measured` draws once, at its real width, not first at the fallback.
 */
export function useWidth<T extends HTMLElement>(fallback = 480) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  const [measured, setMeasured] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.round(el.clientWidth) || fallback);
    setMeasured(true);
    const ro = new ResizeObserver(([entry]) => {
      const w = Math.round(entry.contentRect.width);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [fallback]);
  return { ref, width, measured };
}
