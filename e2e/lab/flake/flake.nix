{
  # The lab's stand-in for the homelab's NixOS flake. It has no inputs (there is no nixpkgs in
  # the lab): each nixosConfigurations.<host>.config.system.build.toplevel is a small derivation
  # built with /bin/sh that holds unit files, a nixos-version file and a bash
  # bin/switch-to-configuration that really (re)starts units with the container's systemd.
  # The variant of each host is the first line of variants/<host> (base | changed | broken | slow);
  # further lines are folded into the build (a nonce forces a fresh build).
  description = "homelab-panel lab flake (no inputs)";

  outputs = { self }:
    let
      system = "x86_64-linux";
      mkSystem = import ./lab/system.nix;
      names = builtins.filter (n: builtins.match "frame[0-9]+" n != null)
        (builtins.attrNames (builtins.readDir ./variants));
      nixosConfigurations = builtins.listToAttrs (map (host: {
        name = host;
        value = mkSystem { inherit host system; variantText = builtins.readFile (./variants + "/${host}"); };
      }) names);
      deployPkg = derivation {
        name = "deploy-rs-lab-standin";
        inherit system;
        builder = "/bin/sh";
        src = ./lab/deploy.sh;
        args = [ "-c" "/bin/mkdir -p $out/bin && /bin/cp $src $out/bin/deploy && /bin/chmod 555 $out/bin/deploy" ];
      };
    in {
      inherit nixosConfigurations;

      # deploy-rs node definitions, read by the `deploy` stand-in (lab/deploy.sh).
      deploy.nodes = builtins.mapAttrs (host: cfg: {
        hostname = cfg.config.networking.hostAddress;
        sshUser = "admin";
        user = "root";
        profiles.system = {
          user = "root";
          path = cfg.config.system.build.toplevel;
        };
      }) nixosConfigurations;

      packages.${system} = { deploy = deployPkg; default = deployPkg; };
      apps.${system}.deploy = { type = "app"; program = "${deployPkg}/bin/deploy"; };
    };
}
