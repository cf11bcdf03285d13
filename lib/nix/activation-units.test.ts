import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { activationIsEmpty, emptyActivation, parseActivation, scanActivationLine } from "./activation-units";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("parseActivation", () => {
  it("reads the lab's deploy --dry-activate output (captured): grafana restarts", () => {
    const a = parseActivation(fixture("dry-activate-lab.txt"));
    expect(a).toEqual({ stop: [], restart: ["grafana.service"], reload: [], start: [], keep: [] });
    expect(activationIsEmpty(a)).toBe(false);
  });

  it("reads every NixOS line shape, with ANSI colour, CRLF and repeats", () => {
    const out = [
      "would stop the following units: a.service, b.socket",
      "would NOT stop the following changed units: c.service",
      "\u001b[1mwould restart the following units: grafana.service, loki.service\u001b[0m\r",
      "would reload the following units: caddy.service",
      "would start the following units: d.service",
      "would restart the following units: grafana.service",
      "would restart systemd",
    ].join("\n");
    expect(parseActivation(out)).toEqual({
      stop: ["a.service", "b.socket"], keep: ["c.service"], restart: ["grafana.service", "loki.service"],
      reload: ["caddy.service"], start: ["d.service"],
    });
  });

  it("ignores the real activation's (non-dry) lines and noise", () => {
    const a = emptyActivation();
    expect(scanActivationLine(a, "restarting the following units: grafana.service")).toBe(false);
    expect(scanActivationLine(a, "would activate the configuration...")).toBe(false);
    expect(activationIsEmpty(a)).toBe(true);
  });
});
