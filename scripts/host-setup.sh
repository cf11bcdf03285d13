#!/usr/bin/env bash
# Everything the test suite assumes of the machine it runs on, made true or checked, one line
# each ("host: <what>: ok | made | MISSING: <how to fix>"). Run as root by scripts/test-all.sh
# before any test; safe to run again. A fresh Debian 12 has none of it; a developer's machine
# may have some of it from earlier work, which is exactly what this file keeps from mattering.
#
#   Debian packages   chromium openssh-server nix-bin nix-setup-systemd systemd-container
#                     systemd-journal-remote debootstrap iproute2 caddy
#                     prometheus-node-exporter victoria-metrics (run on loopback by
#                     lib/metrics/real-sources.int.test.ts and bench:metrics; their units are not
#                     started: there is no systemd here)
#   nix on the host   (lib/commands/real-tools.int.test.ts builds with the real nix as root)
#                     build users: group nixbld with nixbld1..10 (nix's build-users-group), made
#                     by nix-setup-systemd's postinst; sandbox = false (its /etc/nix/nix.conf:
#                     the test's builders are /bin/sh, which a sandbox does not have)
#   sshd              /run/sshd (privilege separation directory of the test sshd, lib/test/sshd.ts)
#   kernel            overlayfs and network namespaces (the lab, e2e/lab/scripts/common.sh)
#   not assumed       the user's shell rc files (the test sshd sets SHLVL so bash skips ~/.bashrc),
#                     git identity, ~/.ssh, the time zone and locale (tests run under TZ=UTC and
#                     under another zone alike), anything under /var/cache before the lab makes it
set -euo pipefail

DEBS=(chromium openssh-server nix-bin nix-setup-systemd systemd-container systemd-journal-remote debootstrap iproute2 caddy
  prometheus-node-exporter victoria-metrics)
failed=0
say() { printf 'host: %s: %s\n' "$1" "$2"; }
missing() { say "$1" "MISSING: $2"; failed=1; }

missing_debs=()
for pkg in "${DEBS[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing_debs+=("$pkg"); done
if ((${#missing_debs[@]})); then
  if [ "$(id -u)" != 0 ]; then
    missing "Debian packages" "${missing_debs[*]} (as root: apt-get install ${missing_debs[*]})"
  else
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_debs[@]}" >/dev/null
    say "Debian packages" "installed ${missing_debs[*]}"
  fi
else
  say "Debian packages" "ok"
fi

# nix build users: nix-setup-systemd's postinst makes them; a machine where they were removed
# (or the package's postinst could not run) gets them the same way.
if getent group nixbld >/dev/null && id nixbld1 >/dev/null 2>&1; then
  say "nix build users (group nixbld, nixbld1-10)" "ok"
elif [ "$(id -u)" = 0 ]; then
  groupadd --force --system nixbld
  for n in $(seq 1 10); do
    id "nixbld$n" >/dev/null 2>&1 || useradd --system --comment "Nix build user $n" --home-dir /var/empty \
      --gid nixbld --groups nixbld --no-user-group --shell "$(command -v nologin)" "nixbld$n"
  done
  say "nix build users (group nixbld, nixbld1-10)" "made"
else
  missing "nix build users" "group nixbld and users nixbld1..10 (as root: apt-get install --reinstall nix-setup-systemd)"
fi

if command -v nix >/dev/null; then
  config="$(nix --extra-experimental-features nix-command show-config 2>/dev/null || true)"
  group="$(sed -n 's/^build-users-group = //p' <<<"$config")"
  if [ -n "$group" ] && ! getent group "$group" >/dev/null; then
    missing "nix build-users-group" "nix.conf names group '$group', which does not exist"
  fi
  if grep -q '^sandbox = true' <<<"$config"; then
    missing "nix sandbox" "nix builds in a sandbox here; the tests' builders need /bin/sh: set 'sandbox = false' in /etc/nix/nix.conf (nix-setup-systemd's default)"
  else
    say "nix (sandbox off, build users)" "ok"
  fi
fi

if [ -d /run/sshd ]; then say "/run/sshd" "ok"
elif [ "$(id -u)" = 0 ]; then mkdir -p /run/sshd && chmod 0755 /run/sshd && say "/run/sshd" "made"
else missing "/run/sshd" "mkdir /run/sshd (as root)"; fi

grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || true
if grep -qw overlay /proc/filesystems; then say "overlayfs" "ok"; else missing "overlayfs" "the lab needs the overlay module (modprobe overlay)"; fi
if ip netns list >/dev/null 2>&1; then say "network namespaces" "ok"; else missing "network namespaces" "the lab needs 'ip netns' (iproute2, root)"; fi

exit "$failed"
