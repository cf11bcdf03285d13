#!/bin/bash
# Stage 2 of the base image: users, sshd, nix (daemon, flakes, offline), the lab's boot
# activation, the flake checkout at /home/admin/homelab and the initial system of every host
# built into the Nix store, and the flake's input at /home/admin/homelab-input. Redone (from a
# fresh copy of stage 1) when its inputs change.
set -euo pipefail
. "$(dirname "$0")/common.sh"
check_prereqs
bash "$LAB_DIR/scripts/build-stage1.sh"

inputs_hash() {
  (cd "$LAB_DIR" && find scripts/build-base.sh scripts/common.sh rootfs flake flake-input -type f -print0 | sort -z \
    | xargs -0 sha256sum; stat -c '%a %n' rootfs/usr/local/lib/lab/boot-activate) | sha256sum | cut -c1-16
}
want="$(inputs_hash)"
if [[ -f "$BASE/.lab-base" && "$(cat "$BASE/.lab-base")" == "$want" ]]; then
  log "base cached ($BASE)"
  exit 0
fi
t0=$(now_ms)
T="$BASE.tmp"
rm -rf "$T"
log "provisioning the base image (copy of stage1, users, sshd, nix, flake, initial systems)"
cp -a "$BASE_STAGE1" "$T"

cp -a "$LAB_DIR/rootfs/." "$T/"
rm -f "$T/etc/lab/fail/.keep" "$T"/etc/ssh/ssh_host_*
: >"$T/etc/machine-id"; rm -f "$T/var/lib/dbus/machine-id"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$T/etc/hosts"
for i in 1 2 3 4 5 6 7 8 9; do echo "10.231.$i.2 frame$i" >>"$T/etc/hosts"; done
install -m 0755 "$LAB_DIR/flake/lab/deploy.sh" "$T/usr/local/bin/deploy"
install -m 0644 "$LAB_DIR/flake/lab/deploy-rs-log.sh" "$T/usr/local/lib/deploy-rs-log.sh"
mkdir -p "$T/etc/systemd/journald.conf.d" "$T/usr/local/lib/lab/initial"
printf '[Journal]\nStorage=volatile\nRateLimitBurst=0\n' >"$T/etc/systemd/journald.conf.d/lab.conf"
cp -a "$LAB_DIR/flake" "$T/home/homelab.tmp"
cp -a "$LAB_DIR/flake-input" "$T/home/homelab-input.tmp"
cat >"$T/root/provision.sh" <<'PROVISION'
set -euo pipefail
useradd -m -s /bin/bash -G sudo,nix-users,systemd-journal,adm admin
usermod -p '*' root; usermod -p '*' admin
git config --system safe.directory '*'
git config --system init.defaultBranch main
systemctl enable lab-boot.service nix-daemon.socket ssh.service >/dev/null 2>&1
# Debian's own units of the real daemons: the flake's units (homelab names) run them instead.
systemctl disable prometheus-node-exporter.service >/dev/null 2>&1 || true
systemctl mask victoria-metrics.service >/dev/null 2>&1
# Lingering users: their systemd --user manager starts at boot and stays. Without it every SSH
# login (pam_systemd) starts user@UID.service and the last logout stops it 10 s later; a login
# that lands while that stop is under way waits for it (TimeoutStopSec 2 min), which made a
# test's `nix-env --list-generations` over SSH time out on a busy CI machine.
mkdir -p /var/lib/systemd/linger && touch /var/lib/systemd/linger/root /var/lib/systemd/linger/admin
systemctl mask apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer \
  fstrim.timer e2scrub_reap.service getty@tty1.service console-getty.service systemd-pstore.service >/dev/null 2>&1
# the flake checkout, owned by admin, as in production
mv /home/homelab.tmp /home/admin/homelab
mv /home/homelab-input.tmp /home/admin/homelab-input
chown -R admin:admin /home/admin/homelab /home/admin/homelab-input
# the flake's input (a second local git flake), then the checkout with its flake.lock committed
runuser -u admin -- sh -c 'cd ~/homelab-input && git init -q && git config user.name "Lab Admin" && git config user.email admin@frame.lab && git add -A && git commit -qm "lab input: motd 1.0"'
runuser -u admin -- sh -c 'cd ~/homelab && git init -q && git config user.name "Lab Admin" && git config user.email admin@frame.lab && git add -A'
# nix runs as root here (no daemon while provisioning); it may `git add` the new lock: admin owns all again
(cd /home/admin/homelab && nix flake lock && chown -R admin:admin /home/admin/homelab)
runuser -u admin -- sh -c 'cd ~/homelab && git add flake.lock && git commit -qm "lab: initial homelab flake"'
# its upstream: a bare repository (~/upstream.git on every host, from the base); the checkout
# tracks frame2's over the lab's SSH (admin's lab key, /etc/ssh/ssh_known_hosts), so fetch and
# ahead/behind are real. origin/main starts at the initial commit (no fetch while provisioning).
runuser -u admin -- sh -c 'git clone -q --bare ~/homelab ~/upstream.git && cd ~/homelab && git remote add origin admin@frame2:upstream.git && git update-ref refs/remotes/origin/main HEAD && git branch -q --set-upstream-to=origin/main main'
# initial system of every host (generation 1 is set per host when the host is created): the
# deploy-rs profile (the toplevel wrapped by activate.nixos), as if deploy-rs had deployed it
cd /home/admin/homelab
for i in 1 2 3; do
  nix build --no-link --json ".#deploy.nodes.frame$i.profiles.system.path" \
    | sed -n 's/.*"out":"\([^"]*\)".*/\1/p' >"/usr/local/lib/lab/initial/frame$i"
  [ -s "/usr/local/lib/lab/initial/frame$i" ]
done
nix build --no-link .#packages.x86_64-linux.deploy-rs
# as on NixOS, admin needs sudo for `nix-env -p /nix/var/nix/profiles/system` (it takes
# /nix/var/nix/profiles/system.lock; see NixOS/nix#5144)
PROVISION
# nix cannot run in a plain chroot (it re-enters the host's mount namespace): use nspawn
if ! systemd-nspawn -q --register=no --keep-unit --private-network -D "$T" /bin/bash /root/provision.sh \
  >"$LAB_CACHE/provision.log" 2>&1; then
  tail -20 "$LAB_CACHE/provision.log" >&2; die "provisioning the base image failed (log: $LAB_CACHE/provision.log)"
fi
rm -f "$T/root/provision.sh"
echo "$want" >"$T/.lab-base"
rm -rf "$BASE"; mv "$T" "$BASE"
log "base provisioned in $(( ($(now_ms) - t0) / 1000 )) s"
