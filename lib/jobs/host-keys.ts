import "server-only";
// Host keys are pinned per machine. A connection refused for an unknown or changed key records
// what the host presented; only an admin's explicit trust (API, audited) changes the pin.
import type { Db } from "../db/client";
import { ValidationError } from "../errors";
import { HostKeyMismatchError, HostKeyUnknownError } from "../ssh/errors";
import { normalizeFingerprint } from "../ssh/fingerprint";
import { filePinOf } from "../ssh/known-hosts-view";
import { findMachineByName } from "./machine-targets";

/** Remembers the fingerprint a machine presented when it was refused; returns the error's message. */
export async function recordPresentedKey(db: Db, err: HostKeyUnknownError | HostKeyMismatchError): Promise<void> {
  await db.machine.updateMany({ where: { name: err.machine }, data: { presentedFingerprint: err.presentedFingerprint } });
}

export function isHostKeyError(err: unknown): err is HostKeyUnknownError | HostKeyMismatchError {
  return err instanceof HostKeyUnknownError || err instanceof HostKeyMismatchError;
}

/** Pins `fingerprint` for the machine; returns the previous pin (null when there was none). */
export async function trustHostKey(db: Db, name: string, fingerprint: string): Promise<{ previous: string | null; pinned: string }> {
  const pinned = normalizeFingerprint(fingerprint);
  if (!pinned) throw new ValidationError("Not a SHA256 fingerprint.", { fingerprint: "must look like SHA256:<43 base64 characters>" });
  const m = await findMachineByName(db, name);
  await db.machine.update({ where: { id: m.id }, data: { hostKeyFingerprint: pinned, presentedFingerprint: null } });
  return { previous: m.hostKeyFingerprint, pinned };
}

/** The inventory's pin, the key last presented when refused, and what SSH_KNOWN_HOSTS_FILE says. */
export async function hostKeyState(db: Db, name: string, knownHostsFile?: string | null) {
  const m = await findMachineByName(db, name);
  return {
    machine: m.name,
    pinned: m.hostKeyFingerprint,
    presented: m.presentedFingerprint,
    knownHostsFile: await filePinOf(m, knownHostsFile),
  };
}
