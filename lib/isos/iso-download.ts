import "server-only";
// One download of an installer image: the file is read on its build host over SFTP (the range the
// request asks for) and streamed into the response with backpressure; nothing is written to the
// panel's disk. The path comes from the job row (checked against the image pattern), never from the
// request. ETag = the image's SHA-256 (store paths never change), so If-Range resumes safely.
import { Readable } from "node:stream";
import { contentRange, parseRange, type RangeAnswer } from "../http/range";
import { db as defaultDb } from "../db/client";
import { NotFoundError } from "../errors";
import { sshPool } from "../ssh/pool";
import { openSftpFile } from "../ssh/sftp-read";
import { builderEndpoint, findIsoJob } from "./iso-jobs";

export type IsoDownload = { response: Response; fileName: string; range: string };

const describe = (a: RangeAnswer) =>
  a.kind === "partial" ? `bytes ${a.start}-${a.end}` : a.kind === "whole" ? "whole file" : "unsatisfiable range";

export async function isoDownload(req: Request, jobId: number, deps = { db: defaultDb(), pool: sshPool() }): Promise<IsoDownload> {
  const job = await findIsoJob(deps.db, jobId);
  const { image } = job;
  const at = await builderEndpoint(deps.db, job, deps.pool.settings.keyFile);
  const file = await openSftpFile(deps.pool, at.target, image.isoPath);
  if (file.size !== image.size) {
    file.close();
    throw new NotFoundError(`${image.fileName} on ${job.builder} is not the image that was built (its size changed).`);
  }
  const etag = `"${image.sha256}"`;
  const answer = parseRange(req.headers.get("range"), image.size, req.headers.get("if-range"), etag);
  const headers: Record<string, string> = {
    "accept-ranges": "bytes",
    etag,
    "content-type": "application/x-iso9660-image",
    "content-disposition": `attachment; filename="${image.fileName}"`,
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
  };
  const range = contentRange(answer, image.size);
  if (range) headers["content-range"] = range;
  if (answer.kind === "unsatisfiable") {
    file.close();
    return { response: new Response(null, { status: 416, headers }), fileName: image.fileName, range: describe(answer) };
  }
  const [start, end] = answer.kind === "partial" ? [answer.start, answer.end] : [0, image.size - 1];
  headers["content-length"] = String(end - start + 1);
  if (image.size === 0) {
    file.close();
    return { response: new Response(null, { status: 200, headers }), fileName: image.fileName, range: describe(answer) };
  }
  const stream = file.read(start, end);
  // A client that goes away cancels the body: the SFTP stream is destroyed, which closes its channel.
  req.signal.addEventListener("abort", () => stream.destroy(), { once: true });
  const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  const status = answer.kind === "partial" ? 206 : 200;
  return { response: new Response(body, { status, headers }), fileName: image.fileName, range: describe(answer) };
}
