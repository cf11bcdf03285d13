import { describe, expect, it } from "vitest";
import { fixture } from "../fixtures/corpus.test-support";
import { parseSystemFacts } from "../nix/system-facts";
import { DeployLogReader } from "./deploy-log";
import { deployOutcome, type DeployFacts } from "./deploy-outcome";

// Store paths shaped as on a deploy-rs machine: the toplevel, and deploy-rs's wrapper around it.
const sys = (h: string, v: string) => `/nix/store/${h.repeat(32)}-nixos-system-frame1-24.11.${v}`;
const wrap = (h: string, v: string) => `/nix/store/${h.repeat(32)}-activatable-nixos-system-frame1-24.11.${v}`;
const OLD = sys("a", "old");
const OLD_W = wrap("b", "old");
const NEW = sys("c", "new");
const NEW_W = wrap("d", "new");

/** The system-facts script's output for a machine running `current` with generations [n, target, toplevel]. */
function facts(current: string, profile: number, gens: [number, string, string][], paths: Record<string, string | null> = {}) {
  const lines = [`current\t${current}`, `version\t24.11.${current.split(".").at(-1)}`, `booted\t${OLD}`, `profile\tsystem-${profile}-link`];
  for (const [n, target, top] of gens) lines.push(`generation\t${n}\t1796400000\t${target}\t${top}\t24.11.${top.split(".").at(-1)}`);
  for (const [p, t] of Object.entries(paths)) lines.push(`path\t${p}\t${t ?? ""}`);
  lines.push("end");
  return parseSystemFacts(lines.join("\n"));
}
const BEFORE = facts(OLD, 4, [[4, OLD_W, OLD]]);

function run(lines: string[], exitCode: number | null, after: DeployFacts["after"], extra: Partial<DeployFacts> = {}) {
  const r = new DeployLogReader();
  for (const l of lines) r.feed(l);
  const log = r.scan.nodes.find((n) => n.node === "frame1") ?? null;
  return deployOutcome({ node: "frame1", exitCode, before: BEFORE, after, log, runErrors: r.scan.errors, ...extra });
}

const i = (m: string) => `🚀 ℹ️ [deploy] [\x1b[38;5;51mINFO\x1b[0m] ${m}`;
const a = (lvl: "INFO" | "WARN" | "ERROR", m: string) =>
  `⭐ ${lvl === "INFO" ? "ℹ️" : lvl === "WARN" ? "⚠️" : "❌"} [activate] [${lvl}] ${m}`;
const e = (m: string) => `🚀 ❌ [deploy] [ERROR] ${m}`;
const SUMMARY = [
  i("The following profiles are going to be deployed:"),
  "[frame1.system]",
  'user = "root"',
  'ssh_user = "admin"',
  `path = "${NEW_W}"`,
  'hostname = "10.0.0.1"',
  "ssh_opts = []",
  "",
];
const UP_TO_ACTIVATION = [
  ...SUMMARY,
  i("Building profile `system` for node `frame1`"),
  i("Copying profile `system` to node `frame1`"),
  i("Activating profile `system` for node `frame1`"),
  a("INFO", "Activating profile"),
];

