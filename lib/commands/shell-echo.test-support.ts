// Test support: run a command string through a real /bin/sh and get back the words it produced.
import { execFileSync } from "node:child_process";
import { expect } from "vitest";
import { CommandInputError } from "./errors";
import { commandLine, type RemoteCommand } from "./remote-command";

/** `printf '%s\0' <line>` in a real /bin/sh: the words the shell would pass to the program. */
export function shellWords(line: string): string[] {
  const out = execFileSync("/bin/sh", ["-c", `printf '%s\\0' ${line}`], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

/** Values that must never reach a remote shell as names. */
export const HOSTILE: unknown[] = [
  ";",
  "a;id",
  "$(id)",
  "`id`",
  "a|b",
  "a&&b",
  "a b",
  "a\nb",
  "a\rb",
  "a\0b",
  "a\tb",
  "-oProxyCommand=id",
  "--help",
  "-",
  "..",
  "../../etc/passwd",
  "fr\u0430me1",
  "x".repeat(10_000),
  "'",
  '"',
  "a\\b",
  "${IFS}",
  "~root",
  "*",
  "a\u202eb",
  "",
  42,
  {},
  null,
  [],
  true,
];

/** The command line, run through a real shell, gives back exactly argv (with the sudo prefix if any). */
export function expectRoundTrip(cmd: RemoteCommand): void {
  const expected = cmd.sudo ? ["sudo", "-n", "--", ...cmd.argv] : [...cmd.argv];
  expect(shellWords(commandLine(cmd))).toEqual(expected);
}

/** Every value in `values` makes `build` throw a CommandInputError whose message names `field`. */
export function expectAllRefused(values: unknown[], build: (v: unknown) => unknown, field: RegExp | string): void {
  for (const v of values) {
    let err: unknown;
    try {
      build(v);
    } catch (e) {
      err = e;
    }
    const label = `${typeof v === "string" ? JSON.stringify(v.slice(0, 30)) : String(v)}`;
    expect(err, label).toBeInstanceOf(CommandInputError);
    expect((err as Error).message, label).toMatch(field);
  }
}
