#!/bin/bash
# switch-to-configuration of a lab system (a bash stand-in for NixOS's; same actions and output).
# usage: switch-to-configuration switch|boot|test|dry-activate
# Units are the files in $toplevel/etc/systemd/system; they are installed as symlinks in
# /etc/systemd/system (plus multi-user.target.wants), like NixOS does through /etc/static.
# Exit codes: 0 ok, 1 usage/other error, 4 if units failed (as NixOS).
set -uo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
action="${1:-}"
toplevel="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
case "$action" in
  switch|boot|test|dry-activate) ;;
  *) echo "Usage: $0 [switch|boot|test|dry-activate]" >&2; exit 1 ;;
esac
exec 1>&2  # like NixOS, all output goes to stderr
if [[ $EUID -ne 0 ]]; then echo "switch-to-configuration: this program must be run as root" >&2; exit 1; fi

etc=/etc/systemd/system
newdir="$toplevel/etc/systemd/system"
join() { local IFS=,; local s="$*"; echo "${s//,/, }"; }

if [[ "$action" == boot ]]; then
  echo "updating GRUB 2 menu..."
  echo "the new configuration ($(cat "$toplevel/nixos-version")) will be activated at the next boot"
  exit 0
fi

# units currently installed by an activation: symlinks into the Nix store
declare -A old=() new=()
for f in "$etc"/*.service; do
  [[ -L "$f" ]] || continue
  t="$(readlink "$f")"
  [[ "$t" == /nix/store/* ]] && old["$(basename "$f")"]="$t"
done
for f in "$newdir"/*.service; do [[ -e "$f" ]] && new["$(basename "$f")"]="$f"; done

is_active() { [[ "$(systemctl is-active "$1" 2>/dev/null)" =~ ^(active|activating|reloading)$ ]]; }
to_stop=() to_restart=() to_start=()
for u in "${!old[@]}"; do
  if [[ -z "${new[$u]:-}" ]]; then is_active "$u" && to_stop+=("$u"); fi
done
for u in "${!new[@]}"; do
  if [[ -n "${old[$u]:-}" ]] && cmp -s "${old[$u]}" "${new[$u]}"; then
    is_active "$u" || { [[ "$(systemctl is-failed "$u" 2>/dev/null)" == failed ]] || to_start+=("$u"); }
  elif [[ -n "${old[$u]:-}" ]]; then
    if is_active "$u"; then to_restart+=("$u"); else to_start+=("$u"); fi
  else
    to_start+=("$u")
  fi
done
IFS=$'\n' to_stop=($(printf '%s\n' "${to_stop[@]}" | sort)); IFS=$'\n' to_restart=($(printf '%s\n' "${to_restart[@]}" | sort))
IFS=$'\n' to_start=($(printf '%s\n' "${to_start[@]}" | sort)); unset IFS

if [[ "$action" == dry-activate ]]; then
  ((${#to_stop[@]})) && echo "would stop the following units: $(join "${to_stop[@]}")"
  echo "would activate the configuration..."
  ((${#to_restart[@]})) && echo "would restart the following units: $(join "${to_restart[@]}")"
  ((${#to_start[@]})) && echo "would start the following units: $(join "${to_start[@]}")"
  exit 0
fi

if ((${#to_stop[@]})); then
  echo "stopping the following units: $(join "${to_stop[@]}")"
  systemctl stop -- "${to_stop[@]}"
fi
echo "activating the configuration..."
echo "setting up /etc..."
mkdir -p "$etc/multi-user.target.wants"
for u in "${!old[@]}"; do
  if [[ -z "${new[$u]:-}" ]]; then rm -f "$etc/$u" "$etc/multi-user.target.wants/$u"; fi
done
for u in "${!new[@]}"; do
  ln -sfn "${new[$u]}" "$etc/$u"
  ln -sfn "../$u" "$etc/multi-user.target.wants/$u"
done
ln -sfn "$toplevel" /run/current-system
systemctl daemon-reload
rc=0
if ((${#to_restart[@]})); then
  echo "restarting the following units: $(join "${to_restart[@]}")"
  for u in "${to_restart[@]}"; do systemctl restart "$u" || rc=4; done
fi
if ((${#to_start[@]})); then
  echo "starting the following units: $(join "${to_start[@]}")"
  for u in "${to_start[@]}"; do systemctl start "$u" || rc=4; done
fi
failed=()
for u in "${to_restart[@]}" "${to_start[@]}"; do
  [[ -n "$u" && "$(systemctl is-failed "$u" 2>/dev/null)" == failed ]] && failed+=("$u")
done
if ((${#failed[@]})); then
  echo "warning: the following units failed: $(join "${failed[@]}")"
  for u in "${failed[@]}"; do
    echo
    systemctl status --no-pager --full -n 10 "$u" 2>&1 || true
  done
  echo "warning: error(s) occurred while switching to the new configuration"
  exit 4
fi
exit $rc
