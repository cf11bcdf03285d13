// deploy-rs's remoteBuild settings as `nix eval --json <flake>#deploy --apply
// DEPLOY_REMOTE_BUILD_FUNCTION` prints them, and which profiles of a node deploy-rs would build ON
// THE NODE. deploy-rs merges settings profile → node → top level (lib.rs make_deploy_data: the
// first that is set wins), and `--remote-build` on its command line forces it for every profile
// (the panel never passes it). push.rs build_profile then builds remotely (nix build --store
// ssh-ng://node) instead of building locally and copying (nix copy --to ssh://node).
import { z } from "zod";

const flag = z.boolean().nullable();
const settingsSchema = z.object({
  remoteBuild: flag,
  nodes: z.record(z.string(), z.object({ remoteBuild: flag, profiles: z.record(z.string(), flag) })),
});
export type DeployRemoteBuild = z.infer<typeof settingsSchema>;

export type RemoteBuildVerdict =
  | { ok: true; profiles: string[] }
  | { ok: false; reason: "no-node" | "unreadable"; message: string }
  | { ok: false; reason: "remote-build"; profiles: string[]; message: string };

/** Never throws: text that is not the expected JSON is "unreadable". */
export function parseDeployRemoteBuild(stdout: string): DeployRemoteBuild | null {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return null;
  }
  const r = settingsSchema.safeParse(json);
  return r.success ? r.data : null;
}

/** Whether deploying `node` (all its profiles, as `deploy <flake>#node` does) builds only on the deploying host. */
export function remoteBuildVerdict(stdout: string, node: string): RemoteBuildVerdict {
  const s = parseDeployRemoteBuild(stdout);
  if (s === null)
    return {
      ok: false,
      reason: "unreadable",
      message: `could not read deploy-rs's remoteBuild settings (${stdout.trim().slice(0, 120) || "no output"})`,
    };
  const n = Object.hasOwn(s.nodes, node) ? s.nodes[node] : undefined;
  if (!n) return { ok: false, reason: "no-node", message: `the flake has no deploy-rs node named ${node}` };
  const profiles = Object.keys(n.profiles).sort();
  const remote = profiles.filter((p) => (n.profiles[p] ?? n.remoteBuild ?? s.remoteBuild ?? false) === true);
  if (remote.length === 0) return { ok: true, profiles };
  return {
    ok: false,
    reason: "remote-build",
    profiles: remote,
    message: `deploy-rs would build ${remote.map((p) => `${node}.${p}`).join(", ")} on ${node} itself (remoteBuild = true)`,
  };
}
