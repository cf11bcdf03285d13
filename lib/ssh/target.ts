// Where and how to reach one machine. Validated before anything touches the network.
import { z } from "zod";
import { ValidationError } from "../errors";
import { MACHINE_NAME, ONE_LINE, SSH_USER, isHost } from "../commands/patterns";
import { FINGERPRINT } from "./fingerprint";

export type SshTarget = {
  /** Inventory name; the pool keeps one connection per machine. */
  machine: string;
  host: string;
  port: number;
  user: string;
  /** Pinned "SHA256:..." fingerprint; null = not trusted yet (connecting is refused). */
  hostKeyFingerprint: string | null;
  /** Path of the private key file; the key itself is read at connect time and never logged. */
  privateKeyPath: string;
  /** Connect through this host (ssh -J). */
  jump?: SshTarget;
};

const base = z.object({
  machine: z.string().regex(MACHINE_NAME, "not a machine name"),
  host: z.string().refine((h) => isHost(h) && !h.startsWith("-"), "not a host name or IP address"),
  port: z.number().int().min(1).max(65535),
  user: z.string().regex(SSH_USER, "not a Unix user name"),
  hostKeyFingerprint: z.string().regex(FINGERPRINT, "not a SHA256:... fingerprint").nullable(),
  privateKeyPath: z
    .string()
    .min(1)
    .regex(ONE_LINE, "must be one line")
    .refine((p) => !p.startsWith("-"), "must not start with '-'"),
});

export const sshTargetSchema: z.ZodType<SshTarget> = base.extend({
  jump: z.lazy(() => sshTargetSchema).optional(),
});

/** Validates a target (recursively, including its jump host); throws ValidationError naming the fields. */
export function parseSshTarget(input: unknown): SshTarget {
  const result = sshTargetSchema.safeParse(input);
  if (result.success) return result.data;
  const fields = Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
  throw new ValidationError("Invalid SSH target.", fields);
}

/** Everything that, when changed, requires a new connection. */
export function targetIdentity(t: SshTarget): string {
  const own = [t.host, t.port, t.user, t.hostKeyFingerprint ?? "-", t.privateKeyPath].join("|");
  return t.jump ? `${own}>via>${targetIdentity(t.jump)}` : own;
}

export function describeTarget(t: SshTarget): string {
  return `${t.user}@${t.host}:${t.port}${t.jump ? ` via ${describeTarget(t.jump)}` : ""}`;
}
