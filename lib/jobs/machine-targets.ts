import "server-only";
// From an inventory row to what a job needs: the SSH target of the machine, the one that builds
// and deploys it (buildHost, default itself), its flake and deploy command. The private key path
// comes from configuration (the pool's settings), never from the database.
import type { DeployBase } from "../commands";
import type { Db } from "../db/client";
import { NotFoundError, ValidationError } from "../errors";
import { parseSshTarget, type SshTarget } from "../ssh/target";

export type Endpoint = { target: SshTarget; sshUser: string };
export type JobMachine = {
  id: number;
  name: string;
  deployable: boolean;
  /** The machine itself: system reads, generations, rollback. */
  self: Endpoint;
  /** Where nix builds and deploy-rs run (from its flake checkout). */
  builder: Endpoint;
  flakeDir: string;
  attr: string;
  deployBase: DeployBase;
};

type MachineRow = NonNullable<Awaited<ReturnType<Db["machine"]["findUnique"]>>>;

function endpoint(m: MachineRow, keyFile: string): Endpoint {
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

export function deployBaseOf(command: string): DeployBase {
  return command === "nix-run" ? { kind: "nix-run" } : { kind: "binary", path: command };
}

export async function findMachineByName(db: Db, name: string): Promise<MachineRow> {
  const m = await db.machine.findUnique({ where: { name } });
  if (!m) throw new NotFoundError(`No machine named "${name}".`);
  return m;
}

export async function jobMachine(db: Db, name: string, keyFile: string): Promise<JobMachine> {
  const m = await findMachineByName(db, name);
  const self = endpoint(m, keyFile);
  let builder = self;
  if (m.buildHost && m.buildHost !== m.name) {
    const b = await db.machine.findUnique({ where: { name: m.buildHost } });
    if (!b) throw new ValidationError(`${m.name}'s build host "${m.buildHost}" is not in the inventory.`);
    builder = endpoint(b, keyFile);
  }
  return {
    id: m.id,
    name: m.name,
    deployable: m.deployable,
    self,
    builder,
    flakeDir: m.flakeDir,
    attr: m.flakeAttr ?? m.name,
    deployBase: deployBaseOf(m.deployCommand),
  };
}
