import "server-only";
// "Check connection": one check of a machine at a time (the page runs them in CHECK_STEPS order and
// shows each as it comes back), each bounded in time, each failure with its fix (check-fixes.ts).
import { checkDeploy, checkFlake, checkNix, checkSudo, commandLine, type RemoteCommand } from "../commands";
import { db as defaultDb, type Db } from "../db/client";
import { DomainError } from "../errors";
import { jobMachine, type Endpoint, type JobMachine } from "../jobs/machine-targets";
import { ExecError, HostKeyConflictError, SshAuthRefusedError, SshKeyFileError } from "../ssh/errors";
import { presentedHostKey } from "../ssh/host-key-probe";
import { hostKeyAlgorithms, resolveHostKeyPin } from "../ssh/host-key-pin";
import { readPanelKey } from "../ssh/panel-key";
import { sshPool, SshPool } from "../ssh/pool";
import { run } from "../ssh/run";
import type { SshSettings } from "../ssh/settings";
import type { CheckId, CheckResult } from "../wire/connection-check";
import { FLAKES_SNIPPET, authorizedKeysSnippet, fixes, sudoSnippet } from "./check-fixes";
import { tcpProbe } from "./tcp-probe";

/** Each check's time-out (ms). deploy-rs via `nix run` may have to build it the first time. */
export const CHECK_TIMEOUTS: Record<CheckId, number> = {
  tcp: 5_000,
  "host-key": 10_000,
  login: 15_000,
  sudo: 15_000,
  nix: 60_000,
  flake: 15_000,
  deploy: 180_000,
};

export type CheckDeps = { db: Db; settings: SshSettings };
const defaults = (): CheckDeps => ({ db: defaultDb(), settings: sshPool().settings });

type Ctx = { m: JobMachine; deps: CheckDeps; ms: number; id: CheckId };
const ok = (id: CheckId, detail: string): CheckResult => ({ id, status: "ok", detail, fix: null });
const failed = (id: CheckId, detail: string, fix: string, extra: Partial<CheckResult> = {}): CheckResult => ({
  id,
  status: "failed",
  detail,
  fix,
  ...extra,
});
const lastLine = (text: string) => text.trim().split("\n").at(-1) || "no message";

/** Runs one probe over a connection of its own (one attempt, bounded), closed afterwards. */
async function probe(c: Ctx, where: Endpoint, cmd: RemoteCommand | null): Promise<string> {
  const pool = new SshPool({ ...c.deps.settings, connectAttempts: 1, connectTimeoutMs: Math.min(c.ms, c.deps.settings.connectTimeoutMs) });
  try {
    if (!cmd) return (await pool.client(where.target), "");
    return await run(where.target, commandLine(cmd), { pool, timeoutMs: c.ms, label: cmd.description });
  } finally {
    pool.closeAll();
  }
}

async function loginFailure(c: Ctx, err: unknown, where: Endpoint): Promise<CheckResult> {
  const t = where.target;
  const s = c.deps.settings;
  if (err instanceof SshKeyFileError)
    return failed(
      c.id,
      err.message,
      err.problem === "missing" ? fixes.keyMissing(t.privateKeyPath, err.configured) : fixes.keyUnusable(t.privateKeyPath),
    );
  if (err instanceof SshAuthRefusedError) {
    const key = await readPanelKey({ path: s.keyFile, configured: s.keyConfigured });
    return failed(c.id, `${t.host} refused ${t.user} with the key ${key.fingerprint ?? t.privateKeyPath}`, fixes.login(t.user, t.host), {
      snippet: authorizedKeysSnippet(t.user, key.publicKey),
    });
  }
  throw err;
}

/** The probes that run where the flake is built (the build host, often the machine itself). */
async function onBuilder(c: Ctx, cmd: RemoteCommand): Promise<string> {
  try {
    return await probe(c, c.m.builder, cmd);
  } catch (err) {
    if (err instanceof ExecError || c.m.builder.target.machine === c.m.name) throw err;
    throw new DomainError(
      "check_builder",
      `${err instanceof Error ? err.message : String(err)}. ${fixes.builder(c.m.builder.target.machine)}`,
    );
  }
}

