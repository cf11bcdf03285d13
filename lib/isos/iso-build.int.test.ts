// The installer image against the lab: built by the job runner on frame1 (the lab flake's
// installer-iso), its recorded SHA-256 and size equal what frame1's own tools say, a ranged SFTP
// read returns the file's bytes, the list sees it, and delete removes its GC root and store path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab } from "@/e2e/lab";
import { JobRunner } from "../jobs/runner";
import { readIsoImage, type IsoImage } from "../nix/iso-result";
import type { SshPool } from "../ssh/pool";
import { openSftpFile } from "../ssh/sftp-read";
import { expectStatus, labMachines, logText } from "../test/lab-jobs";
import { useTestDatabase } from "../test/db";
import { endpointOf } from "../jobs/machine-targets";
import { deleteIso, listIsos } from "./iso-images";

const tdb = useTestDatabase();
let pool: SshPool;
let runner: JobRunner;

beforeAll(async () => {
  ({ pool } = await labMachines(tdb.client()));
  await tdb.client().machine.create({
    data: {
      name: "installer-iso",
      system: "x86_64-linux",
      role: "installer",
      buildHost: "frame1",
      flakeAttr: "installer-iso",
      deployable: false,
    },
  });
  runner = new JobRunner({ db: tdb.client(), databaseUrl: tdb.url(), pool, settings: { flushMs: 50 } });
  await runner.start();
});

afterAll(async () => {
  await runner?.shutdown(2000);
  pool?.closeAll();
});

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

describe("installer image", () => {
  let jobId = 0;
  let image: IsoImage;

  it("builds on frame1 with a GC root; the recorded size and SHA-256 are frame1's", async () => {
    ({ id: jobId } = await runner.enqueue({ machine: "installer-iso", kind: "iso-build", args: {}, requestedById: null }));
    const job = await expectStatus(tdb.client(), jobId, "succeeded");
    image = readIsoImage(job.result)!;
    expect(image).not.toBeNull();
    expect(image.fileName).toMatch(/^nixos-24\.11\.lab-installer-[0-9a-f]{10}-x86_64-linux\.iso$/);
    expect(image.isoPath).toBe(`${image.outPath}/iso/${image.fileName}`);
    const [sum] = (await lab.run("frame1", `sha256sum ${image.isoPath}`)).trim().split(/\s+/);
    expect(image.sha256).toBe(sum);
    expect(String(image.size)).toBe((await lab.run("frame1", `stat -c %s ${image.isoPath}`)).trim());
    expect(image.size).toBeGreaterThan(40 * 2 ** 20);
    const root = `/home/admin/.local/state/homelab-panel/isos/iso-${jobId}`;
    expect((await lab.run("frame1", `readlink ${root}`)).trim()).toBe(image.outPath);
    // registered with nix as a root (an indirect root under gcroots/auto pointing at the link)
    expect(await lab.run("frame1", `nix-store --gc --print-roots | grep -F '${root} -> ${image.outPath}' | wc -l`)).toMatch(/^1\s*$/);
    expect(job.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(JSON.parse(job.result)).toMatchObject({ builder: "frame1", commit: job.commit, dirty: job.dirty });
    const log = await logText(tdb.client(), jobId);
    expect(log.some((l) => l.startsWith("@nix ") && l.includes("writing chunk 40/40"))).toBe(true);
    expect(log.some((l) => l.includes(`sha256 ${image.sha256}`))).toBe(true);
  });

  it("reads a byte range over SFTP that equals the same bytes read on frame1", async () => {
    const row = await tdb.client().machine.findUniqueOrThrow({ where: { name: "frame1" } });
    const at = endpointOf(row, pool.settings.keyFile);
    const file = await openSftpFile(pool, at.target, image.isoPath);
    expect(file.size).toBe(image.size);
    const start = 3 * 2 ** 20 - 17;
    const bytes = await readAll(file.read(start, start + 99_999));
    const expected = await lab.run("frame1", `tail -c +${start + 1} ${image.isoPath} | head -c 100000 | sha256sum`);
    expect(bytes.length).toBe(100_000);
    expect((await import("node:crypto")).createHash("sha256").update(bytes).digest("hex")).toBe(expected.trim().split(/\s+/)[0]);
    await expect(openSftpFile(pool, at.target, `${image.outPath}/iso/missing.iso`)).rejects.toThrow(/no longer exists/);
  });

  it("lists the image as present, then delete removes the root and the store path and the list says gone", async () => {
    const deps = { db: tdb.client(), pool };
    const [entry] = await listIsos("installer-iso", 30_000, deps);
    expect(entry).toMatchObject({ jobId, presence: "present", builder: "frame1", image, note: null });
    const result = await deleteIso(jobId, deps);
    expect(result).toMatchObject({ fileName: image.fileName, storeDeleted: true });
    expect((await lab.run("frame1", `test -e ${image.outPath} && echo there || echo deleted`)).trim()).toBe("deleted");
    const [after] = await listIsos("installer-iso", 30_000, deps);
    expect(after).toMatchObject({ jobId, presence: "gone" });
  });
});
