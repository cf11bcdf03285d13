// What the deploy-rs output reader must yield for each file of the derived corpus
// (lib/fixtures/derived/deploy-rs), per node and profile in the order of the TOML summary, and the
// run's own errors; lib/fixtures/derived/deploy-rs/EXPECTED.md says how each is derived from the
// text and deploy-rs's source. Used by deploy-log.test.ts.
import type { DeployPhase, NodeLog } from "./deploy-log";

export type Flag =
  "confirmed" | "deactivated" | "confirmTimeout" | "confirmFailed" | "revoked" | "rollbackClaimed" | "dryCompleted" | "boot";
/** One node and profile as the reader must report it: every flag not listed must be false. */
export type Want = { node: string; profile?: string; path: string | null; phase: DeployPhase; set?: Flag[]; errors?: string[] };
export type Case = { nodes: Want[]; errors?: string[]; revoking?: boolean };
export const FLAGS: Flag[] = [
  "confirmed",
  "deactivated",
  "confirmTimeout",
  "confirmFailed",
  "revoked",
  "rollbackClaimed",
  "dryCompleted",
  "boot",
];
export const view = (n: NodeLog) => ({
  node: n.node,
  profile: n.profile,
  path: n.path?.slice("/nix/store/".length) ?? null,
  phase: n.phase,
  set: FLAGS.filter((f) => n[f]),
  errors: n.errors,
});
export const want = (w: Want) => ({ profile: "system", set: [], errors: [], ...w });

export const SUMMER = (node: string, ver: string, hash: string) => `${hash}-activatable-nixos-system-${node}-${ver}`;
export const OK = { phase: "done" as const, set: ["confirmed"] as Flag[] };
export const SCRIPT_4 = "The activation script resulted in a bad exit code: Some(4)";
export const SSH_1 = "Activating over SSH resulted in a bad exit code: Some(1)";
export const ROLLED = (n: string) => `Deployment to node ${n} failed, rolled back to previous generation`;

// file -> its nodes and profiles in the order of the TOML summary, and the run's own errors
export const CASES: Record<string, Case> = {
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
