"use client";
// "/" focuses search, Escape clears it, arrow keys move between tiles and cards.
import { useEffect, type RefObject } from "react";

export function useKeyboardNav(search: RefObject<HTMLInputElement | null>, list: RefObject<HTMLElement | null>, clear: () => void): void {
  useEffect(() => {
    const items = () => Array.from(list.current?.querySelectorAll<HTMLElement>("[data-nav]") ?? []);
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable;
      if (e.key === "/" && !typing && !e.metaKey && !e.ctrlKey) {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
        return;
      }
      if (target === search.current) {
        if (e.key === "Escape") clear();
        if (e.key === "ArrowDown" || (e.key === "Enter" && items().length === 1)) {
          e.preventDefault();
          items()[0]?.focus();
          if (e.key === "Enter") items()[0]?.click();
        }
        return;
      }
      const all = items();
      const at = all.indexOf(target);
      if (at === -1) return;
      if (e.key === "ArrowDown" || e.key === "ArrowRight") {
        e.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (e.key === "ArrowUp" || e.key === "ArrowLeft") {
        e.preventDefault();
        if (at === 0) search.current?.focus();
        else all[at - 1].focus();
      } else if (e.key === "Escape") {
        search.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [search, list, clear]);
}
