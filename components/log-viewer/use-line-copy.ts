"use client";
// Line numbers that copy: a click copies its line, a shift-click the range from the last one; the
// copied lines stay marked and a short note says what happened.
import { useCallback, useEffect, useState } from "react";
import { copyText } from "../ui/copy";
import { rangeText } from "./copy-text";
import type { LineStore } from "./line-store";
import { positionOf } from "./search";

export type Selection = { anchor: number; from: number; to: number };

export function useLineCopy(store: LineStore, shown: Int32Array, timestamps: boolean) {
  const [selection, setSelection] = useState<Selection | null>(null);
  const [toast, setToast] = useState("");
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
  return { selection, toast, onNumber };
}
