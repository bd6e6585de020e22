/**
 * Text the server itself writes (a worker's error message) made storable on
 * both providers: PostgreSQL refuses NUL in text and jsonb, and a lone UTF-16
 * surrogate is not valid Unicode (SQLite stores garbage, JSON round trips
 * break). Client input with such characters is refused instead (lib/api/body.ts).
 */

/** Replaces NUL and lone surrogates with U+FFFD and cuts at `max` code units without splitting a pair. */
export function safeText(text: string, max: number): string {
  let cut = text.length > max ? text.slice(0, max) : text;
  // A cut between the halves of a pair leaves a lone high surrogate at the end.
  if (cut.length && /[\uD800-\uDBFF]$/.test(cut) && text.length > cut.length) cut = cut.slice(0, -1);
  return cut.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** The first problem with a string, or null: NUL bytes and lone surrogates are not text we store. */
export function badTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) return 'contains a lone UTF-16 surrogate (not valid Unicode)';
  return null;
}
