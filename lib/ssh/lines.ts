// Splits a byte stream into text lines: UTF-8 safe across chunk boundaries, "\n" and "\r\n" endings,
// a final line without newline, and bounded memory (an over-long line is cut with a marker).
import { StringDecoder } from "node:string_decoder";

export const MAX_LINE_CHARS = 64 * 1024;

export function truncationMarker(dropped: number): string {
  return ` …[line truncated: ${dropped} more characters]`;
}

export class LineSplitter {
  private readonly decoder = new StringDecoder("utf8");
  private pending = "";
  private dropped = 0;

  constructor(
    private readonly emit: (line: string) => void,
    private readonly maxChars = MAX_LINE_CHARS,
  ) {}

  push(chunk: Buffer | string): void {
    this.take(typeof chunk === "string" ? chunk : this.decoder.write(chunk));
  }

  /** Flushes a final line that had no newline (and any incomplete UTF-8 sequence as U+FFFD). */
  end(): void {
    this.take(this.decoder.end());
    if (this.pending !== "" || this.dropped > 0) this.flush();
  }

  private take(text: string): void {
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      this.append(text.slice(start, nl));
      this.flush();
      start = nl + 1;
    }
    if (start < text.length) this.append(text.slice(start));
  }

  private append(part: string): void {
    // Keep at most maxChars + 1 characters (the extra one may be the "\r" of "\r\n"); count the rest.
    const room = this.maxChars + 1 - this.pending.length;
    if (this.dropped === 0 && part.length <= room) {
      this.pending += part;
      return;
    }
    const keep = Math.max(0, room);
    this.pending += part.slice(0, keep);
    this.dropped += part.length - keep;
  }

  private flush(): void {
    let line = this.pending;
    let dropped = this.dropped;
    if (dropped === 0 && line.endsWith("\r")) line = line.slice(0, -1);
    if (line.length > this.maxChars) {
      let cut = this.maxChars;
      const code = line.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // don't split a surrogate pair
      dropped += line.length - cut;
      line = line.slice(0, cut);
    }
    if (dropped > 0) line += truncationMarker(dropped);
    this.pending = "";
    this.dropped = 0;
    this.emit(line);
  }
}
