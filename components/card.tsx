/** A titled panel of the dashboard: title, optional subtitle, optional actions on the right (exports), content. */
export function Card({
  title,
  subtitle,
  actions,
  children,
  className = '',
  testId,
  id,
}: {
  title: string;
  subtitle?: string;
  actions?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  testId?: string;
  id?: string;
}) {
  return (
    <section id={id} className={`min-w-0 scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${className}`} data-testid={testId}>
      <div className="flex items-start gap-2">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
          {subtitle && <p className="mb-2 text-xs text-slate-500">{subtitle}</p>}
        </div>
        {actions && <div className="ml-auto">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
