// Which hosts health checks may contact (HEALTH_CHECK_ALLOW), comma-separated:
// - "inventory" (the default): the hosts the inventory itself names: its machines' SSH hosts and
//   its services' links. A check target on any other host needs an entry of its own;
// - names and IPs (exact), IPv4 CIDRs; "*" for any host.
// Link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10, fd00:ec2::254) are refused
// even then, also when a name resolves to one, unless an entry names that host or address itself.
import { isIP } from "node:net";

export type AllowList = {
  /** Whether a check may contact this host (a name or an IP literal). */
  (host: string): boolean;
  /** Whether this address, which `host` is or resolves to, may be connected to. */
  address(address: string, host: string): boolean;
};

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

const bare = (host: string) => host.toLowerCase().replace(/^\[|\]$/g, "");

/** An IPv6 address as eight numbers (null when it is not one, or embeds IPv4). */
function v6Groups(a: string): number[] | null {
  if (isIP(a) !== 6 || a.includes(".")) return null;
  const [head, tail] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.map((g) => parseInt(g, 16));
}

const AWS_METADATA_V6 = [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254];

/** Link-local (IPv4, IPv6, IPv4-mapped) and cloud metadata addresses. */
export function isMetadataOrLinkLocal(address: string): boolean {
  const a = bare(address);
  const v4 = a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
  if (isIP(v4) === 4) return cidrMatch(v4, "169.254.0.0/16");
  const g = v6Groups(a);
  if (!g) return false;
  return (g[0] & 0xffc0) === 0xfe80 || g.every((n, i) => n === AWS_METADATA_V6[i]);
}

export function parseAllowList(spec: string, inventoryHosts: () => ReadonlySet<string> = () => new Set()): AllowList {
  const entries = spec
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const any = entries.includes("*");
  const inventory = entries.includes("inventory");
  const listed = (host: string) => entries.some((e) => (e.includes("/") ? cidrMatch(host, e) : e === host));
  const allow = (rawHost: string): boolean => {
    const host = bare(rawHost);
    if (isIP(host) && isMetadataOrLinkLocal(host)) return listed(host);
    return any || listed(host) || (inventory && inventoryHosts().has(host));
  };
  allow.address = (address: string, host: string): boolean =>
    !isMetadataOrLinkLocal(address) || listed(bare(address)) || (!isIP(bare(host)) && listed(bare(host)));
  return allow;
}

/** The hosts the inventory names: machines' SSH hosts and services' links. */
export function inventoryHostsOf(machines: { sshHost: string | null }[], serviceUrls: (string | null)[]): Set<string> {
  const hosts = new Set<string>();
  for (const m of machines) if (m.sshHost) hosts.add(bare(m.sshHost));
  for (const url of serviceUrls) {
    if (!url) continue;
    try {
      hosts.add(bare(new URL(url).hostname));
    } catch {
      // not a URL: names no host
    }
  }
  return hosts;
}
