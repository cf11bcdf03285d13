import "server-only";
// From an inventory row to what a job needs: the SSH target of the machine, the one that builds
// and deploys it (buildHost, default itself), its flake and deploy command. The private key path
// comes from configuration (the pool's settings), never from the database.
import { deploy, type DeployBase, type RemoteCommand } from "../commands";
import { flakeAttr, flakeDir } from "../commands/names";
import type { Db } from "../db/client";
import { NotFoundError, ValidationError } from "../errors";
import { parseSshTarget, type SshTarget } from "../ssh/target";
import type { JobKind } from "../wire/job-kinds";
import { REMOTE_AT } from "./kinds";

export type Endpoint = { target: SshTarget; sshUser: string };
export type JobMachine = {
  id: number;
  name: string;
  deployable: boolean;
  /** The machine itself: system reads, generations, rollback. */
  self: Endpoint;
  /** Where nix builds and deploy-rs run (from its flake checkout). */
  builder: Endpoint;
  /** The inventory name of the build host (the machine itself when it builds for itself). */
  builderName: string;
  /** A weak device: nothing is built or evaluated on it (its builder is always another machine). */
  neverBuilds: boolean;
  /**
   * Why nothing may be built or evaluated for this machine (a never-builds machine that would be
   * its own builder, or a build host that never builds); null when its builder may build.
   * Jobs whose commands run on the builder are refused with it (assertMayBuild).
   */
  buildRefusal: string | null;
  flakeDir: string;
  attr: string;
  deployBase: DeployBase;
  /** The machine's services (what the post-deploy checks look at). */
  services: JobService[];
};
export type JobService = { name: string; unit: string | null; url: string | null; checkType: string; checkTarget: string };

type MachineRow = NonNullable<Awaited<ReturnType<Db["machine"]["findUnique"]>>>;

/** How to reach a machine of the inventory with the panel's key (its SSH host and user required). */
export function endpointOf(m: MachineRow, keyFile: string): Endpoint {
  if (!m.sshHost || !m.sshUser) throw new ValidationError(`${m.name} has no SSH host or user in the inventory.`);
  const target = parseSshTarget({
    machine: m.name,
    host: m.sshHost,
    port: m.sshPort,
    user: m.sshUser,
    hostKeyFingerprint: m.hostKeyFingerprint,
    privateKeyPath: keyFile,
  });
  return { target, sshUser: m.sshUser };
}

/** "nix-run", or the absolute path of a deploy binary (never a bare name looked up in PATH). */
export function deployBaseOf(command: string): DeployBase {
  if (command === "nix-run") return { kind: "nix-run" };
  if (!command.startsWith("/"))
    throw new ValidationError(`deployCommand must be "nix-run" or an absolute path.`, {
      deployCommand: "must be nix-run or an absolute path",
    });
  return { kind: "binary", path: flakeDir(command, "deployCommand") };
}

export async function findMachineByName(db: Db, name: string): Promise<MachineRow> {
  const m = await db.machine.findUnique({ where: { name } });
  if (!m) throw new NotFoundError(`No machine named "${name}".`);
  return m;
}

/**
 * The inventory row as a job target. Every field that reaches a command is checked here, before
 * any connection, so a row written past the form (hostile flakeDir, deployCommand, attribute,
 * build host) refuses the job at enqueue instead of reaching a host.
 * `builderOnly` (kinds that never touch the machine, lib/jobs/kinds.ts BUILDER_ONLY_KINDS): a machine
 * without SSH of its own (an installer image) is accepted when it names a build host; its `self`
 * is then the build host's endpoint, which those kinds never use for the machine itself.
 */
export async function jobMachine(db: Db, name: string, keyFile: string, opts: { builderOnly?: boolean } = {}): Promise<JobMachine> {
  const m = await findMachineByName(db, name);
  const services = await db.service.findMany({
    where: { machineId: m.id },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { name: true, unit: true, url: true, checkType: true, checkTarget: true },
  });
  const checked = (what: () => unknown) => {
    try {
      what();
    } catch (err) {
      throw err instanceof ValidationError
        ? new ValidationError(`${m.name}'s inventory entry is invalid: ${err.message}`, err.fields)
        : err;
    }
  };
  checked(() => flakeDir(m.flakeDir, "flakeDir"));
  if (m.flakeAttr !== null) checked(() => flakeAttr(m.flakeAttr, "flakeAttr"));
  checked(() => deployBaseOf(m.deployCommand));
  const remoteBuilder = m.buildHost && m.buildHost !== m.name ? m.buildHost : null;
  const selfless = opts.builderOnly === true && remoteBuilder !== null && (!m.sshHost || !m.sshUser);
  let self = selfless ? null : endpointOf(m, keyFile);
  let builder = self;
  let builderName = m.name;
  let buildRefusal: string | null = null;
  if (remoteBuilder) {
    const b = await db.machine.findUnique({ where: { name: remoteBuilder } });
    if (!b) throw new ValidationError(`${m.name}'s build host "${remoteBuilder}" is not in the inventory.`);
    builder = endpointOf(b, keyFile);
    builderName = b.name;
    if (b.neverBuilds) buildRefusal = `${m.name}'s build host ${b.name} never builds: choose a machine that builds as its build host.`;
  }
  self ??= builder!;
  // A weak device is never its own builder: no evaluation, build or deploy-rs may run on it.
  if (m.neverBuilds && builderName === m.name)
    buildRefusal = `${m.name} never builds, so nothing may be built or evaluated on it: set another machine as its build host.`;
  return {
    id: m.id,
    name: m.name,
    deployable: m.deployable,
    self,
    builder: builder!,
    builderName,
    neverBuilds: m.neverBuilds,
    buildRefusal,
    flakeDir: m.flakeDir,
    attr: m.flakeAttr ?? m.name,
    deployBase: deployBaseOf(m.deployCommand),
    services,
  };
}

/** Refuses a job whose commands would run on a builder that must not build (see buildRefusal). */
export function assertMayBuild(m: JobMachine, kind: JobKind): void {
  if (REMOTE_AT[kind] === "builder" && m.buildRefusal !== null)
    throw new ValidationError(m.buildRefusal, { buildHost: "A machine that never builds needs another machine as its build host." });
}

/** The deploy job's command: deploy-rs for this one node, run on the builder from its checkout. */
export function deployCommandOf(m: Pick<JobMachine, "name" | "builder" | "flakeDir" | "deployBase">): RemoteCommand {
  return deploy({ sshUser: m.builder.sshUser }, { flakeDir: m.flakeDir, node: m.name, base: m.deployBase });
}
