// The deploy-rs output reader against the derived corpus (lib/fixtures/derived/deploy-rs: written
// in the format deploy-rs's source prints, with our own values; sources in
// lib/fixtures/real/SOURCES.md). What each file must yield, per node and profile, is what
// lib/fixtures/derived/deploy-rs/EXPECTED.md derives from the text and deploy-rs's source.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixture } from "../fixtures/corpus.test-support";
import { DeployLogReader, logRecord } from "./deploy-log";
import { CASES, view, want } from "./deploy-log.cases.test-support";

const DIR = new URL("../fixtures/derived/deploy-rs/", import.meta.url);
const read = (name: string) => {
  const r = new DeployLogReader();
  for (const l of fixture("derived", "deploy-rs", `${name}.txt`).split("\n")) r.feed(l);
  return r.scan;
};

describe("deploy-rs output, derived corpus", () => {
  it("every file of the corpus has its expectations here", () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => f.slice(0, -4))
      .sort();
    expect(files).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))("%s", (name, c) => {
    const scan = read(name);
    expect(scan.nodes.map(view)).toEqual(c.nodes.map(want));
    expect(scan.errors).toEqual(c.errors ?? []);
    expect(scan.revoking).toBe(c.revoking ?? false);
    expect(scan.unrecognised).toEqual({ count: 0, sample: [] });
  });

  it("keeps a message it does not know as unrecognised, never drops it silently", () => {
    const r = new DeployLogReader();
    for (const l of [
      "🚀 ℹ️ [deploy] [INFO] Activating profile `system` for node `n1`",
      "🚀 ℹ️ [deploy] [INFO] Something a newer deploy-rs says",
    ])
      r.feed(l);
    expect(r.scan.unrecognised).toEqual({ count: 1, sample: ["Something a newer deploy-rs says"] });
  });

  it("reads the level and message in every format deploy-rs has printed", () => {
    expect(logRecord("🚀 ℹ️ [deploy] [\x1b[38;5;51mINFO\x1b[0m] Evaluating flake in .")).toEqual({
      source: "deploy",
      level: "INFO",
      message: "Evaluating flake in .",
    });
    expect(logRecord("🚀 ℹ  [deploy] [INFO] Evaluating flake in .")).toMatchObject({ message: "Evaluating flake in ." });
    expect(logRecord("↩️ ⚠️ [revoke] [WARN] De-activating due to error")).toMatchObject({ source: "revoke", level: "WARN" });
    expect(logRecord("INFO [deploy::cli] Evaluating flake in .")).toMatchObject({ source: "deploy", message: "Evaluating flake in ." });
    expect(logRecord("INFO [activate] Activating profile")).toMatchObject({ source: "activate" });
    // the 2020 releases' pretty_env_logger (no public capture survives; shape from its source)
    expect(logRecord(" INFO  deploy > Running checks for flake in .")).toMatchObject({
      source: "deploy",
      message: "Running checks for flake in .",
    });
    // a record after what another program left on the row
    expect(logRecord("[2/3 built] building etc👀 ❌ [wait] [ERROR] Error waiting for activation: x")).toEqual({
      source: "wait",
      level: "ERROR",
      message: "Error waiting for activation: x",
    });
    expect(logRecord('path = "/nix/store/x"')).toBeNull();
    expect(logRecord("[deploy] [INFO] no emoji, no record")).toBeNull();
  });

  it("takes a node's rollback claim and a revocation in a multi-node run apart (stand-in lines, deploy-rs's texts)", () => {
    const r = new DeployLogReader();
    const I = (m: string) => `🚀 ℹ️ [deploy] [INFO] ${m}`;
    for (const l of [
      I("The following profiles are going to be deployed:"),
      "[a.system]",
      'path = "/nix/store/00000000000000000000000000000000-activatable-a"',
      "",
      "[b.system]",
      'path = "/nix/store/11111111111111111111111111111111-activatable-b"',
      "",
      I("Activating profile `system` for node `a`"),
      "⭐ ℹ️ [activate] [INFO] Activation succeeded!",
      I("Deployment confirmed."),
      I("Activating profile `system` for node `b`"),
      "⭐ ⚠️ [activate] [WARN] De-activating due to error",
      "🚀 ❌ [deploy] [ERROR] Activating over SSH resulted in a bad exit code: Some(1)",
      I("Revoking previous deploys"),
      "↩️ ⚠️ [revoke] [WARN] De-activating due to error",
      "🚀 ❌ [deploy] [ERROR] Deployment to node b failed, rolled back to previous generation",
    ])
      r.feed(l);
    const [a, b] = r.scan.nodes;
    expect(a).toMatchObject({ node: "a", phase: "done", revoked: true, deactivated: false, rollbackClaimed: false });
    expect(b).toMatchObject({ node: "b", phase: "activating", revoked: false, deactivated: true, rollbackClaimed: true });
    // toml 0.8 puts a blank line between the tables: the second one's path is still the summary's
    expect([a.path, b.path]).toEqual([
      "/nix/store/00000000000000000000000000000000-activatable-a",
      "/nix/store/11111111111111111111111111111111-activatable-b",
    ]);
  });

  it("a usage error from a node's activate-rs is not the run's command line error", () => {
    const r = new DeployLogReader();
    r.feed("🚀 ℹ️ [deploy] [INFO] Activating profile `system` for node `a`");
    r.feed("error: unexpected argument '--boot' found");
    expect(r.scan.errors).toEqual([]);
  });

  it("gives a dry run's completions to the profiles in deploy order, not the summary's", () => {
    const r = new DeployLogReader();
    const I = (m: string) => `🚀 ℹ️ [deploy] [INFO] ${m}`;
    for (const l of [
      I("The following profiles are going to be deployed:"),
      "[b.system]",
      'user = "root"',
      "",
      "[a.system]",
      'user = "root"',
      "",
      I("Building profile `system` for node `a`"),
      I("Building profile `system` for node `b`"),
      I("Completed dry-activate!"),
      "🚀 ❌ [deploy] [ERROR] Activating over SSH resulted in a bad exit code: Some(255)",
    ])
      r.feed(l);
    expect(r.scan.nodes.map((n) => [n.node, n.dryCompleted])).toEqual([
      ["b", false],
      ["a", true],
    ]);
  });

  it("revokes the profiles in the order they succeeded, not the summary's", () => {
    const r = new DeployLogReader();
    const I = (m: string) => `🚀 ℹ️ [deploy] [INFO] ${m}`;
    for (const l of [
      I("The following profiles are going to be deployed:"),
      "[b.system]",
      'user = "root"',
      "",
      "[a.system]",
      'user = "root"',
      "",
      "[c.system]",
      'user = "root"',
      "",
      ...["a", "b", "c"].map((n) => I(`Building profile \`system\` for node \`${n}\``)),
      I("Activating profile `system` for node `a`"),
      I("Deployment confirmed."),
      I("Activating profile `system` for node `b`"),
      I("Deployment confirmed."),
      I("Activating profile `system` for node `c`"),
      "🚀 ❌ [deploy] [ERROR] Activating over SSH resulted in a bad exit code: Some(1)",
      I("Revoking previous deploys"),
      "↩️ ⚠️ [revoke] [WARN] De-activating due to error",
    ])
      r.feed(l);
    expect(r.scan.nodes.map((n) => [n.node, n.revoked])).toEqual([
      ["b", false],
      ["a", true],
      ["c", false],
    ]);
  });
});
