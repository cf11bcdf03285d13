// The installer image a build left: parsed from the facts script's output (lib/commands/iso-commands.ts
// ISO_FACTS_SCRIPT) and read back from a job's stored result. Pure; the path is checked against the
// strict pattern on the way in and on the way out, so a row edited past the panel never names
// another file.
import { z } from "zod";
import { ISO_PATH } from "../commands/patterns";
import { NixOutputError } from "./build-result";

export type IsoImage = {
  /** The image's output (the GC root points here). */
  outPath: string;
  /** The image file: <outPath>/iso/<fileName>. */
  isoPath: string;
  fileName: string;
  size: number;
  sha256: string;
};

const SHA256 = /^[0-9a-f]{64}$/;
const MAX_SIZE = 2 ** 50;

export const isoImageSchema = z.strictObject({
  outPath: z.string().max(300),
  isoPath: z.string().regex(ISO_PATH).max(500),
  fileName: z.string().max(210),
  size: z.number().int().min(0).max(MAX_SIZE),
  sha256: z.string().regex(SHA256),
});

const fileNameOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** Whether `isoPath` is `<outPath>/iso/<file>.iso` (and matches the pattern). */
export function isInside(outPath: string, isoPath: string): boolean {
  return (
    ISO_PATH.test(isoPath) &&
    !isoPath.includes("..") &&
    isoPath.startsWith(`${outPath}/iso/`) &&
    !isoPath.slice(outPath.length + 5).includes("/")
  );
}

/** The one image of `outPath` from the facts script's stdout; throws NixOutputError otherwise. */
export function parseIsoFacts(stdout: string, outPath: string): IsoImage {
  const images: IsoImage[] = [];
  for (const line of stdout.split("\n")) {
    if (!line.trim()) continue;
    const [tag, size, sha256, path, ...rest] = line.split("\t");
    if (tag !== "iso" || rest.length > 0 || !/^[0-9]{1,16}$/.test(size ?? "") || !SHA256.test(sha256 ?? ""))
      throw new NixOutputError(`unrecognised line from the image facts: ${line.slice(0, 200)}`);
    if (!isInside(outPath, path)) throw new NixOutputError(`the image file ${path.slice(0, 300)} is not <output>/iso/<name>.iso`);
    images.push({ outPath, isoPath: path, fileName: fileNameOf(path), size: Number(size), sha256 });
  }
  if (images.length !== 1)
    throw new NixOutputError(
      `expected one "file iso" build product in ${outPath}/nix-support/hydra-build-products, found ${images.length}`,
    );
  return images[0];
}

/** The image recorded in an iso-build job's result JSON; null when the result holds none or a bad one. */
export function readIsoImage(resultJson: string): IsoImage | null {
  let value: unknown;
  try {
    value = (JSON.parse(resultJson) as { image?: unknown } | null)?.image;
  } catch {
    return null;
  }
  const parsed = isoImageSchema.safeParse(value);
  if (!parsed.success) return null;
  const image = parsed.data;
  if (!isInside(image.outPath, image.isoPath) || fileNameOf(image.isoPath) !== image.fileName) return null;
  return image;
}
