import "server-only";
// The installer images the panel built: succeeded iso-build jobs whose result names an image
// (lib/nix/iso-result.ts) and the build host that holds it. The file's path and the host come from
// the job row, checked again on the way out, never from a request.
import { z } from "zod";
import { MACHINE_NAME } from "../commands/patterns";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { endpointOf, type Endpoint } from "../jobs/machine-targets";
import { readIsoImage, type IsoImage } from "../nix/iso-result";

export type IsoJob = {
  jobId: number;
  machine: string;
  image: IsoImage;
  /** The machine of the inventory that built it and holds it (its GC root). */
  builder: string;
  builtAt: Date | null;
  commit: string | null;
  commitSubject: string | null;
  dirty: boolean | null;
  requestedBy: string | null;
};

/** How many images the list shows (newest first). */
export const ISO_LIST_MAX = 50;

const builderOf = (result: string): string | null => {
  try {
    const parsed = z.object({ builder: z.string().regex(MACHINE_NAME) }).safeParse(JSON.parse(result));
    return parsed.success ? parsed.data.builder : null;
  } catch {
    return null;
  }
};

type Row = {
  id: number;
  kind: string;
  status: string;
  result: string;
  finishedAt: Date | null;
  commit: string | null;
  commitSubject: string | null;
  dirty: boolean | null;
  machine: { name: string };
  requestedBy: { name: string } | null;
};

function isoJobOf(row: Row): IsoJob | null {
  if (row.kind !== "iso-build" || row.status !== "succeeded") return null;
  const image = readIsoImage(row.result);
  const builder = builderOf(row.result);
  if (!image || !builder) return null;
  return {
    jobId: row.id,
    machine: row.machine.name,
    image,
    builder,
    builtAt: row.finishedAt,
    commit: row.commit,
    commitSubject: row.commitSubject,
    dirty: row.dirty,
    requestedBy: row.requestedBy?.name ?? null,
  };
}

const include = { machine: { select: { name: true } }, requestedBy: { select: { name: true } } } as const;

/** The machine's images, newest first. */
export async function listIsoJobs(db: Db, machine: string): Promise<IsoJob[]> {
  const rows = await db.job.findMany({
    where: { machine: { name: machine }, kind: "iso-build", status: "succeeded" },
    orderBy: { id: "desc" },
    take: ISO_LIST_MAX,
    include,
  });
  return rows.map(isoJobOf).filter((j): j is IsoJob => j !== null);
}

/** One image by its job's id; NotFoundError when the job is not a succeeded image build. */
export async function findIsoJob(db: Db, jobId: number): Promise<IsoJob> {
  const row = await db.job.findUnique({ where: { id: jobId }, include });
  const job = row ? isoJobOf(row) : null;
  if (!job) throw new NotFoundError(`Job ${jobId} did not build an installer image.`);
  return job;
}

/** How to reach the build host that holds the image (its inventory row, the panel's key). */
export async function builderEndpoint(db: Db, job: IsoJob, keyFile: string): Promise<Endpoint> {
  const row = await db.machine.findUnique({ where: { name: job.builder } });
  if (!row) throw new NotFoundError(`The build host ${job.builder} of image #${job.jobId} is no longer in the inventory.`);
  return endpointOf(row, keyFile);
}
