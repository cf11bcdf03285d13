// jobMachine refuses an inventory row whose command-bound fields are hostile (written past the
// form), before anything connects; valid rows pass.
import { beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { useTestDatabase } from "../test/db";
import { assertMayBuild, deployBaseOf, jobMachine } from "./machine-targets";

const tdb = useTestDatabase();
const FP = "SHA256:XkMEwxx0B0yPhtrXhtn5z3wpGQmFKGRn8y48MX7tsHk";
const base = { system: "x86_64-linux", role: "testing", sshHost: "10.0.0.1", sshUser: "admin", hostKeyFingerprint: FP };

beforeAll(async () => {
  const rows: Record<string, Record<string, unknown>> = {
    ok: { flakeAttr: "ok", deployCommand: "/usr/local/bin/deploy", buildHost: "builder" },
    builder: {},
    "dotted.lan": {},
    "fd-semi": { flakeDir: "/home/admin/homelab; reboot" },
    "fd-subst": { flakeDir: "/$(id)" },
    "fd-dots": { flakeDir: "/home/../etc" },
    "fd-dash": { flakeDir: "-x" },
    "dc-bare": { deployCommand: "reboot" },
    "dc-args": { deployCommand: "/bin/sh -c id" },
    "attr-semi": { flakeAttr: "x; reboot" },
    "bh-missing": { buildHost: "frame1; reboot" },
    "bh-evil": { buildHost: "evil" },
    evil: { sshUser: "admin; reboot" },
    "weak-self": { neverBuilds: true },
    "weak-named-self": { neverBuilds: true, buildHost: "weak-named-self" },
    weak: { neverBuilds: true, buildHost: "builder" },
    "weak-on-weak": { buildHost: "weak" },
  };
  for (const [name, data] of Object.entries(rows)) await tdb.client().machine.create({ data: { ...base, name, ...data } });
});

describe("jobMachine", () => {
  it("accepts valid rows (a dotted name without a flake attribute too)", async () => {
    const m = await jobMachine(tdb.client(), "ok", "/keys/id");
    expect(m).toMatchObject({ flakeDir: "/home/admin/homelab", attr: "ok", deployBase: { kind: "binary", path: "/usr/local/bin/deploy" } });
    expect(m.builder.target.machine).toBe("builder");
    await expect(jobMachine(tdb.client(), "dotted.lan", "/keys/id")).resolves.toMatchObject({ deployBase: { kind: "nix-run" } });
  });

  it.each(["fd-semi", "fd-subst", "fd-dots", "fd-dash", "dc-bare", "dc-args", "attr-semi", "bh-missing", "bh-evil"])(
    "refuses %s",
    async (name) => {
      const err = await jobMachine(tdb.client(), name, "/keys/id").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(/inventory entry is invalid|build host|Invalid SSH target/);
    },
  );

  it("builds a never-builds machine on its build host", async () => {
    const m = await jobMachine(tdb.client(), "weak", "/keys/id");
    expect(m).toMatchObject({ neverBuilds: true, builderName: "builder", buildRefusal: null });
    expect(m.builder.target.machine).toBe("builder");
    for (const kind of ["validate", "build", "dry-run", "deploy", "flake-update", "rollback", "generations"] as const)
      expect(() => assertMayBuild(m, kind)).not.toThrow();
  });

  it.each([
    ["weak-self", /weak-self never builds, so nothing may be built or evaluated on it/],
    ["weak-named-self", /weak-named-self never builds, so nothing may be built or evaluated on it/],
    ["weak-on-weak", /weak-on-weak's build host weak never builds/],
  ])("refuses every job that would build or evaluate on %s's builder, and nothing else", async (name, message) => {
    const m = await jobMachine(tdb.client(), name, "/keys/id");
    for (const kind of ["validate", "build", "dry-run", "deploy", "flake-update"] as const) {
      expect(() => assertMayBuild(m, kind)).toThrow(ValidationError);
      expect(() => assertMayBuild(m, kind)).toThrow(message);
    }
    for (const kind of ["rollback", "generations"] as const) expect(() => assertMayBuild(m, kind)).not.toThrow();
  });

  it("deployBaseOf takes nix-run or an absolute path only", () => {
    expect(deployBaseOf("nix-run")).toEqual({ kind: "nix-run" });
    expect(deployBaseOf("/opt/deploy")).toEqual({ kind: "binary", path: "/opt/deploy" });
    for (const bad of ["deploy", "reboot", "/x;y", "/a/../b", ""]) expect(() => deployBaseOf(bad)).toThrow(ValidationError);
  });
});
