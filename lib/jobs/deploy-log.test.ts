// The deploy-rs output reader against real captures (lib/fixtures/real/deploy-rs, sources in
// lib/fixtures/real/SOURCES.md). What each fixture must yield is what EXPECTED.md derives from the
// text and deploy-rs's source; where a capture is cut, only what it still shows is asserted.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeployLogReader, logRecord, type NodeLog } from "./deploy-log";

const DIR = join(__dirname, "../fixtures/real/deploy-rs");
const read = (name: string) => {
  const r = new DeployLogReader();
  for (const l of readFileSync(join(DIR, `${name}.txt`), "utf8").split("\n")) r.feed(l);
  return r.scan;
};
type Want = Partial<Omit<NodeLog, "errors" | "path">> & { node: string; profile?: string; path?: string | null; errors?: string[] };
const node = (n: NodeLog[], w: Want) => {
  const found = n.find((x) => x.node === w.node && x.profile === (w.profile ?? "system"));
  expect(found, `node ${w.node}`).toBeDefined();
  const { errors, path, ...rest } = w;
  expect(found).toMatchObject(rest);
  if (path !== undefined) expect(found!.path === null ? null : found!.path.slice(11, 43)).toBe(path);
  for (const e of errors ?? []) expect(found!.errors.join("\n")).toContain(e);
};

// fixture -> nodes as deploy-rs's output shows them, and the run's own errors
const CASES: Record<string, { nodes: Want[]; errors?: string[]; revoking?: boolean }> = {
  "interactive-yes-remote-build-success-2023": { nodes: [{ node: "rpi4-01", path: "x901jwam6nzwgfxyzy7wa5hahm33fb93", phase: "done", confirmed: true, deactivated: false }] },
  "multi-node-3-nodes-success-2022": {
    nodes: [
      { node: "uGamingPC", path: "gm18qbk6c3kzj8k7hhix85gkxxrsspxc", phase: "done", confirmed: true },
      { node: "uWebServer", path: "ipbsraji0nvcv5wg7abv82i2hl9whwar", phase: "done", confirmed: true },
      { node: "uMsiLaptop", path: "w6pacicd260mvh3m6abp2hqaq0mpjh53", phase: "done", confirmed: true },
    ],
  },
  "one-node-two-profiles-success-2024": {
    nodes: [{ node: "production", profile: "wasabi", path: null, phase: "done", confirmed: true }, { node: "production", profile: "bitcoin", path: null, phase: "done", confirmed: true }],
  },
  "two-parallel-runs-activation-fail-auto-rollback-2026": {
    // two processes interleaved: each node's rollback claim is its own; svc's De-activating is attributable
    nodes: [
      { node: "nixos-vps-svc", path: "f7pgll433iq640va8m3m4wq3r0np2b74", deactivated: true, rollbackClaimed: true, confirmed: false },
      { node: "nixos-vps-dev", path: "qhp33nkacn0lcbkjh2d5x0r8b6b797sa", rollbackClaimed: true, confirmed: false, errors: ["Deployment to node nixos-vps-dev failed"] },
    ],
    revoking: true,
  },
  "issue-241-auto-rollback-off-activation-fail-2023": {
    // deploy-rs claims a rollback although activate-rs never de-activated (autoRollback = false)
    nodes: [], revoking: true,
    errors: ["The activation script resulted in a bad exit code: Some(4)", "Deployment failed, rolled back to previous generation"],
  },
  "issue-58-magic-rollback-activation-fail-hangs-2021": {
    // the waiter's own time-out is not a magic rollback
    nodes: [{ node: "test", profile: "myprofile", phase: "activating", confirmTimeout: false, deactivated: false, errors: ["Waiting over SSH resulted in a bad exit code: Some(1)"] }],
  },
  "issue-58-no-magic-rollback-activation-fail-2021": { nodes: [], errors: ["Failed to deploy profile: Activating over SSH resulted in a bad exit code: Some(1)"] },
  "issue-68-magic-rollback-confirmation-timeout-2021": { nodes: [], errors: ["Error waiting for confirmation event: Timeout elapsed for confirmation"] },
  // the author cut the summary's first line: a bare TOML table is not taken for it
  "issue-214-magic-rollback-timeout-after-confirmed-2023": { nodes: [{ node: "myhost", path: null, confirmed: true }] },
  "issue-86-log-dir-file-deploy-2021": { nodes: [{ node: "router", path: "mblwh0vfb61lsrgfskaa4vplilnky0a2", phase: "activating" }] },
  "issue-260-copy-failed-before-activation-2024": { nodes: [{ node: "golgi", phase: "copied", errors: ["Failed to push profile: Nix copy command resulted in a bad exit code: Some(1)"] }] },
  "issue-369-debug-boot-build-failed-before-activation-2026": { nodes: [{ node: "sun", path: "p6kfdcrp67l74ypv3iapc0gbrd1bwqm7", phase: "planned", errors: ["Failed to build profile on node sun: sun"] }] },
  "issue-85-check-failed-before-activation-2021": { nodes: [], errors: ["Failed to check deployment: Nix checking command resulted in a bad exit code: Some(1)"] },
  "issue-292-debug-stuck-at-copying-2024": { nodes: [{ node: "minimal", path: "2djkzip3zgi31j49ahw09yfnjg28b6lz", phase: "copied" }] },
  "issue-294-debug-remote-build-interrupted-2024": { nodes: [{ node: "robot", path: "jqp8p6xwcfdrhfjkfdxg9i97fnmf2d0r", phase: "built" }] },
  "issue-100-activate-rs-clap-error-version-mismatch-2021": { nodes: [], errors: ["Activating over SSH resulted in a bad exit code: Some(2)"] },
  "issue-232-activate-rs-clap2-error-version-mismatch-2023": { nodes: [{ node: "flutters", path: "bb4csiqr662xpmah6zq2l1553avzsmri", phase: "activating", confirmed: false }] },
  "issue-325-clap-targets-conflict-2025": { nodes: [], errors: ["error: the argument '--targets <TARGETS>' cannot be used with '[TARGET]'"] },
  "pr-327-clap-targets-with-extra-args-conflict-2025": { nodes: [], errors: ["cannot be used with '[TARGET]'"] },
  "issue-179-magic-rollback-wait-timeout-ci-exit0-2022": { nodes: [], revoking: true, errors: ["Waiting over SSH resulted in a bad exit code: Some(1)"] },
  "issue-287-confirmation-timeout-panic-backtrace-2024": { nodes: [], errors: ["Failed to get activation confirmation: Error waiting for confirmation event: Timeout elapsed for confirmation"] },
  "issue-144-debug-magic-rollback-2022": { nodes: [{ node: "lappy", path: "k3jchq3zcsy90gzc9rh11i6ddhbl12n1", phase: "activating" }] },
  "issue-299-interactive-sudo-warnings-2024": { nodes: [] },
  "darwin-example-ssh-password-prompts-auth-failure": { nodes: [{ node: "vm1", phase: "activating", confirmed: false }] },
  "pr-81-dry-activate-prototype-2021": { nodes: [{ node: "web34", phase: "done" }] },
  "pr-81-dry-activate-prototype-build-2021": { nodes: [{ node: "router2", path: "41wlil15dpgzzshrskh3qm50xqrinqnx", phase: "built" }] },
};

