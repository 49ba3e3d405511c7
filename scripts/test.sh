#!/usr/bin/env bash
# `npm test`: the whole suite, as CI runs it (.ci/run). Installs what the tests need where it is missing
# (Debian packages via apt-get when running as root), then: Prisma clients → tsc → ESLint + Prettier → Vitest →
# Playwright.
# Runs every stage even after a failure, exits non-zero if anything failed, and ends with one line:
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CI="${CI:-1}"
mkdir -p test-results
failed_stages=()

# --- tools the tests drive: Debian's Chromium, Prometheus (promtool), Alertmanager (amtool) ---
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v amtool >/dev/null 2>&1 || need+=(prometheus-alertmanager)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "▸ Installing ${need[*]} (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
      || { echo "✗ apt-get install failed"; failed_stages+=(apt); }
  else
    echo "! Missing ${need[*]}; run as root or install them with apt-get (tests that need them will fail)."
  fi
fi

# --- Prisma clients (normally made by npm's postinstall) ---
if [ ! -f server/db/generated/sqlite/client.ts ] || [ ! -f server/db/generated/postgresql/client.ts ]; then
  bash scripts/prisma-generate.sh || failed_stages+=(prisma-generate)
fi

echo "▸ Type check (tsc --noEmit)"
if npx tsc --noEmit -p .; then typecheck=pass; else typecheck=fail; failed_stages+=(tsc); fi

echo "▸ Lint (ESLint, zero warnings) and format (Prettier)"
if npx eslint . --max-warnings=0 && npx prettier --check . >/dev/null; then lint=pass; else
  npx prettier --check . 2>&1 | grep '^\[warn\]' | head -20
  lint=fail; failed_stages+=(lint)
fi

echo "▸ Unit and integration tests (Vitest)"
rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || failed_stages+=(vitest)

echo "▸ End-to-end tests (Playwright + Chromium)"
# Reuse the production build the route-protection test just made instead of building a second time.
rm -f test-results/playwright.json
E2E_NEXT_DIST_DIR="${E2E_NEXT_DIST_DIR:-.next-test}" PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json \
  npx playwright test --reporter=list,json || failed_stages+=(playwright)

summary=$(TYPECHECK="$typecheck" LINT="$lint" node -e '
const fs = require("fs");
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
let passed = 0, failed = 0;
// Vitest: failed tests, plus each file that failed without a failed test (import error, failed beforeAll).
const v = read("test-results/vitest.json");
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  failed += v.testResults.filter((r) => r.status === "failed" && !r.assertionResults.some((a) => a.status === "failed")).length;
} else failed += 1;
// Playwright: unexpected results, plus global errors (e.g. the web server did not start).
const p = read("test-results/playwright.json");
if (p) { passed += p.stats.expected + p.stats.flaky; failed += p.stats.unexpected + (p.errors || []).length; } else failed += 1;
if (process.env.TYPECHECK === "pass") passed += 1; else failed += 1;
if (process.env.LINT === "pass") passed += 1; else failed += 1;
console.log(`${passed} passed, ${failed} failed`);
')
if [ ${#failed_stages[@]} -gt 0 ]; then echo "✗ failed stages: ${failed_stages[*]}"; fi
echo "$summary"
[ ${#failed_stages[@]} -eq 0 ]
