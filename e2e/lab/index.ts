/**
 * The lab: real Debian hosts (systemd as PID 1, sshd, nix) booted with systemd-nspawn in network
 * namespaces of their own. See e2e/lab/README.md.
 *
 *   import { lab } from "@/e2e/lab";
 *   const info = await lab.up();            // idempotent; seconds when cached, instant when up
 *   await lab.exec("frame1", ["systemctl", "is-active", "grafana"], "admin");
 *   await lab.setVariant("frame1", "changed"); // commit to /home/admin/homelab on frame1
 *   await lab.failUnit("frame1", "loki");
 *   await lab.down();
 */
import { labError, parseInfo, runLabScript } from "./src/script";
import { shQuote, sshExec, toCommand } from "./src/ssh";
import {
  LAB_UNITS,
  LAB_VARIANTS,
  type ExecOptions,
  type ExecResult,
  type LabHost,
  type LabInfo,
  type LabUnit,
  type LabUser,
  type LabVariant,
  type UpOptions,
} from "./src/types";

export * from "./src/types";

/**
 * Extra variant lines of a slow build that lasts until `lab.openGate(buildHost, gate)` (at most 15
 * minutes): a test holds a machine's deploy queue as long as it needs, with no race against the clock.
 */
export const gatedSlow = (gate: string): string[] => ["seconds=900", `gate=${gate}`];
export { fingerprintOf, shQuote } from "./src/ssh";

let cached: LabInfo | undefined;

async function status(): Promise<LabInfo> {
  const r = await runLabScript(["status"]);
  if (r.code !== 0) throw labError("status", r);
  cached = parseInfo(r.stdout);
  return cached;
}

async function info(): Promise<LabInfo> {
  return cached ?? status();
}

async function host(name: string): Promise<{ host: LabHost; info: LabInfo }> {
  let i = await info();
  let h = i.hosts.find((x) => x.name === name);
  if (!h || h.state !== "running") {
    i = await status();
    h = i.hosts.find((x) => x.name === name);
  }
  if (!h) throw new Error(`lab host ${name} is not configured (hosts: ${i.hosts.map((x) => x.name).join(", ")})`);
  if (h.state !== "running") throw new Error(`lab host ${name} is not running: call lab.up() first`);
  return { host: h, info: i };
}

/** Throws unless the command exited 0; returns its stdout. */
async function run(name: string, command: string | string[], user: LabUser = "root", opts?: ExecOptions): Promise<string> {
  const r = await lab.exec(name, command, user, opts);
  if (r.code !== 0) {
    throw new Error(`${user}@${name}: \`${toCommand(command)}\` exited ${r.code}\n${r.stderr.trim().split("\n").slice(-10).join("\n")}`);
  }
  return r.stdout;
}

/** What a host was doing when a command on it timed out: its processes, systemd's jobs, the logins. */
async function hostSnapshot(h: LabHost, key: string): Promise<string> {
  const script =
    "ps -eo pid,ppid,etimes,stat,wchan:24,args --sort=start_time | tail -40; systemctl list-jobs --no-pager; loginctl --no-pager";
  try {
    const r = await sshExec(h, key, "root", script, { timeoutMs: 20_000 });
    return `what ${h.name} was doing:\n${r.stdout}${r.stderr}`;
  } catch (err) {
    return `no snapshot of ${h.name}: ${(err as Error).message}`;
  }
}

function checkUnit(unit: string): asserts unit is LabUnit {
  if (!(LAB_UNITS as readonly string[]).includes(unit)) throw new Error(`unknown lab unit ${unit} (${LAB_UNITS.join(", ")})`);
}

