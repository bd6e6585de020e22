#!/usr/bin/env bash
# npm test — every test: types, formatting (Prettier --check), schema/migration drift, unit + storage (SQLite and
# a throwaway PostgreSQL 15 cluster) + HTTP against `next start` (the Python client's
# unittest suite included, tests/python), then Playwright
# e2e in Debian's Chromium. Installs Chromium / PostgreSQL from Debian when
# missing and running as root; otherwise says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

need_apt=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need_apt+=(chromium)
[ -x "${PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ] || need_apt+=(postgresql-15)
command -v "${PYTHON:-python3}" >/dev/null || need_apt+=(python3)  # the Python client's tests (clients/python)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${need_apt[*]} from Debian…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "Missing: ${need_apt[*]}. Install them (Debian: sudo apt-get install ${need_apt[*]})," >&2
    echo "or point CHROMIUM_PATH / PG_BIN at existing installs." >&2
    exit 1
  fi
fi

mkdir -p test-results
echo "== kernels"; npm run --silent build:kernels; node --import tsx scripts/copy-browser-wasm.ts
echo "== types"; npx tsc --noEmit
echo "== format (Prettier, check mode; npm run format fixes it)"; npx prettier --check . --log-level warn
echo "== schema, PostgreSQL twin and migrations agree"; node --import tsx scripts/db-generate.ts --check
echo "== build"; node --import tsx -e "import('./scripts/lib/next-build.ts').then(m => m.ensureNextBuild())"
echo "== unit, storage and HTTP tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
echo "== end-to-end tests (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json
node --import tsx scripts/lib/test-summary.ts test-results/vitest.json test-results/playwright.json
