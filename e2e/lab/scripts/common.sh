# Shared settings and helpers for the lab scripts (sourced, not run).
# shellcheck shell=bash

LAB_CACHE="${LAB_CACHE:-/var/cache/homelab-panel/lab}"
LAB_RUN="${LAB_RUN:-/run/homelab-panel-lab}"
if [[ -z "${LAB_HOSTS:-}" && -s "$LAB_RUN/hosts" ]]; then LAB_HOSTS="$(cat "$LAB_RUN/hosts")"; fi
LAB_HOSTS="${LAB_HOSTS:-frame1 frame2 frame3}"
LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAB_SUITE=bookworm
LAB_MIRROR="${LAB_MIRROR:-http://deb.debian.org/debian}"
LAB_PACKAGES="systemd,systemd-sysv,dbus,libpam-systemd,openssh-server,libdbi-perl,nix-bin,nix-setup-systemd,sudo,git,iproute2,procps,less,ca-certificates,jq,prometheus-node-exporter,victoria-metrics"
BASE_STAGE1="$LAB_CACHE/stage1"   # plain debootstrap result
BASE="$LAB_CACHE/base"            # provisioned base root file system (lower layer of every host)

log() { printf '[lab] %s\n' "$*" >&2; }
die() { printf '[lab] error: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }

# host index: frame1 -> 1, frame2 -> 2, anything else by position in LAB_HOSTS
host_index() {
  local h="$1" i=0 x
  if [[ "$h" =~ ^frame([0-9]+)$ ]]; then echo "${BASH_REMATCH[1]}"; return; fi
  for x in $LAB_HOSTS; do i=$((i + 1)); [[ "$x" == "$h" ]] && { echo $((i + 10)); return; }; done
  die "unknown host $h"
}
host_addr() { echo "10.231.$(host_index "$1").2"; }
host_gw() { echo "10.231.$(host_index "$1").1"; }
host_ns() { echo "hplab-$1"; }

need_root() {
  [[ $EUID -eq 0 ]] || die "the lab needs root (namespaces, mounts, systemd-nspawn): run as root"
}
need_cmd() { # need_cmd CMD PACKAGE
  command -v "$1" >/dev/null 2>&1 || die "$1 not found: apt-get install $2"
}
check_prereqs() {
  need_root
  need_cmd debootstrap debootstrap
  need_cmd systemd-nspawn systemd-container
  need_cmd ip iproute2
  need_cmd ssh-keygen openssh-client
  need_cmd ssh openssh-client
  grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || true
  grep -qw overlay /proc/filesystems || die "overlayfs not available in this kernel (need the overlay module)"
}
