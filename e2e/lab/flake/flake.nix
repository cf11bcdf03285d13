{
  # The lab's stand-in for the homelab's NixOS flake. Its one input (there is no nixpkgs in the
  # lab) is `lab-input`, a second local git flake at /home/admin/homelab-input on every host (made
  # when the base is provisioned, locked in the checkout's flake.lock): its `version` and `motd`
  # files become a package `lab-motd-<version>` in every system, so a commit there and `nix flake
  # update` change a real lock entry and the built system (lab.commitInput). Each nixosConfigurations.<host>.config.system.build.toplevel is a small derivation
  # built with /bin/sh that holds unit files, a nixos-version file and a bash
  # bin/switch-to-configuration that really (re)starts units with the container's systemd;
  # deploy.nodes.<host>.profiles.system.path wraps it as deploy-rs's activate.nixos does.
  # The variant of each host is the first line of variants/<host> (base | changed | broken | slow |
  # unbuildable);
  # further lines are folded into the build (a nonce forces a fresh build).
  description = "homelab-panel lab flake";

  inputs.lab-input.url = "git+file:///home/admin/homelab-input";

  outputs = { self, lab-input }:
    let
      system = "x86_64-linux";
      mkSystem = import ./lab/system.nix;
      # The installer image (not a host: no variant file, no deploy node), as NixOS's iso-image.nix
      # lays it out; lab/installer-iso.nix.
      installerIso = import ./lab/installer-iso.nix { inherit system; src = self; };
      names = builtins.filter (n: builtins.match "frame[0-9]+" n != null)
        (builtins.attrNames (builtins.readDir ./variants));
      hostConfigurations = builtins.listToAttrs (map (host: {
        name = host;
        value = mkSystem { inherit host system lab-input; variantText = builtins.readFile (./variants + "/${host}"); };
      }) names);
      # The lab's stand-in of the deploy-rs package: bin/deploy (lab/deploy.sh) and bin/activate
      # (lab/activate-rs.sh), the two programs deploy-rs builds (src/bin/deploy.rs, src/bin/activate.rs),
      # and the logging both source (lib/deploy-rs-log.sh).
      deployPkg = derivation {
        name = "deploy-rs-lab-standin-0.1.0";
        inherit system;
        builder = "/bin/sh";
        deploy = ./lab/deploy.sh;
        activate = ./lab/activate-rs.sh;
        logging = ./lab/deploy-rs-log.sh;
        args = [ "-c" ''
          /bin/mkdir -p $out/bin $out/lib && /bin/cp $deploy $out/bin/deploy && /bin/cp $activate $out/bin/activate
          /bin/cp $logging $out/lib/deploy-rs-log.sh && /bin/chmod 555 $out/bin/deploy $out/bin/activate
        '' ];
      };
      # deploy-rs.lib.${system} as a real flake has it (only `activate` is used by the lab)
      deployLib = import ./lab/deploy-rs-lib.nix { inherit system; deployRs = deployPkg; };
    in {
      nixosConfigurations = hostConfigurations // { installer-iso = installerIso; };

      # deploy-rs node definitions as the homelab writes them: the system profile is the
      # toplevel wrapped by deploy-rs's activate.nixos (an `activatable-nixos-system-...` path).
      deploy.nodes = builtins.mapAttrs (host: cfg: {
        hostname = cfg.config.networking.hostAddress;
        sshUser = "admin";
        user = "root";
        profiles.system = {
          user = "root";
          path = deployLib.activate.nixos cfg;
        };
      }) hostConfigurations;

      # As a homelab flake exposes deploy-rs: `nix run .#deploy` finds apps.<system>.deploy, while
      # `nix eval .#deploy` (what deploy-rs runs) finds the `deploy` output above; a
      # packages.<system>.deploy would shadow it, so the package is named deploy-rs, as in deploy-rs's flake.
      packages.${system} = { deploy-rs = deployPkg; default = deployPkg; };
      apps.${system}.deploy = { type = "app"; program = "${deployPkg}/bin/deploy"; };
    };
}
