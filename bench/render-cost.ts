// What one uncached render costs the server: CPU time (user + system, read from /proc/<pid>/stat)
// over `count` sequential GETs that miss the page cache (a query string is never cached), divided
// by their number. Sequential, so the figure is the render's own cost, not contention's.
import { readFileSync } from "node:fs";
import { rawGet, BROWSER_ENCODING, type Who } from "./http-load";
import { round } from "./round";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuMs(pid: number): number {
  // Fields after the command name, which is in parentheses and may contain spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

export type RenderCost = {
  path: string;
  requests: number;
  cpuMsPerRequest: number;
  /** One answer's size uncompressed, and as sent to a browser (with its encoding). */
  htmlBytes: number;
  bytes: number;
  encoding: string | null;
};

export async function renderCost(origin: string, pid: number, path: string, count: number, who: Who): Promise<RenderCost> {
  const sep = path.includes("?") ? "&" : "?";
  const get = (i: number) => rawGet(`${origin}${path}${sep}render=${i}`, BROWSER_ENCODING, who);
  for (let i = 0; i < 20; i += 1) await get(-i - 1); // warm the route's code and the JIT
  const before = cpuMs(pid);
  let last = await get(0);
  for (let i = 1; i < count; i += 1) {
    last = await get(i);
    if (last.status !== 200) throw new Error(`GET ${path} answered ${last.status}`);
  }
  const used = cpuMs(pid) - before;
  const plain = await rawGet(`${origin}${path}${sep}render=plain`, null, who);
  return {
    path,
    requests: count,
    cpuMsPerRequest: round(used / count, 2),
    htmlBytes: plain.bytes,
    bytes: last.bytes,
    encoding: last.encoding,
  };
}
