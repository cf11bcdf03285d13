"use client";
// One fixed-height row: gutter (line number: click copies, shift-click copies a range),
// optional time, and a slice of the line's text with colours and search marks (text only).
import { memo } from "react";
import { toStyled } from "./ansi-spans";
import { clock } from "./copy-text";
import { LEVEL } from "./line-store";
import { rowSegments, type Range } from "./row-segments";

export type RowProps = {
  top: number;
  height: number;
  text: string;
  from: number;
  to: number;
  level: number;
  number: number | null;
  at: number | null;
  gutter: number;
  ranges: Range[];
  selected: boolean;
  seq: number;
  pos: number;
  /** Which row of a wrapped line (0 = its first). */
  part: number;
  onNumber: (pos: number, shift: boolean) => void;
};

const LEVEL_CLASS: Record<number, string> = {
  [LEVEL.stderr]: "bg-amber-500/8 text-amber-800 dark:text-amber-200 border-l-amber-500",
  [LEVEL.warn]: "bg-amber-500/10 text-amber-800 dark:text-amber-200 border-l-amber-500",
  [LEVEL.error]: "bg-red-500/12 text-red-800 dark:text-red-200 border-l-red-500 font-medium",
  [LEVEL.system]: "text-(--color-muted) italic border-l-transparent",
};
const LEVEL_NAME = ["normal", "stderr", "warn", "error", "system", "hidden"];

function LogRowImpl(p: RowProps) {
  const { plain, spans } = toStyled(p.text);
  const segments = rowSegments(plain, spans, p.ranges, p.from, p.to);
  return (
    <div
      data-testid="log-row"
      data-seq={p.seq}
      data-part={p.part}
      data-level={LEVEL_NAME[p.level]}
      className={`absolute right-0 left-0 flex border-l-2 ${LEVEL_CLASS[p.level] ?? "border-l-transparent"} ${p.selected ? "bg-(--color-accent)/15" : ""}`}
      style={{ top: p.top, height: p.height, lineHeight: `${p.height}px` }}
    >
      {p.number !== null ? (
        <button
          type="button"
          tabIndex={-1}
          onClick={(e) => p.onNumber(p.pos, e.shiftKey)}
          title="Copy this line (shift-click: copy a range)"
          className="shrink-0 cursor-pointer pr-2 text-right text-(--color-muted) select-none hover:text-(--color-accent)"
          style={{ width: p.gutter }}
        >
          {p.number}
        </button>
      ) : (
        <span className="shrink-0 select-none" style={{ width: p.gutter }} aria-hidden="true" />
      )}
      {p.at !== null && <span className="shrink-0 pr-2 text-(--color-muted) select-none">{clock(p.at)}</span>}
      <span className="whitespace-pre">
        {segments.map((s, k) => (
          <span
            key={k}
            className={
              s.mark === "current"
                ? "rounded-sm bg-orange-400 text-black"
                : s.mark === "match"
                  ? "rounded-sm bg-yellow-300/70 text-black"
                  : undefined
            }
            data-mark={s.mark === "none" ? undefined : s.mark}
            style={
              s.span
                ? {
                    color: s.mark === "none" ? (s.span.fg ?? undefined) : undefined,
                    backgroundColor: s.mark === "none" ? (s.span.bg ?? undefined) : undefined,
                    fontWeight: s.span.bold ? 700 : undefined,
                    opacity: s.span.dim ? 0.7 : undefined,
                    fontStyle: s.span.italic ? "italic" : undefined,
                    textDecoration: s.span.underline ? "underline" : undefined,
                  }
                : undefined
            }
          >
            {s.text}
          </span>
        ))}
      </span>
    </div>
  );
}

export const LogRow = memo(
  LogRowImpl,
  (a, b) =>
    a.top === b.top &&
    a.text === b.text &&
    a.from === b.from &&
    a.to === b.to &&
    a.selected === b.selected &&
    a.at === b.at &&
    a.pos === b.pos &&
    a.part === b.part &&
    a.gutter === b.gutter &&
    a.height === b.height &&
    a.number === b.number &&
    a.level === b.level &&
    JSON.stringify(a.ranges) === JSON.stringify(b.ranges),
);
