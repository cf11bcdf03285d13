// What the server prints while no user exists: where to create the first admin, naming only the
// ways that work with the settings it runs with. Without PUBLIC_ORIGINS or TRUSTED_PROXIES the
// panel answers loopback only (Host and Origin are checked), so a link "from anywhere" would fail.
export type SetupHintInput = {
  /** The panel's own loopback origin, e.g. http://127.0.0.1:3000. */
  loopback: string;
  /** PUBLIC_ORIGINS as listed (without the loopback ones the panel always adds). */
  listed: string[];
  trustedProxies: string[];
  token: string;
};

export function setupHint({ loopback, listed, trustedProxies, token }: SetupHintInput): string[] {
  const lines = ["no user exists yet: create the first admin now.", `  on this machine: open ${loopback}/setup`];
  if (listed.length > 0 || trustedProxies.length > 0) {
    lines.push(`  from another browser (one-time link, until the first admin exists): ${listed[0] ?? loopback}/setup?token=${token}`);
  } else {
    const port = new URL(loopback).port;
    lines.push(
      "  from another machine: set PUBLIC_ORIGINS (and TRUSTED_PROXIES behind Caddy) and restart, then use the one-time link printed here",
      `  (README: Running on NixOS, behind Caddy); or forward the port over SSH: ssh -L ${port}:127.0.0.1:${port} <this machine>`,
    );
  }
  return lines;
}
