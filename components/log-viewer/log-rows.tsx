"use client";
// The rows in (and just around) the viewport: each a slice of a shown line with its search marks.
import { LogRow } from "./log-row";
import type { LineStore } from "./line-store";
import { matchesInLine } from "./search";
import type { Selection } from "./use-line-copy";
import type { LogSearch } from "./use-log-search";
import { lineOfRow, type Layout } from "./windowing";

type Props = {
  store: LineStore;
  search: Pick<LogSearch, "shown" | "re" | "matches" | "current">;
  layout: Layout;
  first: number;
  end: number;
  rowHeight: number;
  gutter: number;
  numbering: "seq" | "index";
  timestamps: boolean;
  selection: Selection | null;
  onNumber: (pos: number, shift: boolean) => void;
};

export function LogRows({ store, search, layout, first, end, rowHeight, gutter, numbering, timestamps, selection, onNumber }: Props) {
  const { shown, re, matches, current } = search;
  const cols = layout.cols;
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
        top={r * rowHeight}
        height={rowHeight}
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
  return <>{rows}</>;
}
