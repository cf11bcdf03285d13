import "server-only";
// "Build ISO" as a job on the build host: `nix build` of the machine's isoImage with live progress
// (internal-json on stderr, as the build job) and `--out-link` at the panel's GC root for this job
// (~/.local/state/homelab-panel/isos/iso-<job id>), so nix's garbage collector keeps the image
// until it is deleted; then the image file's name, size and SHA-256, read on the build host.
import { isoBuild, isoFacts, isoRoot } from "../commands";
import { buildOutPath } from "../nix/build-result";
import { parseIsoFacts, type IsoImage } from "../nix/iso-result";
import type { JobCommit } from "../git/job-commit";
import type { Finish } from "./job-store";
import { readText, runStep, stepOf, type StepContext } from "./job-steps";
import type { JobMachine } from "./machine-targets";

type JobContext = StepContext & { machine: JobMachine };

/** What an iso-build job stores as its result (lib/nix/iso-result.ts readIsoImage reads `image`). */
export type IsoBuildResult = { image: IsoImage; gcRoot: string; builder: string; commit: string | null; dirty: boolean | null };

const exitText = (code: number | null) => (code === null ? "was killed" : `exited ${code}`);
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

export async function runIsoBuild(c: JobContext, commit: JobCommit): Promise<Finish> {
  const m = c.machine;
  const at = m.builder;
  const jobId = c.log.jobId;
  const out: string[] = [];
  const cmd = isoBuild({ sshUser: at.sshUser }, { flakeDir: m.flakeDir, attr: m.attr, jobId });
  const code = await runStep(c, at, stepOf(cmd), (s, l) => s === "stdout" && out.push(l));
  if (code !== 0) return { status: "failed", exitCode: code, message: `image build ${exitText(code)}` };
  const outPath = buildOutPath(out.join("\n"));
  const gcRoot = isoRoot(jobId);
  await c.log.system(`built ${outPath}; GC root ~/${gcRoot} on ${at.target.machine}`);
  const image = parseIsoFacts(await readText(c, at, isoFacts({ sshUser: at.sshUser }, outPath)), outPath);
  await c.log.system(`image ${image.fileName}: ${image.size} bytes (${mib(image.size)}), sha256 ${image.sha256}`);
  const result: IsoBuildResult = { image, gcRoot, builder: at.target.machine, commit: commit.commit, dirty: commit.dirty };
  return { status: "succeeded", exitCode: code, newSystem: null, message: `built ${image.fileName} (${mib(image.size)})`, result };
}
