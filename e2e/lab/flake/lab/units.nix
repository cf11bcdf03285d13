# The homelab's units as small long-running services (lab-service.sh writes to the journal).
# variant: base | changed (grafana's environment changes: it restarts) |
#          broken (loki's config check fails: activation fails) | slow (as base, slow to build)
{ variant, serviceScript }:
let
  mk = name: desc: extraEnv: ''
    [Unit]
    Description=${desc}
    After=network.target

    [Service]
    Type=simple
    Environment=LAB_UNIT=${name}
    ${extraEnv}
    ExecStartPre=/bin/bash ${serviceScript} ${name} check
    ExecStart=/bin/bash ${serviceScript} ${name} run
    Restart=no

    [Install]
    WantedBy=multi-user.target
  '';
  # Debian's real daemons under the homelab's unit names; the same fail flag (ExecStartPre check).
  real = name: desc: user: exec: ''
    [Unit]
    Description=${desc}
    After=network.target

    [Service]
    Type=simple
    ${user}
    ExecStartPre=/bin/bash ${serviceScript} ${name} check
    ExecStart=${exec}
    Restart=no

    [Install]
    WantedBy=multi-user.target
  '';
in {
  caddy = mk "caddy" "Caddy web server" "";
  grafana = mk "grafana" "Grafana dashboards"
    (if variant == "changed" then "Environment=GF_LAB_REVISION=2 GF_LAB_THEME=dark" else "Environment=GF_LAB_REVISION=1");
  # scrapes frame1's and frame2's node_exporter every 2 s (/etc/lab/victoriametrics/scrape.yml);
  # new points are visible after 1 s instead of VictoriaMetrics' default 30 s.
  victoriametrics = real "victoriametrics" "VictoriaMetrics time series database" ""
    "/usr/bin/victoria-metrics -httpListenAddr=:8428 -storageDataPath=/var/lib/victoriametrics -retentionPeriod=1d -promscrape.config=/etc/lab/victoriametrics/scrape.yml -search.latencyOffset=1s -search.disableCache";
  prometheus-node-exporter = real "prometheus-node-exporter" "Prometheus exporter for machine metrics" "User=prometheus"
    "/usr/bin/prometheus-node-exporter --web.listen-address=:9100";
  loki = mk "loki" "Grafana Loki log aggregation" (if variant == "broken" then "Environment=LAB_BROKEN=1" else "");
  alloy = mk "alloy" "Grafana Alloy telemetry collector" "";
  tailscaled = mk "tailscaled" "Tailscale node agent" "";
}
