# NixOS module: services.homelab-panel.
#
# One hardened systemd service running the panel (Next.js + socket.io on one port). The panel
# applies its own database migrations at start-up (server.ts runs `prisma migrate deploy` before it
# listens), so there is no separate migration unit: a failed migration fails the start, and
# Restart=on-failure retries it.
#
# Secrets (SSH private key, first admin's password) are passed with systemd LoadCredential, so a
# root-only agenix file (e.g. /run/agenix/panel-ssh-key) is readable by the dynamic service user
# without changing its owner or mode, and never lands in the Nix store.
self:
{
  config,
  lib,
  pkgs,
  ...
}:

let
  cfg = config.services.homelab-panel;
  inherit (lib)
    mkEnableOption
    mkOption
    mkIf
    mkMerge
    types
    optional
    optionalAttrs
    concatStringsSep
    ;

  stateName = lib.removePrefix "/var/lib/" cfg.dataDir;

  # Caddy always reaches the panel over loopback unless the panel listens on one address only.
  upstreamHost =
    if
      builtins.elem cfg.listenAddress [
        "0.0.0.0"
        "::"
        "127.0.0.1"
        "localhost"
      ]
    then
      "127.0.0.1"
    else if lib.hasInfix ":" cfg.listenAddress then
      "[${cfg.listenAddress}]"
    else
      cfg.listenAddress;

  # OpenSSH known_hosts format: "host1,host2 <type> <base64>" per line.
  generatedKnownHosts = pkgs.writeText "homelab-panel-known_hosts" (
    lib.concatStrings (
      lib.mapAttrsToList (
        _name: host: "${concatStringsSep "," host.hostNames} ${host.publicKey}\n"
      ) cfg.knownHosts
    )
  );
