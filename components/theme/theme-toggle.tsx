'use client';
/** Header button cycling the theme: follow the system → light → dark → system. The choice is saved in localStorage. */
import { useEffect, useState } from 'react';
import { THEME_KEY, type ThemeChoice } from './theme-script';

declare global {
  interface Window {
    __paretoApplyTheme?: () => void;
  }
}

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: '◐ system', light: '☀ light', dark: '☾ dark' };

export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>('system');
  useEffect(() => {
    const s = localStorage.getItem(THEME_KEY);
    setChoice(s === 'light' || s === 'dark' ? s : 'system');
  }, []);
  const pick = (next: ThemeChoice) => {
    if (next === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, next);
    setChoice(next);
    if (window.__paretoApplyTheme) window.__paretoApplyTheme();
    else document.documentElement.classList.toggle('dark', next === 'dark' || (next === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches));
  };
  return (
    <button
      type="button"
      onClick={() => pick(NEXT[choice])}
      className="rounded-md border border-slate-300 px-2 py-1 text-xs text-slate-600 hover:bg-slate-50 hover:text-slate-900"
      aria-label={`Theme: ${choice === 'system' ? 'following the system setting' : choice}. Switch to ${NEXT[choice] === 'system' ? 'the system setting' : NEXT[choice]}.`}
      title="Theme: follow the system, light or dark"
      data-testid="theme-toggle"
      data-theme-choice={choice}
    >
      {LABEL[choice]}
    </button>
  );
}
