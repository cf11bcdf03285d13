// The installer image (nixosConfigurations.<attr>.config.system.build.isoImage): build it on the
// build host with a GC root of the panel's, read its file's size and SHA-256, see whether it is
// still there, delete it. Paths reach the scripts as "$1", "$2", ..., never inside their text.
import { CommandInputError } from "./errors";
import { flakeAttr, flakeDir, intInRange, storePath } from "./names";
import { NIX } from "./nix-commands";
import { ISO_PATH } from "./patterns";
import { remoteCommand, type CommandContext, type RemoteCommand } from "./remote-command";

/** The panel's GC roots for images, relative to the build user's home (ssh commands start there). */
export const ISO_ROOT_DIR = ".local/state/homelab-panel/isos";
/** The most images one presence check asks about (the list shows the newest ones). */
export const ISO_PRESENCE_MAX = 100;

/** The GC root of job `jobId`'s image (from the job's id only, never from stored text). */
export function isoRoot(jobId: unknown): string {
  return `${ISO_ROOT_DIR}/iso-${intInRange(jobId, "jobId", 1, 2_147_483_647)}`;
}

export function isoPath(value: unknown, field = "isoPath"): string {
  if (typeof value !== "string" || !ISO_PATH.test(value) || value.includes(".."))
    throw new CommandInputError(field, "must be /nix/store/<hash>-<name>/iso/<file>.iso", value);
  return value;
}

/** Build the image with `--out-link` at its GC root. stdout: `nix build --json`; stderr: internal-json log. */
export function isoBuild(ctx: CommandContext, t: { flakeDir: string; attr: string; jobId: number }): RemoteCommand {
  const dir = flakeDir(t.flakeDir);
  const attr = flakeAttr(t.attr);
  const ref = `${dir}#nixosConfigurations.${attr}.config.system.build.isoImage`;
  return remoteCommand(ctx, {
    kind: "iso.build",
    argv: [...NIX, "build", "--json", "--log-format", "internal-json", "-v", "--out-link", isoRoot(t.jobId), ref],
    description: `Build the installer image ${attr} from ${dir}`,
    readOnly: true,
    cancellable: true,
  });
}

/**
 * $1 = the image's output. For each `file iso PATH` of its nix-support/hydra-build-products whose
 * PATH lies in $1/iso/: `iso<TAB>size<TAB>sha256<TAB>PATH` (lib/nix/iso-result.ts parses it).
 */
export const ISO_FACTS_SCRIPT = [
  'f="$1/nix-support/hydra-build-products"',
  '[ -r "$f" ] || { echo "no $f" >&2; exit 3; }',
  "while read -r type subtype path rest; do",
  '  [ "$type $subtype" = "file iso" ] || continue',
  '  case "$path" in "$1"/iso/*) ;; *) continue ;; esac',
  '  size=$(stat -L -c %s -- "$path") || exit 4',
  '  sum=$(sha256sum -- "$path") || exit 5',
  '  printf "iso\\t%s\\t%s\\t%s\\n" "$size" "${sum%% *}" "$path"',
  'done <"$f"',
].join("\n");

export function isoFacts(ctx: CommandContext, outPath: string): RemoteCommand {
  const out = storePath(outPath, "outPath");
  return remoteCommand(ctx, {
    kind: "iso.facts",
    argv: ["sh", "-c", ISO_FACTS_SCRIPT, "panel-iso-facts", out],
    description: `Read the image's size and SHA-256 (${out.slice(44)})`,
    readOnly: true,
    cancellable: true,
  });
}

/** Arguments in pairs (GC root, image file): `root<TAB>link target<TAB>present|gone` per pair. */
export const ISO_PRESENCE_SCRIPT = [
  'while [ "$#" -ge 2 ]; do',
  '  t=$(readlink -- "$1" 2>/dev/null) || t=""',
  '  if [ -n "$t" ] && [ -f "$2" ]; then s=present; else s=gone; fi',
  '  printf "%s\\t%s\\t%s\\n" "$1" "$t" "$s"',
  "  shift 2",
  "done",
].join("\n");

export function isoPresence(ctx: CommandContext, images: readonly { jobId: number; isoPath: string }[]): RemoteCommand {
  if (!Array.isArray(images) || images.length === 0 || images.length > ISO_PRESENCE_MAX)
    throw new CommandInputError("images", `must have 1 to ${ISO_PRESENCE_MAX} items`);
  const args = images.flatMap((i) => [isoRoot(i.jobId), isoPath(i.isoPath)]);
  return remoteCommand(ctx, {
    kind: "iso.presence",
    argv: ["sh", "-c", ISO_PRESENCE_SCRIPT, "panel-iso-presence", ...args],
    description: `See whether ${images.length} installer image${images.length === 1 ? "" : "s"} still exist`,
    readOnly: true,
    cancellable: true,
  });
}

/** Remove the image's GC root (nix's garbage collector may then take it). */
export function isoRemoveRoot(ctx: CommandContext, jobId: number): RemoteCommand {
  return remoteCommand(ctx, {
    kind: "iso.remove-root",
    argv: ["rm", "-f", "--", isoRoot(jobId)],
    description: `Remove the GC root of installer image #${jobId}`,
    readOnly: false,
    cancellable: false,
  });
}

/** `nix store delete` of the image's output (nix 2.4+; refuses a path something still keeps alive). */
export function isoStoreDelete(ctx: CommandContext, outPath: string): RemoteCommand {
  const out = storePath(outPath, "outPath");
  return remoteCommand(ctx, {
    kind: "iso.store-delete",
    argv: [...NIX, "store", "delete", out],
    description: `Delete ${out.slice(44)} from the store`,
    readOnly: false,
    cancellable: false,
  });
}
