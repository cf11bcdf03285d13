# NixOS VM test: the module starts the panel (migrations at start-up included) and
# GET /api/health answers {"status":"ok","db":"ok"}, directly and through Caddy.
# Run: nix flake check ./nix   (or nix build ./nix#checks.x86_64-linux.vm-test -L)
{ pkgs, module }:

pkgs.testers.runNixOSTest {
  name = "homelab-panel";

  nodes.machine =
    { pkgs, ... }:
    {
      imports = [ module ];
      virtualisation.memorySize = 2048;

      # A stand-in for an agenix secret: root-only, outside the store at run time.
      systemd.tmpfiles.rules = [
        "d /run/agenix 0755 root root -"
        "f+ /run/agenix/panel-admin 0400 root root - correct-horse-battery-staple"
      ];

      services.homelab-panel = {
        enable = true;
        port = 3000;
        initialAdminPasswordFile = "/run/agenix/panel-admin";
        knownHosts.frame1 = {
          hostNames = [
            "frame1"
            "[10.0.0.1]:2222"
          ];
          publicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDphua8WB8WIto29KCG2V2Xont0unss9CGEkEYC8bknF";
        };
        # The VM has no network: no health checks of the homelab's hosts, no seed.
        extraEnvironment = {
          SEED_ON_START = "false";
          HEALTH_CHECK_ALLOW = "127.0.0.1";
        };
        caddy = {
          enable = true;
          virtualHost = "http://local.kaifer.dev"; # no ACME in the VM
        };
        publicOrigins = [ "http://local.kaifer.dev" ];
      };
      networking.hosts."127.0.0.1" = [ "local.kaifer.dev" ];
      environment.systemPackages = [ pkgs.curl ];
    };

  testScript = ''
    machine.wait_for_unit("homelab-panel.service")
    machine.wait_for_open_port(3000)
    machine.wait_until_succeeds("curl -sf http://127.0.0.1:3000/api/health | grep -q '\"status\":\"ok\"'", timeout=120)

    # migrations ran and the database lives in the state directory
    machine.succeed("test -s /var/lib/homelab-panel/panel.db")
    machine.succeed("journalctl -u homelab-panel.service | grep -q 'applying migrations'")
    machine.succeed("journalctl -u homelab-panel.service | grep -q 'created the first admin'")

    # hardening: a dynamic user, no capabilities
    machine.succeed("systemctl show homelab-panel.service -p DynamicUser | grep -q yes")
    machine.succeed("test \"$(stat -c %U /var/lib/private/homelab-panel)\" != root")

    # through Caddy
    machine.wait_for_unit("caddy.service")
    machine.wait_for_open_port(80)
    machine.wait_until_succeeds("curl -sf http://local.kaifer.dev/api/health | grep -q '\"db\":\"ok\"'", timeout=60)

    # known hosts: the generated file reaches the panel as SSH_KNOWN_HOSTS_FILE
    kh = machine.succeed("systemctl show homelab-panel.service -p Environment | grep -o 'SSH_KNOWN_HOSTS_FILE=[^ ]*' | cut -d= -f2").strip()
    machine.succeed(f"grep -qx 'frame1,\\[10.0.0.1\\]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDphua8WB8WIto29KCG2V2Xont0unss9CGEkEYC8bknF' {kh}")
  '';
}
