// The roles a user can have (what each may do: lib/auth/permissions.ts). Below lib/auth and lib/db,
// which both need it; plain data, safe in the browser.
export const ROLES = ["admin", "operator", "viewer"] as const;
export type Role = (typeof ROLES)[number];
