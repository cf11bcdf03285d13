// A real Caddy (Debian's /usr/bin/caddy) in front of a panel, with the virtual host taken from
// nix/module.nix itself (so the test proves the module's text, not a copy of it) plus the local
// TLS set-up the homelab's Caddy module would otherwise provide: `tls internal`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get as httpsGet } from "node:https";
import { join, resolve } from "node:path";

export type RunningCaddy = { origin: string; rootCa: () => Buffer; stop: () => Promise<void>; output: () => string; caddyfile: string };

/** Where Caddy is, or a clear error: the Caddy e2e never skips silently. */
export function caddyBinary(): string {
  const found = spawnSync("sh", ["-c", "command -v caddy"], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error("caddy is not installed: apt-get install caddy (scripts/test-all.sh installs it)");
  return found;
}

/**
 * The module's `reverse_proxy` block (services.caddy.virtualHosts.<host>.extraConfig) with its
 * Nix interpolations filled in: upstream 127.0.0.1:<port>, and `extraConfig` (the TLS line).
 */
export function moduleVirtualHostBody(panelPort: number, extraConfig: string): string {
  const nix = readFileSync(resolve("nix/module.nix"), "utf8");
  const m = /virtualHosts\.\$\{cfg\.caddy\.virtualHost\}\.extraConfig = ''\n([\s\S]*?)\n\s*'';/.exec(nix);
  if (!m)
    throw new Error("nix/module.nix: the Caddy virtual host (virtualHosts.${cfg.caddy.virtualHost}.extraConfig = ''...'') was not found");
  const body = m[1]
    .replaceAll("${cfg.caddy.extraConfig}", extraConfig)
    .replaceAll("${upstreamHost}", "127.0.0.1")
    .replaceAll("${toString cfg.port}", String(panelPort));
  if (body.includes("${")) throw new Error(`nix/module.nix: an interpolation this test does not know in the virtual host:\n${body}`);
  return body;
}

export function caddyfile(opts: { dir: string; host: string; httpsPort: number; httpPort: number; panelPort: number }): string {
  return [
    "{",
    "\tadmin off",
    "\tlocal_certs",
    "\tskip_install_trust",
    "\tauto_https disable_redirects",
    `\thttp_port ${opts.httpPort}`,
    `\thttps_port ${opts.httpsPort}`,
    `\tstorage file_system {\n\t\troot ${join(opts.dir, "storage")}\n\t}`,
    "}",
    "",
    `https://${opts.host}:${opts.httpsPort} {`,
    moduleVirtualHostBody(opts.panelPort, "tls internal"),
    "}",
    "",
  ].join("\n");
}

/** True once Caddy answers https with a certificate from its own CA (any HTTP status). */
function answers(host: string, port: number, ca: Buffer): Promise<boolean> {
  return new Promise((r) => {
    const req = httpsGet(
      { host: "127.0.0.1", servername: host, port, path: "/api/health", headers: { host: `${host}:${port}` }, ca, timeout: 2000 },
      (res) => {
        res.resume();
        r(true);
      },
    );
    req.once("error", () => r(false));
    req.once("timeout", () => req.destroy());
  });
}

export async function startCaddy(opts: { host: string; httpsPort: number; httpPort: number; panelPort: number }): Promise<RunningCaddy> {
  const bin = caddyBinary();
  const dir = resolve("test-results/caddy");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const text = caddyfile({ ...opts, dir });
  const file = join(dir, "Caddyfile");
  writeFileSync(file, text);
  const validate = spawnSync(bin, ["validate", "--adapter", "caddyfile", "--config", file], { encoding: "utf8", env: caddyEnv(dir) });
  if (validate.status !== 0) throw new Error(`caddy validate failed:\n${validate.stderr}\n${text}`);

  // detached = setsid(2): its own session and process group, stopped as a whole.
  const child: ChildProcess = spawn(bin, ["run", "--adapter", "caddyfile", "--config", file], {
    env: caddyEnv(dir),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const rootFile = join(dir, "storage/pki/authorities/local/root.crt");
  const deadline = Date.now() + 30_000;
  while (!(existsSync(rootFile) && (await answers(opts.host, opts.httpsPort, readFileSync(rootFile))))) {
    if (child.exitCode !== null) throw new Error(`caddy exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`caddy did not listen on ${opts.httpsPort}:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timeout = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timeout);
  };
  return {
    origin: `https://${opts.host}:${opts.httpsPort}`,
    rootCa: () => readFileSync(rootFile),
    stop,
    output: () => output,
    caddyfile: text,
  };
}

/** Caddy writes nothing outside its directory under test-results. */
function caddyEnv(dir: string): NodeJS.ProcessEnv {
  return { HOME: dir, XDG_CONFIG_HOME: join(dir, "config"), XDG_DATA_HOME: join(dir, "data") } as Record<
    string,
    string
  > as NodeJS.ProcessEnv;
}
