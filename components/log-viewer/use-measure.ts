"use client";
// Size of the scroll box and of one monospace character, kept current with a ResizeObserver;
// rows are taller on touch screens so line numbers are easier to tap.
import { useEffect, useState, type RefObject } from "react";

export type Measure = { width: number; height: number; charWidth: number; rowHeight: number };

export function useMeasure(box: RefObject<HTMLElement | null>, probe: RefObject<HTMLElement | null>): Measure {
  const [m, setM] = useState<Measure>({ width: 0, height: 0, charWidth: 8, rowHeight: 20 });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const coarse = window.matchMedia("(pointer: coarse)").matches;
    const read = () => {
      const cw = probe.current ? probe.current.getBoundingClientRect().width / 100 : 8;
      setM({ width: el.clientWidth, height: el.clientHeight, charWidth: cw > 0 ? cw : 8, rowHeight: coarse ? 24 : 20 });
    };
    read();
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, [box, probe]);
  return m;
}
