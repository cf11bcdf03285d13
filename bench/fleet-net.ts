// bench:fleet's unreachable machines, inside the lab's own network (never a real address): packets
// to 10.231.250.0/24 go to the lab's router namespace and are dropped there without an answer (a
// machine that is off: connects run into their time-out); 10.231.251.0/24 is answered by the router
// with "host unreachable" (a machine whose LAN says it is not there). Removed again by `clear`.
import { execFileSync } from "node:child_process";

export const BLACKHOLE_NET = "10.231.250";
export const UNREACHABLE_NET = "10.231.251";

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });

export function addUnreachableNets(): void {
  for (const [net, type] of [
    [BLACKHOLE_NET, "blackhole"],
    [UNREACHABLE_NET, "unreachable"],
  ] as const) {
    ip("route", "replace", `${net}.0/24`, "via", "10.231.0.2", "dev", "hplab0");
    ip("-n", "hplab-router", "route", "replace", type, `${net}.0/24`);
  }
}

export function clearUnreachableNets(): void {
  for (const net of [BLACKHOLE_NET, UNREACHABLE_NET]) {
    for (const args of [
      ["route", "del", `${net}.0/24`],
      ["-n", "hplab-router", "route", "del", `${net}.0/24`],
    ]) {
      try {
        ip(...args);
      } catch {
        // gone already (or the lab is down, which removes both)
      }
    }
  }
}
