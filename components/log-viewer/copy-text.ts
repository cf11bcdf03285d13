// Text copied from the viewer: one line, or the range between two clicked line numbers.
import { plainOf } from "./ansi-spans";

export type Copyable = { text: readonly string[]; at: ArrayLike<number> };

/** "HH:MM:SS.mmm" in the browser's zone. */
export function clock(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** Plain text of the shown lines between positions a and b (inclusive, either order). */
export function rangeText(store: Copyable, shown: ArrayLike<number>, a: number, b: number, timestamps = false): string {
  const [from, to] = a <= b ? [a, b] : [b, a];
  const out: string[] = [];
  for (let p = Math.max(0, from); p <= Math.min(to, shown.length - 1); p++) {
    const i = shown[p];
    const text = plainOf(store.text[i]);
    out.push(timestamps ? `${clock(store.at[i])} ${text}` : text);
  }
  return out.join("\n");
}
