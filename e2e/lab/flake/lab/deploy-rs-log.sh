# Logging of the lab's deploy-rs stand-ins (sourced by deploy.sh and activate-rs.sh), as deploy-rs
# logs (serokell/deploy-rs src/lib.rs init_logger + logger_formatter_*, flexi_logger 0.16.3 with
# set_palette("196;208;51;7;8")): on stderr "🚀 ℹ️ [deploy] [INFO] message", the level coloured
# with yansi's 256-colour escapes whether or not stderr is a terminal (flexi_logger 0.16 only turns
# colours off on old Windows consoles). With --log-dir, every record from DEBUG up also goes to
# DIR/<program>[_<kind>]_<%Y-%m-%d_%H-%M-%S>.log in flexi_logger's default_format
# ("INFO [deploy::cli] message") and "Log is written to <file>" is printed on stdout once.
# shellcheck shell=bash

# log_init KIND DEBUG LOG_DIR PROGRAM   (KIND: deploy | activate | wait | revoke)
log_init() {
  LOG_KIND="$1" LOG_DEBUG="$2" LOG_DIR="$3" LOG_FILE=""
  case "$LOG_KIND" in
    deploy) LOG_MARK="🚀" ;; activate) LOG_MARK="⭐" ;; wait) LOG_MARK="👀" ;; revoke) LOG_MARK="↩️" ;;
  esac
  if [[ -n "$LOG_DIR" ]]; then
    local base="$4"
    [[ "$LOG_KIND" == deploy ]] || base+="_$LOG_KIND"
    mkdir -p -- "$LOG_DIR" || return 1
    LOG_FILE="${LOG_DIR%/}/${base}_$(date +%Y-%m-%d_%H-%M-%S).log"
    : >>"$LOG_FILE" || return 1
    echo "Log is written to $LOG_FILE"
  fi
}

# log LEVEL MODULE MESSAGE...   (LEVEL: ERROR | WARN | INFO | DEBUG)
log() {
  local level="$1" module="$2" emoji colour
  shift 2
  case "$level" in
    ERROR) emoji="❌" colour=196 ;; WARN) emoji="⚠️" colour=208 ;;
    INFO) emoji="ℹ️" colour=51 ;; *) emoji="❓" colour=7 ;;
  esac
  [[ -n "$LOG_FILE" ]] && printf '%s [%s] %s\n' "$level" "$module" "$*" >>"$LOG_FILE"
  [[ "$level" == DEBUG && "$LOG_DEBUG" != 1 ]] && return 0
  printf '%s %s [%s] [\e[38;5;%sm%s\e[0m] %s\n' "$LOG_MARK" "$emoji" "$LOG_KIND" "$colour" "$level" "$*" >&2
}

# The error clap 4 prints for a bad command line (exit 2), e.g. an unexpected second target.
clap_error() { # MESSAGE USAGE
  printf 'error: %s\n\nUsage: %s\n\nFor more information, try '"'"'--help'"'"'.\n' "$1" "$2" >&2
  exit 2
}
