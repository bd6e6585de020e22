/**
 * The theme, decided before first paint (an inline script in <head>, so no
 * light flash): the saved choice (localStorage "theme": "light" | "dark"),
 * else the system setting, which is followed live while nothing is saved.
 * The result is the `dark` class on <html>; app/globals.css maps the palette.
 */
export const THEME_KEY = 'theme';

export const THEME_SCRIPT = `(function(){try{var k=${JSON.stringify(THEME_KEY)};var m=window.matchMedia('(prefers-color-scheme: dark)');var apply=function(){var s=localStorage.getItem(k);var d=s==='dark'||(s!=='light'&&m.matches);document.documentElement.classList.toggle('dark',d);};apply();m.addEventListener('change',apply);window.__paretoApplyTheme=apply;}catch(e){}})();`;

export type ThemeChoice = 'system' | 'light' | 'dark';
