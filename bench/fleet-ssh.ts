// SSH connections a process holds, per remote address, from `ss` (iproute2): established ones to
// port 22 and those still connecting (SYN-SENT) to hosts that do not answer.
import { execFileSync } from "node:child_process";

export type SshConnections = { established: Record<string, number>; connecting: Record<string, number>; total: number };

function count(pid: number, state: string): Record<string, number> {
  const out = execFileSync("ss", ["-tnpH", "state", state, "( dport = :22 )"], { encoding: "utf8" });
  const per: Record<string, number> = {};
  for (const line of out.split("\n")) {
    if (!line.includes(`pid=${pid},`)) continue;
    // Recv-Q Send-Q Local:Port Peer:Port Process (no State column with a state filter)
    const peer = line.trim().split(/\s+/)[3] ?? "";
    const host = peer.slice(0, peer.lastIndexOf(":"));
    per[host] = (per[host] ?? 0) + 1;
  }
  return per;
}

export function sshConnectionsOf(pid: number): SshConnections {
  const established = count(pid, "established");
  const connecting = count(pid, "syn-sent");
  const total = Object.values(established).reduce((a, b) => a + b, 0);
  return { established, connecting, total };
}
