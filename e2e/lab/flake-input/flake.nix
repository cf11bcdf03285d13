{
  # The lab flake's input (/home/admin/homelab-input on every host, a git repository owned by
  # admin): the homelab flake reads `version` and `motd` from it into a package lab-motd-<version>
  # of every system. lab.commitInput commits here, so `nix flake update` in the checkout changes a
  # real lock entry and the built system.
  description = "homelab-panel lab input";
  outputs = { self }: { };
}
