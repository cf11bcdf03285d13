// Homepage icon names ("grafana.png", "si-grafana", "si-grafana-#F46800", "mdi-home", "sh-loki.svg",
// or a URL) mapped to the panel's built-in icons (lib/validation/icons.ts). The panel fetches no
// icon files, so an unknown name falls back to the default tile icon, and the plan says so.
import type { IconName } from "@/lib/validation/icons";

const BY_NAME: Record<string, IconName> = {};
const groups: [IconName, string[]][] = [
  [
    "chart",
    [
      "grafana",
      "prometheus",
      "netdata",
      "glances",
      "chart",
      "chart-line",
      "chart-bar",
      "monitor-dashboard",
      "speedtest-tracker",
      "scrutiny",
      "umami",
      "plausible",
    ],
  ],
  [
    "database",
    [
      "victoriametrics",
      "victoria-metrics",
      "influxdb",
      "postgres",
      "postgresql",
      "mysql",
      "mariadb",
      "redis",
      "mongodb",
      "database",
      "minio",
      "clickhouse",
      "sqlite",
      "couchdb",
    ],
  ],
  [
    "logs",
    [
      "loki",
      "grafana-loki",
      "graylog",
      "dozzle",
      "logs",
      "text-box",
      "file-document",
      "paperless",
      "paperless-ngx",
      "kibana",
      "elasticsearch",
      "opensearch",
    ],
  ],
  [
    "pipeline",
    [
      "alloy",
      "grafana-alloy",
      "vector",
      "promtail",
      "fluentd",
      "fluent-bit",
      "telegraf",
      "n8n",
      "node-red",
      "nodered",
      "pipe",
      "transit-connection-variant",
    ],
  ],
  [
    "shield",
    [
      "caddy",
      "traefik",
      "nginx",
      "nginx-proxy-manager",
      "authelia",
      "authentik",
      "crowdsec",
      "fail2ban",
      "shield",
      "shield-check",
      "haproxy",
      "cloudflare",
    ],
  ],
  [
    "network",
    [
      "tailscale",
      "headscale",
      "wireguard",
      "zerotier",
      "pihole",
      "pi-hole",
      "adguard",
      "adguard-home",
      "unifi",
      "opnsense",
      "pfsense",
      "mikrotik",
      "openwrt",
      "network",
      "lan",
      "router",
      "router-network",
      "blocky",
      "technitium",
    ],
  ],
  ["home", ["homepage", "home", "home-assistant", "homeassistant", "homarr", "heimdall", "dashy", "organizr", "home-outline"]],
  [
    "terminal",
    [
      "ssh",
      "openssh",
      "terminal",
      "console",
      "console-line",
      "gitea",
      "forgejo",
      "gitlab",
      "github",
      "code-server",
      "vscode",
      "ttyd",
      "guacamole",
    ],
  ],
  [
    "server",
    [
      "proxmox",
      "truenas",
      "unraid",
      "server",
      "docker",
      "portainer",
      "kubernetes",
      "k3s",
      "nixos",
      "linux",
      "debian",
      "ubuntu",
      "xcp-ng",
      "esxi",
      "cockpit",
      "webmin",
      "server-network",
    ],
  ],
  [
    "cloud",
    ["nextcloud", "owncloud", "seafile", "syncthing", "cloud", "cloud-outline", "immich", "photoprism", "filebrowser", "aws", "backblaze"],
  ],
  [
    "lock",
    [
      "vaultwarden",
      "bitwarden",
      "keycloak",
      "lock",
      "lock-outline",
      "key",
      "1password",
      "keepass",
      "pocket-id",
      "kanidm",
      "lldap",
      "step-ca",
    ],
  ],
  [
    "bell",
    ["ntfy", "gotify", "uptime-kuma", "uptimekuma", "alertmanager", "healthchecks", "bell", "bell-outline", "apprise", "gatus", "statping"],
  ],
  ["globe", ["globe", "web", "earth", "firefox", "chrome", "wikipedia", "searxng", "bookmark", "link", "google", "duckduckgo"]],
  [
    "box",
    [
      "box",
      "package",
      "package-variant",
      "cube",
      "jellyfin",
      "plex",
      "emby",
      "sonarr",
      "radarr",
      "lidarr",
      "prowlarr",
      "qbittorrent",
      "transmission",
    ],
  ],
];
for (const [icon, names] of groups) for (const n of names) BY_NAME[n] = icon;

export type IconMatch = { icon: IconName | null; base: string };

/** The base name of a Homepage icon reference: "si-grafana-#F46800" -> "grafana", "grafana.png" -> "grafana". */
export function iconBaseName(value: string): string {
  let s = value.trim().toLowerCase();
  if (/^https?:\/\//.test(s) || s.startsWith("/")) s = s.split(/[?#]/)[0].split("/").pop() ?? "";
  s = s.replace(/\.(png|svg|webp|jpe?g|ico|gif)$/, "");
  s = s.replace(/^(si|mdi|sh)-/, "");
  s = s.replace(/-#[0-9a-f]{3,8}$/, "");
  return s;
}

export function mapIcon(value: unknown): IconMatch {
  if (typeof value !== "string" || value.trim() === "") return { icon: null, base: "" };
  const base = iconBaseName(value);
  return { icon: BY_NAME[base] ?? BY_NAME[base.replace(/-(light|dark|alt)$/, "")] ?? null, base };
}
