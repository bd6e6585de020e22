/**
 * JSON with object keys sorted at every level: configs that went through
 * PostgreSQL's jsonb (which reorders keys) compare equal to the originals.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
