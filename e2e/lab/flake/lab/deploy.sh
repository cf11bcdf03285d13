#!/bin/bash
# deploy -- LAB STAND-IN for deploy-rs's `deploy` (serokell/deploy-rs at d5eff7f: src/bin/deploy.rs,
# src/cli.rs, src/push.rs, src/deploy.rs, src/lib.rs), written in bash because deploy-rs cannot be
# installed here. It takes deploy-rs's command line, runs the same steps with the real nix and ssh
# (flake check, `nix eval --json <flake>#deploy --apply ...`, show-derivation + nix build of the
# profile's derivation, `nix copy --to ssh://`, the profile's activate-rs over ssh with magic
# rollback, confirmation and revocation), prints deploy-rs's own log lines and error texts word for
# word and exits as it does (0, 1; 2 for a bad command line). Differences: e2e/lab/README.md.
#
# usage: deploy [OPTIONS] [TARGET] [-- <EXTRA_BUILD_ARGS>...]   (or --targets T1 T2 ...)
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${PATH:-}"
. "$(dirname "$(readlink -f "$0")")/../lib/deploy-rs-log.sh"
USAGE="deploy [OPTIONS] [TARGET] [-- <EXTRA_BUILD_ARGS>...]"

target="" targets=() file="" checksigs=0 interactive=0 extra=() debug_logs=0 log_dir="" keep_result=0
result_path="" skip_checks=0 remote_build=0 dry=0 boot=0 rollback_succeeded=true
declare -A O=()  # command-line overrides: ssh_user profile_user ssh_opts fast_connection auto_rollback
                 # hostname magic_rollback confirm_timeout activation_timeout temp_path sudo interactive_sudo
