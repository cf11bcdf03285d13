// The homelab as it is today: what a first start puts in the inventory.

export const seedMachines = [
  {
    name: "frame1",
    system: "x86_64-linux",
    role: "production",
    description: "Framework desktop running the homelab's services.",
    sshHost: "frame1",
    sshUser: "admin",
    sshPort: 22,
    flakeAttr: "frame1",
    deployable: true,
    testFor: null,
  },
  {
    name: "frame1-vm",
    system: "aarch64-linux",
    role: "testing",
    description: "Local test VM of frame1's configuration.",
    sshHost: "localhost",
    sshUser: "root",
    sshPort: 2222,
    flakeAttr: "frame1-vm",
    deployable: true,
    testFor: "frame1",
  },
  {
    name: "installer-iso",
    system: "x86_64-linux",
    role: "installer",
    description: "Bootable installer image.",
    sshHost: null,
    sshUser: null,
    sshPort: 22,
    flakeAttr: "installer-iso",
    deployable: false,
    testFor: null,
  },
] as const;

type SeedService = {
  slug: string;
  name: string;
  groupName: string;
  icon: string;
  description: string;
  url: string | null;
  docsUrl: string;
  unit: string;
  ports: string;
  checkType: "http" | "tcp" | "none";
  checkTarget: string;
};

export const seedServices: SeedService[] = [
  {
    slug: "caddy",
    name: "Caddy",
    groupName: "Infrastructure",
    icon: "shield",
    description: "Reverse proxy and TLS for every *.local.kaifer.dev host.",
    url: null,
    docsUrl: "https://caddyserver.com/docs/",
    unit: "caddy.service",
    ports: "80/tcp, 443/tcp",
    checkType: "tcp",
    checkTarget: "frame1:443",
  },
  {
    slug: "homepage",
    name: "Homepage",
    groupName: "Infrastructure",
    icon: "home",
    description: "The static dashboard this panel replaces.",
    url: "https://local.kaifer.dev",
    docsUrl: "https://gethomepage.dev/",
    unit: "homepage-dashboard.service",
    ports: "3000/tcp",
    checkType: "http",
    checkTarget: "https://local.kaifer.dev",
  },
  {
    slug: "grafana",
    name: "Grafana",
    groupName: "Observability",
    icon: "chart",
    description: "Dashboards over metrics and logs.",
    url: "https://grafana.local.kaifer.dev",
    docsUrl: "https://grafana.com/docs/grafana/latest/",
    unit: "grafana.service",
    ports: "3001/tcp",
    checkType: "http",
    checkTarget: "https://grafana.local.kaifer.dev/api/health",
  },
  {
    slug: "victoriametrics",
    name: "VictoriaMetrics",
    groupName: "Observability",
    icon: "database",
    description: "Time-series database for metrics.",
    url: "https://metrics.local.kaifer.dev",
    docsUrl: "https://docs.victoriametrics.com/",
    unit: "victoriametrics.service",
    ports: "8428/tcp",
    checkType: "http",
    checkTarget: "https://metrics.local.kaifer.dev/health",
  },
  {
    slug: "loki",
    name: "Loki",
    groupName: "Observability",
    icon: "logs",
    description: "Log aggregation.",
    url: "https://logs.local.kaifer.dev",
    docsUrl: "https://grafana.com/docs/loki/latest/",
    unit: "loki.service",
    ports: "3100/tcp",
    checkType: "http",
    checkTarget: "https://logs.local.kaifer.dev/ready",
  },
  {
    slug: "alloy",
    name: "Alloy",
    groupName: "Observability",
    icon: "pipeline",
    description: "Telemetry collector shipping metrics and logs.",
    url: null,
    docsUrl: "https://grafana.com/docs/alloy/latest/",
    unit: "alloy.service",
    ports: "12345/tcp",
    checkType: "tcp",
    checkTarget: "frame1:12345",
  },
  {
    slug: "tailscale",
    name: "Tailscale",
    groupName: "Network",
    icon: "network",
    description: "VPN mesh for reaching the lab from anywhere.",
    url: null,
    docsUrl: "https://tailscale.com/kb/",
    unit: "tailscaled.service",
    ports: "41641/udp",
    checkType: "none",
    checkTarget: "",
  },
  {
    slug: "ssh",
    name: "SSH",
    groupName: "Network",
    icon: "terminal",
    description: "OpenSSH server for administration and deploys.",
    url: null,
    docsUrl: "https://man.openbsd.org/sshd",
    unit: "sshd.service",
    ports: "22/tcp",
    checkType: "tcp",
    checkTarget: "frame1:22",
  },
];