const steps: Record<CheckId, (c: Ctx) => Promise<CheckResult>> = {
  tcp: async (c) => {
    const { host, port } = c.m.self.target;
    return tcpProbe(host, port, c.ms).then(
      () => ok(c.id, `${host}:${port} accepts connections`),
      (err: Error) => failed(c.id, `${host}:${port}: ${err.message}`, fixes.tcp(host, port, err.message)),
    );
  },
  "host-key": async (c) => {
    const t = c.m.self.target;
    let pin;
    try {
      pin = await resolveHostKeyPin(t, c.deps.settings.knownHostsFile);
    } catch (err) {
      if (err instanceof HostKeyConflictError) return failed(c.id, "the inventory and the known_hosts file disagree", err.message);
      throw err;
    }
    const presented = await presentedHostKey(t.host, t.port, c.ms, pin.keyTypes ? hostKeyAlgorithms(pin.keyTypes) : []);
    if (pin.accepted.includes(presented)) return ok(c.id, `${presented}, pinned${pin.source ? ` by ${pin.source}` : ""}`);
    await c.deps.db.machine.updateMany({ where: { name: c.m.name }, data: { presentedFingerprint: presented } });
    if (pin.accepted.length === 0)
      return failed(c.id, `not trusted yet: ${presented}`, fixes.hostKeyUnknown(presented), { presentedFingerprint: presented });
    return failed(c.id, `host key changed: ${presented}`, fixes.hostKeyChanged(pin.accepted.join(" or "), presented), {
      presentedFingerprint: presented,
    });
  },
  login: async (c) => {
    const t = c.m.self.target;
    return probe(c, c.m.self, null).then(
      () => ok(c.id, `logged in as ${t.user}`),
      (err: unknown) => loginFailure(c, err, c.m.self),
    );
  },
  sudo: async (c) => {
    const user = c.m.self.sshUser;
    if (user === "root") return { id: c.id, status: "skipped", detail: "logged in as root: sudo is not needed", fix: null };
    return probe(c, c.m.self, checkSudo({ sshUser: user })).then(
      () => ok(c.id, `${user} may run sudo without a password`),
      (err: unknown) => {
        if (!(err instanceof ExecError) || err.reason !== "exit") throw err;
        return failed(c.id, `sudo -n true: ${lastLine(err.stderrTail)}`, fixes.sudo(user), { snippet: sudoSnippet(user) });
      },
    );
  },
  nix: async (c) => {
    const host = c.m.builder.target.machine;
    return onBuilder(c, checkNix({ sshUser: c.m.builder.sshUser })).then(
      (version) => ok(c.id, `nix ${version.trim()} on ${host}, flakes on`),
      (err: unknown) => {
        if (!(err instanceof ExecError) || err.reason !== "exit") throw err;
        if (err.exitCode === 127) return failed(c.id, `nix not found on ${host}`, fixes.nixMissing(host));
        const why = lastLine(err.stderrTail);
        return failed(c.id, `nix on ${host}: ${why}`, fixes.nixFailed(host, why), { snippet: FLAKES_SNIPPET });
      },
    );
  },
  flake: async (c) => {
    const host = c.m.builder.target.machine;
    const dir = c.m.flakeDir;
    const out = (await onBuilder(c, checkFlake({ sshUser: c.m.builder.sshUser }, dir))).trim();
    if (out.startsWith("git\t")) return ok(c.id, `${dir} on ${host}, a git repository (${out.slice(4)})`);
    if (out === "nodir") return failed(c.id, `${dir} does not exist on ${host}`, fixes.flakeDir(dir, host));
    if (out === "noflake") return failed(c.id, `no flake.nix in ${dir} on ${host}`, fixes.flakeFile(dir, host));
    return failed(c.id, `${dir} on ${host} is not a git repository`, fixes.flakeGit(dir, host));
  },
  deploy: async (c) => {
    const cmd = checkDeploy({ sshUser: c.m.builder.sshUser }, c.m.flakeDir, c.m.deployBase);
    return onBuilder(c, cmd).then(
      () => ok(c.id, `${commandLine(cmd)} works on ${c.m.builder.target.machine}`),
      (err: unknown) => {
        if (!(err instanceof ExecError) || err.reason !== "exit") throw err;
        const why = lastLine(err.stderrTail);
        return failed(c.id, `${cmd.description}: ${why}`, fixes.deploy(why));
      },
    );
  },
};

/** One check of one machine. Never throws for what the machine does: a failure is a red result with its fix. */
export async function runCheck(name: string, id: CheckId, deps: CheckDeps = defaults()): Promise<CheckResult> {
  const ms = CHECK_TIMEOUTS[id];
  let m: JobMachine;
  try {
    m = await jobMachine(deps.db, name, deps.settings.keyFile);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return failed(id, err.message, "Correct the machine's SSH host, user and flake settings in the inventory.");
  }
  try {
    return await steps[id]({ m, deps, ms, id });
  } catch (err) {
    if (err instanceof ExecError && err.reason === "timeout") return failed(id, `no answer within ${ms / 1000} s`, fixes.slow(ms / 1000));
    if (!(err instanceof Error)) throw err;
    return failed(id, err.message, "Run the earlier checks again; this one needs the machine reachable and the login working.");
  }
}
