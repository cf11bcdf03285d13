#!/bin/bash
# deploy -- LAB STAND-IN for deploy-rs (https://github.com/serokell/deploy-rs), written in bash.
# deploy-rs cannot be installed in the lab, so this script follows its CLI, its stderr log format
# ("🚀 ℹ️ [deploy] [INFO] ...", "⭐ ... [activate] ...", "👀 ... [wait] ...") and exit codes
# (0 success, 1 failure) and does the same real work: evaluate deploy.nodes.<node>, nix build,
# nix copy --to ssh-ng://, run the profile's activate-rs over SSH (nix-env --set,
# switch-to-configuration, auto rollback), magic rollback with a canary file and confirmation.
# Differences from deploy-rs: see e2e/lab/README.md ("The deploy stand-in").
#
# usage: deploy [flags] [FLAKE#NODE[.PROFILE]] [-- extra nix build args]
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${PATH:-}"
info() { echo "🚀 ℹ️ [deploy] [INFO] $*" >&2; }
warn() { echo "🚀 ⚠️ [deploy] [WARN] $*" >&2; }
error() { echo "🚀 ❌ [deploy] [ERROR] $*" >&2; }
debug() { ((debug_logs)) && echo "🚀 ❓ [deploy] [DEBUG] $*" >&2; return 0; }
bool() { case "$1" in true) echo 1 ;; false) echo 0 ;; *) error "invalid value '$1' (expected true or false)"; exit 1 ;; esac; }

target="" hostname_override="" ssh_user="" ssh_opts="" profile_user="" temp_path=""
magic="" auto="" confirm_timeout="" dry=0 boot=0 skip_checks=0 debug_logs=0 checksigs=0
keep_result=0 result_path="" extra=()
while (($#)); do
  case "$1" in
    --) shift; extra=("$@"); break ;;
    -s|--skip-checks) skip_checks=1 ;;
    --dry-activate) dry=1 ;;
    --boot) boot=1 ;;
    -d|--debug-logs) debug_logs=1 ;;
    -c|--checksigs) checksigs=1 ;;
    -k|--keep-result) keep_result=1 ;;
    --result-path) result_path="$2"; shift ;;
    --log-dir) shift ;;
    --hostname) hostname_override="$2"; shift ;;
    --ssh-user) ssh_user="$2"; shift ;;
    --ssh-opts) ssh_opts="$2"; shift ;;
    --profile-user) profile_user="$2"; shift ;;
    --temp-path) temp_path="$2"; shift ;;
    --magic-rollback) magic="$(bool "$2")" || exit 1; shift ;;
    --auto-rollback) auto="$(bool "$2")" || exit 1; shift ;;
    --confirm-timeout) confirm_timeout="$2"; shift ;;
    --fast-connection|--rollback-succeeded|--sudo|--interactive-sudo|--remote-build) [[ "${2:-}" != -* && -n "${2:-}" ]] && shift ;;
    -i|--interactive) error "--interactive is not supported by the lab stand-in"; exit 1 ;;
    --targets) error "--targets is not supported by the lab stand-in; give one target"; exit 1 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -V|--version) echo "deploy-rs 1.0 (lab stand-in)"; exit 0 ;;
    -*) error "unknown flag $1"; exit 1 ;;
    *) [[ -z "$target" ]] || { error "only one target is supported"; exit 1; }; target="$1" ;;
  esac
  shift
