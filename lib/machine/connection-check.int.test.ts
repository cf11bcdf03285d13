// "Check connection" against the lab's frame1 with a panel key made fresh for this test: the login
// is refused until the test adds the key to the host, then every check is green; each way of
// failing (no key, wrong user, no sudo, no flake, unknown or changed host key, nothing listening)
// gives its own fix. The keys and the nosudo user are removed again in afterAll.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab, type LabInfo } from "@/e2e/lab";
import { addUserWithoutSudo, authorizeKey, forgetTestKeys } from "@/e2e/fixtures/first-run-host";
import { createPanelKey, type PanelKey } from "../ssh/panel-key";
import { DEFAULT_SSH_SETTINGS, type SshSettings } from "../ssh/settings";
import { useTestDatabase } from "../test/db";
import { CHECK_IDS, type CheckId } from "../wire/connection-check";
import { runCheck, type CheckDeps } from "./connection-check";

const tdb = useTestDatabase();
let info: LabInfo;
let key: PanelKey;
let deps: CheckDeps;
const fp = (name: string) => info.hosts.find((h) => h.name === name)!.hostKeyFingerprint;

async function all(machine: string): Promise<Record<CheckId, Awaited<ReturnType<typeof runCheck>>>> {
  const out = {} as Record<CheckId, Awaited<ReturnType<typeof runCheck>>>;
  for (const id of CHECK_IDS) out[id] = await runCheck(machine, id, deps);
  return out;
}

beforeAll(async () => {
  info = await lab.up();
  await forgetTestKeys("frame1");
  const path = join(mkdtempSync(join(tmpdir(), "panel-first-run-")), "ssh", "id_ed25519");
  key = (await createPanelKey({ path, configured: false })).key;
  const settings: SshSettings = { ...DEFAULT_SSH_SETTINGS, keyFile: path, keyConfigured: false, connectAttempts: 1 };
  deps = { db: tdb.client(), settings };
  const base = { system: "x86_64-linux", role: "testing", sshHost: "10.231.1.2", sshUser: "admin", flakeAttr: "frame1" };
  const machines = [
    { name: "frame1", hostKeyFingerprint: fp("frame1") },
    { name: "frame1-new", hostKeyFingerprint: null },
    { name: "frame1-rekeyed", hostKeyFingerprint: fp("frame2") },
    { name: "frame1-wrong-user", hostKeyFingerprint: fp("frame1"), sshUser: "nobody-here" },
    { name: "frame1-nosudo", hostKeyFingerprint: fp("frame1"), sshUser: "nosudo" },
    { name: "frame1-root", hostKeyFingerprint: fp("frame1"), sshUser: "root" },
    { name: "frame1-no-flake", hostKeyFingerprint: fp("frame1"), flakeDir: "/home/admin/not-here" },
    { name: "closed-port", hostKeyFingerprint: null, sshHost: "127.0.0.1", sshPort: 1 },
  ];
  for (const m of machines) await tdb.client().machine.create({ data: { ...base, ...m } });
});

afterAll(async () => {
  await forgetTestKeys("frame1");
});

describe("Check connection on the lab", () => {
  it("refuses the login with the fix and the NixOS line until the key is on the host, then is all green", async () => {
    const before = await all("frame1");
    expect(before.tcp.status).toBe("ok");
    expect(before["host-key"]).toMatchObject({ status: "ok", detail: expect.stringContaining(fp("frame1")) });
    expect(before.login.status).toBe("failed");
    expect(before.login.fix).toContain('refused the login as "admin"');
    expect(before.login.snippet).toBe(`users.users.admin.openssh.authorizedKeys.keys = [ "${key.publicKey}" ];`);

    await authorizeKey("frame1", "admin", key.publicKey!);
    const after = await all("frame1");
    for (const id of CHECK_IDS) expect(after[id], id).toMatchObject({ status: "ok", fix: null });
    expect(after.nix.detail).toMatch(/^nix 2\.\d+/);
    expect(after.flake.detail).toBe("/home/admin/homelab on frame1, a git repository (/home/admin/homelab)");
  });

  it("skips sudo for root", async () => {
    await authorizeKey("frame1", "root", key.publicKey!);
    expect(await runCheck("frame1-root", "login", deps)).toMatchObject({ status: "ok" });
    expect(await runCheck("frame1-root", "sudo", deps)).toMatchObject({ status: "skipped" });
  });

  it("gives each failure its own fix", async () => {
    const wrongUser = await runCheck("frame1-wrong-user", "login", deps);
    expect(wrongUser.fix).toContain('Either the user "nobody-here" does not exist there');

    await addUserWithoutSudo("frame1", key.publicKey!);
    expect(await runCheck("frame1-nosudo", "login", deps)).toMatchObject({ status: "ok" });
    const sudo = await runCheck("frame1-nosudo", "sudo", deps);
    expect(sudo).toMatchObject({ status: "failed", fix: expect.stringContaining('"nosudo" cannot run sudo without a password') });
    expect(sudo.snippet).toContain('users = [ "nosudo" ]; commands = [ { command = "ALL"; options = [ "NOPASSWD" ]; } ];');

    const flake = await runCheck("frame1-no-flake", "flake", deps);
    expect(flake).toMatchObject({ status: "failed", detail: "/home/admin/not-here does not exist on frame1-no-flake" });
    expect(flake.fix).toContain("git clone <your repository> /home/admin/not-here");

    const fresh = await runCheck("frame1-new", "host-key", deps);
    expect(fresh).toMatchObject({ status: "failed", presentedFingerprint: fp("frame1") });
    expect(fresh.fix).toContain("ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub");
    expect((await tdb.client().machine.findUnique({ where: { name: "frame1-new" } }))?.presentedFingerprint).toBe(fp("frame1"));

    const rekeyed = await runCheck("frame1-rekeyed", "host-key", deps);
    expect(rekeyed).toMatchObject({ status: "failed", detail: `host key changed: ${fp("frame1")}` });
    expect(rekeyed.fix).toContain(`but the panel pinned ${fp("frame2")}`);

    const closed = await runCheck("closed-port", "tcp", deps);
    expect(closed).toMatchObject({ status: "failed", detail: "127.0.0.1:1: connection refused" });
    expect(closed.fix).toContain("services.openssh.enable = true;");
  });
});
