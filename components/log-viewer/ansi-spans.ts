// ANSI SGR colours to styled spans over plain text. Remote text stays text: the result is offsets
// and colours that React renders as text nodes; every other escape and control byte is dropped.
export type Span = {
  start: number;
  end: number;
  fg: string | null;
  bg: string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
};
export type Styled = { plain: string; spans: Span[] };

/** The 16 basic colours, readable on the light and the dark theme. */
const BASIC = [
  "#6b7280",
  "#dc2626",
  "#16a34a",
  "#ca8a04",
  "#2563eb",
  "#c026d3",
  "#0891b2",
  "#9ca3af",
  "#9ca3af",
  "#ef4444",
  "#22c55e",
  "#eab308",
  "#3b82f6",
  "#d946ef",
  "#06b6d4",
  "#e5e7eb",
];

/** xterm's 256-colour palette: 16 basic, a 6x6x6 cube, 24 greys. */
export function color256(n: number): string | null {
  if (!Number.isInteger(n) || n < 0 || n > 255) return null;
  if (n < 16) return BASIC[n];
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v}, ${v}, ${v})`;
  }
  const i = n - 16;
  const step = (c: number) => (c === 0 ? 0 : 55 + c * 40);
  return `rgb(${step(Math.floor(i / 36))}, ${step(Math.floor(i / 6) % 6)}, ${step(i % 6)})`;
}

type State = Omit<Span, "start" | "end">;
const RESET: State = { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false };

function extended(codes: number[], i: number): { color: string | null; used: number } {
  if (codes[i + 1] === 5) return { color: color256(codes[i + 2]), used: 2 };
  if (codes[i + 1] === 2) {
    const [r, g, b] = codes.slice(i + 2, i + 5);
    const ok = [r, g, b].every((c) => Number.isInteger(c) && c >= 0 && c <= 255);
    return { color: ok ? `rgb(${r}, ${g}, ${b})` : null, used: 4 };
  }
  return { color: null, used: 0 };
}

export function applySgr(s: State, params: string): State {
  const codes = params === "" ? [0] : params.split(";").map((p) => (p === "" ? 0 : Number(p)));
  let next = { ...s };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) next = { ...RESET };
    else if (c === 1) next.bold = true;
    else if (c === 2) next.dim = true;
    else if (c === 3) next.italic = true;
    else if (c === 4) next.underline = true;
    else if (c === 22) next.bold = next.dim = false;
    else if (c === 23) next.italic = false;
    else if (c === 24) next.underline = false;
    else if (c >= 30 && c <= 37) next.fg = BASIC[c - 30];
    else if (c >= 90 && c <= 97) next.fg = BASIC[c - 90 + 8];
    else if (c === 39) next.fg = null;
    else if (c >= 40 && c <= 47) next.bg = BASIC[c - 40];
    else if (c >= 100 && c <= 107) next.bg = BASIC[c - 100 + 8];
    else if (c === 49) next.bg = null;
    else if (c === 38 || c === 48) {
      const { color, used } = extended(codes, i);
      if (c === 38) next.fg = color;
      else next.bg = color;
      i += used;
    }
  }
  return next;
}

const same = (a: State, b: State) =>
  a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline;
const plainStyle = (s: State) => same(s, RESET);

// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b(?:\[([0-9;?]*)([ -/]*)([@-~])|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])|[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Text without escapes; tabs expand to 8-column stops so columns match what is shown. */
export function toStyled(text: string): Styled {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u0008\u000b-\u001f\u007f\t]/.test(text)) return { plain: text, spans: [] };
  let plain = "";
  const spans: Span[] = [];
  let state: State = { ...RESET };
  const emit = (chunk: string) => {
    if (!chunk) return;
    let out = "";
    for (const ch of chunk) out += ch === "\t" ? " ".repeat(8 - ((plain.length + out.length) % 8)) : ch;
    const start = plain.length;
    plain += out;
    if (plainStyle(state)) return;
    const last = spans.at(-1);
    if (last && last.end === start && same(last, state)) last.end = plain.length;
    else spans.push({ start, end: plain.length, ...state });
  };
  let at = 0;
  for (const m of text.matchAll(ESCAPE)) {
    emit(text.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[3] === "m" && !m[2] && !(m[1] ?? "").includes("?")) state = applySgr(state, m[1] ?? "");
  }
  emit(text.slice(at));
  return { plain, spans };
}

/** Plain text only (search, copy, wrapping). */
export function plainOf(text: string): string {
  return toStyled(text).plain;
}
