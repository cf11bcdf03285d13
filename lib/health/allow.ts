// Which hosts health checks may contact (HEALTH_CHECK_ALLOW): "*", or names, IPs and IPv4 CIDRs.
import { isIP } from "node:net";

export type AllowList = (host: string) => boolean;

function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

function cidrMatch(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const bits = /^\d{1,2}$/.test(bitsText ?? "") ? Number(bitsText) : NaN; // "10.0.0.0/" must not mean /0
  if (isIP(ip) !== 4 || isIP(base) !== 4 || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ipv4ToInt(ip) & mask) === (ipv4ToInt(base) & mask);
}

export function parseAllowList(spec: string): AllowList {
  const entries = spec.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (entries.includes("*")) return () => true;
  return (rawHost) => {
    const host = rawHost.toLowerCase().replace(/^\[|\]$/g, "");
    return entries.some((e) => (e.includes("/") ? cidrMatch(host, e) : e === host));
  };
}
