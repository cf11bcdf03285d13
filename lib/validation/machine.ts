import { z } from "zod";
import { checkbox, optional, text } from "./fields";
import { FLAKE_ATTR, MACHINE_NAME, SSH_USER, SYSTEM, isHost } from "../commands/patterns";
import { portNumber } from "./ports";
import { flakeDir as checkFlakeDir } from "../commands/names";

/** The schema's default flake checkout (prisma/schema.prisma Machine.flakeDir). */
export const DEFAULT_FLAKE_DIR = "/home/admin/homelab";

/** True when the commands layer would accept `value` as an absolute path (same validator, one rule). */
function isSafeAbsolutePath(value: string): boolean {
  try {
    checkFlakeDir(value);
    return true;
  } catch {
    return false;
  }
}

const PATH_RULE =
  "an absolute path of letters, digits, '.', '_', '/' or '-' (no spaces, no '..' or '.' segments, no segment starting with '-')";

const blankTo = (fallback: string) => (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? fallback : v);

export const ROLES = ["production", "testing", "installer", "other"] as const;

export const machineName = z
  .string()
  .trim()
  .regex(MACHINE_NAME, "Use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.");

export const NEVER_BUILDS_NEEDS_HOST = "A machine that never builds needs another machine as its build host (e.g. frame1).";

export const machineInput = z
  .object({
    name: machineName,
    system: z.string().trim().regex(SYSTEM, "Use a Nix system such as x86_64-linux or aarch64-linux."),
    role: z.enum(ROLES, { message: "Choose production, testing, installer or other." }),
    description: text(500, "Description").default(""),
    sshHost: optional(z.string().trim().refine(isHost, "Use a host name or IP address (no spaces, not starting with '-').")).default(null),
    sshUser: optional(z.string().trim().regex(SSH_USER, "Use a Unix user name such as admin or root.")).default(null),
    sshPort: z.preprocess((v) => (v === "" || v === undefined ? 22 : v), portNumber),
    flakeAttr: optional(z.string().trim().regex(FLAKE_ATTR, "Use a Nix attribute name such as frame1.")).default(null),
    deployable: checkbox.default(false),
    flakeDir: z.preprocess(
      blankTo(DEFAULT_FLAKE_DIR),
      z
        .string({ message: `Flake directory must be ${PATH_RULE}.` })
        .trim()
        .max(1024, "Flake directory must be at most 1024 characters.")
        .refine(isSafeAbsolutePath, `Flake directory must be ${PATH_RULE}.`),
    ),
    deployCommand: z.preprocess(
      blankTo("nix-run"),
      z
        .string({ message: `Deploy command must be "nix-run" or ${PATH_RULE}.` })
        .trim()
        .max(1024, "Deploy command must be at most 1024 characters.")
        .refine((v) => v === "nix-run" || isSafeAbsolutePath(v), `Deploy command must be "nix-run" or ${PATH_RULE}.`),
    ),
    buildHost: optional(
      z
        .string()
        .trim()
        .regex(
          MACHINE_NAME,
          "Build host must be a machine name (lower-case letters, digits, '.', '_' or '-'), or empty for the machine itself.",
        ),
    ).default(null),
    /** A weak device: never builds or evaluates; its build host builds and copies the closure to it. */
    neverBuilds: checkbox.default(false),
    testFor: optional(
      z
        .string()
        .trim()
        .regex(MACHINE_NAME, "Test machine of must be a machine name (lower-case letters, digits, '.', '_' or '-'), or empty."),
    ).default(null),
  })
  .refine((m) => !m.neverBuilds || (m.buildHost !== null && m.buildHost !== m.name), {
    path: ["buildHost"],
    message: NEVER_BUILDS_NEEDS_HOST,
  });

export type MachineInput = z.infer<typeof machineInput>;

export const SERVICE_DISPOSITIONS = ["detach", "move", "delete"] as const;

export const machineDeleteInput = z
  .object({
    name: machineName,
    services: z.enum(SERVICE_DISPOSITIONS).optional(),
    moveTo: optional(machineName).default(null),
  })
  .refine((v) => v.services !== "move" || v.moveTo !== null, {
    path: ["moveTo"],
    message: "Choose the machine the services move to.",
  })
  .refine((v) => v.services !== "move" || v.moveTo !== v.name, {
    path: ["moveTo"],
    message: "Choose another machine than the one being deleted.",
  });

export type MachineDeleteInput = z.infer<typeof machineDeleteInput>;
