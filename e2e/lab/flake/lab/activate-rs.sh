#!/bin/bash
# activate -- LAB STAND-IN for deploy-rs's activation helper (serokell/deploy-rs src/bin/activate.rs
# at d5eff7f), in bash; a profile's `activate-rs` execs it. Same sub-commands, flags, log lines,
# error texts, exit codes and state on the machine as the Rust program:
#   activate [-d|--debug-logs] [--log-dir D] activate CLOSURE (--profile-path P | --profile-user U
#            --profile-name N) --confirm-timeout N --temp-path T [--magic-rollback] [--auto-rollback]
#            [--dry-activate] [--boot]
#   activate [...] wait CLOSURE --temp-path T [--activation-timeout N]
#   activate [...] revoke (--profile-path P | --profile-user U --profile-name N)
# Differences: see e2e/lab/README.md ("The deploy stand-in").
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
. "$(dirname "$(readlink -f "$0")")/../lib/deploy-rs-log.sh"
# Ensure that this process stays alive after the SSH connection dies (activate.rs main)
trap 'echo "Received SIGHUP - ignoring..."' HUP

debug_logs=0 log_dir="" sub=""
while (($#)); do
  case "$1" in
    -d|--debug-logs) debug_logs=1 ;;
    --log-dir) log_dir="${2:-}"; shift ;;
    activate|wait|revoke) sub="$1"; shift; break ;;
    *) clap_error "unrecognized subcommand '$1'" "activate [OPTIONS] <COMMAND>" ;;
  esac
  shift
done
[[ -n "$sub" ]] || clap_error "'activate' requires a subcommand but one was not provided" "activate [OPTIONS] <COMMAND>"

closure="" profile_path="" profile_user="" profile_name="" temp_path="" confirm_timeout=""
activation_timeout="" magic=0 auto=0 dry=0 boot=0
while (($#)); do
  case "$1" in
    --profile-path) profile_path="$2"; shift ;;
    --profile-user) profile_user="$2"; shift ;;
    --profile-name) profile_name="$2"; shift ;;
    --temp-path) temp_path="$2"; shift ;;
    --confirm-timeout) confirm_timeout="$2"; shift ;;
    --activation-timeout) activation_timeout="$2"; shift ;;
    --magic-rollback) magic=1 ;;
    --auto-rollback) auto=1 ;;
    --dry-activate) dry=1 ;;
    --boot) boot=1 ;;
    -*) clap_error "unexpected argument '$1' found" "activate $sub [OPTIONS]" ;;
    *) [[ -z "$closure" ]] || clap_error "unexpected argument '$1' found" "activate $sub [OPTIONS]"; closure="$1" ;;
  esac
  shift
done

log_init "$sub" "$debug_logs" "$log_dir" activate || exit 1
M=activate
info() { log INFO "$M" "$*"; }
warn() { log WARN "$M" "$*"; }
debug() { log DEBUG "$M" "$*"; }
fail() { log ERROR "$M" "$*"; exit 1; }
opt() { [[ -n "$1" ]] && printf 'Some(%s)' "$1" || printf 'None'; }

# deploy::make_lock_path: <temp>/deploy-rs-canary-<hash of the closure's store path>
lock_path() { local c="${closure#/nix/store/}"; echo "${temp_path%/}/deploy-rs-canary-${c%%-*}"; }

get_profile_path() {
  if [[ -n "$profile_path" ]]; then echo "$profile_path"; return; fi
  local state="${NIX_STATE_DIR:-/nix/var/nix}"
  if [[ "$profile_user" == root ]]; then
    # NixOS system profile belongs to the root user, but isn't stored in the 'per-user/root'
    if [[ "$profile_name" == system ]]; then echo "$state/profiles/system"; else echo "$state/profiles/per-user/root/$profile_name"; fi
  elif [[ -e "$state/profiles/per-user/$profile_user" ]]; then
    echo "$state/profiles/per-user/$profile_user/$profile_name"
  else
    echo "${XDG_STATE_HOME:-$HOME/.local/state}/nix/profiles/$profile_name"
  fi
}

# deactivate PROFILE: errors are returned as text in DEACTIVATE_ERROR (DeactivateError)
deactivate() {
  local p="$1" rc gens last id
  DEACTIVATE_ERROR=""
  warn "De-activating due to error"
  nix-env -p "$p" --rollback; rc=$?
  ((rc == 0)) || { DEACTIVATE_ERROR="The rollback resulted in a bad exit code: $(opt $rc)"; return 1; }
  debug "Listing generations"
  gens="$(nix-env -p "$p" --list-generations)"; rc=$?
  ((rc == 0)) || { DEACTIVATE_ERROR="Command for listing generations resulted in a bad exit code: $(opt $rc)"; return 1; }
  last="$(printf '%s\n' "$gens" | tail -n 1)"
  id="$(awk '{print $1}' <<<"$last")"
  debug "Removing generation entry $last"
  warn "Removing generation by ID $id"
  nix-env -p "$p" --delete-generations "$id"; rc=$?
  ((rc == 0)) || { DEACTIVATE_ERROR="Command for deleting generations resulted in a bad exit code: $(opt $rc)"; return 1; }
  info "Attempting to re-activate the last generation"
  if [[ ! -x "$p/deploy-rs-activate" ]]; then
    DEACTIVATE_ERROR="Failed to run command for re-activating the last generation: No such file or directory (os error 2)"; return 1
  fi
  (cd "$p" && PROFILE="$p" "$p/deploy-rs-activate"); rc=$?
  ((rc == 0)) || { DEACTIVATE_ERROR="Command for re-activating the last generation resulted in a bad exit code: $(opt $rc)"; return 1; }
}
# In `activate`, a failed de-activation replaces the error (ActivateError::Deactivate via `?`).
deactivate_or_fail() {
  deactivate "$1" || fail "There was an error de-activating after an error was encountered: $DEACTIVATE_ERROR"
}

