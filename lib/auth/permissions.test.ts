import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Permission } from "./permissions";

const admin = { id: 1, name: "a", role: "admin" as const };
const operator = { id: 2, name: "o", role: "operator" as const };
const viewer = { id: 3, name: "v", role: "viewer" as const };

describe("can()", () => {
  it("admin may do everything", () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(can(admin, p)).toBe(true);
  });
  it("operator may run jobs and restart units, not manage inventory, users or audit", () => {
    expect(can(operator, "jobs:run")).toBe(true);
    expect(can(operator, "units:restart")).toBe(true);
    expect(can(operator, "inventory:write")).toBe(false);
    expect(can(operator, "users:manage")).toBe(false);
    expect(can(operator, "audit:read")).toBe(false);
  });
  it("viewer only reads", () => {
    expect(can(viewer, "dashboard:read")).toBe(true);
    expect(can(viewer, "jobs:read")).toBe(true);
    expect(can(viewer, "jobs:run")).toBe(false);
    expect(can(viewer, "inventory:write")).toBe(false);
  });
  it("anonymous sees the dashboard only when it is opened to them", () => {
    expect(can(null, "dashboard:read")).toBe(false);
    expect(can(null, "dashboard:read", { anonymousDashboard: true })).toBe(true);
    expect(can(null, "inventory:read", { anonymousDashboard: true })).toBe(false);
  });
});
