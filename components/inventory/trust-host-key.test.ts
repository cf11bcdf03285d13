// The "Trust this key" server action: admin only (refused and audited otherwise), pins the
// fingerprint the admin was shown through lib/jobs/host-keys.ts, audits hostkey.trust.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { useTestDatabase } from "@/lib/test/db";

const who = { allowed: true };
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/current", async () => {
  const { audit } = await import("@/lib/auth/audit");
  return {
    requireAction: async (permission: string, action: string, target = "") => {
      if (who.allowed) return { user: { id: null, name: "root-admin", role: "admin" }, ctx: { address: "127.0.0.1" } };
      await audit({ name: "otto" }, "127.0.0.1", action, "denied", target, `needs ${permission}`);
      throw new ForbiddenError();
    },
  };
});
const { trustHostKeyAction } = await import("@/app/(panel)/inventory/host-key-actions");

const tdb = useTestDatabase();
const A = "SHA256:XkMEwxx0B0yPhtrXhtn5z3wpGQmFKGRn8y48MX7tsHk";
const B = "SHA256:AbCdwxx0B0yPhtrXhtn5z3wpGQmFKGRn8y48MX7tsHk";
const form = (fingerprint?: string) => {
  const f = new FormData();
  if (fingerprint !== undefined) f.set("fingerprint", fingerprint);
  return f;
};
const machine = () => tdb.client().machine.findUniqueOrThrow({ where: { name: "frame1" } });
const lastAudit = () => tdb.client().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });

beforeAll(async () => {
  await tdb
    .client()
    .machine.create({ data: { name: "frame1", system: "x86_64-linux", role: "testing", hostKeyFingerprint: A, presentedFingerprint: B } });
});

describe("trustHostKeyAction", () => {
  it("refuses a non-admin, audited, without changing the pin", async () => {
    who.allowed = false;
    const state = await trustHostKeyAction("frame1", {}, form(B));
    who.allowed = true;
    expect(state.message).toMatch(/not trusted/);
    expect(await machine()).toMatchObject({ hostKeyFingerprint: A, presentedFingerprint: B });
    expect(await lastAudit()).toMatchObject({ action: "hostkey.trust", outcome: "denied", target: "frame1" });
  });

  it("refuses hostile or missing input with a message, audited as failed", async () => {
    for (const [name, f] of [
      ["frame1; reboot", form(B)],
      [undefined, form(B)],
      ["frame1", form()],
      ["frame1", form("$(id)")],
      ["frame1", form("x".repeat(200))],
    ] as const) {
      const state = await trustHostKeyAction(name, {}, f);
      expect(state.message, String(name)).toMatch(/^The key was not trusted: /);
      expect(await lastAudit()).toMatchObject({ action: "hostkey.trust", outcome: "failed" });
    }
    expect(await machine()).toMatchObject({ hostKeyFingerprint: A, presentedFingerprint: B });
  });

  it("pins the shown fingerprint, clears the presented one, audits both fingerprints", async () => {
    const state = await trustHostKeyAction("frame1", {}, form(B));
    expect(state.message ?? "").toBe("");
    expect(await machine()).toMatchObject({ hostKeyFingerprint: B, presentedFingerprint: null });
    expect(await lastAudit()).toMatchObject({ action: "hostkey.trust", outcome: "ok", target: "frame1", detail: `${A} -> ${B}` });
  });
});
