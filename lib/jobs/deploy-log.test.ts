// The deploy-rs output reader against the derived corpus (lib/fixtures/derived/deploy-rs: written
// in the format deploy-rs's source prints, with our own values; sources in
// lib/fixtures/real/SOURCES.md). What each file must yield, per node and profile, is what
// lib/fixtures/derived/deploy-rs/EXPECTED.md derives from the text and deploy-rs's source.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixture } from "../fixtures/corpus.test-support";
import { DeployLogReader, logRecord, type DeployPhase, type NodeLog } from "./deploy-log";

const DIR = new URL("../fixtures/derived/deploy-rs/", import.meta.url);
const read = (name: string) => {
  const r = new DeployLogReader();
  for (const l of fixture("derived", "deploy-rs", `${name}.txt`).split("\n")) r.feed(l);
  return r.scan;
};

type Flag = "confirmed" | "deactivated" | "confirmTimeout" | "confirmFailed" | "revoked" | "rollbackClaimed" | "dryCompleted" | "boot";
/** One node and profile as the reader must report it: every flag not listed must be false. */
type Want = { node: string; profile?: string; path: string | null; phase: DeployPhase; set?: Flag[]; errors?: string[] };
type Case = { nodes: Want[]; errors?: string[]; revoking?: boolean };
const FLAGS: Flag[] = ["confirmed", "deactivated", "confirmTimeout", "confirmFailed", "revoked", "rollbackClaimed", "dryCompleted", "boot"];
const view = (n: NodeLog) => ({
  node: n.node,
  profile: n.profile,
  path: n.path?.slice("/nix/store/".length) ?? null,
  phase: n.phase,
  set: FLAGS.filter((f) => n[f]),
  errors: n.errors,
});
const want = (w: Want) => ({ profile: "system", set: [], errors: [], ...w });

const SUMMER = (node: string, ver: string, hash: string) => `${hash}-activatable-nixos-system-${node}-${ver}`;
const OK = { phase: "done" as const, set: ["confirmed"] as Flag[] };
const SCRIPT_4 = "The activation script resulted in a bad exit code: Some(4)";
const SSH_1 = "Activating over SSH resulted in a bad exit code: Some(1)";
const ROLLED = (n: string) => `Deployment to node ${n} failed, rolled back to previous generation`;

