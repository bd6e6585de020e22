'use client';
/** The theme in effect ('light' | 'dark'), following the `dark` class on <html>; charts redraw their canvases when it flips. */
import { useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';

const current = (): Theme => (typeof document !== 'undefined' && document.documentElement.classList.contains('dark') ? 'dark' : 'light');

export function useTheme(): Theme {
  const [theme, setTheme] = useState<Theme>('light');
  useEffect(() => {
    setTheme(current());
    const obs = new MutationObserver(() => setTheme(current()));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => obs.disconnect();
  }, []);
  return theme;
}

/** A chart colour from the CSS custom properties of app/globals.css (canvas cannot read var()). */
export function chartVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}
