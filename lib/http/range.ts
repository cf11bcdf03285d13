// HTTP range requests (RFC 9110 §14) for one resource of a known size: which bytes to send. A pure,
// total function: any header value (absent, malformed, hostile, huge) gives an answer, never a throw.
//   - no Range, a Range that is not `bytes=...`, or a syntax error: the whole file (200): §14.2 lets a
//     server ignore a Range it does not understand;
//   - one satisfiable range (`a-b`, `a-`, `-n`): 206 with those bytes (b and n clipped to the size);
//   - several ranges: the whole file (200) rather than multipart/byteranges (allowed by §14.2);
//   - a valid range with no byte inside the file: 416 with `Content-Range: bytes */size`.
// `If-Range` (§13.1.5) decides whether the Range counts at all: only when it equals the current
// strong ETag (a date, a weak or a different tag: the whole file).

export type RangeAnswer = { kind: "whole" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

/** Longest header value looked at; longer ones are not a range a download client sends. */
const MAX_HEADER = 256;
const DIGITS = /^[0-9]{1,16}$/;

function num(s: string): number | null {
  if (!DIGITS.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

export function parseRange(header: string | null | undefined, size: number, ifRange?: string | null, etag?: string): RangeAnswer {
  if (typeof header !== "string" || header.length > MAX_HEADER || !Number.isSafeInteger(size) || size < 0) return { kind: "whole" };
  if (ifRange !== undefined && ifRange !== null && (etag === undefined || ifRange.trim() !== etag || etag.startsWith("W/")))
    return { kind: "whole" };
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!m) return { kind: "whole" };
  const specs = m[1].split(",").map((s) => s.trim());
  if (specs.length !== 1) return { kind: "whole" };
  const spec = specs[0];
  const dash = spec.indexOf("-");
  if (dash < 0) return { kind: "whole" };
  const first = spec.slice(0, dash).trim();
  const last = spec.slice(dash + 1).trim();
  if (first === "") {
    // suffix: the last n bytes
    const n = num(last);
    if (n === null) return { kind: "whole" };
    if (n === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - n), end: size - 1 };
  }
  const start = num(first);
  if (start === null) return { kind: "whole" };
  let end = size - 1;
  if (last !== "") {
    const e = num(last);
    if (e === null || e < start) return { kind: "whole" };
    end = Math.min(e, size - 1);
  }
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end };
}

/** The Content-Range value of a 206 (`bytes a-b/size`) or a 416 (`bytes *\/size`). */
export function contentRange(answer: RangeAnswer, size: number): string | null {
  if (answer.kind === "partial") return `bytes ${answer.start}-${answer.end}/${size}`;
  if (answer.kind === "unsatisfiable") return `bytes */${size}`;
  return null;
}
