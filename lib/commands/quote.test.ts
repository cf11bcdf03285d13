import { describe, expect, it } from "vitest";
import { CommandInputError } from "./errors";
import { quoteArg, toShell } from "./quote";
import { shellWords } from "./shell-echo.test-support";

describe("quoteArg", () => {
  it("leaves plain safe tokens bare", () => {
    for (const s of ["nix", "--json", "/nix/store/abc-x", "a=b", "user@host", "1,2:3%+"]) expect(quoteArg(s)).toBe(s);
  });
  it("single-quotes everything else and escapes single quotes", () => {
    expect(quoteArg("")).toBe("''");
    expect(quoteArg("a b")).toBe("'a b'");
    expect(quoteArg("it's")).toBe("'it'\\''s'");
    expect(quoteArg("$(id)")).toBe("'$(id)'");
  });
  it("refuses NUL bytes and non-strings", () => {
    expect(() => quoteArg("a\0b")).toThrow(CommandInputError);
    expect(() => quoteArg(5 as unknown as string)).toThrow(/must be a string/);
  });
});

describe("toShell", () => {
  const nasty = [
    'it\'s $(not) "run" ; | & \\',
    "`id`",
    "$HOME",
    "${IFS}",
    "*",
    "?",
    "~",
    "#x",
    "a\nb",
    "a\tb",
    " ",
    "",
    "'",
    "''",
    "\\'",
    "!",
    "-e",
    "--help",
    "frаme1 ✓ ünï 🚀",
    "%s",
    "a=b",
    "\u202e",
  ];
  it("round-trips every word through a real /bin/sh", () => {
    const argv = ["printf-target", ...nasty];
    expect(shellWords(toShell(argv))).toEqual(argv);
  });
  it("never lets the first word become an assignment or a reserved word", () => {
    expect(toShell(["A=b", "c"])).toBe("'A=b' c");
    expect(toShell(["if", "x"])).toBe("'if' x");
    expect(toShell(["env", "TZ=UTC", "date"])).toBe("env TZ=UTC date");
  });
  it("refuses an empty argv and NUL bytes", () => {
    expect(() => toShell([])).toThrow(CommandInputError);
    expect(() => toShell(["echo", "a\0"])).toThrow(/NUL/);
  });
});
