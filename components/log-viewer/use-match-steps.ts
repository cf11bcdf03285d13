"use client";
// Enter / Shift+Enter (and the arrows) step through the matches: from the current one, or else from
// the first match at or below the top of the view; the match is scrolled to the middle.
import type { LogSearch } from "./use-log-search";
import { firstMatchAtOrAfter, positionOf, stepMatch } from "./search";
import { centerOn, lineOfRow, rowOfLine, type Layout } from "./windowing";

type Geometry = {
  layout: Layout;
  rowHeight: number;
  viewport: () => { height: number; width: number };
  textLeft: number;
  charWidth: number;
};

export function useMatchSteps(
  search: LogSearch,
  g: Geometry,
  scrollTop: number,
  scrollTo: (top: number, left: number) => void,
): (dir: 1 | -1) => void {
  const { matches, shown, current, setCurrent } = search;
  const { layout, rowHeight } = g;

  const jumpTo = (k: number) => {
    if (k < 0 || k >= matches.count) return;
    setCurrent(k);
    const cols = layout.cols;
    const row = rowOfLine(layout, positionOf(shown, matches.line[k])) + (cols ? Math.floor(matches.start[k] / cols) : 0);
    const { height, width } = g.viewport();
    scrollTo(
      centerOn(row, rowHeight, height, layout.rows),
      cols ? 0 : Math.max(0, g.textLeft + matches.start[k] * g.charWidth - width / 2),
    );
  };

  return (dir) => {
    if (matches.count === 0) return;
    if (current >= 0 && current < matches.count) return jumpTo(stepMatch(current, matches.count, dir));
    const top = shown[lineOfRow(layout, Math.floor(scrollTop / rowHeight)).pos] ?? 0;
    const at = firstMatchAtOrAfter(matches, top);
    jumpTo(dir === 1 ? at % matches.count : (at - 1 + matches.count) % matches.count);
  };
}