describe("deploy-rs output, real captures", () => {
  it("every fixture of the corpus has its expectations here", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".txt")).map((f) => f.slice(0, -4)).sort();
    expect(files).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))("%s", (name, want) => {
    const scan = read(name);
    expect(scan.nodes.length).toBe(want.nodes.length);
    for (const w of want.nodes) node(scan.nodes, w);
    for (const e of want.errors ?? []) expect(scan.errors.join("\n") + "\n" + scan.nodes.flatMap((n) => n.errors).join("\n")).toContain(e);
    expect(scan.revoking).toBe(want.revoking ?? false);
  });

  it("reads the level and message in every format deploy-rs has printed", () => {
    expect(logRecord("🚀 ℹ️ [deploy] [\x1b[38;5;51mINFO\x1b[0m] Evaluating flake in .")).toEqual({ source: "deploy", level: "INFO", message: "Evaluating flake in ." });
    expect(logRecord("🚀 ℹ  [deploy] [INFO] Evaluating flake in .")).toMatchObject({ message: "Evaluating flake in ." });
    expect(logRecord("↩️ ⚠️ [revoke] [WARN] De-activating due to error")).toMatchObject({ source: "revoke", level: "WARN" });
    expect(logRecord("INFO [deploy::cli] Evaluating flake in .")).toMatchObject({ source: "deploy", message: "Evaluating flake in ." });
    expect(logRecord("INFO [activate] Activating profile")).toMatchObject({ source: "activate" });
    // the 2020 releases' pretty_env_logger (no public capture survives; shape from its source)
    expect(logRecord(" INFO  deploy > Running checks for flake in .")).toMatchObject({ source: "deploy", message: "Running checks for flake in ." });
    expect(logRecord('path = "/nix/store/x"')).toBeNull();
  });

  it("takes a node's rollback claim and a revocation in a multi-node run apart (stand-in lines, deploy-rs's texts)", () => {
    const r = new DeployLogReader();
    const I = (m: string) => `🚀 ℹ️ [deploy] [INFO] ${m}`;
    for (const l of [
      I("The following profiles are going to be deployed:"), "[a.system]", 'path = "/nix/store/00000000000000000000000000000000-activatable-a"', "",
      "[b.system]", 'path = "/nix/store/11111111111111111111111111111111-activatable-b"', "",
      I("Activating profile `system` for node `a`"), "⭐ ℹ️ [activate] [INFO] Activation succeeded!", I("Deployment confirmed."),
      I("Activating profile `system` for node `b`"), "⭐ ⚠️ [activate] [WARN] De-activating due to error",
      "🚀 ❌ [deploy] [ERROR] Activating over SSH resulted in a bad exit code: Some(1)", I("Revoking previous deploys"),
      "↩️ ⚠️ [revoke] [WARN] De-activating due to error", "🚀 ❌ [deploy] [ERROR] Deployment to node b failed, rolled back to previous generation",
    ]) r.feed(l);
    const [a, b] = r.scan.nodes;
    expect(a).toMatchObject({ node: "a", phase: "done", revoked: true, deactivated: false, rollbackClaimed: false });
    expect(b).toMatchObject({ node: "b", phase: "activating", revoked: false, deactivated: true, rollbackClaimed: true });
  });
});
