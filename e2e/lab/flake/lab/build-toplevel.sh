# Builder of a lab system (run by /bin/sh with an empty PATH: absolute paths only).
echo "building the system configuration for $host (variant $variant${nonce:+, $nonce})"
if [ "$variant" = unbuildable ]; then
  echo "error: lab variant 'unbuildable': the build of $host's system fails on purpose" >&2
  exit 1
fi
if [ "$slowSeconds" -gt 0 ]; then
  i=1
  while [ "$i" -le "$slowSeconds" ]; do
    if [ -n "$gate" ] && [ -e "/nix/var/lab-gates/$gate" ]; then
      echo "gate $gate opened: the slow build ends early"
      break
    fi
    echo "[$i/$slowSeconds] compiling slow-package part $i"
    /bin/sleep 1
    i=$((i + 1))
  done
fi
/bin/mkdir -p "$out/bin" "$out/etc/systemd/system"
for u in $unitNames; do
  # the unit's text is in $unit_<name with - as _> (system.nix): a shell name has no "-"
  v=; rest=$u
  while [ -n "$rest" ]; do c=${rest%"${rest#?}"}; rest=${rest#?}; [ "$c" = - ] && c=_; v=$v$c; done
  eval "printf '%s\n' \"\$unit_$v\"" >"$out/etc/systemd/system/$u.service"
  echo "installing unit $u.service"
done
printf '%s\n' "$version" >"$out/nixos-version"
printf '%s\n' "$variant" >"$out/lab-variant"
printf '%s\n' "$host" >"$out/lab-host"
# the input's package, referenced (so it is in the system's closure) as NixOS links etc/motd
/bin/mkdir -p "$out/etc" && /bin/ln -s "$motd/etc/motd" "$out/etc/motd"
/bin/cp "$stc" "$out/bin/switch-to-configuration"
/bin/chmod 555 "$out/bin/switch-to-configuration"
echo "system $version for $host built"
