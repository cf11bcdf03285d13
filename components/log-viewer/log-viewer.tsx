"use client";
// The log viewer for job logs and journals: windowed rows (fixed row height, wrapped lines cut
// into rows), follows the tail until the reader scrolls up, search with highlights and a filter
// mode, line numbers that copy, timestamps, download. Remote text is rendered as text only.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { rangeText } from "./copy-text";
import { copyText } from "./copy";
import type { LineStore } from "./line-store";
import { LogRow } from "./log-row";
import { LogToolbar, type ToolbarProps } from "./log-toolbar";
import { compileQuery, firstMatchAtOrAfter, matchesInLine, positionOf, stepMatch } from "./search";
import { useMeasure } from "./use-measure";
import { useViewerKeys } from "./use-viewer-keys";
import { ViewIndex } from "./view-index";
import { atBottom, buildLayout, centerOn, lineOfRow, rowOfLine, visibleRows } from "./windowing";

export type LogViewerProps = {
  store: LineStore;
  version: number;
  download: ToolbarProps["download"];
  emptyText: string;
  numbering: "seq" | "index";
  data?: Record<string, string | number>;
  heightClass?: string;
};

export function LogViewer({ store, version, download, emptyText, numbering, data, heightClass = "h-[70dvh]" }: LogViewerProps) {
  const searchRef = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const m = useMeasure(box, probe);
  const [query, setQuery] = useState("");
  const [regex, setRegex] = useState(false);
  const [filter, setFilter] = useState(false);
  const [wrap, setWrap] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const [follow, setFollow] = useState(true);
  const [scrollTop, setScrollTop] = useState(0);
  const [current, setCurrent] = useState(-1);
  const [selection, setSelection] = useState<{ anchor: number; from: number; to: number } | null>(null);
  const [toast, setToast] = useState("");
  useViewerKeys(searchRef);

  const compiled = useMemo(() => compileQuery({ text: query, regex, caseSensitive: false }), [query, regex]);
  const re = compiled instanceof RegExp ? compiled : null;
  const index = useRef(new ViewIndex()).current;
  const view = useMemo(() => {
    index.update(store, re, `${query}\u0000${regex}`);
    return { visible: index.visible, matches: index.matches, matched: index.matched };
  }, [index, store, re, query, regex, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const shown = filter && re ? view.matched : view.visible;
  const matches = view.matches;

  const cw = m.charWidth;
  const maxNumber = numbering === "seq" ? store.lastSeq() : store.dropped + store.length;
  const gutter = Math.ceil((String(maxNumber).length + 1) * cw + 8);
  const textLeft = gutter + (timestamps ? 13 * cw : 0);
  const cols = wrap && m.width > 0 ? Math.max(10, Math.floor((m.width - textLeft - 12) / cw)) : null;
  const layout = useMemo(() => buildLayout(shown.length, (pos) => store.width[shown[pos]], cols), [shown, cols, store]);
  const { first, end } = visibleRows(scrollTop, m.height, m.rowHeight, layout.rows);

  useLayoutEffect(() => {
    const el = box.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [follow, layout, m.rowHeight]);

  const onScroll = () => {
    const el = box.current!;
    setScrollTop(el.scrollTop);
    const bottom = atBottom(el.scrollTop, el.clientHeight, el.scrollHeight, m.rowHeight);
    if (bottom !== follow) setFollow(bottom);
  };

  const jumpTo = useCallback(
    (k: number) => {
      const el = box.current;
      if (!el || k < 0 || k >= matches.count) return;
      setCurrent(k);
      setFollow(false);
      const pos = positionOf(shown, matches.line[k]);
      const row = rowOfLine(layout, pos) + (cols ? Math.floor(matches.start[k] / cols) : 0);
      el.scrollTop = centerOn(row, m.rowHeight, el.clientHeight, layout.rows);
      el.scrollLeft = cols ? 0 : Math.max(0, textLeft + matches.start[k] * cw - el.clientWidth / 2);
      setScrollTop(el.scrollTop);
    },
    [matches, shown, layout, cols, m.rowHeight, textLeft, cw],
  );

  const step = (dir: 1 | -1) => {
    if (matches.count === 0) return;
    if (current >= 0 && current < matches.count) return jumpTo(stepMatch(current, matches.count, dir));
    const top = shown[lineOfRow(layout, Math.floor(scrollTop / m.rowHeight)).pos] ?? 0;
    const at = firstMatchAtOrAfter(matches, top);
    jumpTo(dir === 1 ? at % matches.count : (at - 1 + matches.count) % matches.count);
  };

  useEffect(() => setCurrent(-1), [query, regex]);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(""), 2500);
    return () => clearTimeout(t);
  }, [toast]);

  const onNumber = useCallback(
    (pos: number, shift: boolean) => {
      const i = shown[pos];
      const anchorPos = shift && selection ? positionOf(shown, selection.anchor) : pos;
      const [a, b] = anchorPos <= pos ? [anchorPos, pos] : [pos, anchorPos];
      setSelection({ anchor: shift && selection ? selection.anchor : i, from: shown[a], to: shown[b] });
      const n = b - a + 1;
      void copyText(rangeText(store, shown, a, b, timestamps)).then((ok) =>
        setToast(ok ? `Copied ${n} line${n === 1 ? "" : "s"}` : "Copy failed"),
      );
    },
    [shown, selection, store, timestamps],
  );

  const counter =
    matches.count === 0
      ? query && !compiled?.hasOwnProperty("error")
        ? "0 matches"
        : ""
      : current >= 0
        ? `${current + 1} of ${matches.count}${matches.truncated ? "+" : ""}`
        : `${matches.count}${matches.truncated ? "+" : ""} matches`;

  const rows = [];
  for (let r = first; r < end; r++) {
    const { pos, part } = lineOfRow(layout, r);
    const i = shown[pos];
    if (i === undefined) break;
    const width = store.width[i];
    const from = cols ? part * cols : 0;
    const to = cols ? Math.min(width, from + cols) : width;
    const inLine = re ? matchesInLine(matches, i) : { from: 0, to: 0 };
    const ranges = [];
    for (let k = inLine.from; k < inLine.to; k++) ranges.push({ start: matches.start[k], end: matches.end[k], current: k === current });
    rows.push(
      <LogRow
        key={r}
        top={r * m.rowHeight}
        height={m.rowHeight}
        text={store.text[i]}
        from={from}
        to={to}
        level={store.level[i]}
        number={part === 0 ? (numbering === "seq" ? store.seq[i] : store.dropped + i + 1) : null}
        at={timestamps && part === 0 ? store.at[i] : null}
        gutter={gutter}
        ranges={ranges}
        selected={!!selection && i >= selection.from && i <= selection.to}
        seq={store.seq[i]}
        pos={pos}
        part={part}
        onNumber={onNumber}
      />,
    );
  }

  return (
    <section
      data-testid="log-viewer"
      data-lines={store.length}
      data-shown={shown.length}
      data-follow={follow ? "1" : "0"}
      data-first-seq={store.length ? store.seq[0] : 0}
      data-last-seq={store.lastSeq()}
      {...Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]))}
      aria-label="Log"
      className="relative flex flex-col overflow-hidden rounded-xl border border-(--color-line) bg-(--color-panel)"
    >
      <LogToolbar
        searchRef={searchRef}
        query={query}
        onQuery={setQuery}
        regex={regex}
        onRegex={setRegex}
        counter={counter}
        error={compiled && !(compiled instanceof RegExp) ? compiled.error : null}
        onStep={step}
        filter={filter}
        onFilter={setFilter}
        wrap={wrap}
        onWrap={setWrap}
        timestamps={timestamps}
        onTimestamps={setTimestamps}
        download={download}
      />
      <div
        ref={box}
        onScroll={onScroll}
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
          {rows}
        </div>
        {shown.length === 0 && (
          <p
            className="absolute inset-0 flex items-center justify-center p-6 text-center font-sans text-sm text-(--color-muted)"
            data-testid="log-empty"
          >
            {store.length > 0 && filter && re ? `No line matches “${query}”.` : emptyText}
          </p>
        )}
      </div>
      {!follow && (
        <button
          type="button"
          onClick={() => setFollow(true)}
          className="absolute right-4 bottom-4 z-10 inline-flex h-11 items-center rounded-full bg-(--color-accent) px-4 text-sm font-medium text-white shadow-lg"
        >
          Jump to live ↓
        </button>
      )}
      <p
        aria-live="polite"
        data-testid="log-toast"
        className={`pointer-events-none absolute bottom-4 left-4 z-10 rounded-lg bg-black/80 px-3 py-2 text-sm text-white ${toast ? "" : "hidden"}`}
      >
        {toast}
      </p>
    </section>
  );
}
