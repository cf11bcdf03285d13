"use client";
// Two tabs (WAI-ARIA tabs pattern: arrow keys move between them); both panels stay mounted so a
// pasted configuration survives switching tabs.
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export function ImportTabs({ tabs }: { tabs: { id: string; label: string; panel: ReactNode }[] }) {
  const [active, setActive] = useState(tabs[0]?.id);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const next =
      e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const j = (next + tabs.length) % tabs.length;
    setActive(tabs[j].id);
    refs.current[j]?.focus();
  };
  return (
    <div className="mt-4">
      <div role="tablist" aria-label="Import source" className="mb-4 flex gap-2 border-b border-(--color-line)">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="tab"
            id={`tab-${t.id}`}
            aria-controls={`panel-${t.id}`}
            aria-selected={active === t.id}
            tabIndex={active === t.id ? 0 : -1}
            onClick={() => setActive(t.id)}
            onKeyDown={(e) => onKey(e, i)}
            className={`-mb-px min-h-11 border-b-2 px-4 text-sm font-medium ${active === t.id ? "border-(--color-accent) text-(--color-accent)" : "border-transparent text-(--color-muted) hover:text-current"}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div key={t.id} role="tabpanel" id={`panel-${t.id}`} aria-labelledby={`tab-${t.id}`} hidden={active !== t.id}>
          {t.panel}
        </div>
      ))}
    </div>
  );
}
