"use client";
// "/" (when not typing) or Ctrl/Cmd+F focuses the viewer's search: the browser's own find cannot
// see rows that are not rendered.
import { useEffect, type RefObject } from "react";

export function useViewerKeys(search: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing =
        t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || !!t?.isContentEditable;
      const find = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "f";
      if (find || (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey)) {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [search]);
}