// file -> its nodes and profiles in the order of the TOML summary, and the run's own errors
const CASES: Record<string, Case> = {
  "success-magic-rollback": {
    nodes: [{ node: "larch", path: SUMMER("larch", "25.11.20260302.5d1e0c7", "vwlv0jppxrw78h7rb60p6wx5rlmkzgp9"), ...OK }],
  },
  "success-magic-rollback-terminal-copy": {
    nodes: [{ node: "birch", path: SUMMER("birch", "25.11.20260302.5d1e0c7", "z9fmi39g6v78881aa3nd9j5qgc3k7hl7"), ...OK }],
  },
  "success-no-magic-rollback": {
    nodes: [{ node: "alder", path: SUMMER("alder", "25.11.20260309.a61f3b2", "2n9vz9rlbn1blknnq6lg3lv3lc20hkfk"), phase: "done" }],
  },
  "multi-node-success-2022": {
    nodes: [
      { node: "hazel", path: SUMMER("hazel", "21.11.20220109.386234e", "cyv1s03zn2pdscyms2rn2msls15n84jp"), ...OK },
      { node: "rowan", path: SUMMER("rowan", "21.11.20220109.386234e", "6x020am97ylxzcs77rm9n9bjd0xnalaj"), ...OK },
      { node: "aspen", path: SUMMER("aspen", "21.11.20220109.386234e", "hp56ikpwg9dnivgjs017638n30268pia"), ...OK },
    ],
  },
  "multi-node-second-fails-revoked": {
    nodes: [
      {
        node: "willow",
        path: SUMMER("willow", "25.11.20260310.2be7f90", "hvw7884miqdwi21bxyr7wcbx3pa8hik3"),
        phase: "activating",
        set: ["deactivated", "rollbackClaimed"],
        errors: [SCRIPT_4, SSH_1, ROLLED("willow")],
      },
      {
        node: "elm",
        path: SUMMER("elm", "25.11.20260310.2be7f90", "sy3n2rkkh7qcvba5dxjab4lq5l9aq38j"),
        phase: "done",
        set: ["confirmed", "revoked"],
      },
    ],
    revoking: true,
  },
  "one-node-two-profiles": {
    nodes: [
      { node: "juniper", profile: "backup", path: "n8ip3d1h398f0aqild903m03winc9qim-activatable-backup-timers-1.4", ...OK },
      { node: "juniper", path: SUMMER("juniper", "25.11.20260311.7c03e18", "k9qy1caa6jk7jgxcgqm1ccnv2wzns8dh"), ...OK },
    ],
  },
  // the orphaned waiter's time-out after the final line is not the node's error
  "activation-fail-auto-rollback": {
    nodes: [
      {
        node: "hawthorn",
        path: SUMMER("hawthorn", "25.11.20260312.c4a9d25", "8jmmx8vzr7j1fby6m60827lq2pjvmf3n"),
        phase: "activating",
        set: ["deactivated", "rollbackClaimed"],
        errors: [SCRIPT_4, SSH_1, ROLLED("hawthorn")],
      },
    ],
    revoking: true,
  },
  // autoRollback = false: the rollback is claimed, never done
  "activation-fail-auto-rollback-off": {
    nodes: [
      {
        node: "sorrel",
        path: SUMMER("sorrel", "25.11.20260312.c4a9d25", "2qp8mbr7f5n3w2q5rap4x5n31w5s9608"),
        phase: "activating",
        set: ["rollbackClaimed"],
        errors: [SCRIPT_4, SSH_1, ROLLED("sorrel")],
      },
    ],
    revoking: true,
  },
  "magic-rollback-confirm-timeout": {
    nodes: [
      {
        node: "poplar",
        path: SUMMER("poplar", "25.11.20260313.0e6b4d9", "mblfi91pjfqsya3822y3x5j20xr5p924"),
        phase: "activated",
        set: ["deactivated", "confirmTimeout", "rollbackClaimed"],
        errors: [
          "Failed to get activation confirmation: Error waiting for confirmation event: Timeout elapsed for confirmation",
          "Activating over SSH resulted in a bad exit code: RecvError(())",
          ROLLED("poplar"),
        ],
      },
    ],
    revoking: true,
  },
  // the waiter's own time-out (before the final line) is the node's error, not a magic rollback
  "waiter-timeout": {
    nodes: [
      {
        node: "cedar",
        path: SUMMER("cedar", "25.11.20260313.0e6b4d9", "n7hk5p8ypl0jai3n1yhadgs9rnvl55iv"),
        phase: "activating",
        set: ["rollbackClaimed"],
        errors: [
          "Error waiting for activation: Timeout elapsed for confirmation",
          "Waiting over SSH resulted in a bad exit code: Some(1)",
          ROLLED("cedar"),
        ],
      },
    ],
    revoking: true,
  },
  "check-failed": { nodes: [], errors: ["Failed to check deployment: Nix checking command resulted in a bad exit code: Some(1)"] },
  "eval-failed": { nodes: [], errors: ["Failed to evaluate deployment data: Evaluation resulted in a bad exit code: Some(1)"] },
  "build-failed": {
    nodes: [
      {
        node: "spruce",
        path: SUMMER("spruce", "25.11.20260313.0e6b4d9", "d89dy0yx6ip1i87xn9d6d2srz8m0msyy"),
        phase: "built",
        errors: ["Failed to build profile on node spruce: spruce"],
      },
    ],
  },
  "copy-failed": {
    nodes: [
      {
        node: "fir",
        path: SUMMER("fir", "25.11.20260313.0e6b4d9", "6f2ixvd2jdr2hm1g6xry8sw90s6x1fj1"),
        phase: "copied",
        errors: ["Failed to push profile to node fir: fir"],
      },
    ],
  },
  "copy-failed-2023": {
    nodes: [
      {
        node: "yew",
        path: SUMMER("yew", "23.05.20230818.7e63eed", "m9hqdrnbnw39xhjj10zy32q5dcd28xpf"),
        phase: "copied",
        errors: ["Failed to push profile: Nix copy command resulted in a bad exit code: Some(1)"],
      },
    ],
  },
  "dry-activate": {
    nodes: [
      {
        node: "maple",
        path: SUMMER("maple", "25.11.20260313.0e6b4d9", "xh9k9zaw0bnd9cjhppn0dhqy8zgds93r"),
        phase: "done",
        set: ["dryCompleted"],
      },
    ],
  },
  boot: {
    nodes: [
      { node: "oak", path: SUMMER("oak", "25.11.20260313.0e6b4d9", "zslacf0ca4q6is4dakfqd902kb7vin2s"), phase: "done", set: ["boot"] },
    ],
  },
  "debug-success": {
    nodes: [{ node: "linden", path: SUMMER("linden", "25.11.20260313.0e6b4d9", "azvhi9y8af81w3j8vncl10k8nwlp1j3v"), ...OK }],
  },
  "log-dir-file-2021": {
    nodes: [{ node: "gorse", path: SUMMER("gorse", "21.05.20210512.d4c2b8e", "a1spngb2gqkz8mqasijrkhh1pmi5lgbc"), ...OK }],
  },
  // the local file has no activate-rs lines: the claim is all it shows
  "log-dir-file": {
    nodes: [
      {
        node: "tamarack",
        path: SUMMER("tamarack", "25.11.20260314.1a7d3c6", "v22dc2qfrgqh2sqiai9a81sa7imi5fh0"),
        phase: "activating",
        set: ["rollbackClaimed"],
        errors: [SSH_1, ROLLED("tamarack")],
      },
    ],
    revoking: true,
  },
  "log-dir-terminal": {
    nodes: [
      {
        node: "tamarack",
        path: SUMMER("tamarack", "25.11.20260314.1a7d3c6", "v22dc2qfrgqh2sqiai9a81sa7imi5fh0"),
        phase: "activating",
        set: ["deactivated", "rollbackClaimed"],
        errors: [SCRIPT_4, SSH_1, ROLLED("tamarack")],
      },
    ],
    revoking: true,
  },
  "interactive-yes": {
    nodes: [{ node: "sumac", path: SUMMER("sumac", "25.11.20260314.1a7d3c6", "zb31pkjxwg7v62p795fx1l8y3pcj4ggx"), ...OK }],
  },
  "interactive-no": {
    nodes: [{ node: "medlar", path: SUMMER("medlar", "25.11.20260314.1a7d3c6", "a0n5ry76f9snbin3bkbxn0niwccwxan9"), phase: "planned" }],
    errors: ["User cancelled deployment"],
  },
  "clap-two-positional-targets": { nodes: [], errors: ["error: unexpected argument '.#birch' found"] },
  "clap-targets-with-positional": { nodes: [], errors: ["error: the argument '[TARGET]' cannot be used with '--targets <TARGETS>...'"] },
  // the node's old activate-rs rejects its arguments: nothing ran, yet a rollback is claimed
  "activate-rs-version-mismatch": {
    nodes: [
      {
        node: "ash",
        path: SUMMER("ash", "25.11.20260314.1a7d3c6", "qi2riqa6933gh8q6f1gss312f7gfd1cs"),
        phase: "activating",
        set: ["rollbackClaimed"],
        errors: ["Activating over SSH resulted in a bad exit code: Some(2)", ROLLED("ash")],
      },
    ],
    revoking: true,
  },
  // two processes: lines that name no node go to the profile last activated (fern's confirmation
  // comes after moss's copy), and a record that shares a row with nix's progress bar is read
  "two-parallel-runs": {
    nodes: [
      { node: "fern", path: SUMMER("fern", "25.11.20260314.1a7d3c6", "fv0r6sk9mp03q1bwi0l9sgjlqqvh7hsc"), ...OK },
      {
        node: "moss",
        path: SUMMER("moss", "25.11.20260314.1a7d3c6", "adxqnigsg7mcsmrgm11n510xd0j63d0x"),
        phase: "activating",
        set: ["deactivated", "rollbackClaimed"],
        errors: [SCRIPT_4, SSH_1, ROLLED("moss")],
      },
    ],
    revoking: true,
  },
  // releases before 2024-06 named no node in these lines: they belong to the node at work
  "activation-fail-auto-rollback-2024": {
    nodes: [
      {
        node: "holly",
        path: SUMMER("holly", "23.11.20240118.9c8a4f1", "9d7aa8nsqbkdyrqyq7n7nq5igx8sfyk4"),
        phase: "activating",
        set: ["deactivated", "rollbackClaimed"],
        errors: [SCRIPT_4, SSH_1, "Deployment failed, rolled back to previous generation"],
      },
    ],
    revoking: true,
  },
  "activation-fail-no-magic-2021": {
    nodes: [
      {
        node: "quince",
        path: SUMMER("quince", "21.05.20210512.d4c2b8e", "mzdzjlw9naw6p9fjsjf8z0nwrg4i9khl"),
        phase: "activating",
        set: ["deactivated"],
        errors: [SCRIPT_4, `Failed to deploy profile: ${SSH_1}`],
      },
    ],
  },
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
