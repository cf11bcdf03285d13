// What each role may do. Checked on the server for every route, action and socket event.
import { ROLES, type Role } from "../validation/roles";

export const PERMISSIONS = {
  "dashboard:read": ["admin", "operator", "viewer"],
  "inventory:read": ["admin", "operator", "viewer"],
  "inventory:write": ["admin"],
  "jobs:read": ["admin", "operator", "viewer"],
  "jobs:run": ["admin", "operator"],
  /** Promote a revision that did not pass on the test machine (with a reason, audited): admins only. */
  "promote:override": ["admin"],
  "units:restart": ["admin", "operator"],
  /** Installer images: those who may build one may download it (it holds what the machines run) and delete it
   * (only disk space on the build host: the same flake revision builds it again). Viewers neither. */
  "iso:download": ["admin", "operator"],
  "iso:delete": ["admin", "operator"],
  "hostkeys:trust": ["admin"],
  "sshkey:create": ["admin"],
  "audit:read": ["admin"],
  "users:manage": ["admin"],
  /** Notification channels and rules (they hold secrets and send to the outside): admins only; others cannot open the page. */
  "notify:manage": ["admin"],
  "account:manage": ["admin", "operator", "viewer"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export type Principal = { id: number; name: string; role: Role } | null;

export function can(user: Principal, permission: Permission, opts: { anonymousDashboard?: boolean } = {}): boolean {
  if (!user) return permission === "dashboard:read" && opts.anonymousDashboard === true;
  return (PERMISSIONS[permission] as readonly Role[]).includes(user.role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A user row as the principal it acts as; null when its role is not one the panel knows. */
export function principalOf(user: { id: number; name: string; role: string }): Principal {
  return isRole(user.role) ? { id: user.id, name: user.name, role: user.role } : null;
}
