// The machine page's generations and units sections (server components, rendered with React's
// server renderer) say when the host's output was not fully recognised, from the parsers' results
// on real captured output; nothing is said when it was read in full.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LiveGenerations, LiveUnits } from "@/app/(panel)/machines/[name]/sections";
import { fixture } from "@/lib/fixtures/corpus.test-support";
import type { MachineLive } from "@/lib/machine/live-status";
import type { MachinePageData } from "@/lib/machine/page-data";
import { parseGenerations } from "@/lib/nix/generations";
import { parseSystemctlShow } from "@/lib/systemd/show";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

function live(generationsText: string, showText: string): MachineLive {
  const g = parseGenerations(generationsText);
  const u = parseSystemctlShow(showText);
  return {
    reachable: true,
    error: null,
    setup: false,
    system: {
      path: "/nix/store/aymaagvgj7jsygv4yyxdppplzbbbzyfm-nixos-system-frame1-24.11",
      version: "24.11",
      activatedAt: null,
      profileGeneration: 7,
      wrapper: null,
      profileDiffers: false,
    },
    generations: g.generations,
    generationsError: null,
    generationsUnrecognised: g.unrecognised,
    generationFacts: {},
    pathOrigins: {},
    pathOriginsError: null,
    pathOriginsUnrecognised: null,
    units: u.units,
    unitsError: null,
    unitsUnrecognised: u.unrecognised,
  };
}

const data = { deploys: [] } as unknown as MachinePageData;
const plan = { rollbackHost: "frame1 (root@frame1)", rollback: () => [], error: "not deployable in this test" };
const services = [
  { name: "Web app", unit: "webapp.service" },
  { name: "Flaky", unit: "flaky.service" },
];
const ONE_GENERATION = "   7   2026-12-05 11:54:11   (current)\n";

async function render(l: MachineLive) {
  const gens = renderToStaticMarkup(await LiveGenerations({ live: Promise.resolve(l), data, plan }));
  const units = renderToStaticMarkup(
    await LiveUnits({
      live: Promise.resolve(l),
      services,
      machine: "frame1",
      denied: "viewer",
      restart: async () => ({ ok: false, message: "no" }),
    }),
  );
  return { gens, units };
}

describe("machine page sections", () => {
  it("real output read in full: the generations and units, no note", async () => {
    const { gens, units } = await render(live(ONE_GENERATION, fixture("real", "systemd", "systemctl-show-panel-properties-cet.txt")));
    expect(gens).toContain('data-testid="generation-row"');
    expect(gens).not.toContain("not recognised");
    expect(units).toContain("since");
    expect(units).not.toContain("not recognised");
  });

  it("a line nix-env printed that is not a generation, and IST timestamps: both said, with the lines", async () => {
    const { gens, units } = await render(
      live(
        `${ONE_GENERATION}error: opening lock file '/nix/var/nix/profiles/system.lock'\n`,
        fixture("real", "systemd", "systemctl-show-panel-properties-ist.txt"),
      ),
    );
    expect(gens).toContain('data-testid="generations-unrecognised"');
    expect(text(gens)).toContain("1 line of nix-env's output was not recognised");
    expect(text(gens)).toContain("error: opening lock file '/nix/var/nix/profiles/system.lock'");
    expect(gens).toContain('data-testid="generation-row"');
    expect(units).toContain('data-testid="units-unrecognised"');
    expect(text(units)).toContain("3 lines of systemctl show's output were not recognised");
    expect(text(units)).toContain("webapp.service: ActiveEnterTimestamp=Sat 2026-12-05 17:24:35 IST");
    expect(units).not.toContain("since");
  });

  it("output with no generation at all is not an empty timeline: the note says why", async () => {
    const { gens } = await render(live("sudo: a password is required\n", ""));
    expect(text(gens)).toContain("No generations listed.");
    expect(text(gens)).toContain("1 line of nix-env's output was not recognised");
    expect(text(gens)).toContain("sudo: a password is required");
  });
});