describe("deploy outcome through deploy-rs's activatable wrapper", () => {
  it("succeeded: the profile points at the wrapper and /run/current-system at the toplevel inside", () => {
    const after = facts(
      NEW,
      5,
      [
        [4, OLD_W, OLD],
        [5, NEW_W, NEW],
      ],
      { [NEW_W]: NEW },
    );
    const o = run([...UP_TO_ACTIVATION, a("INFO", "Activation succeeded!"), i("Deployment confirmed.")], 0, after);
    expect(o).toMatchObject({
      status: "succeeded",
      kind: "changed",
      deployedPath: NEW_W,
      toplevel: NEW,
      oldSystem: OLD,
      newSystem: NEW,
      generationBefore: 4,
      generationAfter: 5,
    });
    expect(o.message).toContain("nixos-system-frame1-24.11.new (NixOS 24.11.new), generation 5");
  });

  it("succeeded: the same system activated again (wrapped, or a plain toplevel wrapped now)", () => {
    const sameW = wrap("f", "old");
    const after = facts(
      OLD,
      5,
      [
        [4, OLD, OLD],
        [5, sameW, OLD],
      ],
      { [sameW]: OLD },
    );
    const o = run([...UP_TO_ACTIVATION.map((l) => l.replace(NEW_W, sameW)), i("Success activating, done!")], 0, after, {
      before: facts(OLD, 4, [[4, OLD, OLD]]),
    });
    expect(o).toMatchObject({ status: "succeeded", kind: "reactivated", toplevel: OLD });
  });

  it("rolled back by activate-rs after a failed activation (auto rollback), whatever deploy-rs claims", () => {
    const after = facts(OLD, 4, [[4, OLD_W, OLD]], { [NEW_W]: NEW });
    const o = run(
      [
        ...UP_TO_ACTIVATION,
        "warning: the following units failed: loki.service",
        a("WARN", "De-activating due to error"),
        a("INFO", "Attempting to re-activate the last generation"),
        a("ERROR", "The activation script resulted in a bad exit code: Some(4)"),
        e("Activating over SSH resulted in a bad exit code: Some(1)"),
        i("Revoking previous deploys"),
        e("Deployment to node frame1 failed, rolled back to previous generation"),
      ],
      1,
      after,
    );
    expect(o).toMatchObject({ status: "rolled-back", kind: "auto-rollback", newSystem: OLD });
    expect(o.message).toContain("Activating over SSH resulted in a bad exit code: Some(1)");
  });

  it("rolled back after the confirmation timed out (magic rollback)", () => {
    const after = facts(OLD, 4, [[4, OLD_W, OLD]], { [NEW_W]: NEW });
    const o = run(
      [
        ...UP_TO_ACTIVATION,
        a("INFO", "Activation succeeded!"),
        a("INFO", "Magic rollback is enabled, setting up confirmation hook..."),
        i("Success activating, attempting to confirm activation"),
        a("WARN", "De-activating due to error"),
        a("ERROR", "Failed to get activation confirmation: Error waiting for confirmation event: Timeout elapsed for confirmation"),
        e(
          "Error confirming deployment: Confirming activation over SSH resulted in a bad exit code (the server should roll back): Some(255)",
        ),
      ],
      1,
      after,
    );
    expect(o).toMatchObject({ status: "rolled-back", kind: "magic-rollback" });
  });

  it("failed before activation: nothing changed and the reason is the build's", () => {
    const after = facts(OLD, 4, [[4, OLD_W, OLD]], { [NEW_W]: null });
    const o = run(
      [...SUMMARY, i("Building profile `system` for node `frame1`"), e("Failed to build profile on node frame1: frame1")],
      1,
      after,
    );
    expect(o).toMatchObject({ status: "failed", kind: "before-activation", toplevel: null });
    expect(o.message).toContain("before activating anything");
    expect(o.message).toContain("Failed to build profile on node frame1: frame1");
  });

  it("failed before activation when the evaluation failed (no node named in the output)", () => {
    const o = run(
      [i("Evaluating flake in ."), e("Failed to evaluate deployment data: Evaluation resulted in a bad exit code: Some(1)")],
      1,
      facts(OLD, 4, [[4, OLD_W, OLD]]),
    );
    expect(o).toMatchObject({ status: "failed", kind: "before-activation", deployedPath: null });
    expect(o.message).toContain("Failed to evaluate deployment data");
  });

  it("failed after activation: the system changed but is not the deployed one; says what runs now", () => {
    const after = facts(
      NEW,
      5,
      [
        [4, OLD_W, OLD],
        [5, NEW_W, NEW],
      ],
      { [NEW_W]: NEW },
    );
    const o = run(
      [
        ...UP_TO_ACTIVATION,
        a("ERROR", "The activation script resulted in a bad exit code: Some(4)"),
        e("Failed to deploy profile to node frame1: Activating over SSH resulted in a bad exit code: Some(1)"),
      ],
      1,
      after,
    );
    expect(o).toMatchObject({ status: "failed", kind: "after-activation", newSystem: NEW });
    expect(o.message).toContain("now runs nixos-system-frame1-24.11.new");
    expect(o.message).toContain("check the machine");
  });

  it("exit 0 but the machine does not run the deployed system: failed", () => {
    const after = facts(
      OLD,
      5,
      [
        [4, OLD_W, OLD],
        [5, NEW_W, NEW],
      ],
      { [NEW_W]: NEW },
    );
    const o = run([...UP_TO_ACTIVATION, i("Success activating, done!")], 0, after);
    expect(o.status).toBe("failed");
    expect(o.kind).toBe("after-activation");
  });

  it("--boot: the profile points at the new wrapper, the old system runs until a reboot", () => {
    const after = facts(
      OLD,
      5,
      [
        [4, OLD_W, OLD],
        [5, NEW_W, NEW],
      ],
      { [NEW_W]: NEW },
    );
    const o = run([...UP_TO_ACTIVATION, i("Success activating for next boot, done!")], 0, after, { boot: true });
    expect(o).toMatchObject({ status: "succeeded", kind: "boot" });
  });

  it("unknown when the machine cannot be read afterwards", () => {
    expect(run(UP_TO_ACTIVATION, 0, null)).toMatchObject({ status: "failed", kind: "unknown" });
  });
});

