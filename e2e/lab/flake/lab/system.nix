# mkSystem { host, system, variantText } -> an attribute set shaped like a NixOS configuration:
# config.system.build.toplevel is a derivation whose output looks enough like a NixOS system
# (nixos-version, etc/systemd/system/*.service, bin/switch-to-configuration) for the panel and the
# lab tests. Like a real toplevel it has no deploy-rs files: deploy-rs-lib.nix wraps it.
# `lab-input` (the flake's input) gives the package lab-motd-<version>, referenced by the toplevel.
{ host, system, variantText, lab-input }:
let
  lines = builtins.filter (l: builtins.isString l && l != "") (builtins.split "\n" variantText);
  variant = if lines == [ ] then "base" else builtins.head lines;
  nonce = builtins.concatStringsSep ";" (builtins.tail (if lines == [ ] then [ "" ] else lines));
  known = [ "base" "changed" "broken" "slow" "unbuildable" ];
  _check = if builtins.elem variant known then true
    else throw "unknown lab variant '${variant}' in variants/${host} (known: base changed broken slow unbuildable)";
  index = builtins.head (builtins.match "frame([0-9]+)" host);
  hostAddress = "10.231.${index}.2";
  version = "24.11.20261126.lab-${variant}";
  serviceScript = ./lab-service.sh;
  units = import ./units.nix { inherit variant serviceScript; };
  unitNames = builtins.attrNames units;
  # "seconds=N" on a later line of the variant file sets how long the slow variant builds
  secondsLines = builtins.filter (l: builtins.match "seconds=[0-9]+" l != null) lines;
  slowSeconds = if variant != "slow" then 0
    else if secondsLines == [ ] then 75
    else builtins.fromJSON (builtins.head (builtins.match "seconds=([0-9]+)" (builtins.head secondsLines)));
  # "gate=NAME" (slow variant): the build also ends as soon as /nix/var/lab-gates/NAME exists, so a
  # test holds a machine's queue for as long as it needs and releases it at once (lab.openGate)
  gateLines = builtins.filter (l: builtins.match "gate=[A-Za-z0-9._-]+" l != null) lines;
  gate = if gateLines == [ ] then "" else builtins.head (builtins.match "gate=(.*)" (builtins.head gateLines));
  trim = s: builtins.head (builtins.match "[[:space:]]*([^[:space:]]*)[[:space:]]*" s);
  motdVersion = trim (builtins.readFile "${lab-input}/version");
  motd = derivation {
    name = "lab-motd-${motdVersion}";
    inherit system;
    builder = "/bin/sh";
    text = builtins.readFile "${lab-input}/motd";
    args = [ "-c" "/bin/mkdir -p $out/etc && printf '%s' \"$text\" >$out/etc/motd" ];
  };
  toplevel = assert _check; derivation ({
    name = "nixos-system-${host}-${version}";
    inherit system;
    builder = "/bin/sh";
    args = [ "-e" ./build-toplevel.sh ];
    inherit host variant version nonce slowSeconds gate;
    unitNames = builtins.concatStringsSep " " unitNames;
    stc = ./switch-to-configuration.sh;
    inherit motd;
  } // builtins.listToAttrs (map (n: { name = "unit_${builtins.replaceStrings [ "-" ] [ "_" ] n}"; value = units.${n}; }) unitNames));
in {
  inherit host variant;
  config = {
    networking = { hostName = host; inherit hostAddress; };
    system = {
      nixos = { inherit version; label = version; };
      build = { inherit toplevel; };
    };
  };
}
