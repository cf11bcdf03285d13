// Hostile or broken YAML: refused with a clear ImportSyntaxError (a 400 at the edges), quickly, and
// without anything printed; never a crash, a hang or a 500.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { homepageCandidates, ImportSyntaxError } from ".";
import { MAX_SOURCE_CHARS } from "./yaml-source";

function refusal(text: string): ImportSyntaxError {
  try {
    homepageCandidates(text, "services");
  } catch (err) {
    if (err instanceof ImportSyntaxError) return err;
    throw new Error(`not an ImportSyntaxError: ${String(err)}`, { cause: err });
  }
  throw new Error("accepted");
}

const BILLION_LAUGHS = [
  "- a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
  "- b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "- c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "- d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "- e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
  "- f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
  "- g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]",
  "- h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]",
  "- i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]",
  "- Group:",
  "    - Service:",
  "        description: *i",
].join("\n");

let spies: ReturnType<typeof vi.spyOn>[] = [];
beforeEach(() => {
  spies = [vi.spyOn(console, "warn"), vi.spyOn(console, "log"), vi.spyOn(console, "error"), vi.spyOn(process, "emitWarning")];
});
afterEach(() => {
  for (const s of spies) expect(s).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe("alias bombs", () => {
  it("a billion laughs is refused with a clear message", () => {
    const err = refusal(BILLION_LAUGHS);
    expect(err.message).toMatch(
      /^The YAML expands its aliases \(\*name\) more than 1000 times; refused as an alias bomb \("billion laughs"\)/,
    );
  });

  it("the same bomb hidden in groups the walker follows (nested group aliases) is refused too", () => {
    const lines = ["- Top: &l0", "    - S:", "        href: http://s.lan"];
    for (let i = 1; i <= 8; i++) lines.push(`- G${i}: &l${i}`, ...Array.from({ length: 8 }, () => `    - Sub: *l${i - 1}`));
    expect(refusal(lines.join("\n")).message).toMatch(/alias bomb|more than 5000 entries/);
  });

  it("ordinary anchors (shared fields) still work", () => {
    const text = "- G:\n    - A: &x\n        href: http://a.lan\n    - B: *x\n    - C:\n        <<: *x\n        description: c\n";
    expect(homepageCandidates(text, "services").candidates.map((c) => c.values.url)).toEqual([
      "http://a.lan",
      "http://a.lan",
      "http://a.lan",
    ]);
  });
});

describe("size and nesting", () => {
  it("refuses a text larger than the bound before parsing it", () => {
    expect(refusal("#".repeat(MAX_SOURCE_CHARS + 1)).message).toBe(`The configuration is larger than ${MAX_SOURCE_CHARS} characters.`);
  });

  it("refuses nesting far past any Homepage file, with the line (the parser would exhaust the stack)", () => {
    expect(refusal(`- G:\n    - S:\n        href: http://s.lan\n${"- ".repeat(100_000)}x\n`)).toMatchObject({
      line: 4,
      message: 'Line 4: more than 64 nested "- " on one line; the configuration is nested too deeply to be a Homepage file.',
    });
    expect(refusal(`- G: ${"[".repeat(200_000)}`).message).toMatch(/^Line 1: more than 64 nested \[ or \{/);
    expect(refusal(`- G:\n${" ".repeat(5000)}- x: 1\n`).line).toBe(2);
  });
});

describe("malformed YAML keeps being refused with line and column", () => {
  it.each([
    ["- G:\n    - S:\n\thref: http://x\n", /^Line 3, column 1: Tabs are not allowed as indentation/],
    ["- G:\n    - S: {href: http://x\n", /^Line 3, column 1: /],
    ["- G:\n    - S:\n        href: a\n        href: b\n", /^Line 4, column 9: Map keys must be unique/],
    ["- G: []\n---\n- H: []\n", /^Line 2, column 1: Source contains multiple documents/],
  ])("%j", (text, message) => {
    expect(refusal(text).message).toMatch(message);
  });

  it("a flow map where a template was mistyped ({ { HOMEPAGE_VAR_X } }, as a formatter left it in a real file) is read without a console warning", () => {
    const text =
      "- G:\n    - Proxmox:\n        href: https://pve.lan\n        widget:\n          type: proxmox\n          username: { { HOMEPAGE_VAR_PRX_USERNAME } }\n";
    const [c] = homepageCandidates(text, "services").candidates;
    expect(c.values.url).toBe("https://pve.lan");
    expect(c.notes).toEqual([{ level: "skipped", text: 'widget "proxmox": the panel does not show Homepage widgets.' }]);
  });
});
