// Arguments of `npm run import`: homepage <file> [--bookmarks] [--apply] | flake <machine> [--flake-dir DIR] [--apply]
export const IMPORT_USAGE = [
  "usage: npm run import -- homepage <services.yaml|bookmarks.yaml|homepage.json> [--bookmarks] [--apply]",
  "       npm run import -- flake <machine> [--flake-dir <dir>] [--apply]",
].join("\n");

export type ImportArgs =
  | { source: "homepage"; file: string; kind: "services" | "bookmarks"; apply: boolean }
  | { source: "flake"; machine: string; flakeDir: string | null; apply: boolean };

export function parseImportArgs(argv: string[]): ImportArgs | { error: string } {
  const [source, target, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith("--") && a !== "--flake-dir"));
  const dirAt = rest.indexOf("--flake-dir");
  const flakeDir = dirAt >= 0 ? (rest[dirAt + 1] ?? "") : null;
  const known = source === "homepage" ? ["--apply", "--bookmarks"] : ["--apply"];
  const unknown = [...flags].filter((f) => !known.includes(f));
  const stray = rest.filter((a, i) => !a.startsWith("--") && !(dirAt >= 0 && i === dirAt + 1));
  if (!target || target.startsWith("-")) return { error: "missing the file or machine" };
  if (unknown.length || stray.length) return { error: `unknown argument ${[...unknown, ...stray][0]}` };
  const apply = flags.has("--apply");
  if (source === "homepage") {
    if (dirAt >= 0) return { error: "--flake-dir is for flake imports" };
    const kind = flags.has("--bookmarks") || /bookmark/i.test(target.split("/").pop() ?? "") ? "bookmarks" : "services";
    return { source, file: target, kind, apply };
  }
  if (source === "flake") {
    if (flakeDir === "") return { error: "--flake-dir needs a directory" };
    return { source, machine: target, flakeDir, apply };
  }
  return { error: `unknown source ${JSON.stringify(source ?? "")} (homepage or flake)` };
}
