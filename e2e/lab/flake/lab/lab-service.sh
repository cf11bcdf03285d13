#!/bin/bash
# A lab stand-in for a homelab daemon: `lab-service.sh NAME check|run`.
# `run` writes to stdout (the journal) at a steady rate; the "<N>" prefixes set the syslog
# priority (6 info, 4 warning, 3 err): mostly info, a warning every 7th line, an error every 23rd.
# How to make it fail (documented in e2e/lab/README.md):
#   echo "reason" > /etc/lab/fail/NAME && systemctl restart NAME   # ExecStartPre check fails
#   a running unit also exits 1 within one interval once the flag file exists.
name="$1"; mode="${2:-run}"
flag="/etc/lab/fail/$name"
interval="${LAB_LOG_INTERVAL:-2}"
[[ -f /etc/lab/log-interval ]] && interval="$(cat /etc/lab/log-interval)"

if [[ "$mode" == check ]]; then
  if [[ -e "$flag" ]]; then echo "<3>$name: configuration check failed: $(cat "$flag" 2>/dev/null || echo 'lab fail flag')"; exit 1; fi
  if [[ "${LAB_BROKEN:-0}" == 1 ]]; then echo "<3>$name: configuration check failed: invalid schema_config (lab variant 'broken')"; exit 1; fi
  echo "<6>$name: configuration valid"
  exit 0
fi

case "$name" in
  caddy) msgs=("handled request GET /api/health status=200 duration=2ms" "handled request GET / status=200 duration=11ms" "certificate still valid for grafana.home.arpa" "reverse_proxy upstream 127.0.0.1:3000 healthy") ;;
  grafana) msgs=("HTTP request completed method=GET path=/api/dashboards status=200" "alert rule evaluated rule=disk-space state=Normal" "cleanup job finished removed=0" "datasource health check datasource=victoriametrics ok") ;;
  victoriametrics) msgs=("ingested 1840 samples from 6 targets" "merged 12 parts into 1 part in 0.08s" "scrape of node_exporter finished in 14ms" "storage stats: 52134 series, 3.1MB") ;;
  loki) msgs=("flushed 4 chunks for 2 streams" "compactor: table index_19500 compacted" "ingester: 312 lines received" "querier: query executed in 21ms") ;;
  alloy) msgs=("component loki.source.journal read 48 entries" "prometheus.scrape: scraped 6 targets" "remote_write: sent batch of 500 samples" "config reload not needed") ;;
  tailscaled) msgs=("magicsock: endpoints updated" "netcheck: UDP=true IPv6=false derp=fra" "control: map response received, 4 peers" "wgengine: peer handshake ok") ;;
  *) msgs=("tick") ;;
esac

echo "<6>$name: starting (revision ${GF_LAB_REVISION:-1}, pid $$)"
i=0
while :; do
  i=$((i + 1))
  if [[ -e "$flag" ]]; then echo "<3>$name: fatal: $(cat "$flag" 2>/dev/null || echo 'lab fail flag'), exiting"; exit 1; fi
  m="${msgs[$((i % ${#msgs[@]}))]}"
  if (( i % 23 == 0 )); then echo "<3>$name: error: upstream timed out after 30s (attempt $i)"
  elif (( i % 7 == 0 )); then echo "<4>$name: warning: slow operation took 1.2s ($m)"
  else echo "<6>$name: $m"
  fi
  sleep "$interval"
done
