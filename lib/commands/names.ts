// Validators for every name that reaches a remote command. Each throws CommandInputError naming the
// field and the rule. All patterns are ASCII-only and none accepts a leading "-".
import { FLAKE_ATTR, SSH_USER, UNIT } from "./patterns";
import { CommandInputError } from "./errors";

const CONTROL = /\p{Cc}/u;

/** A string of at most `max` characters without control characters or NUL. */
export function requireText(value: unknown, field: string, max: number): string {
  if (typeof value !== "string") throw new CommandInputError(field, "must be a string", value);
  if (value.length === 0) throw new CommandInputError(field, "must not be empty");
  if (value.length > max) throw new CommandInputError(field, `must be at most ${max} characters`, value);
  if (CONTROL.test(value)) throw new CommandInputError(field, "must not contain control characters or newlines", value);
  if (value.startsWith("-")) throw new CommandInputError(field, 'must not start with "-"', value);
  return value;
}

function matching(value: unknown, field: string, max: number, pattern: RegExp, rule: string): string {
  const s = requireText(value, field, max);
  if (!pattern.test(s)) throw new CommandInputError(field, rule, s);
  return s;
}

const ATTR_RULE = "must be letters, digits, _ ' - (starting with a letter or _), at most 100 characters";

/** A flake attribute such as a nixosConfigurations name. */
export const flakeAttr = (v: unknown, field = "attribute"): string => matching(v, field, 100, FLAKE_ATTR, ATTR_RULE);
/** A deploy-rs node name. */
export const nodeName = (v: unknown, field = "node"): string => matching(v, field, 100, FLAKE_ATTR, ATTR_RULE);
/** A deploy-rs profile name. */
export const profileName = (v: unknown, field = "profile"): string => matching(v, field, 100, FLAKE_ATTR, ATTR_RULE);

/** A systemd unit name with its type suffix, e.g. "nginx.service". */
export const unitName = (v: unknown, field = "unit"): string =>
  matching(v, field, 210, UNIT, "must be a systemd unit name like name.service (letters, digits, : _ . @ -)");

export const sshUser = (v: unknown, field = "sshUser"): string => matching(v, field, 32, SSH_USER, "must be a lower-case user name");

/** A generation number: a positive integer up to 1,000,000 (number or digits-only string). */
export function generationNumber(value: unknown, field = "generation"): number {
  const rule = "must be a whole number from 1 to 1000000";
  const n = typeof value === "number" ? value : typeof value === "string" && /^[1-9][0-9]{0,6}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 1_000_000) throw new CommandInputError(field, rule, value);
  return n;
}

/** Nix's base-32 alphabet (no e, o, t, u). */
export const STORE_PATH = /^\/nix\/store\/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+_?=-][A-Za-z0-9+._?=-]{0,210}$/;

export function storePath(value: unknown, field = "storePath"): string {
  const s = matching(value, field, 255, STORE_PATH, "must be a /nix/store/<32-char hash>-<name> path");
  if (s.includes("..")) throw new CommandInputError(field, 'must not contain ".."', s);
  return s;
}

const ABSOLUTE = /^\/[A-Za-z0-9._/-]*$/;

function absolutePath(value: unknown, field: string, rule: string): string {
  const s = matching(value, field, 1024, ABSOLUTE, rule);
  if (s.split("/").some((seg) => seg === ".." || seg === "." || seg.startsWith("-"))) {
    throw new CommandInputError(field, 'must not contain "." or ".." segments or segments starting with "-"', s);
  }
  return s;
}

/** The directory of a flake checkout on the build host, used as a path flake reference. */
export const flakeDir = (v: unknown, field = "flakeDir"): string =>
  absolutePath(v, field, "must be an absolute path of letters, digits, . _ / -");

/** A program: an absolute path, or a bare command name looked up in PATH. */
export function programPath(value: unknown, field = "program"): string {
  if (typeof value === "string" && value.startsWith("/")) {
    return absolutePath(value, field, "must be an absolute path of letters, digits, . _ / -");
  }
  return matching(value, field, 64, /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/, "must be an absolute path or a plain command name");
}

/** A whole number in [min, max]. */
export function intInRange(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new CommandInputError(field, `must be a whole number from ${min} to ${max}`, value);
  }
  return value;
}

export function bool(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") throw new CommandInputError(field, "must be true or false", value);
  return value;
}

/** A non-empty list of at most `max` items, each checked by `each`. */
export function listOf<T>(value: unknown, field: string, max: number, each: (v: unknown, f: string) => T, min = 1): T[] {
  if (!Array.isArray(value)) throw new CommandInputError(field, "must be a list", value);
  if (value.length < min || value.length > max) throw new CommandInputError(field, `must have ${min} to ${max} items`);
  return value.map((v, i) => each(v, `${field}[${i}]`));
}
