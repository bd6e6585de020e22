/** A run's tags as small chips; renders nothing when there are none. */
export function TagChips({ tags, className = '' }: { tags: string[]; className?: string }) {
  if (tags.length === 0) return null;
  return (
    <span className={`inline-flex flex-wrap gap-1 ${className}`}>
      {tags.map((t) => (
        <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-normal text-slate-600">
          {t}
        </span>
      ))}
    </span>
  );
}
