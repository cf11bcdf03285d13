// Arguments of `npm run import` (see IMPORT_USAGE).
export const IMPORT_USAGE = [
  "usage: npm run import -- homepage <services.yaml|bookmarks.yaml|homepage.json|homepage.nix> [--env <env file>] [--bookmarks] [--apply]",
  "       npm run import -- homepage-flake <machine> [--attr <nixosConfiguration>] [--flake-dir <dir>] [--env <env file>] [--bookmarks] [--apply]",
  "       npm run import -- flake <machine> [--flake-dir <dir>] [--apply]",
].join("\n");

export type ImportArgs =
  | { source: "homepage"; file: string; kind: "services" | "bookmarks"; env: string | null; apply: boolean }
  | {
      source: "homepage-flake";
      machine: string;
      attr: string | null;
      flakeDir: string | null;
      kind: "services" | "bookmarks";
      env: string | null;
      apply: boolean;
    }
  | { source: "flake"; machine: string; flakeDir: string | null; apply: boolean };

const FLAGS: Record<string, string[]> = {
  homepage: ["--apply", "--bookmarks"],
  "homepage-flake": ["--apply", "--bookmarks"],
  flake: ["--apply"],
};
const OPTIONS: Record<string, string[]> = {
  homepage: ["--env"],
  "homepage-flake": ["--attr", "--flake-dir", "--env"],
  flake: ["--flake-dir"],
};

export function parseImportArgs(argv: string[]): ImportArgs | { error: string } {
  const [source, target, ...rest] = argv;
  if (!source || !(source in FLAGS)) return { error: `unknown source ${JSON.stringify(source ?? "")} (homepage, homepage-flake or flake)` };
  if (!target || target.startsWith("-")) return { error: "missing the file or machine" };
  const flags = new Set<string>();
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (OPTIONS[source].includes(a)) {
      const v = rest[++i];
      if (v === undefined || v.startsWith("-")) return { error: `${a} needs a value` };
      options[a] = v;
    } else if (FLAGS[source].includes(a)) flags.add(a);
    else return { error: `unknown argument ${a}` };
  }
  const apply = flags.has("--apply");
  const bookmarks = flags.has("--bookmarks");
  if (source === "homepage") {
    const kind = bookmarks || /bookmark/i.test(target.split("/").pop() ?? "") ? "bookmarks" : "services";
    return { source, file: target, kind, env: options["--env"] ?? null, apply };
  }
  const flakeDir = options["--flake-dir"] ?? null;
  if (source === "homepage-flake") {
    return {
      source,
      machine: target,
      attr: options["--attr"] ?? null,
      flakeDir,
      kind: bookmarks ? "bookmarks" : "services",
      env: options["--env"] ?? null,
      apply,
    };
  }
  return { source: "flake", machine: target, flakeDir, apply };
}
