"use client";
// The log viewer for job logs and journals: windowed rows (fixed row height, wrapped lines cut
// into rows), follows the tail until the reader scrolls up, search with highlights and a filter
// mode, line numbers that copy, timestamps, download. Remote text is rendered as text only.
// The parts: useLogSearch (query, matches), useScroll (follow, offset), useMatchSteps (stepping),
// useLineCopy (copying line numbers), LogRows (the rows in view), LogToolbar.
import { useMemo, useRef, useState } from "react";
import type { LineStore } from "./line-store";
import { LogRows } from "./log-rows";
import { LogToolbar, type ToolbarProps } from "./log-toolbar";
import { useLineCopy } from "./use-line-copy";
import { useLogSearch } from "./use-log-search";
import { useMatchSteps } from "./use-match-steps";
import { useMeasure } from "./use-measure";
import { useScroll } from "./use-scroll";
import { useViewerKeys } from "./use-viewer-keys";
import { buildLayout, visibleRows } from "./windowing";

export type LogViewerProps = {
  store: LineStore;
  /** Bumped by the store's owner whenever lines arrive: the viewer renders again. */
  version: number;
  download: ToolbarProps["download"];
  emptyText: string;
  numbering: "seq" | "index";
  data?: Record<string, string | number>;
  heightClass?: string;
};

export function LogViewer({ store, download, emptyText, numbering, data, heightClass = "h-[70dvh]" }: LogViewerProps) {
  const searchRef = useRef<HTMLInputElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const m = useMeasure(box, probe);
  const [wrap, setWrap] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  useViewerKeys(searchRef);
  const search = useLogSearch(store);
  const { shown } = search;

  const cw = m.charWidth;
  const maxNumber = numbering === "seq" ? store.lastSeq() : store.dropped + store.length;
  const gutter = Math.ceil((String(maxNumber).length + 1) * cw + 8);
  const textLeft = gutter + (timestamps ? 13 * cw : 0);
  const cols = wrap && m.width > 0 ? Math.max(10, Math.floor((m.width - textLeft - 12) / cw)) : null;
  const layout = useMemo(() => buildLayout(shown.length, (pos) => store.width[shown[pos]], cols), [shown, cols, store]);
  const scroll = useScroll(box, layout, m.rowHeight);
  const { first, end } = visibleRows(scroll.scrollTop, m.height, m.rowHeight, layout.rows);
  const viewport = () => ({ height: box.current?.clientHeight ?? 0, width: box.current?.clientWidth ?? 0 });
  const step = useMatchSteps(
    search,
    { layout, rowHeight: m.rowHeight, viewport, textLeft, charWidth: cw },
    scroll.scrollTop,
    scroll.scrollTo,
  );
  const copy = useLineCopy(store, shown, timestamps);

  return (
    <section
      data-testid="log-viewer"
      data-lines={store.length}
      data-shown={shown.length}
      data-follow={scroll.follow ? "1" : "0"}
      data-first-seq={store.length ? store.seq[0] : 0}
      data-last-seq={store.lastSeq()}
      {...Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]))}
      aria-label="Log"
      className="relative flex flex-col overflow-hidden rounded-xl border border-(--color-line) bg-(--color-panel)"
    >
      <LogToolbar
        searchRef={searchRef}
        query={search.query}
        onQuery={search.setQuery}
        regex={search.regex}
        onRegex={search.setRegex}
        counter={search.counter}
        error={search.error}
        onStep={step}
        filter={search.filter}
        onFilter={search.setFilter}
        wrap={wrap}
        onWrap={setWrap}
        timestamps={timestamps}
        onTimestamps={setTimestamps}
        download={download}
      />
      <div
        ref={box}
        onScroll={scroll.onScroll}
        tabIndex={0}
        aria-label="Log lines"
        data-testid="log-scroll"
        className={`relative ${heightClass} min-h-64 overflow-auto font-mono text-[13px] outline-none`}
      >
        <span ref={probe} aria-hidden="true" className="invisible absolute top-0 left-0 whitespace-pre">
          {"0".repeat(100)}
        </span>
        <div
          className="relative"
          style={{ height: layout.rows * m.rowHeight, minWidth: cols ? undefined : textLeft + store.maxColumns * cw + 16 }}
        >
          <LogRows
            store={store}
            search={search}
            layout={layout}
            first={first}
            end={end}
            rowHeight={m.rowHeight}
            gutter={gutter}
            numbering={numbering}
            timestamps={timestamps}
            selection={copy.selection}
            onNumber={copy.onNumber}
          />
        </div>
        {shown.length === 0 && (
          <p
            className="absolute inset-0 flex items-center justify-center p-6 text-center font-sans text-sm text-(--color-muted)"
            data-testid="log-empty"
          >
            {store.length > 0 && search.filter && search.re ? `No line matches “${search.query}”.` : emptyText}
          </p>
        )}
      </div>
      {!scroll.follow && (
        <button
          type="button"
          onClick={() => scroll.setFollow(true)}
          className="absolute right-4 bottom-4 z-10 inline-flex h-11 items-center rounded-full bg-(--color-accent) px-4 text-sm font-medium text-white shadow-lg"
        >
          Jump to live ↓
        </button>
      )}
      <p
        aria-live="polite"
        data-testid="log-toast"
        className={`pointer-events-none absolute bottom-4 left-4 z-10 rounded-lg bg-black/80 px-3 py-2 text-sm text-white ${copy.toast ? "" : "hidden"}`}
      >
        {copy.toast}
      </p>
    </section>
  );
}