activate() {
  local profile="$1" rc loc lock deadline
  if ((!dry)); then
    info "Activating profile"
    nix-env -p "$profile" --set "$closure"; rc=$?
    if ((rc != 0)); then
      ((auto)) && deactivate_or_fail "$profile"
      fail "The command for setting profile resulted in a bad exit code: $(opt $rc)"
    fi
  fi
  debug "Running activation script"
  if ((dry)); then loc="$closure"; else loc="$profile"; fi
  if [[ ! -x "$loc/deploy-rs-activate" ]]; then
    ((auto && !dry)) && deactivate_or_fail "$profile"
    fail "Failed to execute the activation script: No such file or directory (os error 2)"
  fi
  (cd "$loc" && PROFILE="$loc" DRY_ACTIVATE="$dry" BOOT="$boot" "$loc/deploy-rs-activate"); rc=$?
  # a dry activation's exit code is not looked at (activate.rs: `if !dry_activate { match ... }`)
  ((dry)) && return 0
  if ((rc != 0)); then
    ((auto)) && deactivate_or_fail "$profile"
    fail "The activation script resulted in a bad exit code: $(opt $rc)"
  fi
  info "Activation succeeded!"
  if ((magic && !boot)); then
    info "Magic rollback is enabled, setting up confirmation hook..."
    lock="$(lock_path)"
    debug "Ensuring parent directory exists for canary file"
    mkdir -p -- "$(dirname "$lock")" || fail "Failed to get activation confirmation: Failed to create activation confirmation directory: $(dirname "$lock")"
    debug "Creating canary file"
    : >"$lock" || fail "Failed to get activation confirmation: Failed to create activation confirmation file: $lock"
    debug "Creating notify watcher"
    info "Waiting for confirmation event..."
    deadline=$((SECONDS + confirm_timeout))
    # deploy-rs watches the file with inotify; the lab polls it
    while [[ -e "$lock" ]] && ((SECONDS < deadline)); do sleep 0.2; done
    if [[ -e "$lock" ]]; then
      deactivate_or_fail "$profile"
      fail "Failed to get activation confirmation: Error waiting for confirmation event: Timeout elapsed for confirmation"
    fi
  fi
  return 0
}

wait_for_canary() {
  local lock seen=0 deadline start=$SECONDS
  lock="$(lock_path)"
  # "Avoid a potential race condition by checking for existence after watcher creation"
  [[ -e "$lock" ]] && return 0
  info "Waiting for confirmation event..."
  deadline=$((SECONDS + ${activation_timeout:-240}))
  while ((SECONDS < deadline)); do
    if [[ -e "$lock" ]]; then info "Found canary file, done waiting!"; return 0; fi
    # Lab addition: stop once the activation of this closure is gone without making a canary (or
    # was never seen in 30 s): deploy-rs's waiter lingers until its time-out, holding ssh open.
    if pgrep -f -- "activate activate '?$closure" >/dev/null; then seen=1
    elif ((seen || SECONDS - start > 30)); then
      log ERROR "$M" "Error waiting for activation: activation ended without confirmation canary (lab stand-in)"
      exit 3  # lab only: tells the lab's deploy to report the activation's own result instead
    fi
    sleep 0.2
  done
  fail "Error waiting for activation: Timeout elapsed for confirmation"
}

need() { [[ -n "$2" ]] || clap_error "the following required arguments were not provided:
  $1" "activate $sub [OPTIONS]"; }
profile_args() {
  if [[ -n "$profile_path" && -n "$profile_user" ]]; then clap_error "the argument '--profile-path <PROFILE_PATH>' cannot be used with '--profile-user <PROFILE_USER>'" "activate $sub [OPTIONS]"; fi
  if [[ -z "$profile_path" && -z "$profile_user" ]]; then clap_error "the following required arguments were not provided:
  <--profile-path <PROFILE_PATH>|--profile-user <PROFILE_USER>>" "activate $sub [OPTIONS]"; fi
  if [[ -n "$profile_user" ]]; then need "--profile-name <PROFILE_NAME>" "$profile_name"; fi
}

case "$sub" in
  activate)
    need "<CLOSURE>" "$closure"; profile_args
    need "--confirm-timeout <CONFIRM_TIMEOUT>" "$confirm_timeout"; need "--temp-path <TEMP_PATH>" "$temp_path"
    activate "$(get_profile_path)"
    ;;
  wait)
    need "<CLOSURE>" "$closure"; need "--temp-path <TEMP_PATH>" "$temp_path"
    wait_for_canary
    ;;
  revoke)
    profile_args
    deactivate "$(get_profile_path)" || fail "$DEACTIVATE_ERROR"
    ;;
esac
exit 0
