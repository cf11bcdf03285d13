// Reads deploy-rs's output (serokell/deploy-rs src/cli.rs, push.rs, deploy.rs, bin/activate.rs)
// line by line, in any of the formats it has printed: today's "🚀 ℹ️ [deploy] [INFO] msg" (level
// in 256-colour escapes), `--log-dir` files ("INFO [deploy::cli] msg"), and the 2020 releases'
// pretty_env_logger (" INFO  deploy > msg"). It keeps what the outcome needs, per node and profile:
// the path deploy-rs said it deploys, how far it got, the rollback it printed, and its errors.
// The messages are hints: the outcome itself is decided from the machine (deploy-outcome.ts).
import { stripAnsi } from "../nix/ansi";
import { noteUnrecognised, noUnrecognised, type Unrecognised } from "../parse/unrecognised";

export type DeployPhase = "planned" | "built" | "copied" | "activating" | "activated" | "done";

export type NodeLog = {
  node: string;
  profile: string;
  /** `path = "..."` of this node and profile in the summary of the profiles to deploy. */
  path: string | null;
  phase: DeployPhase;
  /** The activation succeeded, then waited for deploy-rs to confirm it (magic rollback). */
  confirmed: boolean;
  /** activate-rs undid the activation ("De-activating due to error"). */
  deactivated: boolean;
  /** ...because the confirmation never came (magic rollback). */
  confirmTimeout: boolean;
  /** deploy-rs could not confirm ("the server should roll back"). */
  confirmFailed: boolean;
  /** revoked after another node failed ("Revoking previous deploys"). */
  revoked: boolean;
  /** "Deployment to node X failed, rolled back to previous generation" (printed whenever auto
   * rollback is not switched off on the command line, even for a dry run: a claim, not a fact). */
  rollbackClaimed: boolean;
  dryCompleted: boolean;
  boot: boolean;
  errors: string[];
};

export type DeployScan = {
  nodes: NodeLog[];
  /** A failure not tied to a node: command line, flake check, evaluation, the prompt. */
  errors: string[];
  revoking: boolean;
  /** Lines that looked like deploy-rs's log but carried no message this reader knows. */
  /** deploy-rs log records whose message this reader does not know (shown with the outcome). */
  unrecognised: Unrecognised;
};

const EMOJI_FMT = /^\S+\s+\S+\s+\[(deploy|activate|wait|revoke)\]\s+\[(ERROR|WARN|INFO|DEBUG|TRACE)\]\s?(.*)$/u;
/** A record that shares its row with other output (e.g. what nix's progress bar left on a terminal). */
const EMOJI_INLINE = /(?:🚀|⭐|👀|↩\uFE0F?)\s+\S+\s+\[(deploy|activate|wait|revoke)\]\s+\[(ERROR|WARN|INFO|DEBUG|TRACE)\]\s?(.*)$/u;
const FILE_FMT = /^(ERROR|WARN|INFO|DEBUG|TRACE) \[((?:deploy|activate)(?:::\w+)*)\] (.*)$/;
const PRETTY_FMT = /^\s*(ERROR|WARN|INFO|DEBUG|TRACE)\s+((?:deploy|activate)(?:::\w+)*)\s+>\s(.*)$/;

export type LogLine = { source: "deploy" | "activate" | "wait" | "revoke" | null; level: string; message: string };

/** One output line as deploy-rs's log record, or null when it is not one (nix, ssh, TOML...). */
export function logRecord(raw: string): LogLine | null {
  const line = stripAnsi(raw).replace(/\r$/, "");
  let m = EMOJI_FMT.exec(line) ?? EMOJI_INLINE.exec(line);
  if (m) return { source: m[1] as LogLine["source"], level: m[2], message: m[3] };
  m = FILE_FMT.exec(line) ?? PRETTY_FMT.exec(line);
  if (m) return { source: m[2].startsWith("activate") ? "activate" : "deploy", level: m[1], message: m[3] };
  return null;
}

function nodeLog(s: DeployScan, node: string, profile: string): NodeLog {
  let n = s.nodes.find((x) => x.node === node && x.profile === profile);
  if (!n) {
    if (s.nodes.length >= 200) return s.nodes[s.nodes.length - 1];
    n = {
      node,
      profile,
      path: null,
      phase: "planned",
      confirmed: false,
      deactivated: false,
      confirmTimeout: false,
      confirmFailed: false,
      revoked: false,
      rollbackClaimed: false,
      dryCompleted: false,
      boot: false,
      errors: [],
    };
    s.nodes.push(n);
  }
  return n;
}
const byNode = (s: DeployScan, node: string) => s.nodes.filter((n) => n.node === node);
const advance = (n: NodeLog, p: DeployPhase) => {
  const order: DeployPhase[] = ["planned", "built", "copied", "activating", "activated", "done"];
  if (order.indexOf(p) > order.indexOf(n.phase)) n.phase = p;
};
const addError = (list: string[], e: string) => list.length < 20 && list.push(e.slice(0, 500));

