#!/bin/bash
# Stage 1 of the base image: a plain Debian bookworm minbase made with debootstrap.
# Cached in $LAB_CACHE/stage1; redone only when the package list changes.
set -euo pipefail
. "$(dirname "$0")/common.sh"
check_prereqs

stamp="$BASE_STAGE1/.lab-stage1"
want="$LAB_SUITE $LAB_PACKAGES"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  log "stage1 cached ($BASE_STAGE1)"
  exit 0
fi
t0=$(now_ms)
rm -rf "$BASE_STAGE1.tmp"
mkdir -p "$LAB_CACHE"
log "debootstrap $LAB_SUITE (minbase + $LAB_PACKAGES); takes about a minute"
# debootstrap into a tmpfs (dpkg's fsyncs cost nothing there), then copy to the cache's disk
build="$LAB_CACHE/stage1.build"
mkdir -p "$build"
mountpoint -q "$build" && umount -l "$build"
mount -t tmpfs -o size=3g,mode=0755 lab-stage1 "$build" || die "cannot mount a tmpfs (need root)"
trap 'mountpoint -q "$build" && umount -l "$build"; true' EXIT
if ! debootstrap --variant=minbase --include="$LAB_PACKAGES" "$LAB_SUITE" "$build/root" "$LAB_MIRROR" \
  >"$LAB_CACHE/debootstrap.log" 2>&1; then
  tail -20 "$LAB_CACHE/debootstrap.log" >&2
  die "debootstrap failed (log: $LAB_CACHE/debootstrap.log); needs deb.debian.org (or LAB_MIRROR)"
fi
log "debootstrap done in $(( ($(now_ms) - t0) / 1000 )) s; copying to $BASE_STAGE1"
cp -a "$build/root" "$BASE_STAGE1.tmp"
umount "$build"
echo "$want" >"$BASE_STAGE1.tmp/.lab-stage1"
rm -rf "$BASE_STAGE1"
mv "$BASE_STAGE1.tmp" "$BASE_STAGE1"
log "stage1 done in $(( ($(now_ms) - t0) / 1000 )) s"
