import type { ReactNode } from "react";

/** A titled card of the machine page. */
export function Section({
  id,
  title,
  aside,
  children,
  testId,
}: {
  id?: string;
  title: string;
  aside?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section
      id={id}
      data-testid={testId}
      aria-labelledby={id ? `${id}-title` : undefined}
      className="mt-4 min-w-0 rounded-xl border border-(--color-line) bg-(--color-panel) p-4 shadow-sm"
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={id ? `${id}-title` : undefined} className="font-semibold">
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

export function SectionSkeleton({ title, lines = 3 }: { title: string; lines?: number }) {
  return (
    <section aria-busy="true" className="mt-4 rounded-xl border border-(--color-line) bg-(--color-panel) p-4">
      <h2 className="mb-3 font-semibold">{title}</h2>
      <div className="grid gap-2" aria-label={`Loading ${title.toLowerCase()}`}>
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className="h-4 animate-pulse rounded bg-(--color-line)" style={{ width: `${90 - i * 15}%` }} />
        ))}
      </div>
    </section>
  );
}