done
target="${target:-.}"
repo="${target%%#*}"; fragment=""
[[ "$target" == *#* ]] && fragment="${target#*#}"
node="${fragment%%.*}"; profile_name=""
[[ "$fragment" == *.* ]] && profile_name="${fragment#*.}"
[[ -n "$node" ]] || { error "Failed to resolve target: the lab stand-in needs a node (.#NODE)"; exit 1; }
[[ "$node" =~ ^[A-Za-z0-9_-]+$ ]] || { error "invalid node name '$node'"; exit 1; }
[[ -z "$profile_name" || "$profile_name" =~ ^[A-Za-z0-9_-]+$ ]] || { error "invalid profile name '$profile_name'"; exit 1; }
nixf=(nix --extra-experimental-features 'nix-command flakes')

if ((!skip_checks)); then
  info "Running checks for flake in $repo"
  if ! "${nixf[@]}" flake check --no-build "$repo" "${extra[@]}"; then
    error "Failed to check deployment: Nix checking command resulted in a bad exit code: Some(1)"; exit 1
  fi
fi
info "Evaluating flake in $repo"
apply='n: let
    b = k: if n ? ${k} then (if n.${k} then "true" else "false") else "";
    s = k: if n ? ${k} then toString n.${k} else "";
    order = n.profilesOrder or (builtins.attrNames n.profiles);
    prof = k: p: [ "profiles.${k}.path=${p.path}" "profiles.${k}.user=${p.user or ""}" "profiles.${k}.sshUser=${p.sshUser or ""}" ];
  in builtins.concatStringsSep "\n" ([
    "hostname=${n.hostname}" "sshUser=${s "sshUser"}" "user=${s "user"}"
    "sshOpts=${toString (n.sshOpts or [])}" "magicRollback=${b "magicRollback"}"
    "autoRollback=${b "autoRollback"}" "confirmTimeout=${s "confirmTimeout"}" "tempPath=${s "tempPath"}"
    "profilesOrder=${toString order}"
  ] ++ builtins.concatLists (builtins.attrValues (builtins.mapAttrs prof n.profiles))) + "\n"'
if ! data="$("${nixf[@]}" eval --raw "$repo#deploy.nodes.\"$node\"" --apply "$apply" "${extra[@]}")"; then
  error "Failed to evaluate deployment data: Evaluation resulted in a bad exit code: Some(1)"; exit 1
fi
declare -A D=()
while IFS='=' read -r k v; do [[ -n "$k" ]] && D[$k]="$v"; done <<<"$data"
jqs() { echo "${D[$1]:-}"; }

host="${hostname_override:-$(jqs hostname)}"
node_ssh_user="${ssh_user:-$(jqs sshUser)}"
profiles="$profile_name"; [[ -n "$profiles" ]] || profiles="$(jqs profilesOrder)"
[[ -n "$(jqs confirmTimeout)" && -z "$confirm_timeout" ]] && confirm_timeout="$(jqs confirmTimeout)"
[[ -z "$magic" ]] && { magic=1; [[ "$(jqs magicRollback)" == false ]] && magic=0; }
[[ -z "$auto" ]] && { auto=1; [[ "$(jqs autoRollback)" == false ]] && auto=0; }
confirm_timeout="${confirm_timeout:-30}"; temp_path="${temp_path:-$(jqs tempPath)}"; temp_path="${temp_path:-/tmp}"
sshargs=(-o BatchMode=yes -o ConnectTimeout=10 $ssh_opts $(jqs sshOpts))

toml=""; declare -A P_PATH=() P_USER=() P_SSHUSER=()
for p in $profiles; do
  path="$(jqs "profiles.$p.path")"
  [[ -n "$path" ]] || { error "Failed to resolve target: No profile named \`$p\` was found on node \`$node\`"; exit 1; }
  u="${profile_user:-$(jqs "profiles.$p.user")}"; u="${u:-$(jqs user)}"; u="${u:-root}"
  su="${ssh_user:-$(jqs "profiles.$p.sshUser")}"; su="${su:-$node_ssh_user}"; su="${su:-$USER}"
  P_PATH[$p]="$path"; P_USER[$p]="$u"; P_SSHUSER[$p]="$su"
  toml+=$'\n'"[$node.$p]"$'\n'"user = \"$u\""$'\n'"ssh_user = \"$su\""$'\n'"path = \"$path\""$'\n'"hostname = \"$host\""$'\n'"ssh_opts = []"$'\n'
done
info "The following profiles are going to be deployed:$toml"

for p in $profiles; do
  path="${P_PATH[$p]}"
  info "Building profile \`$p\` for node \`$node\`"
  link=(--no-link); ((keep_result)) && link=(--out-link "${result_path:-./.deploy-gc}/$node/$p")
  if ! "${nixf[@]}" build "$repo#deploy.nodes.\"$node\".profiles.\"$p\".path" "${link[@]}" "${extra[@]}" >/dev/null; then
    error "Failed to push profile: Nix build command resulted in a bad exit code: Some(1)"; exit 1
  fi
  [[ -e "$path/deploy-rs-activate" ]] || { error "Failed to push profile: Activation script deploy-rs-activate does not exist in profile."; exit 1; }
  [[ -e "$path/activate-rs" ]] || { error "Failed to push profile: Activation script activate-rs does not exist in profile."; exit 1; }
  info "Copying profile \`$p\` to node \`$node\`"
  copy=("${nixf[@]}" copy); ((checksigs)) || copy+=(--no-check-sigs)
  if ! NIX_SSHOPTS="${sshargs[*]}" "${copy[@]}" --to "ssh-ng://${P_SSHUSER[$p]}@$host" "$path"; then
    error "Failed to push profile: Nix copy command resulted in a bad exit code: Some(1)"; exit 1
  fi
done

q() { printf "'%s'" "$1"; }
for p in $profiles; do
  path="${P_PATH[$p]}" su="${P_SSHUSER[$p]}" u="${P_USER[$p]}"
  if [[ "$p" == system ]]; then profile_path=/nix/var/nix/profiles/system
  elif [[ "$u" == root ]]; then profile_path="/nix/var/nix/profiles/$p"
  else profile_path="/nix/var/nix/profiles/per-user/$u/$p"; fi
  sudo=""; [[ "$su" != "$u" ]] && sudo="sudo -u $u"
  act="$sudo $path/activate-rs"; ((debug_logs)) && act+=" --debug-logs"
  act+=" activate $(q "$path") $(q "$profile_path") --temp-path $(q "$temp_path") --confirm-timeout $confirm_timeout"
  ((magic)) && act+=" --magic-rollback"
  ((auto)) && act+=" --auto-rollback"
  ((dry)) && act+=" --dry-activate"
  ((boot)) && act+=" --boot"
  ((dry)) || info "Activating profile \`$p\` for node \`$node\`"
  debug "Constructed activation command: $act"
  fail() { error "Failed to deploy profile: $1"; ((dry)) && info "dry run, not rolling back"; info "Revoking previous deploys"; exit 1; }
  if ((!magic || dry)); then
    ssh "${sshargs[@]}" "$su@$host" "$act"; rc=$?
    ((rc == 0)) || fail "Activating over SSH resulted in a bad exit code: Some($rc)"
    if ((dry)); then info "Completed dry-activate!"; else info "Success activating, done!"; fi
    continue
  fi
  ssh "${sshargs[@]}" "$su@$host" "$act" & apid=$!
  info "Creating activation waiter"
  wait_cmd="$sudo $path/activate-rs wait $(q "$path") --temp-path $(q "$temp_path")"
  ssh "${sshargs[@]}" "$su@$host" "$wait_cmd" & wpid=$!
  while :; do
    if ! kill -0 "$apid" 2>/dev/null; then
      wait "$apid"; rc=$?
      if ((rc != 0)); then kill "$wpid" 2>/dev/null; wait "$wpid" 2>/dev/null
        fail "Activating over SSH resulted in a bad exit code: Some($rc)"; fi
    fi
    if ! kill -0 "$wpid" 2>/dev/null; then
      wait "$wpid"; rc=$?
      ((rc == 0)) || fail "Waiting over SSH resulted in a bad exit code: Some($rc)"
      break
    fi
    sleep 0.2
  done
  info "Success activating, attempting to confirm activation"
  c="${path#/nix/store/}"; lock="$temp_path/deploy-rs-canary-${c%%-*}"
  if [[ "${LAB_DEPLOY_SKIP_CONFIRM:-}" == 1 ]]; then
    warn "LAB_DEPLOY_SKIP_CONFIRM=1: not confirming (the node rolls back after ${confirm_timeout}s)"
    wait "$apid"
    fail "Error confirming deployment: Confirming activation over SSH resulted in a bad exit code (the server should roll back): Some(1)"
  fi
  ssh "${sshargs[@]}" "$su@$host" "$sudo rm $lock"; rc=$?
  ((rc == 0)) || { wait "$apid"; fail "Error confirming deployment: Confirming activation over SSH resulted in a bad exit code (the server should roll back): Some($rc)"; }
  info "Deployment confirmed."
  wait "$apid"
done
exit 0
