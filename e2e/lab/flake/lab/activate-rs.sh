#!/bin/bash
# activate-rs -- LAB STAND-IN for deploy-rs's activation helper (src/bin/activate.rs), in bash.
# Same sub-commands, flags, log lines and exit codes as deploy-rs's activate-rs:
#   activate-rs [--debug-logs] [--log-dir D] activate CLOSURE PROFILE --temp-path T
#               --confirm-timeout N [--magic-rollback] [--auto-rollback] [--dry-activate] [--boot]
#   activate-rs [--debug-logs] wait CLOSURE --temp-path T
#   activate-rs [--debug-logs] revoke PROFILE
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
trap 'echo "Received NOHUP - ignoring..."' HUP
sub="" closure="" profile="" temp=/tmp timeout=30 magic=0 auto=0 dry=0 boot=0 debug=0 pos=()
while (($#)); do
  case "$1" in
    --debug-logs|-d) debug=1 ;;
    --log-dir) shift ;;
    --temp-path) temp="$2"; shift ;;
    --confirm-timeout) timeout="$2"; shift ;;
    --magic-rollback) magic=1 ;;
    --auto-rollback) auto=1 ;;
    --dry-activate) dry=1 ;;
    --boot) boot=1 ;;
    activate|wait|revoke) [[ -z "$sub" ]] && sub="$1" || pos+=("$1") ;;
    *) pos+=("$1") ;;
  esac
  shift
done
kind=activate; [[ "$sub" == wait ]] && kind=wait
info() { echo "⭐ ℹ️ [$kind] [INFO] $*" >&2; }
warn() { echo "⭐ ⚠️ [$kind] [WARN] $*" >&2; }
error() { echo "⭐ ❌ [$kind] [ERROR] $*" >&2; }
debug() { ((debug)) && echo "⭐ ❓ [$kind] [DEBUG] $*" >&2; return 0; }
if [[ "$kind" == wait ]]; then
  info() { echo "👀 ℹ️ [wait] [INFO] $*" >&2; }
  error() { echo "👀 ❌ [wait] [ERROR] $*" >&2; }
fi
lock_path() { local c="${1#/nix/store/}"; echo "$temp/deploy-rs-canary-${c%%-*}"; }

deactivate() { # profile
  local p="$1" last id
  warn "De-activating due to error"
  nix-env -p "$p" --rollback || { error "The rollback resulted in a bad exit code: Some($?)"; return 1; }
  debug "Listing generations"
  last="$(nix-env -p "$p" --list-generations | tail -n 1)"
  id="$(awk '{print $1}' <<<"$last")"
  debug "Removing generation entry $last"
  warn "Removing generation by ID $id"
  nix-env -p "$p" --delete-generations "$id" || { error "Command for deleting generations resulted in a bad exit code: Some($?)"; return 1; }
  info "Attempting to re-activate the last generation"
  (cd "$p" && PROFILE="$p" "$p/deploy-rs-activate") || { error "Command for re-activating the last generation resulted in a bad exit code: Some($?)"; return 1; }
}

case "$sub" in
  activate)
    closure="${pos[0]:-}"; profile="${pos[1]:-}"
    [[ -n "$closure" && -n "$profile" ]] || { error "usage: activate-rs activate CLOSURE PROFILE --temp-path T --confirm-timeout N"; exit 1; }
    if ((dry)); then
      info "Dry-activating profile"
      (cd "$closure" && PROFILE="$closure" DRY_ACTIVATE=1 "$closure/deploy-rs-activate")
      rc=$?; ((rc == 0)) || { error "The activation script resulted in a bad exit code: Some($rc)"; exit 1; }
      exit 0
    fi
    info "Activating profile"
    nix-env -p "$profile" --set "$closure"; rc=$?
    if ((rc != 0)); then
      ((auto)) && deactivate "$profile"
      error "The command for setting profile resulted in a bad exit code: Some($rc)"; exit 1
    fi
    debug "Running activation script"
    if ((boot)); then export BOOT=1; fi
    (cd "$profile" && PROFILE="$profile" "$profile/deploy-rs-activate")
    rc=$?
    if ((rc != 0)); then
      if ((auto)); then
        if ! deactivate "$profile"; then
          error "There was an error de-activating after an error was encountered: re-activation failed"; exit 1
        fi
      fi
      error "The activation script resulted in a bad exit code: Some($rc)"
      exit 1
    fi
    info "Activation succeeded!"
    if ((magic)); then
      info "Magic rollback is enabled, setting up confirmation hook..."
      lock="$(lock_path "$closure")"
      debug "Creating canary file"
      mkdir -p "$temp" && : >"$lock"
      info "Waiting for confirmation event..."
      deadline=$(( $(date +%s%N) / 1000000 + timeout * 1000 ))
      while [[ -e "$lock" ]] && (( $(date +%s%N) / 1000000 < deadline )); do sleep 0.2; done
      if [[ -e "$lock" ]]; then
        rm -f "$lock"
        error "Error waiting for confirmation event: Timeout elapsed for confirmation"
        deactivate "$profile" || error "Error de-activating due to another error waiting for confirmation, oh no...: re-activation failed"
      fi
    fi
    exit 0
    ;;
  wait)
    closure="${pos[0]:-}"
    lock="$(lock_path "$closure")"
    seen=0
    for ((i = 0; i < 1200; i++)); do
      if [[ -e "$lock" ]]; then info "Found canary file, done waiting!"; exit 0; fi
      # lab addition: stop waiting once the activation of this closure has ended without a canary
      # (deploy-rs's waiter lingers until its 240 s timeout)
      if pgrep -f "activate-rs.* activate '?$closure" >/dev/null; then seen=1
      elif ((seen || i > 150)); then error "Error waiting for activation: activation ended without confirmation canary"; exit 1; fi
      sleep 0.2
    done
    error "Error waiting for activation: Timeout elapsed for confirmation"
    exit 1
    ;;
  revoke)
    profile="${pos[0]:-}"
    deactivate "$profile" || exit 1
    exit 0
    ;;
  *) error "unknown sub-command '${sub}' (activate | wait | revoke)"; exit 1 ;;
esac
