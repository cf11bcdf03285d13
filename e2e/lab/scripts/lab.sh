#!/bin/bash
# The lab: Debian hosts booted with systemd-nspawn in network namespaces of their own.
# usage: lab.sh up | down | status | ssh HOST [USER] [CMD...]
# up prints progress on stderr and, on stdout, one JSON line describing the hosts.
# Settings (env): LAB_HOSTS ("frame1 frame2 frame3"), LAB_CACHE (/var/cache/homelab-panel/lab),
# LAB_RUN (/run/homelab-panel-lab), LAB_KEEP_STATE=1 (keep host changes across down/up),
# LAB_LOG_INTERVAL (seconds between journal lines of each fake service, default 2).
set -euo pipefail
. "$(dirname "$0")/common.sh"
KEY="$LAB_CACHE/id_ed25519"
KNOWN="$LAB_CACHE/known_hosts"

nspawn_pid() { # prints the pid of the host's nspawn if it runs
  local f="$LAB_RUN/$1.pid" pid
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q systemd-nspawn || return 1
  echo "$pid"
}
host_state() { nspawn_pid "$1" >/dev/null && echo running || echo stopped; }
sshq() { # sshq USER ADDR CMD...
  local u="$1" a="$2"; shift 2
  ssh -i "$KEY" -o UserKnownHostsFile="$KNOWN" -o StrictHostKeyChecking=yes -o BatchMode=yes \
    -o ConnectTimeout=3 -o LogLevel=ERROR "$u@$a" "$@"
}
fingerprint() { ssh-keygen -lf "$LAB_CACHE/hosts/$1/ssh_host_ed25519_key.pub" 2>/dev/null | awk '{print $2}'; }
json() {
  local first=1 h out='{"hosts":['
  for h in $LAB_HOSTS; do
    ((first)) || out+=','; first=0
    out+="{\"name\":\"$h\",\"address\":\"$(host_addr "$h")\",\"sshPort\":22,\"users\":[\"root\",\"admin\"],"
    out+="\"hostKeyFingerprint\":\"$(fingerprint "$h")\",\"state\":\"$(host_state "$h")\"}"
  done
  out+="],\"privateKeyPath\":\"$KEY\",\"knownHostsPath\":\"$KNOWN\",\"cacheDir\":\"$LAB_CACHE\"}"
  echo "$out"
}
validate_hosts() {
  local h
  for h in $LAB_HOSTS; do
    [[ "$h" =~ ^frame[1-3]$ ]] || die "LAB_HOSTS may only name frame1, frame2 and frame3 (got '$h')"
  done
}

keys() {
  mkdir -p "$LAB_CACHE/hosts"
  [[ -f "$KEY" ]] || { ssh-keygen -q -t ed25519 -N '' -C homelab-panel-lab -f "$KEY"; log "generated the lab key pair $KEY"; }
  : >"$KNOWN.tmp"
  local h d
  for h in $LAB_HOSTS; do
    d="$LAB_CACHE/hosts/$h"; mkdir -p "$d"
    [[ -f "$d/ssh_host_ed25519_key" ]] || ssh-keygen -q -t ed25519 -N '' -C "root@$h" -f "$d/ssh_host_ed25519_key"
    echo "$h,$(host_addr "$h") $(cut -d' ' -f1,2 "$d/ssh_host_ed25519_key.pub")" >>"$KNOWN.tmp"
  done
  mv "$KNOWN.tmp" "$KNOWN"
}

net_up() {
  ip netns add hplab-router 2>/dev/null || die "cannot create network namespace hplab-router: need root/CAP_NET_ADMIN (or it exists: run lab.sh down)"
  ip -n hplab-router link set lo up
  ip netns exec hplab-router sysctl -qw net.ipv4.ip_forward=1
  ip link add hplab0 type veth peer name hplab0r netns hplab-router
  ip addr add 10.231.0.1/30 dev hplab0; ip link set hplab0 up
  ip -n hplab-router addr add 10.231.0.2/30 dev hplab0r; ip -n hplab-router link set hplab0r up
  local h n ns
  for h in $LAB_HOSTS; do
    n="$(host_index "$h")"; ns="$(host_ns "$h")"
    ip netns add "$ns"; ip -n "$ns" link set lo up
    ip -n hplab-router link add "hplab${n}r" type veth peer name host0 netns "$ns"
    ip -n hplab-router addr add "10.231.$n.1/30" dev "hplab${n}r"; ip -n hplab-router link set "hplab${n}r" up
    ip -n "$ns" addr add "10.231.$n.2/30" dev host0; ip -n "$ns" link set host0 up
    ip -n "$ns" route add 10.231.0.0/16 via "10.231.$n.1"
    ip route add "10.231.$n.0/30" via 10.231.0.2 dev hplab0
  done
}

