'use client';
/** Filters of the runs list, kept in the URL's query string so a filtered list is a shareable link. */
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { RUN_STATUSES } from '@/lib/contract/run-log';
import { RUN_FILTER_KEYS as FILTER_KEYS } from '@/lib/contract/read-queries';

export interface RunFacets {
  environments: string[];
  algorithms: string[];
  tags: string[];
}

export function RunsFilters({ facets }: { facets: RunFacets }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    const qs = next.toString();
    router.push(qs ? `${pathname}?${qs}` : pathname);
  };
  const select = (key: (typeof FILTER_KEYS)[number], label: string, options: readonly string[]) => (
    <label className="flex flex-col gap-1 text-xs text-slate-600">
      {label}
      <select
        className="min-w-32 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800"
        value={params.get(key) ?? ''}
        onChange={(e) => set(key, e.target.value)}
        data-testid={`filter-${key}`}
      >
        <option value="">all</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
  const any = FILTER_KEYS.some((k) => params.get(k));
  return (
    <div className="flex flex-wrap items-end gap-3" data-testid="runs-filters">
      <form
        className="flex flex-col gap-1 text-xs text-slate-600"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', String(new FormData(e.currentTarget).get('q') ?? '').trim());
        }}
      >
        <label htmlFor="runs-search">Search name, tags, notes</label>
        <input
          id="runs-search"
          name="q"
          type="search"
          key={params.get('q') ?? ''}
          defaultValue={params.get('q') ?? ''}
          placeholder="e.g. baseline"
          className="w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800"
          data-testid="runs-search"
        />
      </form>
      {select('status', 'Status', RUN_STATUSES)}
      {select('environment', 'Environment', facets.environments)}
      {select('algorithm', 'Algorithm', facets.algorithms)}
      {select('tag', 'Tag', facets.tags)}
      {any && (
        <button type="button" className="pb-1 text-xs text-indigo-700 hover:underline" onClick={() => router.push(pathname)}>
          clear filters
        </button>
      )}
    </div>
  );
}
