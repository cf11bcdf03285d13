# Builder of the lab's installer image (see installer-iso.nix); run by /bin/sh with an empty PATH.
# $src: the flake's source; $isoName, $chunks from the derivation.
# The source's store path names its content: hashing it gives a seed that follows every change.
seed=$(printf '%s' "$src" | /usr/bin/sha256sum)
seed=${seed%% *}
echo "installer image $isoName: $chunks chunks of 1 MiB from the flake source (seed $seed)"
/bin/mkdir -p "$out/iso" "$out/nix-support"
# A block of 1 MiB (16384 lines of 64 characters) made by doubling one line.
printf '%s\n' "$seed" | /usr/bin/cut -c1-63 >block
i=0
while [ $i -lt 14 ]; do
  /bin/cat block block >block2 && /bin/mv block2 block
  i=$((i + 1))
done
img="$out/iso/$isoName"
: >"$img"
i=1
while [ $i -le "$chunks" ]; do
  printf 'chunk %04d of %s %s\n' "$i" "$isoName" "$seed" >>"$img"
  /bin/cat block >>"$img"
  echo "writing chunk $i/$chunks"
  /bin/sleep 0.1
  i=$((i + 1))
done
echo "x86_64-linux" >"$out/nix-support/system"
echo "file iso $img" >>"$out/nix-support/hydra-build-products"
echo "done: $img"
