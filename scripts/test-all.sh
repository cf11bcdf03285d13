#!/usr/bin/env bash
# The whole test suite for a fresh clone on Debian 12 with Node 20, run as root (as CI does):
# installs the Debian and npm packages it needs, builds, brings the lab up, runs every layer,
# and always takes the lab down again. Prints one closing line: "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

step "host set-up (scripts/host-setup.sh: packages, nix build users, sshd, kernel)"
bash scripts/host-setup.sh

step "npm ci (only when node_modules differs from package-lock.json)"
node scripts/start.mjs --install-only

rm -rf test-results && mkdir -p test-results
# Seconds, and first: a lint error, a file Prettier would change or an import that breaks the
# layers of DESIGN.md (dependency-cruiser) fails the run before any test.
step "lint, format and layers (ESLint, Prettier, dependency-cruiser)"
npm run -s check

# The lab comes up in the background while the CPU-bound steps run: on a fresh machine most of
# its time is downloading and unpacking Debian packages. Its output is shown when it is needed.
step "lab up, in the background (systemd-nspawn hosts in network namespaces; log: test-results/lab-up.log)"
npm run -s lab:up >test-results/lab-up.log 2>&1 &
LAB_PID=$!
trap 'wait "$LAB_PID" 2>/dev/null || true; step "lab down"; npm run -s lab:down || true' EXIT

step "typecheck"
npm run -s typecheck

step "unit tests (Vitest, real SQLite, real local servers)"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=test-results/unit.json || true

step "production build"
npm run -s build

step "lab up: waiting for it"
lab_rc=0
wait "$LAB_PID" || lab_rc=$?
cat test-results/lab-up.log
if [ "$lab_rc" -ne 0 ]; then
  echo "lab up failed (exit $lab_rc)" >&2
  exit "$lab_rc"
fi

step "lab and integration tests (real SSH, real nix, real systemd)"
npx vitest run --project lab --reporter=default --reporter=json --outputFile.json=test-results/lab.json || true

step "e2e (Playwright, Debian's Chromium, desktop and Pixel 7)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e.json npx playwright test --reporter=list,json || true

step "summary"
node scripts/test-summary.mjs test-results/unit.json test-results/lab.json test-results/e2e.json