const TABLE = /^\[\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+)\s*\.\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+)\s*\]$/;
const TOML_KEY = /^[A-Za-z0-9_-]+\s*=\s*\S/;
const unquote = (k: string) => (k.startsWith('"') ? k.slice(1, -1).replace(/\\(.)/g, "$1") : k);
const STORE = /^\/nix\/store\/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]+$/;
const TICKS = "`([^`]+)`";
const BUILDING = new RegExp(`^Building profile ${TICKS} for node ${TICKS}`);
const COPYING = new RegExp(`^Copying profile ${TICKS} to node ${TICKS}`);
const ACTIVATING = new RegExp(`^Activating profile ${TICKS} for node ${TICKS}`);
const NODE_FAILED =
  /^(?:Failed to deploy profile to node|Failed to build profile on node|Failed to push profile to node|Failed to revoke profile for node) ([^:\s]+):\s?(.*)$/;
/** Releases before 2024-06 printed these without the node: they belong to the node being worked on. */
const UNNAMED_FAILED = /^Failed to (deploy|push|build) profile: /;
const ROLLED_BACK = /^Deployment (?:to node (\S+) )?failed, rolled back to previous generation$/;
const GLOBAL =
  /^(Failed to check deployment|Failed to evaluate deployment data|Error parsing flake|No node named|No profile named|Profile was provided without a node name|Error processing deployment definitions|User cancelled deployment|Failed to test for flake support|Error parsing arguments|Failed to make printable TOML|Cannot use both)/;

/** Reads one run's output; feed every line of both streams in order, before any log truncation. */
export class DeployLogReader {
  readonly scan: DeployScan = { nodes: [], errors: [], revoking: false, unrecognised: noUnrecognised() };
  private toml = false;
  private table: NodeLog | null = null;
  /** The profile last built or copied, and the one last activated: activations run one after
   * another, after every build and copy, so unnamed lines of each step belong to these. */
  private pushing: NodeLog | null = null;
  private activating: NodeLog | null = null;
  /** Profiles in deploy order (their first "Building" line), and in the order they succeeded. */
  private order: NodeLog[] = [];
  private succeeded: NodeLog[] = [];
  private dryDone = 0;
  private records = 0;
  /** deploy-rs printed its final error: a waiter it left running may still print its time-out. */
  private ended = false;