in
{
  options.services.homelab-panel = {
    enable = mkEnableOption "the homelab control panel (inventory, live health, jobs over SSH)";

    package = mkOption {
      type = types.package;
      default = self.packages.${pkgs.stdenv.hostPlatform.system}.default;
      defaultText = lib.literalExpression "homelab-panel.packages.\${system}.default";
      description = "The homelab-panel package (nix/package.nix).";
    };

    listenAddress = mkOption {
      type = types.str;
      default = "127.0.0.1";
      example = "0.0.0.0";
      description = ''
        Address the panel listens on (HOST). Loopback by default: put Caddy (or `tailscale serve`)
        in front of it.
      '';
    };

    port = mkOption {
      type = types.port;
      default = 3000;
      description = "Port for HTTP and socket.io (PORT).";
    };

    dataDir = mkOption {
      type = types.strMatching "/var/lib/[^/].*";
      default = "/var/lib/homelab-panel";
      description = ''
        Directory holding the SQLite database (DATABASE_URL=file:<dataDir>/panel.db). Created by
        systemd as the unit's StateDirectory, so it must be under /var/lib.
      '';
    };

    publicOrigins = mkOption {
      type = types.listOf types.str;
      default = lib.optional cfg.caddy.enable "https://${cfg.caddy.virtualHost}";
      defaultText = lib.literalExpression ''lib.optional cfg.caddy.enable "https://''${cfg.caddy.virtualHost}"'';
      example = [
        "https://local.kaifer.dev"
        "https://frame1.tail1234.ts.net"
      ];
      description = ''
        Origins the panel is served at (PUBLIC_ORIGINS); Host and Origin headers are checked against
        them. Loopback on `port` always counts.
      '';
    };

    trustedProxies = mkOption {
      type = types.listOf types.str;
      default = lib.optionals cfg.caddy.enable [
        "127.0.0.1"
        "::1"
      ];
      defaultText = lib.literalExpression ''lib.optionals cfg.caddy.enable [ "127.0.0.1" "::1" ]'';
      description = ''
        Proxy addresses whose X-Forwarded-For/-Proto (and, with `tailscaleIdentity`, the
        Tailscale-User-Login header) are believed (TRUSTED_PROXIES).
      '';
    };

    tailscaleIdentity = mkOption {
      type = types.bool;
      default = false;
      description = ''
        Map the Tailscale-User-Login header, when it comes from one of `trustedProxies` (e.g.
        `tailscale serve` proxying to 127.0.0.1), to the panel user with that Tailscale login
        (TAILSCALE_IDENTITY). The Caddy virtual host below strips that header from client requests.
      '';
    };

    sshKeyFile = mkOption {
      type = types.nullOr (types.strMatching "/.*");
      default = null;
      example = "/run/agenix/panel-ssh-key";
      description = ''
        Private key the panel uses for SSH to the machines (a path string, not a Nix path, so it never
        enters the store). Loaded with systemd LoadCredential and passed as SSH_KEY_FILE. Null: the
        panel's default, ./data/ssh/id_ed25519 relative to the app directory, which does not exist
        in the package; jobs over SSH then fail.
      '';
    };

    initialAdminPasswordFile = mkOption {
      type = types.nullOr (types.strMatching "/.*");
      default = null;
      example = "/run/agenix/panel-admin";
      description = ''
        File with the first admin's password, read only while no user exists
        (INITIAL_ADMIN_PASSWORD_FILE, via LoadCredential). Null: the log prints a one-time
        /setup?token=... link instead.
      '';
    };

    knownHosts = mkOption {
      type = types.attrsOf (
        types.submodule (
          { name, ... }:
          {
            options = {
              hostNames = mkOption {
                type = types.listOf types.str;
                default = [ name ];
                defaultText = lib.literalExpression "[ <name> ]";
                example = [
                  "frame1"
                  "192.168.1.10"
                  "[frame2]:2222"
                ];
                description = ''
                  Host names and addresses as the inventory's SSH host (with `[host]:port` for a port
                  other than 22), as in OpenSSH's known_hosts.
                '';
              };
              publicKey = mkOption {
                type = types.strMatching "[a-z0-9@.-]+ [A-Za-z0-9+/]+={0,2}( .*)?";
                example = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDphua8WB8WIto29KCG2V2Xont0unss9CGEkEYC8bknF";
                description = "The host's public key (`cat /etc/ssh/ssh_host_ed25519_key.pub` on it).";
              };
            };
          }
        )
      );
      default = { };
      example = lib.literalExpression ''
        {
          frame1.publicKey = "ssh-ed25519 AAAA...";
          frame2 = { hostNames = [ "frame2" "10.0.0.2" ]; publicKey = "ssh-ed25519 AAAA..."; };
        }
      '';
      description = ''
        SSH host keys of the machines the panel manages, written to a known_hosts file in the store
        (public keys only) that becomes `knownHostsFile`. Same shape as `programs.ssh.knownHosts`.
      '';
    };

    knownHostsFile = mkOption {
      type = types.nullOr (types.strMatching "/.*");
      default = if cfg.knownHosts != { } then "${generatedKnownHosts}" else null;
      defaultText = lib.literalExpression "a file generated from knownHosts, or null when it is empty";
      example = "/etc/ssh/ssh_known_hosts";
      description = ''
        OpenSSH known_hosts file the panel pins machines from (SSH_KNOWN_HOSTS_FILE). Use
        `/etc/ssh/ssh_known_hosts` to share the system's `programs.ssh.knownHosts`. A machine with no
        key pinned in the inventory is pinned by the file's keys for its host (and port); a machine
        whose inventory pin the file contradicts (or marks @revoked) is refused until they agree.
        Null: the inventory's pins alone.
      '';
    };

    extraEnvironment = mkOption {
      type = types.attrsOf types.str;
      default = { };
      example = {
        ANONYMOUS_DASHBOARD = "true";
        HEALTH_CHECK_ALLOW = "inventory,192.168.1.0/24";
      };
      description = "Further environment variables (see the Configuration table in README.md).";
    };

    caddy = {
      enable = mkOption {
        type = types.bool;
        default = false;
        description = ''
          Add a Caddy virtual host proxying to the panel (websockets pass through reverse_proxy).
          TLS (the homelab's Cloudflare DNS challenge) is left to the existing Caddy configuration;
          add what it needs per host with `caddy.extraConfig`.
        '';
      };
      virtualHost = mkOption {
        type = types.str;
        default = "local.kaifer.dev";
        description = "Caddy virtual host name (replaces Homepage's).";
      };
      extraConfig = mkOption {
        type = types.lines;
        default = "";
        example = "import cloudflare_tls";
        description = "Extra Caddyfile lines for the virtual host (e.g. a tls snippet).";
      };
    };
  };

  config = mkIf cfg.enable (mkMerge [
    {
      assertions = [
        {
          assertion = !cfg.tailscaleIdentity || cfg.trustedProxies != [ ];
          message = "services.homelab-panel.tailscaleIdentity needs trustedProxies (the proxy that sets Tailscale-User-Login).";
        }
      ];

      systemd.services.homelab-panel = {
        description = "homelab control panel";
        wantedBy = [ "multi-user.target" ];
        after = [ "network-online.target" ];
        wants = [ "network-online.target" ];

        environment = {
          HOST = cfg.listenAddress;
          PORT = toString cfg.port;
          DATABASE_URL = "file:${cfg.dataDir}/panel.db";
          PUBLIC_ORIGINS = concatStringsSep "," cfg.publicOrigins;
          TRUSTED_PROXIES = concatStringsSep "," cfg.trustedProxies;
          TAILSCALE_IDENTITY = lib.boolToString cfg.tailscaleIdentity;
          # The Prisma CLI (migrations at start-up) and Next may want a writable home or cache.
          HOME = cfg.dataDir;
          XDG_CACHE_HOME = "/var/cache/homelab-panel";
          CHECKPOINT_DISABLE = "1";
          NEXT_TELEMETRY_DISABLED = "1";
          # The Homepage import evaluates an uploaded .nix file with it; a unit's PATH has no nix.
          NIX_INSTANTIATE = "${config.nix.package}/bin/nix-instantiate";
        }
        # %d: the unit's credentials directory (/run/credentials/homelab-panel.service).
        // optionalAttrs (cfg.sshKeyFile != null) { SSH_KEY_FILE = "%d/ssh-key"; }
        // optionalAttrs (cfg.knownHostsFile != null) { SSH_KNOWN_HOSTS_FILE = cfg.knownHostsFile; }
        // optionalAttrs (cfg.initialAdminPasswordFile != null) {
          INITIAL_ADMIN_PASSWORD_FILE = "%d/admin-password";
        }
        // cfg.extraEnvironment;

        serviceConfig = {
          Type = "simple";
          # Migrations: applied by the panel itself before it listens (prisma migrate deploy).
          ExecStart = lib.getExe cfg.package;
          Restart = "on-failure";
          RestartSec = "5s";
          TimeoutStopSec = "15s";

          LoadCredential =
            optional (cfg.sshKeyFile != null) "ssh-key:${cfg.sshKeyFile}"
            ++ optional (cfg.initialAdminPasswordFile != null) "admin-password:${cfg.initialAdminPasswordFile}";

          DynamicUser = true;
          User = "homelab-panel";
          Group = "homelab-panel";
          StateDirectory = stateName;
          # The panel sets the same umask itself (server.ts) and tightens older files at start:
          # the database, its -wal/-shm files and secrets are 0600, the state directory 0700.
          StateDirectoryMode = "0700";
          # .next/cache in the package is a symlink to /var/cache/homelab-panel/next.
          CacheDirectory = "homelab-panel homelab-panel/next";
          CacheDirectoryMode = "0700";
          UMask = "0077";

          ProtectSystem = "strict";
          ProtectHome = true;
          PrivateTmp = true;
          PrivateDevices = true;
          NoNewPrivileges = true;
          ProtectKernelTunables = true;
          ProtectKernelModules = true;
          ProtectKernelLogs = true;
          ProtectControlGroups = true;
          ProtectClock = true;
          ProtectHostname = true;
          ProtectProc = "invisible";
          RestrictNamespaces = true;
          RestrictRealtime = true;
          RestrictSUIDSGID = true;
          LockPersonality = true;
          RemoveIPC = true;
          RestrictAddressFamilies = [
            "AF_INET"
            "AF_INET6"
            "AF_UNIX"
          ];
          SystemCallArchitectures = "native";
          SystemCallFilter = [
            "@system-service"
            "~@privileged"
          ];
          CapabilityBoundingSet = [ "" ];
          AmbientCapabilities = [ "" ];
          # V8's JIT needs writable+executable memory.
          MemoryDenyWriteExecute = false;
        };
      };
    }

    (mkIf cfg.caddy.enable {
      services.caddy.enable = lib.mkDefault true;
      services.caddy.virtualHosts.${cfg.caddy.virtualHost}.extraConfig = ''
        ${cfg.caddy.extraConfig}
        # socket.io's websocket upgrade passes through reverse_proxy as it is.
        reverse_proxy ${upstreamHost}:${toString cfg.port} {
          # Caddy is a trusted proxy: never forward a client's own Tailscale identity headers.
          header_up -Tailscale-User-Login
          header_up -Tailscale-User-Name
          header_up -Tailscale-User-Profile-Pic
        }
      '';
    })
  ]);
}
