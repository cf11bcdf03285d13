"use client";
// The viewer's toolbar: search (Enter / Shift+Enter step through matches), filter mode, and
// toggles for wrapping and timestamps, download. Wraps onto several lines on a phone.
import type { RefObject } from "react";

export type ToolbarProps = {
  searchRef: RefObject<HTMLInputElement | null>;
  query: string;
  onQuery: (q: string) => void;
  regex: boolean;
  onRegex: (v: boolean) => void;
  counter: string;
  error: string | null;
  onStep: (dir: 1 | -1) => void;
  filter: boolean;
  onFilter: (v: boolean) => void;
  wrap: boolean;
  onWrap: (v: boolean) => void;
  timestamps: boolean;
  onTimestamps: (v: boolean) => void;
  download: { href: string; filename: string } | { onClick: () => void };
};

const btn =
  "inline-flex h-11 min-w-11 items-center justify-center gap-1 rounded-lg border border-(--color-line) px-3 text-sm hover:border-(--color-accent) aria-pressed:border-(--color-accent) aria-pressed:bg-(--color-accent)/10";

function Toggle({ on, set, label, title }: { on: boolean; set: (v: boolean) => void; label: string; title: string }) {
  return (
    <button type="button" aria-pressed={on} onClick={() => set(!on)} className={btn} title={title}>
      {label}
    </button>
  );
}

export function LogToolbar({ searchRef, ...p }: ToolbarProps) {
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-(--color-line) p-2" role="toolbar" aria-label="Log tools">
      <div className="flex min-w-0 flex-1 basis-64 items-center gap-1">
        <label className="relative min-w-0 flex-1">
          <span className="sr-only">Search the log</span>
          <input
            ref={searchRef}
            type="search"
            value={p.query}
            onChange={(e) => p.onQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                p.onStep(e.shiftKey ? -1 : 1);
              } else if (e.key === "Escape") {
                e.preventDefault();
                p.onQuery("");
              }
            }}
            placeholder="Search ( / )"
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
            aria-invalid={p.error ? true : undefined}
            className="h-11 w-full rounded-lg border border-(--color-line) bg-(--color-bg) px-3 pr-20 font-mono text-sm outline-none focus:border-(--color-accent) aria-invalid:border-(--color-down)"
          />
          <span
            data-testid="search-counter"
            aria-live="polite"
            className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 text-xs text-(--color-muted) tabular-nums"
          >
            {p.error ? "bad regex" : p.counter}
          </span>
        </label>
        <button type="button" className={btn} onClick={() => p.onStep(-1)} aria-label="Previous match" title="Previous match (Shift+Enter)">
          ↑
        </button>
        <button type="button" className={btn} onClick={() => p.onStep(1)} aria-label="Next match" title="Next match (Enter)">
          ↓
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Toggle on={p.regex} set={p.onRegex} label=".*" title="Regular expression" />
        <Toggle on={p.filter} set={p.onFilter} label="Only matches" title="Show only lines that match" />
        <Toggle on={p.wrap} set={p.onWrap} label="Wrap" title="Wrap long lines (off: scroll sideways)" />
        <Toggle on={p.timestamps} set={p.onTimestamps} label="Time" title="Show timestamps" />
        {"href" in p.download ? (
          <a className={btn} href={p.download.href} download={p.download.filename}>
            Download
          </a>
        ) : (
          <button type="button" className={btn} onClick={p.download.onClick}>
            Download
          </button>
        )}
      </div>
    </div>
  );
}