export const lab = {
  /** Boots the lab (builds and caches the base image the first time). Idempotent. */
  async up(opts: UpOptions = {}): Promise<LabInfo> {
    const env: Record<string, string | undefined> = {};
    if (opts.hosts) env.LAB_HOSTS = opts.hosts.join(" ");
    if (opts.keepState) env.LAB_KEEP_STATE = "1";
    if (opts.logIntervalSeconds) env.LAB_LOG_INTERVAL = String(opts.logIntervalSeconds);
    const onLine = opts.onProgress ?? ((l: string) => process.stderr.write(l + "\n"));
    const r = await runLabScript(["up"], env, onLine);
    if (r.code !== 0) throw labError("up", r);
    cached = parseInfo(r.stdout);
    return cached;
  },

  /** Stops every host, removes namespaces, veths and mounts. Safe when nothing is up. */
  async down(): Promise<void> {
    const r = await runLabScript(["down"]);
    cached = undefined;
    if (r.code !== 0) throw labError("down", r);
  },

  status,
  info,

  /** Runs a command over SSH (ssh2, pinned host key). argv arrays are quoted for the shell. */
  async exec(name: string, command: string | string[], user: LabUser = "root", opts?: ExecOptions): Promise<ExecResult> {
    const { host: h, info: i } = await host(name);
    try {
      return await sshExec(h, i.privateKeyPath, user, toCommand(command), opts);
    } catch (err) {
      if (!/timed out after/.test((err as Error).message)) throw err;
      throw new Error(`${(err as Error).message}\n${await hostSnapshot(h, i.privateKeyPath)}`, { cause: err });
    }
  },

  run,

  /**
   * Sets the variant of `name` in the flake checkout on the build host (frame1 by default:
   * /home/admin/homelab, as admin) and commits it. `extra` lines are folded into the build:
   * a nonce forces a new store path, `seconds=N` sets how long the slow variant builds at most,
   * `gate=NAME` ends that build as soon as `openGate(NAME)` was called on the building host.
   */
  async setVariant(name: string, variant: LabVariant, opts: { buildHost?: string; extra?: string[] } = {}): Promise<string> {
    if (!LAB_VARIANTS.includes(variant)) throw new Error(`unknown lab variant ${variant} (${LAB_VARIANTS.join(", ")})`);
    if (!/^frame[1-9]$/.test(name)) throw new Error(`invalid lab host name ${name}`);
    const extra = opts.extra ?? [];
    if (extra.some((l) => !/^[A-Za-z0-9=._:-]+$/.test(l))) throw new Error("variant extra lines must match [A-Za-z0-9=._:-]+");
    const content = [variant, ...extra].join("\n") + "\n";
    const script = [
      "set -e; cd ~/homelab",
      `printf %s ${shQuote(content)} > variants/${name}`,
      `git add variants/${name}`,
      `git diff --cached --quiet || git commit -qm ${shQuote(`lab: ${name} -> ${variant}`)}`,
      "git rev-parse HEAD",
    ].join("; ");
    return (await run(opts.buildHost ?? "frame1", script, "admin")).trim();
  },

  /** Ends a slow build whose variant has `gate=NAME` (on the host that builds it, as root). */
  async openGate(buildHost: string, gate: string): Promise<void> {
    if (!/^[A-Za-z0-9._-]+$/.test(gate) || gate.startsWith("-")) throw new Error("gate names must match [A-Za-z0-9._-]+");
    await run(buildHost, `mkdir -p /nix/var/lab-gates && touch /nix/var/lab-gates/${shQuote(gate)}`);
  },

  /**
   * Commits to the flake's upstream (the bare ~/upstream.git on frame2, which frame1's checkout
   * tracks) from a scratch clone on that host, as a colleague's push would; returns the new hash.
   */
  async pushUpstream(file: string, content: string, subject: string, upstreamHost = "frame2"): Promise<string> {
    if (!/^[A-Za-z0-9._-]+$/.test(file)) throw new Error("upstream file names must match [A-Za-z0-9._-]+");
    if (!/^frame[1-9]$/.test(upstreamHost)) throw new Error(`invalid lab host name ${upstreamHost}`);
    const script = [
      "set -e; t=$(mktemp -d); trap 'rm -rf \"$t\"' EXIT",
      'git clone -q ~/upstream.git "$t/c"; cd "$t/c"',
      'git config user.name "Lab Colleague"; git config user.email colleague@frame.lab',
      `printf %s ${shQuote(content)} > ${file}`,
      `git add ${file}; git commit -qm ${shQuote(subject)}`,
      "git push -q origin HEAD:main; git rev-parse HEAD",
    ].join("\n");
    return (await run(upstreamHost, script, "admin")).trim();
  },

  /**
   * Commits `content` as `file` in the flake's input repository (/home/admin/homelab-input on
   * `host`, the build host: frame1 by default), so `nix flake update` in the checkout changes the
   * lock entry of `lab-input`; `version` and `motd` change the built system (package
   * lab-motd-<version>). Returns the new commit's hash.
   */
  async commitInput(file: string, content: string, subject: string, host = "frame1"): Promise<string> {
    if (!/^[A-Za-z0-9._-]+$/.test(file) || file.startsWith(".")) throw new Error("input file names must match [A-Za-z0-9._-]+");
    if (!/^frame[1-9]$/.test(host)) throw new Error(`invalid lab host name ${host}`);
    const script = [
      "set -e; cd ~/homelab-input",
      `printf %s ${shQuote(content)} > ${file}`,
      `git add ${file}; git commit -qm ${shQuote(subject)}`,
      "git rev-parse HEAD",
    ].join("\n");
    return (await run(host, script, "admin")).trim();
  },

  /** Makes a unit fail: a flag file (/etc/lab/fail/UNIT) plus a restart whose start check fails. */
  async failUnit(name: string, unit: LabUnit, reason = "failed on purpose by lab.failUnit"): Promise<void> {
    checkUnit(unit);
    await run(
      name,
      `mkdir -p /etc/lab/fail && printf '%s\\n' ${shQuote(reason)} > /etc/lab/fail/${unit}; systemctl restart ${unit}.service || true; systemctl is-failed --quiet ${unit}.service`,
    );
  },

  /** Undoes failUnit: removes the flag, resets and restarts the unit. */
  async healUnit(name: string, unit: LabUnit): Promise<void> {
    checkUnit(unit);
    await run(
      name,
      `rm -f /etc/lab/fail/${unit}; systemctl reset-failed ${unit}.service 2>/dev/null; systemctl restart ${unit}.service && systemctl is-active --quiet ${unit}.service`,
    );
  },

  /** Polls `fn` until it returns a truthy value or `timeoutMs` passes (then throws). */
  async waitFor<T>(what: string, fn: () => Promise<T | undefined | false | null>, timeoutMs = 30_000, intervalMs = 300): Promise<T> {
    const end = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const v = await fn();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  },
};

export default lab;
