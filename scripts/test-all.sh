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
step "typecheck"
npm run -s typecheck

step "unit tests (Vitest, real SQLite, real local servers)"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=test-results/unit.json || true

step "production build"
npm run -s build

step "lab up (systemd-nspawn hosts in network namespaces)"
trap 'step "lab down"; npm run -s lab:down || true' EXIT
npm run -s lab:up

step "lab and integration tests (real SSH, real nix, real systemd)"
npx vitest run --project lab --reporter=default --reporter=json --outputFile.json=test-results/lab.json || true

step "e2e (Playwright, Debian's Chromium, desktop and Pixel 7)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e.json npx playwright test --reporter=list,json || true

step "summary"
node scripts/test-summary.mjs test-results/unit.json test-results/lab.json test-results/e2e.json