  feed(raw: string): void {
    const s = this.scan;
    const rec = logRecord(raw);
    if (!rec) {
      const line = stripAnsi(raw).trim();
      // deploy's own command line is checked before it logs anything; later ones come from a
      // node's activate-rs (a version mismatch) and are answered by "Activating over SSH ..."
      if (
        this.records === 0 &&
        /^error: (unexpected argument|the argument|a value is required|invalid value|unrecognized subcommand)/.test(line)
      )
        addError(s.errors, line);
      if (!this.toml) return;
      // the TOML summary: "[node.profile]" tables of `key = value` lines, a blank line between
      // tables (toml 0.8) or none (toml 0.5); anything else ends it
      const t = TABLE.exec(line);
      if (t) this.table = nodeLog(s, unquote(t[1]), unquote(t[2]));
      else if (TOML_KEY.test(line)) {
        const p = /^path\s*=\s*"([^"]+)"$/.exec(line);
        if (p && this.table && STORE.test(p[1])) this.table.path = p[1];
      } else if (line !== "") this.toml = false;
      return;
    }
    this.records++;
    this.toml = false;
    const msg = rec.message.trim();
    if (msg.startsWith("The following profiles are going to be deployed:")) {
      this.toml = true;
      return;
    }
    let m: RegExpExecArray | null;
    if ((m = BUILDING.exec(msg))) {
      this.pushing = nodeLog(s, m[2], m[1]);
      if (!this.order.includes(this.pushing)) this.order.push(this.pushing);
      return advance(this.pushing, "built");
    }
    if ((m = COPYING.exec(msg))) return advance((this.pushing = nodeLog(s, m[2], m[1])), "copied");
    if ((m = ACTIVATING.exec(msg))) return advance((this.activating = nodeLog(s, m[2], m[1])), "activating");
    const last = this.activating ?? this.pushing;
    if ((m = ROLLED_BACK.exec(msg))) {
      this.ended = true;
      const named = m[1] ? byNode(s, m[1]) : last ? [last] : [];
      for (const n of named) {
        n.rollbackClaimed = true;
        addError(n.errors, msg);
      }
      if (named.length === 0) addError(s.errors, msg);
      return;
    }
    if ((m = UNNAMED_FAILED.exec(msg))) {
      this.ended = true;
      const n = m[1] === "deploy" ? last : this.pushing;
      return void addError(n ? n.errors : s.errors, msg);
    }
    if ((m = NODE_FAILED.exec(msg))) {
      this.ended = true;
      const list = byNode(s, m[1]);
      for (const n of list.length ? list : [nodeLog(s, m[1], "system")]) addError(n.errors, msg);
      return;
    }
    if (GLOBAL.test(msg)) {
      // "Cannot use both --dry-activate & --boot!" is printed and the run goes on
      if (!msg.startsWith("Cannot use both")) this.ended = true;
      return void addError(s.errors, msg);
    }
    // the waiter deploy-rs left running reports its own time-out up to 240 s later (deploy-rs
    // never kills it): that says nothing about the node, whose outcome is already printed
    if (this.ended && rec.source === "wait") return;
    if (msg === "Revoking previous deploys") {
      s.revoking = true;
      return;
    }
    if (rec.source === "revoke" || (s.revoking && msg === "De-activating due to error")) {
      // revocations run in the order the nodes succeeded; each starts with "De-activating due to error"
      if (msg === "De-activating due to error") {
        const n = this.succeeded.find((x) => !x.revoked);
        if (n) n.revoked = true;
      }
      return;
    }
    const cur = this.activating ?? (s.nodes.length === 1 ? s.nodes[0] : null);
    if (msg === "Completed dry-activate!") {
      const n = this.order[this.dryDone] ?? s.nodes[this.dryDone] ?? cur;
      this.dryDone++;
      if (n) {
        n.dryCompleted = true;
        advance(n, "done");
      }
      return;
    }
    if (!cur) {
      if (rec.level === "ERROR") addError(s.errors, msg);
      return;
    }
    if (msg === "Activation succeeded!") advance(cur, "activated");
    else if (msg === "Success activating, done!" || msg === "Deployment confirmed." || msg === "Success activating for next boot, done!") {
      advance(cur, "done");
      if (!this.succeeded.includes(cur)) this.succeeded.push(cur);
      if (msg === "Deployment confirmed.") cur.confirmed = true;
      if (msg.includes("next boot")) cur.boot = true;
    } else if (msg === "De-activating due to error") cur.deactivated = true;
    else if (msg.includes("Error waiting for confirmation event")) {
      // activate-rs's own wait for the confirmation (magic rollback), not the waiter's
      // "Error waiting for activation: Timeout elapsed..." (the activation took too long)
      cur.confirmTimeout = true;
      if (rec.level === "ERROR") addError(cur.errors, msg);
    } else if (msg.includes("(the server should roll back)")) {
      cur.confirmFailed = true;
      addError(cur.errors, msg);
    } else if (rec.level === "ERROR") addError(cur.errors, msg);
    else if (!KNOWN_INFO.some((k) => msg.startsWith(k)) && rec.level !== "DEBUG") noteUnrecognised(s.unrecognised, msg);
  }
}

/** Messages deploy-rs prints that change nothing the outcome looks at. */
const KNOWN_INFO = [
  "Running checks for flake in",
  "Evaluating flake in",
  "Are you sure you want to deploy",
  "Sounds like you might want",
  "That was unclear",
  "Activating profile",
  "Magic rollback is enabled",
  "Waiting for confirmation event",
  "Creating activation waiter",
  "Found canary file",
  "Success activating, attempting to confirm activation",
  "Attempting to re-activate the last generation",
  "Removing generation by ID",
  "dry run, not rolling back",
  "Signing key present",
  "Interactive sudo is enabled",
  "You will now be prompted",
  "A Nix version without flakes",
  "The --file option",
  "remote builds using non-flake nix",
  "Building profile",
  "Copying profile",
  "Received SIGHUP",
];

/** The profile deploy-rs said it deploys to a node, for the panel's single-node runs. */
export function deployedPathOf(scan: DeployScan, node: string, profile = "system"): string | null {
  return scan.nodes.find((n) => n.node === node && n.profile === profile)?.path ?? null;
}