describe("deploy outcome of derived deploy-rs runs (lib/fixtures/derived/deploy-rs, EXPECTED.md)", () => {
  /** Each node's part of a fixture, read as the job reads a run. */
  function scanOf(name: string) {
    const r = new DeployLogReader();
    for (const l of fixture("derived", "deploy-rs", `${name}.txt`).split("\n")) r.feed(l);
    return r.scan;
  }
  /** A node's systems: the old one (generation g, wrapped by an earlier deploy) and the deployed one. */
  function systems(node: string, deployed: string) {
    const ver = deployed.split("-").at(-1)!;
    return {
      old: `/nix/store/${"a".repeat(32)}-nixos-system-${node}-25.11.old`,
      oldW: `/nix/store/${"b".repeat(32)}-activatable-nixos-system-${node}-25.11.old`,
      top: `/nix/store/${"c".repeat(32)}-nixos-system-${node}-${ver}`,
    };
  }
  function outcome(
    name: string,
    node: string,
    exitCode: number,
    after: (s: ReturnType<typeof systems>, deployed: string) => DeployFacts["after"],
  ) {
    const scan = scanOf(name);
    const log = scan.nodes.find((n) => n.node === node)!;
    const s = systems(node, log.path!);
    const before = facts(s.old, 7, [[7, s.oldW, s.old]]);
    return deployOutcome({ node, exitCode, before, after: after(s, log.path!), log, runErrors: scan.errors });
  }
  const untouched = (s: ReturnType<typeof systems>, deployed: string) => facts(s.old, 7, [[7, s.oldW, s.old]], { [deployed]: s.top });

  it("autoRollback = false: deploy-rs claims a rollback, the machine switched: failed after activation, not rolled back", () => {
    const o = outcome("activation-fail-auto-rollback-off", "sorrel", 1, (s, w) =>
      facts(
        s.top,
        8,
        [
          [7, s.oldW, s.old],
          [8, w, s.top],
        ],
        { [w]: s.top },
      ),
    );
    expect(o).toMatchObject({ status: "failed", kind: "after-activation", generationBefore: 7, generationAfter: 8 });
    expect(o.message).toContain("Activating over SSH resulted in a bad exit code: Some(1)");
    expect(o.message).not.toContain("rolled back");
    expect(o.message).toContain(
      "now runs nixos-system-sorrel-25.11.20260312.c4a9d25 (NixOS 24.11.c4a9d25), generation 8, the deployed system, but its activation failed",
    );
  });

  it("a node that succeeded before another failed reads as revoked; the failing one as rolled back by activate-rs", () => {
    const elm = outcome("multi-node-second-fails-revoked", "elm", 1, untouched);
    expect(elm).toMatchObject({ status: "rolled-back", kind: "revoked" });
    expect(elm.message).toContain("another node of the run failed");
    const willow = outcome("multi-node-second-fails-revoked", "willow", 1, untouched);
    expect(willow).toMatchObject({ status: "rolled-back", kind: "auto-rollback" });
    expect(willow.message).toContain("Activating over SSH resulted in a bad exit code: Some(1)");
  });

  it("an unconfirmed activation undone by activate-rs reads as a magic rollback", () => {
    expect(outcome("magic-rollback-confirm-timeout", "poplar", 1, untouched)).toMatchObject({
      status: "rolled-back",
      kind: "magic-rollback",
    });
  });

  it("an activation that never ran (old activate-rs) is not taken for the rollback deploy-rs claims; the waiter's late time-out is no reason", () => {
    const ash = outcome("activate-rs-version-mismatch", "ash", 1, untouched);
    expect(ash).toMatchObject({ status: "failed", kind: "unchanged" });
    expect(ash.message).toContain("Activating over SSH resulted in a bad exit code: Some(2)");
    const hawthorn = outcome("activation-fail-auto-rollback", "hawthorn", 1, untouched);
    expect(hawthorn).toMatchObject({ status: "rolled-back", kind: "auto-rollback" });
    expect(hawthorn.message).not.toContain("Timeout elapsed");
  });
});
