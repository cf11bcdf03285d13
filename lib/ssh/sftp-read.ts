import "server-only";
// Reads one remote file over SFTP on the machine's pooled connection (its own channel, closed with
// the stream): a byte range of it as a Node stream, with backpressure (ssh2's read stream asks the
// server for the next block only when it is read). Nothing is written to the panel's disk.
import type { Readable } from "node:stream";
import type { SFTPWrapper } from "ssh2";
import { DomainError, NotFoundError } from "../errors";
import type { SshPool } from "./pool";
import type { SshTarget } from "./target";

export class SftpError extends DomainError {
  static readonly brand: string = "SftpError";
  constructor(message: string) {
    super("sftp_failed", message);
  }
}

export type SftpFile = {
  size: number;
  /** Bytes start..end (both inclusive) of the file; closes its SFTP channel when it ends, fails or is destroyed. */
  read: (start: number, end: number) => Readable;
  /** Closes the SFTP channel without reading (e.g. the request was refused after the stat). */
  close: () => void;
};

const NO_SUCH_FILE = 2;

function openSftp(client: Awaited<ReturnType<SshPool["client"]>>): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => {
    client.sftp((err, sftp) => (err ? reject(new SftpError(`cannot open SFTP: ${err.message}`)) : resolve(sftp)));
  });
}

/** Opens `path` on `target` for reading; NotFoundError when it is not (any longer) a regular file. */
export async function openSftpFile(pool: SshPool, target: SshTarget, path: string): Promise<SftpFile> {
  const sftp = await openSftp(await pool.client(target));
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    sftp.end();
  };
  try {
    const stats = await new Promise<{ size: number; isFile: () => boolean }>((resolve, reject) =>
      sftp.stat(path, (err, s) => (err ? reject(err) : resolve(s))),
    );
    if (!stats.isFile()) throw new NotFoundError(`${path} on ${target.machine} is not a regular file.`);
    return {
      size: stats.size,
      close,
      read: (start, end) => {
        const stream = sftp.createReadStream(path, { start, end, autoClose: true });
        stream.once("close", close);
        stream.once("error", close);
        return stream;
      },
    };
  } catch (err) {
    close();
    if (err instanceof DomainError) throw err;
    const code = (err as { code?: unknown }).code;
    if (code === NO_SUCH_FILE) throw new NotFoundError(`${path} no longer exists on ${target.machine}.`);
    throw new SftpError(`cannot read ${path} on ${target.machine}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
