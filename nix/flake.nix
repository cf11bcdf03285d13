{
  # homelab-panel as a flake: the package (package.nix), the NixOS module (module.nix) and a
  # NixOS VM test (vm-test.nix). The flake lives in nix/; Nix copies the whole repository (tracked
  # files), so package.nix builds from ../. Use it as
  #   inputs.homelab-panel.url = "git+https://<host>/<owner>/homelab-panel?dir=nix";
  # or locally: nix build ./nix#default, nix flake check ./nix.
  description = "homelab-panel: control panel for a NixOS homelab (package and NixOS module)";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs =
    { self, nixpkgs }:
    let
      systems = [
        "x86_64-linux"
        "aarch64-linux"
      ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      packages = forAllSystems (pkgs: rec {
        homelab-panel = pkgs.callPackage ./package.nix { };
        default = homelab-panel;
      });

      nixosModules = rec {
        homelab-panel = import ./module.nix self;
        default = homelab-panel;
      };

      overlays.default = final: _prev: {
        homelab-panel = final.callPackage ./package.nix { };
      };

      checks = forAllSystems (pkgs: {
        package = self.packages.${pkgs.stdenv.hostPlatform.system}.default;
        vm-test = import ./vm-test.nix {
          inherit pkgs;
          module = self.nixosModules.default;
        };
      });

      formatter = forAllSystems (pkgs: pkgs.nixfmt-rfc-style);
    };
}
