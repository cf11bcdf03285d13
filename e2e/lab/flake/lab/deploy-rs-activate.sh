#!/bin/bash
# deploy-rs-activate of a lab system (as deploy-rs's activate.nixos makes it):
# run with PROFILE set by activate-rs.
set -eu
p="${PROFILE:-$(dirname "$(readlink -f "$0")")}"
if [[ "${DRY_ACTIVATE:-}" == 1 ]]; then exec "$p/bin/switch-to-configuration" dry-activate; fi
if [[ "${BOOT:-}" == 1 ]]; then exec "$p/bin/switch-to-configuration" boot; fi
exec "$p/bin/switch-to-configuration" switch
