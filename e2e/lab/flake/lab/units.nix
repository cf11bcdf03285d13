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
in {
  caddy = mk "caddy" "Caddy web server" "";
  grafana = mk "grafana" "Grafana dashboards"
    (if variant == "changed" then "Environment=GF_LAB_REVISION=2 GF_LAB_THEME=dark" else "Environment=GF_LAB_REVISION=1");
  victoriametrics = mk "victoriametrics" "VictoriaMetrics time series database" "";
  loki = mk "loki" "Grafana Loki log aggregation" (if variant == "broken" then "Environment=LAB_BROKEN=1" else "");
  alloy = mk "alloy" "Grafana Alloy telemetry collector" "";
  tailscaled = mk "tailscaled" "Tailscale node agent" "";
}
