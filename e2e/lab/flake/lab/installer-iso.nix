# mkInstallerIso { system, src } -> an attribute set shaped like the NixOS configuration
# `installer-iso`: config.system.build.isoImage is a derivation built by /bin/sh whose output is laid
# out as nixpkgs' nixos/lib/make-iso9660-image.sh lays out its own: `$out/iso/<isoName>` with
# isoName = nixos-<label>-<system>.iso (iso-image.nix's default), `$out/nix-support/system` and
# `$out/nix-support/hydra-build-products` ("file iso $out/iso/<isoName>"). The image is not a real
# ISO 9660 file system: 40 chunks of 1 MiB (plus a header line each) derived from the flake's
# source, so the same flake gives the same bytes and any change of the flake gives a new image.
# The builder logs one line per chunk (`writing chunk N/40`).
{ system, src }:
let
  # The flake's source (a store path) decides the label: a change anywhere in the flake renames the image.
  srcHash = builtins.hashString "sha256" (builtins.unsafeDiscardStringContext "${src}");
  label = "24.11.lab-installer-${builtins.substring 0 10 srcHash}";
  isoName = "nixos-${label}-${system}.iso";
  isoImage = derivation {
    name = isoName;
    inherit system isoName;
    builder = "/bin/sh";
    # Depending on the source makes the image's bytes follow the flake as well as its name.
    inherit src;
    chunks = "40";
    args = [ "-e" ./build-iso.sh ];
  };
  # A configuration has a toplevel (`nix flake check`, which deploy-rs runs, evaluates every
  # nixosConfigurations.<name>.config.system.build.toplevel): the installer's system, not deployed.
  toplevel = derivation {
    name = "nixos-system-installer-${label}";
    inherit system label;
    builder = "/bin/sh";
    args = [ "-c" "/bin/mkdir -p $out && printf '%s\\n' \"$label\" >$out/nixos-version" ];
  };
in {
  config = {
    # What the panel's flake import reads of a machine (as a real configuration sets it).
    nixpkgs.hostPlatform.system = system;
    isoImage = { inherit isoName; };
    system = {
      nixos = { inherit label; };
      build = { inherit isoImage toplevel; };
    };
  };
}
