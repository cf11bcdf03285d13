// The one POSIX-shell quoting helper. ssh sends a single command string, so argv is joined here.
import { CommandInputError } from "./errors";

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** Words the shell treats specially when they are the first word of a command. */
const RESERVED = new Set([
  "!",
  "case",
  "coproc",
  "do",
  "done",
  "elif",
  "else",
  "esac",
  "fi",
  "for",
  "function",
  "if",
  "in",
  "select",
  "then",
  "time",
  "until",
  "while",
]);

/** Quote one word for a POSIX shell: plain safe tokens stay bare, everything else is single-quoted. */
export function quoteArg(s: string): string {
  if (typeof s !== "string") throw new CommandInputError("argument", "must be a string", s);
  if (s.includes("\0")) throw new CommandInputError("argument", "must not contain a NUL byte");
  if (SAFE.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Join argv into one shell command string in which every word arrives unchanged. */
export function toShell(argv: readonly string[]): string {
  if (!Array.isArray(argv) || argv.length === 0) throw new CommandInputError("argv", "must be a non-empty list");
  return argv
    .map((word, i) => {
      const quoted = quoteArg(word);
      // The first word must never be read as an assignment (`A=b`) or a reserved word.
      if (i === 0 && quoted === word && (word.includes("=") || RESERVED.has(word))) return `'${word}'`;
      return quoted;
    })
    .join(" ");
}
