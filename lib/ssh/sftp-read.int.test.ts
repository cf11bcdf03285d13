// SFTP reads against a real OpenSSH (loopback, its own sftp-server per channel): byte ranges equal the
// file's bytes, a missing file is NotFoundError, and destroying a stream half-way (a client that went
// away) closes its SFTP channel: the sftp-server process ends.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "../errors";
import { startSshd, type TestSshd } from "../test/sshd";
import type { SshPool } from "./pool";
import { openSftpFile } from "./sftp-read";
import { processesMatching, testPool, waitFor } from "./test-support";

let sshd: TestSshd;
let pool: SshPool;
let path: string;
const content = randomBytes(5 * 2 ** 20 + 123);

beforeAll(async () => {
  sshd = await startSshd();
  pool = testPool();
  path = join(sshd.dir, "image.iso");
  writeFileSync(path, content);
});
afterAll(async () => {
  pool?.closeAll();
  await sshd?.dispose();
});

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

const servers = () => processesMatching(join(sshd.dir, "sftp-server"));

describe("openSftpFile", () => {
  it("reads the whole file and byte ranges exactly, and closes its channel after each read", async () => {
    const file = await openSftpFile(pool, sshd.target(), path);
    expect(file.size).toBe(content.length);
    expect((await readAll(file.read(0, content.length - 1))).equals(content)).toBe(true);
    await waitFor(() => servers().length === 0, 10_000, "the sftp-server to end after a whole read");
    for (const [start, end] of [
      [0, 0],
      [1, 70_000],
      [2 ** 20 - 1, 3 * 2 ** 20 + 5],
      [content.length - 1, content.length - 1],
    ]) {
      const f = await openSftpFile(pool, sshd.target(), path);
      expect((await readAll(f.read(start, end))).equals(content.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }
  });

  it("a stream destroyed half-way closes its SFTP channel", async () => {
    const file = await openSftpFile(pool, sshd.target(), path);
    await waitFor(() => servers().length === 1, 10_000, "one sftp-server while the file is open");
    const stream = file.read(0, content.length - 1);
    await new Promise<void>((resolve) => stream.once("data", () => resolve()));
    stream.destroy();
    await waitFor(() => servers().length === 0, 10_000, "the sftp-server to end after the stream was destroyed");
  });

  it("says a missing file is not found and leaves no channel open", async () => {
    await expect(openSftpFile(pool, sshd.target(), join(sshd.dir, "gone.iso"))).rejects.toBeInstanceOf(NotFoundError);
    await expect(openSftpFile(pool, sshd.target(), sshd.dir)).rejects.toBeInstanceOf(NotFoundError);
    await waitFor(() => servers().length === 0, 10_000, "no sftp-server left");
  });
});
