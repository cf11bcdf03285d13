// How a stored job log line is shown: nix's internal-json lines ("@nix {...}") become the message
// a person would read, or are hidden when they only carry progress (shown above the log instead).
import { drvName, parseNixLine, Verbosity } from "@/lib/nix/internal-json";
import { LEVEL, type Level } from "./line-store";

export type Shown = { text: string; level: Level };

export function displayOf(stream: "stdout" | "stderr" | "system", text: string): Shown {
  const base: Level = stream === "stderr" ? LEVEL.stderr : stream === "system" ? LEVEL.system : LEVEL.normal;
  if (!text.startsWith("@nix ")) return { text, level: base };
  const e = parseNixLine(text);
  if (!e) return { text, level: LEVEL.hidden };
  switch (e.kind) {
    case "msg":
      return { text: e.text, level: e.level === Verbosity.Error ? LEVEL.error : e.level === Verbosity.Warn ? LEVEL.warn : LEVEL.normal };
    case "start":
      if (e.drvPath) return { text: `building ${drvName(e.drvPath)}`, level: LEVEL.system };
      return e.text ? { text: e.text, level: LEVEL.normal } : { text, level: LEVEL.hidden };
    case "log-line":
      return { text: e.line, level: LEVEL.normal };
    case "text":
    case "unrecognised":
      // Shown as it came: a line the panel cannot read is never hidden.
      return { text: e.text, level: base };
    default:
      return { text, level: LEVEL.hidden };
  }
}
