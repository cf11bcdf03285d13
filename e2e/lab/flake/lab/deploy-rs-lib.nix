# The lab's copy of deploy-rs's `lib.<system>.activate` (serokell/deploy-rs, flake.nix at d5eff7f,
# overlay `deploy-rs.lib.activate`), written without nixpkgs: the lab has none. What a profile
# deployed with it looks like is what deploy-rs makes:
#   activate.nixos cfg = buildEnv {
#     name = "activatable-" + toplevel.name;            # activatable-nixos-system-frame1-24.11...
#     paths = [ toplevel                                  # every top-level entry of the system
#               (writeTextFile { name = toplevel.name + "-activate-path"; destination = "/deploy-rs-activate"; ... })
#               (writeTextFile { name = toplevel.name + "-activate-rs";   destination = "/activate-rs"; ... }) ];
#   }
# so the system profile points at the wrapper while /run/current-system (set by the system's own
# switch-to-configuration) points at the toplevel inside it. The scripts' texts are deploy-rs's,
# word for word; `runtimeShell` is the lab's /bin/bash and `activate-rs` execs the lab's stand-in
# of deploy-rs's `activate` binary (lab/activate-rs.sh) instead of the Rust one.
{ system, deployRs }:
let
  runtimeShell = "/bin/bash";

  # pkgs.writeTextFile { name; text; executable = true; destination; }
  writeTextFile = { name, text, destination ? "" }: derivation {
    inherit name system text destination;
    builder = "/bin/sh";
    args = [ "-c" ''
      if [ -n "$destination" ]; then /bin/mkdir -p "$out" && f="$out$destination"; else f="$out"; fi
      printf '%s' "$text" >"$f" && /bin/chmod 555 "$f"
    '' ];
  };
  writeScript = name: text: writeTextFile { inherit name text; };

  # pkgs.buildEnv { name; paths; }: a directory of symlinks to every top-level entry of every
  # path. buildEnv links a directory as a whole when only one path provides it
  # (pkgs/build-support/buildenv/builder.pl), which is always the case here; a collision fails
  # the build as it does there.
  buildEnv = { name, paths }: derivation {
    inherit name system paths;
    builder = "/bin/bash";
    args = [ "-c" ''
      set -e
      /bin/mkdir "$out"
      for p in $paths; do
        for e in "$p"/* "$p"/.[!.]*; do
          [ -e "$e" ] || [ -L "$e" ] || continue
          n="''${e##*/}"
          if [ -e "$out/$n" ] || [ -L "$out/$n" ]; then
            echo "collision between \`$e' and \`$(/bin/readlink "$out/$n")'" >&2; exit 1
          fi
          /bin/ln -s "$e" "$out/$n"
        done
      done
    '' ];
  };
in rec {
  activate = rec {
    custom = {
      __functor = customSelf: base: activate:
        buildEnv {
          name = ("activatable-" + base.name);
          paths = [
            base
            (writeTextFile {
              name = base.name + "-activate-path";
              text = ''
                #!${runtimeShell}
                set -euo pipefail

                if [[ "''${DRY_ACTIVATE:-}" == "1" ]]
                then
                    ${customSelf.dryActivate or "echo ${writeScript "activate" activate}"}
                elif [[ "''${BOOT:-}" == "1" ]]
                then
                    ${customSelf.boot or "echo ${writeScript "activate" activate}"}
                else
                    ${activate}
                fi
              '';
              destination = "/deploy-rs-activate";
            })
            (writeTextFile {
              name = base.name + "-activate-rs";
              text = ''
                #!${runtimeShell}
                exec ${deployRs}/bin/activate "$@"
              '';
              destination = "/activate-rs";
            })
          ];
        };
    };

    nixos = base:
      (custom // {
        dryActivate = "$PROFILE/bin/switch-to-configuration dry-activate";
        boot = "$PROFILE/bin/switch-to-configuration boot";
      })
      base.config.system.build.toplevel
      ''
        # work around https://github.com/NixOS/nixpkgs/issues/73404
        cd /tmp

        $PROFILE/bin/switch-to-configuration switch

        # https://github.com/serokell/deploy-rs/issues/31
        ${""}
      '';

    noop = base: custom base ":";
  };
}
