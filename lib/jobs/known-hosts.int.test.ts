// The known_hosts file (SSH_KNOWN_HOSTS_FILE) against the lab: frame2, with no key pinned in the
// inventory, is reached through the file the lab writes; a file or inventory that disagrees with
// the host is refused with a message naming the file. Read-only jobs (generations) on frame2 only.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab, type LabInfo } from "@/e2e/lab";
import { createSshPool, type SshPool } from "../ssh/pool";
import { useTestDatabase } from "../test/db";
import { expectStatus, logText } from "../test/lab-jobs";
import { JobRunner } from "./runner";

const tdb = useTestDatabase();
let info: LabInfo;
let dir: string;
const runners: JobRunner[] = [];
const pools: SshPool[] = [];

async function runnerWith(knownHostsFile: string | null): Promise<JobRunner> {
  const pool = createSshPool({ keyFile: info.privateKeyPath, knownHostsFile, connectAttempts: 2 });
  const runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
  await runner.start();
  pools.push(pool);
  runners.push(runner);
  return runner;
}
const generations = (runner: JobRunner, machine: string) => runner.enqueue({ machine, kind: "generations", args: {}, requestedById: null });
const fpOf = (name: string) => info.hosts.find((h) => h.name === name)!.hostKeyFingerprint;

beforeAll(async () => {
  info = await lab.up();
  dir = mkdtempSync(join(tmpdir(), "panel-lab-kh-"));
  const base = { system: "x86_64-linux", role: "testing", sshHost: "10.231.2.2", sshUser: "admin", flakeAttr: "frame2" };
  await tdb.client().machine.create({ data: { ...base, name: "frame2", hostKeyFingerprint: null } });
  await tdb.client().machine.create({ data: { ...base, name: "frame2-pinned-wrong", hostKeyFingerprint: fpOf("frame1") } });
});

afterAll(async () => {
  for (const r of runners) await r.shutdown(2000);
  for (const p of pools) p.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe("known_hosts file", () => {
  it("pins frame2 from the lab's known_hosts file when the inventory has no key", async () => {
    expect(readFileSync(info.knownHostsPath, "utf8")).toMatch(/^frame2,10\.231\.2\.2 ssh-ed25519 /m);
    const runner = await runnerWith(info.knownHostsPath);
    const job = await expectStatus(tdb.client(), (await generations(runner, "frame2")).id, "succeeded");
    expect((JSON.parse(job.result!) as { generations: unknown[] }).generations.length).toBeGreaterThan(0);
    // The file pins at connect time; the inventory row is left as it was.
    const row = await tdb.client().machine.findUniqueOrThrow({ where: { name: "frame2" } });
    expect(row).toMatchObject({ hostKeyFingerprint: null, presentedFingerprint: null });
  });

  it("without the file the same machine is refused as unknown", async () => {
    const runner = await runnerWith(null);
    const job = await expectStatus(tdb.client(), (await generations(runner, "frame2")).id, "failed");
    expect(job.message).toContain("No host key is pinned for frame2");
  });

  it("an inventory pin that contradicts the file is a conflict: refused, both named", async () => {
    const runner = await runnerWith(info.knownHostsPath);
    const job = await expectStatus(tdb.client(), (await generations(runner, "frame2-pinned-wrong")).id, "failed");
    expect(job.message).toContain("HOST KEY CONFLICT for frame2-pinned-wrong (10.231.2.2:22)");
    expect(job.message).toContain(`the inventory pins ${fpOf("frame1")}`);
    expect(job.message).toContain(`${info.knownHostsPath} line 2 lists ${fpOf("frame2")}`);
    expect((await logText(tdb.client(), job.id)).join("\n")).toContain("HOST KEY CONFLICT");
  });

  it("a file listing another key for frame2 is a mismatch naming the file; what frame2 presented is recorded", async () => {
    const frame1Key = readFileSync(info.knownHostsPath, "utf8")
      .split("\n")
      .find((l) => l.startsWith("frame1,"))!
      .split(" ")
      .slice(1)
      .join(" ");
    const wrong = join(dir, "known_hosts");
    writeFileSync(wrong, `# frame2 with frame1's key\n10.231.2.2 ${frame1Key}\n`);
    const runner = await runnerWith(wrong);
    const job = await expectStatus(tdb.client(), (await generations(runner, "frame2")).id, "failed");
    expect(job.message).toContain(
      `HOST KEY MISMATCH for frame2 (10.231.2.2:22): expected ${fpOf("frame1")} (from the known_hosts file ${wrong} line 2)`,
    );
    expect(job.message).toContain(`presented ${fpOf("frame2")}`);
    const row = await tdb.client().machine.findUniqueOrThrow({ where: { name: "frame2" } });
    expect(row).toMatchObject({ hostKeyFingerprint: null, presentedFingerprint: fpOf("frame2") });
  });
});