value() { [[ $# -ge 2 ]] || clap_error "a value is required for '$1 <${1#--}>' but none was supplied" "$USAGE"; }
boolv() { [[ "$2" == true || "$2" == false ]] || clap_error "invalid value '$2' for '$1 <${1#--}>'
  [possible values: true, false]" "$USAGE"; }
u16v() { [[ "$2" =~ ^[0-9]+$ ]] && (( 10#$2 <= 65535 )) || clap_error "invalid value '$2' for '$1 <${1#--}>': invalid digit found in string" "$USAGE"; }
while (($#)); do
  case "$1" in
    --) shift; extra=("$@"); break ;;
    --targets) shift; while (($#)) && [[ "$1" != -* ]]; do targets+=("$1"); shift; done
      ((${#targets[@]})) || clap_error "a value is required for '--targets <TARGETS>...' but none was supplied" "$USAGE"
      [[ -z "$target" ]] || clap_error "the argument '--targets <TARGETS>...' cannot be used with '[TARGET]'" "$USAGE"
      continue ;;
    -f|--file) value "$@"; file="$2"; shift ;;
    -c|--checksigs) checksigs=1 ;;
    -i|--interactive) interactive=1 ;;
    -d|--debug-logs) debug_logs=1 ;;
    --log-dir) value "$@"; log_dir="$2"; shift ;;
    -k|--keep-result) keep_result=1 ;;
    -r|--result-path) value "$@"; result_path="$2"; shift ;;
    -s|--skip-checks) skip_checks=1 ;;
    --remote-build) remote_build=1 ;;
    --dry-activate) dry=1 ;;
    --boot) boot=1 ;;
    --ssh-user|--profile-user|--hostname|--temp-path|--sudo|--ssh-opts)
      value "$@"; k="${1#--}"; O[${k//-/_}]="$2"; shift ;;
    --fast-connection|--auto-rollback|--magic-rollback|--interactive-sudo)
      value "$@"; boolv "$1" "$2"; k="${1#--}"; O[${k//-/_}]="$2"; shift ;;
    --rollback-succeeded) value "$@"; boolv "$1" "$2"; rollback_succeeded="$2"; shift ;;
    --confirm-timeout|--activation-timeout) value "$@"; u16v "$1" "$2"; k="${1#--}"; O[${k//-/_}]="$((10#$2))"; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -V|--version) echo "deploy-rs 1.0"; exit 0 ;;
    -*) clap_error "unexpected argument '$1' found" "$USAGE" ;;
    *) ((${#targets[@]} == 0)) || clap_error "the argument '[TARGET]' cannot be used with '--targets <TARGETS>...'" "$USAGE"
       [[ -z "$target" ]] || clap_error "unexpected argument '$1' found" "$USAGE"
       target="$1" ;;
  esac
  shift
done

log_init deploy "$debug_logs" "$log_dir" deploy || exit 1
# Lab only (not deploy-rs): /etc/lab/deploy-skip-confirm on the deploying machine, like
# LAB_DEPLOY_SKIP_CONFIRM=1, makes the stand-in not confirm an activation (as if its ssh could not
# reach the node), so the node rolls back by itself; a number in the file is the confirm timeout
# when the command line gives none. Tests use it to make magic rollback happen through the panel.
if [[ -f /etc/lab/deploy-skip-confirm ]]; then
  LAB_DEPLOY_SKIP_CONFIRM=1
  t="$(head -c 8 /etc/lab/deploy-skip-confirm | tr -dc 0-9)"
  [[ -n "$t" && -z "${O[confirm_timeout]:-}" ]] && O[confirm_timeout]="$t"
fi
info() { log INFO "deploy::cli" "$*"; }
warn() { log WARN "deploy::cli" "$*"; }
debug() { log DEBUG "deploy::cli" "$*"; }
# bin/deploy.rs main: `error!("{}", err); std::process::exit(1)`
die() { log ERROR "deploy" "$*"; exit 1; }
opt() { [[ -n "$1" ]] && printf 'Some(%s)' "$1" || printf 'None'; }
code_of() { (($1 > 128 && $1 != 255)) && echo "" || echo "$1"; }  # killed by a signal: None

((dry && boot)) && log ERROR "deploy::cli" "Cannot use both --dry-activate & --boot!"
[[ -z "$file" ]] || die "the lab stand-in does not support --file (deploy-rs: \"The --file option for deployments without flakes is experimental\")"
((${#targets[@]})) || targets=("${target:-.}")

# lib.rs parse_flake: REPO#NODE[.PROFILE], names bare (rnix identifiers) or "quoted"
REPOS=() NODES=() PROFILES=()
id='([A-Za-z_][A-Za-z0-9_'"'"'-]*|"[^"]*")'
for t in "${targets[@]}"; do
  repo="$t" frag="" node="" profile=""
  if [[ "$t" == *#* ]]; then repo="${t%%#*}"; frag="${t#*#}"; fi
  if [[ -n "$frag" ]]; then
    if [[ "$frag" =~ ^$id(\.$id)?$ ]]; then
      node="${BASH_REMATCH[1]}"; profile="${BASH_REMATCH[3]}"
      node="${node#\"}"; node="${node%\"}"; profile="${profile#\"}"; profile="${profile%\"}"
    elif [[ "$frag" =~ ^$id\.$id\. ]]; then die "Error parsing flake: The given path was too long, did you mean to put something in quotes?"
    else die "Error parsing flake: Unrecognized node or token encountered"; fi
  fi
  REPOS+=("$repo"); NODES+=("$node"); PROFILES+=("$profile")
done

debug "Checking for flake support"
if ! nix eval --expr builtins.getFlake >/dev/null 2>&1; then
  die "the lab stand-in needs flakes (deploy-rs: \"A Nix version without flakes support was detected, support for this is work in progress\")"
fi

if ((!skip_checks)); then
  for repo in "${REPOS[@]}"; do
    info "Running checks for flake in $repo"
    nix flake check "$repo" "${extra[@]}"; rc=$?
    ((rc == 0)) || die "Failed to check deployment: Nix checking command resulted in a bad exit code: $(opt "$(code_of $rc)")"
  done
fi

# cli.rs get_deployment_data: one `nix eval --json <repo>#deploy --apply <filter>` per target
DATA=()
for i in "${!REPOS[@]}"; do
  repo="${REPOS[$i]}" node="${NODES[$i]}" profile="${PROFILES[$i]}"
  info "Evaluating flake in $repo"
  if [[ -n "$node" && -n "$profile" ]]; then
    apply="
                      deploy:
                      (deploy // {
                        nodes = {
                          \"$node\" = deploy.nodes.\"$node\" // {
                            profiles = {
                              inherit (deploy.nodes.\"$node\".profiles) \"$profile\";
                            };
                          };
                        };
                      })
                     "
  elif [[ -n "$node" ]]; then
    apply="
                      deploy:
                      (deploy // {
                        nodes = {
                          inherit (deploy.nodes) \"$node\";
                        };
                      })
                    "
  else
    apply="deploy: deploy"
  fi
  json="$(nix eval --json "$repo#deploy" --apply "$apply" "${extra[@]}")"; rc=$?
  ((rc == 0)) || die "Failed to evaluate deployment data: Evaluation resulted in a bad exit code: $(opt "$(code_of $rc)")"
  DATA+=("$json")
done

# cli.rs run_deploy + lib.rs make_deploy_data/defs: the parts to deploy, each with its merged
# settings (profile, then node, then top level; sshOpts appended) and command-line overrides.
JQ_MERGE='
  def pick(a; b; c): if a != null then a elif b != null then b else c end;
  . as $d | $d.nodes[$n] as $node | $node.profiles[$p] as $prof |
  { sshUser: pick($prof.sshUser; $node.sshUser; $d.sshUser), user: pick($prof.user; $node.user; $d.user),
    sshOpts: (($prof.sshOpts // []) + ($node.sshOpts // []) + ($d.sshOpts // [])),
    fastConnection: pick($prof.fastConnection; $node.fastConnection; $d.fastConnection),
    autoRollback: pick($prof.autoRollback; $node.autoRollback; $d.autoRollback),
    confirmTimeout: pick($prof.confirmTimeout; $node.confirmTimeout; $d.confirmTimeout),
    activationTimeout: pick($prof.activationTimeout; $node.activationTimeout; $d.activationTimeout),
    tempPath: pick($prof.tempPath; $node.tempPath; $d.tempPath),
    magicRollback: pick($prof.magicRollback; $node.magicRollback; $d.magicRollback),
    sudo: pick($prof.sudo; $node.sudo; $d.sudo), remoteBuild: pick($prof.remoteBuild; $node.remoteBuild; $d.remoteBuild),
    interactiveSudo: pick($prof.interactiveSudo; $node.interactiveSudo; $d.interactiveSudo),
    hostname: $node.hostname, path: $prof.path, profilePath: $prof.profilePath }
  | to_entries[] | "S[\(.key)]=\(if .value == null then "" elif (.value|type) == "array" then (.value|join("\u001f")) else (.value|tostring) end | @sh)"'
PART_FLAKE=() PART_NODE=() PART_PROFILE=()
add_node() { # flake-index node [profile]
  local i="$1" n="$2" p="$3" names
  if [[ -n "$p" ]]; then PART_FLAKE+=("$i"); PART_NODE+=("$n"); PART_PROFILE+=("$p"); return; fi
  names="$(jq -r --arg n "$n" '.nodes[$n] | ((.profilesOrder // []) + (.profiles | keys)) | reduce .[] as $x ([]; if index([$x]) then . else . + [$x] end) | .[]' <<<"${DATA[$i]}")"
  for p in $names; do
    jq -e --arg n "$n" --arg p "$p" '.nodes[$n].profiles[$p] != null' <<<"${DATA[$i]}" >/dev/null || die "No profile named \`$p\` was found"
    PART_FLAKE+=("$i"); PART_NODE+=("$n"); PART_PROFILE+=("$p")
  done
}
for i in "${!REPOS[@]}"; do
  n="${NODES[$i]}" p="${PROFILES[$i]}"
  if [[ -n "$n" ]]; then
    jq -e --arg n "$n" '.nodes[$n] != null' <<<"${DATA[$i]}" >/dev/null || die "No node named \`$n\` was found"
    [[ -z "$p" ]] || jq -e --arg n "$n" --arg p "$p" '.nodes[$n].profiles[$p] != null' <<<"${DATA[$i]}" >/dev/null || die "No profile named \`$p\` was found"
    add_node "$i" "$n" "$p"
  else
    # deploy-rs walks a HashMap here (an arbitrary order); the stand-in takes the nodes by name
    for n in $(jq -r '.nodes | keys[]' <<<"${DATA[$i]}"); do add_node "$i" "$n" ""; done
  fi
done

declare -A P=()   # per part k: P[k.key]
me="$(id -un)"
for k in "${!PART_NODE[@]}"; do
  declare -A S=()
  eval "$(jq -r --arg n "${PART_NODE[$k]}" --arg p "${PART_PROFILE[$k]}" "$JQ_MERGE" <<<"${DATA[${PART_FLAKE[$k]}]}")"
  [[ -n "${O[ssh_user]:-}" ]] && S[sshUser]="${O[ssh_user]}"
  [[ -n "${O[profile_user]:-}" ]] && S[user]="${O[profile_user]}"
  [[ -n "${O[ssh_opts]+x}" ]] && S[sshOpts]="${O[ssh_opts]// /$'\x1f'}"
  for key in fast_connection:fastConnection auto_rollback:autoRollback magic_rollback:magicRollback \
    confirm_timeout:confirmTimeout activation_timeout:activationTimeout temp_path:tempPath sudo:sudo \
    interactive_sudo:interactiveSudo; do
    [[ -n "${O[${key%%:*}]:-}" ]] && S[${key#*:}]="${O[${key%%:*}]}"
  done
  ((remote_build)) && S[remoteBuild]=true
  node="${PART_NODE[$k]}" prof="${PART_PROFILE[$k]}"
  ssh_user="${S[sshUser]:-$me}"
  profile_user="${S[user]:-${S[sshUser]}}"
  [[ -n "$profile_user" ]] || die "Error processing deployment definitions: Neither \`user\` nor \`sshUser\` are set for profile $prof of node $node"
  sudo=""; [[ -n "${S[user]}" && "${S[user]}" != "$ssh_user" ]] && sudo="${S[sudo]:-sudo -u} ${S[user]}"
  [[ "${S[interactiveSudo]}" == true ]] && die "the lab stand-in does not support interactive sudo (a sudo password)"
  for key in sshUser user sshOpts fastConnection autoRollback confirmTimeout activationTimeout tempPath \
    magicRollback remoteBuild hostname path profilePath; do P[$k.$key]="${S[$key]}"; done
  P[$k.ssh_user]="$ssh_user" P[$k.profile_user]="$profile_user" P[$k.sudo]="$sudo"
  P[$k.host]="${O[hostname]:-${S[hostname]}}"
  unset S
done

# cli.rs print_deployment: the TOML of { node: { profile: PromptPart } } (toml 0.8)
toml_str() { local s="${1//\\/\\\\}"; s="${s//\"/\\\"}"; printf '"%s"' "$s"; }
toml=""
for k in "${!PART_NODE[@]}"; do
  opts=""; IFS=$'\x1f' read -r -a arr <<<"${P[$k.sshOpts]}"
  for o in "${arr[@]}"; do opts+="${opts:+, }$(toml_str "$o")"; done
  toml+="${toml:+$'\n'}[${PART_NODE[$k]}.${PART_PROFILE[$k]}]"$'\n'"user = $(toml_str "${P[$k.profile_user]}")"$'\n'
  toml+="ssh_user = $(toml_str "${P[$k.ssh_user]}")"$'\n'"path = $(toml_str "${P[$k.path]}")"$'\n'
  toml+="hostname = $(toml_str "${P[$k.hostname]}")"$'\n'"ssh_opts = [${opts}]"$'\n'
done
info "The following profiles are going to be deployed:"$'\n'"$toml"
if ((interactive)); then
  info "Are you sure you want to deploy these profiles?"
  printf '> '
  IFS= read -r answer || answer=""
  yes() { [[ "${1,,}" =~ ^[[:space:]]*(y|yes|yeah|yep|yup|sure|ok|okay)[[:space:]]*$ ]]; }
  no() { [[ "${1,,}" =~ ^[[:space:]]*(n|no|nope|nah)[[:space:]]*$ ]]; }
  if ! yes "$answer"; then
    if [[ "${answer,,}" =~ y ]]; then
      info "Sounds like you might want to continue, to be more clear please just say \"yes\". Do you want to deploy these profiles?"
      printf '> '
      IFS= read -r answer || answer=""
      yes "$answer" || die "User cancelled deployment"
    else
      no "$answer" || info "That was unclear, but sounded like a no to me. Please say \"yes\" or \"no\" to be more clear."
      die "User cancelled deployment"
    fi
  fi
fi

nixopts=(--extra-experimental-features nix-command)
sshopts_of() { IFS=$'\x1f' read -r -a SSHOPTS <<<"${P[$1.sshOpts]}"; }

# push.rs build_profile: the deriver of the profile path, then `nix build` of it
for k in "${!PART_NODE[@]}"; do
  node="${PART_NODE[$k]}" prof="${PART_PROFILE[$k]}" path="${P[$k.path]}"
  log DEBUG deploy::push "Finding the deriver of store path for $path"
  show="$(nix show-derivation "$path")"; rc=$?
  ((rc == 0)) || die "Failed to build profile on node $node: $node"
  deriver="$(jq -r 'keys[0] // empty' <<<"$show")"
  [[ -n "$deriver" ]] || die "Failed to build profile on node $node: $node"
  [[ "$deriver" == /nix/store/* ]] || deriver="/nix/store/$deriver"
  # `nix path-info <drv>` prints the .drv itself from nix 2.15 on: then build `<drv>^out`
  if [[ "$(nix "${nixopts[@]}" path-info "$deriver" 2>/dev/null)" == "$deriver" ]]; then deriver+="^out"; fi
  if [[ "${P[$k.remoteBuild]}" == true ]]; then
    log INFO deploy::push "Building profile \`$prof\` for node \`$node\` on remote host"
    sshopts_of "$k"; store="ssh-ng://${P[$k.ssh_user]}@${P[$k.host]}"
    NIX_SSHOPTS="${SSHOPTS[*]}" nix "${nixopts[@]}" copy -s --to "$store" --derivation "$deriver" >/dev/null \
      || die "Failed to build profile on node $node: $node"
    log DEBUG deploy::push "build command: \"nix\" \"--experimental-features\" \"nix-command\" \"build\" \"$deriver\" \"--eval-store\" \"auto\" \"--store\" \"$store\""
    NIX_SSHOPTS="${SSHOPTS[*]}" nix "${nixopts[@]}" build "$deriver" --eval-store auto --store "$store" "${extra[@]}" >/dev/null \
      || die "Failed to build profile on node $node: $node"
    continue
  fi
  log INFO deploy::push "Building profile \`$prof\` for node \`$node\`"
  link=(--no-link); ((keep_result)) && link=(--out-link "${result_path:-./.deploy-gc}/$node/$prof")
  nix build "$deriver" "${link[@]}" "${extra[@]}" >/dev/null || die "Failed to build profile on node $node: $node"
  # "Activation script deploy-rs-activate does not exist in profile." is a PushProfileError that
  # RunDeployError::BuildProfile's text ("...node {0}: {0}") never shows.
  [[ -e "$path/deploy-rs-activate" && -e "$path/activate-rs" ]] || die "Failed to build profile on node $node: $node"
done

# push.rs push_profile
for k in "${!PART_NODE[@]}"; do
  [[ "${P[$k.remoteBuild]}" == true ]] && continue
  node="${PART_NODE[$k]}" prof="${PART_PROFILE[$k]}"
  log INFO deploy::push "Copying profile \`$prof\` to node \`$node\`"
  copy=(nix copy); [[ "${P[$k.fastConnection]}" == true ]] || copy+=(--substitute-on-destination)
  ((checksigs)) || copy+=(--no-check-sigs)
  sshopts_of "$k"
  NIX_SSHOPTS="${SSHOPTS[*]}" "${copy[@]}" --to "ssh://${P[$k.ssh_user]}@${P[$k.host]}" "${P[$k.path]}" \
    || die "Failed to push profile to node $node: $node"
done

# deploy.rs: the activate-rs / wait / revoke command lines (build_*_command)
profile_info() { [[ -n "${P[$1.profilePath]}" ]] && printf -- "--profile-path '%s'" "${P[$1.profilePath]}" \
  || printf -- "--profile-user %s --profile-name %s" "${P[$1.profile_user]}" "${PART_PROFILE[$1]}"; }
self_cmd() { # k -> "<closure>/activate-rs [--debug-logs] [--log-dir D]"
  local c="${P[$1.path]}/activate-rs"
  ((debug_logs)) && c+=" --debug-logs"
  [[ -n "$log_dir" ]] && c+=" --log-dir $log_dir"
  printf '%s' "$c"
}
with_sudo() { [[ -n "${P[$1.sudo]}" ]] && printf '%s %s' "${P[$1.sudo]}" "$2" || printf '%s' "$2"; }
temp_of() { printf '%s' "${P[$1.tempPath]:-/tmp}"; }
magic_of() { [[ "${P[$1.magicRollback]}" != false ]]; }
auto_of() { [[ "${P[$1.autoRollback]}" != false ]]; }
ssh_to() { # k command
  sshopts_of "$1"; ssh "${P[$1.ssh_user]}@${P[$1.host]}" "${SSHOPTS[@]}" "$2"
}

# deploy.rs deploy_profile: sets DEPLOY_ERROR on failure
deploy_profile() {
  local k="$1" node="${PART_NODE[$1]}" prof="${PART_PROFILE[$1]}" path="${P[$1.path]}" cmd wait_cmd rc apid wpid lock
  DEPLOY_ERROR=""
  ((dry)) || log INFO deploy::deploy "Activating profile \`$prof\` for node \`$node\`"
  cmd="$(self_cmd "$k") activate '$path' $(profile_info "$k") --temp-path '$(temp_of "$k")' --confirm-timeout ${P[$k.confirmTimeout]:-30}"
  magic_of "$k" && cmd+=" --magic-rollback"
  auto_of "$k" && cmd+=" --auto-rollback"
  ((dry)) && cmd+=" --dry-activate"
  ((boot)) && cmd+=" --boot"
  cmd="$(with_sudo "$k" "$cmd")"
  log DEBUG deploy::deploy "Constructed activation command: $cmd"
  if ! magic_of "$k" || ((dry || boot)); then
    ssh_to "$k" "$cmd"; rc=$?
    ((rc == 0)) || { DEPLOY_ERROR="Activating over SSH resulted in a bad exit code: $(opt "$(code_of $rc)")"; return 1; }
    if ((dry)); then log INFO deploy::deploy "Completed dry-activate!"
    elif ((boot)); then log INFO deploy::deploy "Success activating for next boot, done!"
    else log INFO deploy::deploy "Success activating, done!"; fi
    return 0
  fi
  wait_cmd="$(self_cmd "$k") wait '$path' --temp-path '$(temp_of "$k")'"
  [[ -n "${P[$k.activationTimeout]}" ]] && wait_cmd+=" --activation-timeout ${P[$k.activationTimeout]}"
  wait_cmd="$(with_sudo "$k" "$wait_cmd")"
  log DEBUG deploy::deploy "Constructed wait command: $wait_cmd"
  ssh_to "$k" "$cmd" & apid=$!
  log INFO deploy::deploy "Creating activation waiter"
  ssh_to "$k" "$wait_cmd" & wpid=$!
  # tokio::select! of the waiter's exit and an activation error; a waiter or activation left
  # running when deploy gives up goes on by itself (deploy-rs does not kill it either)
  while :; do
    if ! kill -0 "$wpid" 2>/dev/null; then
      wait "$wpid"; rc=$?
      if ((rc == 3)); then
        # the lab's waiter gave up because the activation is gone (deploy-rs's would still be
        # waiting): what deploy-rs reports then is the activation's own result
        wait "$apid"; rc=$?
        log DEBUG deploy::deploy "Activate command exited with an error"
        DEPLOY_ERROR="Activating over SSH resulted in a bad exit code: $(opt "$(code_of $rc)")"; return 1
      fi
      log DEBUG deploy::deploy "Wait command ended"
      ((rc == 0)) || { DEPLOY_ERROR="Waiting over SSH resulted in a bad exit code: $(opt "$(code_of $rc)")"; return 1; }
      break
    fi
    if ! kill -0 "$apid" 2>/dev/null; then
      wait "$apid"; rc=$?
      if ((rc != 0)); then
        log DEBUG deploy::deploy "Activate command exited with an error"
        DEPLOY_ERROR="Activating over SSH resulted in a bad exit code: $(opt "$(code_of $rc)")"; return 1
      fi
      apid=""
      wait "$wpid"; rc=$?
      log DEBUG deploy::deploy "Wait command ended"
      ((rc == 0)) || { DEPLOY_ERROR="Waiting over SSH resulted in a bad exit code: $(opt "$(code_of $rc)")"; return 1; }
      break
    fi
    sleep 0.1
  done
  log INFO deploy::deploy "Success activating, attempting to confirm activation"
  local c="${path#/nix/store/}"
  lock="$(temp_of "$k")/deploy-rs-canary-${c%%-*}"
  local confirm; confirm="$(with_sudo "$k" "rm $lock")"
  log DEBUG deploy::deploy "Attempting to run command to confirm deployment: $confirm"
  if [[ "${LAB_DEPLOY_SKIP_CONFIRM:-}" == 1 ]]; then
    rc=255  # lab only: as if the confirmation's ssh could not reach the host
  else
    ssh_to "$k" "$confirm"; rc=$?
  fi
  ((rc == 0)) && log INFO deploy::deploy "Deployment confirmed."
  local arc=0
  if [[ -n "$apid" ]]; then wait "$apid"; arc=$?; fi
  if ((arc != 0)); then
    # deploy.rs:490: the activation task's `send_activate.send(err).unwrap()` panics, its receiver
    # having been dropped when select! ended; `recv_activated` then fails with RecvError (deploy.rs:525)
    printf "thread 'tokio-runtime-worker' panicked at src/deploy.rs:490:41:\ncalled \`Result::unwrap()\` on an \`Err\` value: SSHActivateExit(%s)\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace\n" "$(opt "$(code_of $arc)")" >&2
    DEPLOY_ERROR="Activating over SSH resulted in a bad exit code: RecvError(())"
    return 1
  fi
  if ((rc != 0)); then
    DEPLOY_ERROR="Error confirming deployment: Confirming activation over SSH resulted in a bad exit code (the server should roll back): $(opt "$(code_of $rc)")"
    return 1
  fi
  return 0
}

revoke() { # deploy.rs revoke
  local k="$1" cmd rc
  cmd="$(with_sudo "$k" "$(self_cmd "$k") revoke $(profile_info "$k")")"
  log DEBUG deploy::deploy "Constructed revoke command: $cmd"
  ssh_to "$k" "$cmd"; rc=$?
  ((rc == 0)) || die "Failed to revoke profile for node ${PART_NODE[$k]}: Revoking over SSH resulted in a bad exit code: $(opt "$(code_of $rc)")"
}

# cli.rs run_deploy: activate every part in turn; on a failure, revoke the ones that succeeded
succeeded=()
for k in "${!PART_NODE[@]}"; do
  if ! deploy_profile "$k"; then
    log ERROR deploy::cli "$DEPLOY_ERROR"
    ((dry)) && info "dry run, not rolling back"
    if [[ "$rollback_succeeded" == true && "${O[auto_rollback]:-true}" == true ]]; then
      info "Revoking previous deploys"
      for s in "${succeeded[@]}"; do auto_of "$s" && revoke "$s"; done
      die "Deployment to node ${PART_NODE[$k]} failed, rolled back to previous generation"
    fi
    die "Failed to deploy profile to node ${PART_NODE[$k]}: $DEPLOY_ERROR"
  fi
  succeeded+=("$k")
done
exit 0
