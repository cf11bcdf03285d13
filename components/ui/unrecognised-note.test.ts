// What a person sees when a parser could not read part of a tool's output: rendered with React's
// real server renderer from the parsers' real results on real (or format-derived) output.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PreviewPanel } from "@/components/deploy/preview-panel";
import { BuildProgressBar } from "@/components/jobs/build-progress-bar";
import { fixture } from "@/lib/fixtures/corpus.test-support";
import { parseActivation } from "@/lib/nix/activation-units";
import { buildProgressFrom } from "@/lib/nix/build-progress";
import { parseDiffClosures } from "@/lib/nix/diff-closures";
import { parseGenerations } from "@/lib/nix/generations";
import { UnrecognisedNote } from "./unrecognised-note";
import { unrecognisedText } from "@/lib/parse/unrecognised";

const html = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(el);
const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, " ")
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();

describe("unrecognisedText", () => {
  it("counts lines in words, singular and plural, and says nothing when all was read", () => {
    expect(unrecognisedText({ count: 3, sample: ["a"] }, "nix-env's output")).toBe("3 lines of nix-env's output were not recognised");
    expect(unrecognisedText({ count: 1, sample: ["a"] }, "nix-env's output")).toBe("1 line of nix-env's output was not recognised");
    expect(unrecognisedText({ count: 1200, sample: [] }, "x")).toBe("1,200 lines of x were not recognised");
    expect(unrecognisedText({ count: 0, sample: [] }, "x")).toBeNull();
    expect(unrecognisedText(undefined, "x")).toBeNull();
  });
});

describe("UnrecognisedNote", () => {
  it("shows the count and the first lines of a generations listing it could not read", () => {
    const listed = parseGenerations(
      `${fixture("real", "nix", "nix-env-list-generations-current-not-last.txt")}error: cannot lock profile\nwarning: x\n??\nlast\n`,
    );
    const out = html(
      createElement(UnrecognisedNote, {
        unrecognised: listed.unrecognised,
        source: "nix-env's output",
        testId: "generations-unrecognised",
      }),
    );
    expect(out).toContain('data-testid="generations-unrecognised"');
    expect(out).toContain('data-count="4"');
    expect(text(out)).toContain("4 lines of nix-env's output were not recognised: show the first 3 lines");
    expect(text(out)).toContain("error: cannot lock profile warning: x ??");
    expect(text(out)).toContain("…and 1 more.");
    expect(listed.generations).toHaveLength(3);
  });

  it("renders nothing for output read in full, or a value stored before the field existed", () => {
    expect(html(createElement(UnrecognisedNote, { unrecognised: { count: 0, sample: [] }, source: "x" }))).toBe("");
    expect(html(createElement(UnrecognisedNote, { unrecognised: undefined, source: "x" }))).toBe("");
  });
});

describe("the build preview and the build progress show it", () => {
  const preview = (closure: ReturnType<typeof parseDiffClosures> | null, activation: ReturnType<typeof parseActivation> | null) =>
    createElement(PreviewPanel, {
      job: {
        id: 7,
        finishedAt: "2026-12-05T11:00:00.000Z",
        preview: {
          currentSystem: null,
          builtPath: "/nix/store/aymaagvgj7jsygv4yyxdppplzbbbzyfm-nixos-system-frame1-24.11",
          closure,
          closureError: closure ? null : "x",
          activation,
          activationError: activation ? null : "y",
        },
      },
      runningPath: null,
    });

  it("a real closure diff and dry run read in full show no note", () => {
    const out = html(
      preview(
        parseDiffClosures(fixture("real", "nix", "store-diff-closures-multi-version.txt")),
        parseActivation(fixture("derived", "switch-to-configuration", "dry-activate-ng.txt")),
      ),
    );
    expect(out).toContain('data-testid="closure-summary"');
    expect(out).not.toContain("not recognised");
  });

  it("profile diff-closures output given to the store parser: the headers are shown as not recognised", () => {
    const out = html(
      preview(
        parseDiffClosures(fixture("real", "nix", "profile-diff-closures-3-generations.txt")),
        parseActivation("would frobnicate the following units: a.service\n"),
      ),
    );
    expect(text(out)).toContain("2 lines of nix store diff-closures' output were not recognised");
    expect(text(out)).toContain("Version 1 -> 2: Version 2 -> 3:");
    expect(text(out)).toContain("1 line of the dry run's output was not recognised");
    expect(out).toContain('data-testid="activation-unrecognised"');
  });

  it("a preview stored before `unrecognised` existed still renders", () => {
    const old = parseDiffClosures(fixture("real", "nix", "store-diff-closures-multi-version.txt"));
    const { unrecognised: _gone, ...stored } = old;
    expect(html(preview(stored as typeof old, null))).toContain('data-testid="closure-summary"');
  });

  it("the build progress bar shows @nix lines it could not read", () => {
    const p = buildProgressFrom([...fixture("real", "nix", "internal-json-phases-keep-going-fail.txt").split("\n"), "@nix {truncated"]);
    const out = html(createElement(BuildProgressBar, { progress: p, running: false }));
    expect(out).toContain('data-testid="build-log-unrecognised"');
    expect(text(out)).toContain("1 line of nix's log was not recognised");
    expect(text(out)).toContain("@nix {truncated");
  });
});
