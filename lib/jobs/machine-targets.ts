import "server-only";
// From an inventory row to what a job needs: the SSH target of the machine, the one that builds
// and deploys it (buildHost, default itself), its flake and deploy command. The private key path
// comes from configuration (the pool's settings), never from the database.
import { deploy, type DeployBase, type RemoteCommand } from "../commands";
import { flakeAttr, flakeDir } from "../commands/names";
import type { Db } from "../db/client";
import { NotFoundError, ValidationError } from "../errors";
import { parseSshTarget, type SshTarget } from "../ssh/target";

export type Endpoint = { target: SshTarget; sshUser: string };
export type JobMachine = {
  id: number;
  name: string;
  /** The machine whose checkout builds and deploys this one (its buildHost, or itself). */
  builderName: string;
  deployable: boolean;
  /** The machine itself: system reads, generations, rollback. */
  self: Endpoint;
  /** Where nix builds and deploy-rs run (from its flake checkout). */
  builder: Endpoint;
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
 */
export async function jobMachine(db: Db, name: string, keyFile: string): Promise<JobMachine> {
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
  const self = endpointOf(m, keyFile);
  let builder = self;
  let builderName = m.name;
  if (m.buildHost && m.buildHost !== m.name) {
    const b = await db.machine.findUnique({ where: { name: m.buildHost } });
    if (!b) throw new ValidationError(`${m.name}'s build host "${m.buildHost}" is not in the inventory.`);
    builder = endpointOf(b, keyFile);
    builderName = b.name;
  }
  return {
    id: m.id,
    name: m.name,
    builderName,
    deployable: m.deployable,
    self,
    builder,
    flakeDir: m.flakeDir,
    attr: m.flakeAttr ?? m.name,
    deployBase: deployBaseOf(m.deployCommand),
    services,
  };
}

/** The deploy job's command: deploy-rs for this one node, run on the builder from its checkout. */
export function deployCommandOf(m: Pick<JobMachine, "name" | "builder" | "flakeDir" | "deployBase">): RemoteCommand {
  return deploy({ sshUser: m.builder.sshUser }, { flakeDir: m.flakeDir, node: m.name, base: m.deployBase });
}
