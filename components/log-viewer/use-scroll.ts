"use client";
// Where the reader is in the log: the scroll offset, and whether the view follows the tail (it
// does until the reader scrolls up, and again once back at the bottom or after "Jump to live").
import { useLayoutEffect, useState, type RefObject } from "react";
import { atBottom, type Layout } from "./windowing";

/** Moves the scroll box (a DOM node, not React state: written outside the hook on purpose). */
function place(el: HTMLElement, top: number, left?: number): void {
  el.scrollTop = top;
  if (left !== undefined) el.scrollLeft = left;
}

export function useScroll(box: RefObject<HTMLDivElement | null>, layout: Layout, rowHeight: number) {
  const [follow, setFollow] = useState(true);
  const [scrollTop, setScrollTop] = useState(0);

  useLayoutEffect(() => {
    const el = box.current;
    if (follow && el) place(el, el.scrollHeight);
  }, [box, follow, layout, rowHeight]);

  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    const bottom = atBottom(el.scrollTop, el.clientHeight, el.scrollHeight, rowHeight);
    if (bottom !== follow) setFollow(bottom);
  };

  /** Scrolls to a place of the reader's choosing: the view stops following the tail. */
  const scrollTo = (top: number, left: number) => {
    const el = box.current;
    if (!el) return;
    setFollow(false);
    place(el, top, left);
    setScrollTop(el.scrollTop);
  };

  return { follow, setFollow, scrollTop, onScroll, scrollTo };
}