prepare_host() { # overlay on the base, per-host identity, generation 1
  local h="$1" d="$LAB_CACHE/hosts/$1" m
  m="$d/merged"
  mountpoint -q "$m" && umount "$m"
  if [[ "${LAB_KEEP_STATE:-}" != 1 || ! -f "$d/upper/.lab-base" ]] || ! cmp -s "$d/upper/.lab-base" "$BASE/.lab-base"; then
    rm -rf "$d/upper" "$d/work"
  fi
  mkdir -p "$d/upper" "$d/work" "$m"
  mount -t overlay "lab-$h" -o "lowerdir=$BASE,upperdir=$d/upper,workdir=$d/work" "$m" \
    || die "cannot mount overlayfs for $h (need root and overlay support)"
  [[ -e "$m/nix/var/nix/profiles/system" ]] && return 0  # kept state
  cp "$BASE/.lab-base" "$d/upper/.lab-base"
  echo "$h" >"$m/etc/hostname"
  head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$m/etc/machine-id"; echo >>"$m/etc/machine-id"
  install -m 600 "$d/ssh_host_ed25519_key" "$m/etc/ssh/ssh_host_ed25519_key"
  install -m 644 "$d/ssh_host_ed25519_key.pub" "$m/etc/ssh/ssh_host_ed25519_key.pub"
  install -m 644 "$KNOWN" "$m/etc/ssh/ssh_known_hosts"
  local ids; ids="$(awk -F: '$1=="admin"{print $3":"$4}' "$m/etc/passwd")"
  install -d -m 700 "$m/root/.ssh"
  install -d -m 700 -o "${ids%:*}" -g "${ids#*:}" "$m/home/admin/.ssh"
  for dir in "$m/root/.ssh" "$m/home/admin/.ssh"; do
    install -m 600 "$KEY.pub" "$dir/authorized_keys"
    install -m 600 "$KEY" "$dir/id_ed25519"
    install -m 644 "$KEY.pub" "$dir/id_ed25519.pub"
  done
  chown -R "$ids" "$m/home/admin/.ssh"
  [[ -n "${LAB_LOG_INTERVAL:-}" ]] && echo "$LAB_LOG_INTERVAL" >"$m/etc/lab/log-interval"
  local sys; sys="$(cat "$m/usr/local/lib/lab/initial/$h")"
  ln -sfn "$sys" "$m/nix/var/nix/profiles/system-1-link"
  ln -sfn system-1-link "$m/nix/var/nix/profiles/system"
  # frame3 is the weak device (a Raspberry Pi's stand-in): its nix refuses to build anything, so
  # its systems come from frame1 (nix copy). Both the nix client and the daemon read this file.
  [[ "$h" == frame3 ]] && printf '# the weak device: never builds (max-jobs = 0)\nmax-jobs = 0\n' >>"$m/etc/nix/nix.conf"
  return 0
}

start_host() {
  local h="$1" m="$LAB_CACHE/hosts/$1/merged"
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$LAB_RUN/$h.pid" \
    systemd-nspawn --register=no --keep-unit -q -D "$m" --machine="$h" --hostname="$h" \
    --network-namespace-path="/run/netns/$(host_ns "$h")" --link-journal=no --resolv-conf=off \
    --timezone=off -b --console=pipe </dev/null >"$LAB_RUN/$h.console.log" 2>&1 9>&- &
  local i
  for i in $(seq 50); do [[ -s "$LAB_RUN/$h.pid" ]] && break; sleep 0.02; done
}

