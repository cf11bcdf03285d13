// Inputs of the two inventory imports (UI actions and CLI).
import { z } from "zod";
import { machineName } from "./machine";
import { FLAKE_ATTR } from "../commands/patterns";
import { flakeDir as checkFlakeDir } from "../commands/names";

export const IMPORT_MODES = ["preview", "apply"] as const;
export const MAX_IMPORT_CHARS = 1_000_000;
/** The environment (KEY=value lines) Homepage's templates are filled from. */
export const MAX_ENV_CHARS = 100_000;
/** A file named by HOMEPAGE_FILE_*: read (CLI) or uploaded (web) up to this size. */
export const MAX_ENV_FILE_BYTES = 65_536;
export const MAX_ENV_FILES = 20;

const configText = z
  .string({ message: "Paste the configuration or choose a file." })
  .max(MAX_IMPORT_CHARS, `The configuration must be at most ${MAX_IMPORT_CHARS} characters.`)
  .refine((t) => t.trim() !== "", "Paste the configuration or choose a file.");

/** A file name as the browser gives it: its last path part, printable, at most 255 characters. */
const uploadName = z
  .string()
  .max(255)
  .transform((n) => (n.split(/[\\/]/).pop() ?? "").replace(/[^\p{L}\p{N}._ -]/gu, "_"))
  .pipe(z.string().min(1));

const uploadedFiles = z.preprocess(
  (v) => {
    if (v === undefined || v === "") return [];
    try {
      return JSON.parse(String(v));
    } catch {
      return null;
    }
  },
  z
    .array(
      z.object({ name: uploadName, text: z.string().max(MAX_ENV_FILE_BYTES, `Each file may hold at most ${MAX_ENV_FILE_BYTES} bytes.`) }),
      {
        message: "The uploaded files could not be read.",
      },
    )
    .max(MAX_ENV_FILES, `At most ${MAX_ENV_FILES} files.`),
);

export const homepageImportInput = z.object({
  mode: z.enum(IMPORT_MODES, { message: "Choose preview or apply." }),
  kind: z.enum(["services", "bookmarks"], { message: "Choose services.yaml or bookmarks.yaml." }),
  text: configText,
  env: z.string().max(MAX_ENV_CHARS, `The environment must be at most ${MAX_ENV_CHARS} characters.`).default(""),
  envFiles: uploadedFiles,
});
export type HomepageImportInput = z.infer<typeof homepageImportInput>;

/** A .nix file uploaded to the Homepage import, to be evaluated with nix-instantiate. */
export const homepageNixInput = z.object({ name: uploadName, text: configText });

const isPath = (v: string) => {
  try {
    checkFlakeDir(v);
    return true;
  } catch {
    return false;
  }
};

export const flakeImportInput = z.object({
  mode: z.enum(IMPORT_MODES, { message: "Choose preview or apply." }),
  machine: machineName,
  flakeDir: z
    .preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? null : v),
      z.string().trim().max(1024).refine(isPath, "Use an absolute path of letters, digits, '.', '_', '/' or '-'.").nullable(),
    )
    .default(null),
});
export type FlakeImportInput = z.infer<typeof flakeImportInput>;

/** Where to read services.homepage-dashboard from: a machine of the inventory evaluates its flake. */
export const homepageFlakeInput = z.object({
  machine: machineName,
  attr: z
    .preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? null : v),
      z.string().trim().regex(FLAKE_ATTR, "Use a Nix attribute name such as frame1.").nullable(),
    )
    .default(null),
  flakeDir: z
    .preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? null : v),
      z.string().trim().max(1024).refine(isPath, "Use an absolute path of letters, digits, '.', '_', '/' or '-'.").nullable(),
    )
    .default(null),
});
export type HomepageFlakeInput = z.infer<typeof homepageFlakeInput>;
