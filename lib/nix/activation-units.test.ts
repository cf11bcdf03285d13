import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { corpus, fixture as derived } from "../fixtures/corpus.test-support";
import { noUnrecognised } from "../parse/unrecognised";
import { activationIsEmpty, emptyActivation, parseActivation, parseSwitch, scanActivationLine } from "./activation-units";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const none = noUnrecognised();

describe("parseActivation (dry-activate)", () => {
  it("reads the lab's deploy --dry-activate output (captured): grafana restarts", () => {
    const a = parseActivation(fixture("dry-activate-lab.txt"));
    expect(a).toEqual({ stop: [], restart: ["grafana.service"], reload: [], start: [], keep: [], unrecognised: none });
    expect(activationIsEmpty(a)).toBe(false);
  });

  it.each(corpus("derived", "switch-to-configuration", "dry-activate").map((f) => [f.name, f.text]))(
    "reads %s without leftovers",
    (_n, text) => {
      const a = parseActivation(text);
      expect(a.unrecognised).toEqual(none);
      expect(activationIsEmpty(a)).toBe(false);
    },
  );

  it("switch-to-configuration-ng's dry-activate lines, in its order", () => {
    expect(parseActivation(derived("derived", "switch-to-configuration", "dry-activate-ng.txt"))).toEqual({
      stop: ["loki.service", "promtail.service"],
      keep: ["systemd-journald.service"],
      reload: ["caddy.service", "dbus.service"],
      restart: ["grafana.service", "systemd-networkd.service"],
      start: ["alloy.service", "loki.service"],
      unrecognised: none,
    });
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
      stop: ["a.service", "b.socket"],
      keep: ["c.service"],
      restart: ["grafana.service", "loki.service"],
      reload: ["caddy.service"],
      start: ["d.service"],
      unrecognised: none,
    });
  });

  it("ignores other tools' lines; a line in switch-to-configuration's words it cannot place is unrecognised", () => {
    const a = emptyActivation();
    expect(scanActivationLine(a, "🚀 ℹ️ [deploy] [INFO] Copying profile `system` to node `frame1`")).toBe(false);
    expect(scanActivationLine(a, "copying 0 paths...")).toBe(false);
    expect(scanActivationLine(a, "would activate the configuration...")).toBe(true);
    expect(a.unrecognised).toEqual(none);
    expect(scanActivationLine(a, "restarting the following units: grafana.service")).toBe(false);
    expect(scanActivationLine(a, "⭐ ℹ️ [activate] [INFO] would frobnicate the following units: x.service")).toBe(false);
    expect(a.unrecognised).toEqual({
      count: 2,
      sample: [
        "restarting the following units: grafana.service",
        "⭐ ℹ️ [activate] [INFO] would frobnicate the following units: x.service",
      ],
    });
    expect(activationIsEmpty(a)).toBe(true);
  });
});

describe("parseSwitch (switch / test)", () => {
  it.each(corpus("derived", "switch-to-configuration", "switch").map((f) => [f.name, f.text]))("reads %s without leftovers", (_n, text) => {
    expect(parseSwitch(text).unrecognised).toEqual(none);
  });

  it("reads what a switch stopped, restarted, reloaded, started, kept, newly started and what failed", () => {
    expect(parseSwitch(derived("derived", "switch-to-configuration", "switch-ng.txt"))).toEqual({
      stop: ["loki.service", "promtail.service"],
      keep: ["systemd-journald.service"],
      reload: ["caddy.service", "dbus.service"],
      restart: ["grafana.service", "systemd-networkd.service"],
      start: ["alloy.service", "loki.service"],
      started: ["alloy.service", "run-credentials-alloy.service.mount"],
      failed: ["home-assistant.service"],
      unrecognised: none,
    });
  });

  it("a dry-run line in a real switch's output is unrecognised", () => {
    expect(parseSwitch("would restart the following units: a.service\n").unrecognised).toEqual({
      count: 1,
      sample: ["would restart the following units: a.service"],
    });
  });
});