wait_host() {
  local h="$1" a t0 out
  a="$(host_addr "$h")"; t0=$(now_ms)
  while :; do
    nspawn_pid "$h" >/dev/null || { tail -20 "$LAB_RUN/$h.console.log" >&2; die "$h: systemd-nspawn exited (log: $LAB_RUN/$h.console.log)"; }
    if out="$(sshq root "$a" 'systemctl is-system-running --wait; readlink /run/current-system' 2>/dev/null)"; then
      if [[ "$out" == *"/nix/store/"* ]]; then
        log "$h $a up in $(( ($(now_ms) - t0) / 1000 )).$(( ($(now_ms) - t0) % 1000 / 100 )) s ($(head -1 <<<"$out"))"
        return 0
      fi
    fi
    (( $(now_ms) - t0 > 90000 )) && die "$h: not reachable over SSH within 90 s (console: $LAB_RUN/$h.console.log)"
    sleep 0.3
  done
}

all_running() {
  local h
  for h in $LAB_HOSTS; do [[ "$(host_state "$h")" == running ]] || return 1; done
  for h in $LAB_HOSTS; do sshq root "$(host_addr "$h")" true 2>/dev/null || return 1; done
}

cmd_up() {
  check_prereqs; validate_hosts
  mkdir -p "$LAB_RUN" "$LAB_CACHE"
  exec 9>"$LAB_RUN/lock"; flock 9
  local t0; t0=$(now_ms)
  if all_running; then log "lab already up"; json; return 0; fi
  [[ -n "$(ls "$LAB_RUN"/*.pid 2>/dev/null)" || -n "$(ip netns list | grep '^hplab-')" ]] && { log "cleaning up a partial lab"; cmd_down_locked; }
  bash "$LAB_DIR/scripts/build-base.sh"
  echo "$LAB_HOSTS" >"$LAB_RUN/hosts"
  keys
  log "network: namespaces hplab-router $(for h in $LAB_HOSTS; do printf '%s ' "$(host_ns "$h")"; done)"
  net_up
  local h
  for h in $LAB_HOSTS; do prepare_host "$h"; start_host "$h"; log "$h booting (systemd-nspawn -b, $(host_addr "$h"))"; done
  for h in $LAB_HOSTS; do wait_host "$h"; done
  log "lab up in $(( ($(now_ms) - t0) / 1000 )).$(( ($(now_ms) - t0) % 1000 / 100 )) s"
  json
}

cmd_down_locked() {
  local f pid h pids=()
  for f in "$LAB_RUN"/*.pid; do
    [[ -f "$f" ]] || continue
    h="$(basename "$f" .pid)"
    if pid="$(nspawn_pid "$h")"; then kill -TERM "$pid" 2>/dev/null && pids+=("$pid"); log "stopping $h (pid $pid)"; fi
  done
  local i
  # SIGTERM asks the container to halt; a second SIGTERM after 4 s terminates it at once
  # (nspawn: "Send SIGTERM again to trigger immediate termination"); SIGKILL after 8 s.
  for pid in "${pids[@]}"; do
    for i in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null
    for i in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { log "pid $pid did not stop in 8 s: SIGKILL to its process group"; kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"; }
  done
  rm -f "$LAB_RUN"/*.pid "$LAB_RUN/hosts"
  for m in "$LAB_CACHE"/hosts/*/merged; do
    [[ -d "$m" ]] && mountpoint -q "$m" && { umount "$m" 2>/dev/null || umount -l "$m"; }
  done
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep '^hplab-' || true); do ip netns del "$ns"; done
  ip link show hplab0 >/dev/null 2>&1 && ip link del hplab0
  for h in frame1 frame2 frame3; do
    d="/run/systemd/nspawn/propagate/$h"; [[ -d "$d" ]] && ! mountpoint -q "$d" && rmdir "$d" 2>/dev/null
  done
  return 0
}
cmd_down() {
  need_root
  mkdir -p "$LAB_RUN"; exec 9>"$LAB_RUN/lock"; flock 9
  cmd_down_locked
  log "lab down"
}
cmd_status() {
  local h
  for h in $LAB_HOSTS; do echo "$h $(host_addr "$h") $(host_state "$h")"; done
  json
}
cmd_ssh() {
  local h="$1" u="${2:-root}"; shift; (($#)) && shift
  exec ssh -i "$KEY" -o UserKnownHostsFile="$KNOWN" -o StrictHostKeyChecking=yes "$u@$(host_addr "$h")" "$@"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  ssh) shift; cmd_ssh "$@" ;;
  *) echo "usage: $0 up|down|status|ssh HOST [USER] [CMD...]" >&2; exit 2 ;;
esac
