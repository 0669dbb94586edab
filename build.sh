#!/usr/bin/env bash
# LocalGov Standard: one entry point for running, testing and packaging.
#   ./build.sh run       run the product locally (Azurite + handler on http://localhost:7071)
#   ./build.sh test      run every test (installs what it needs); --fast: only those needing no Azurite, browser or package
#   ./build.sh publish   write artifacts/functionapp/ and artifacts/functionapp.zip
#   ./build.sh bench     run the benchmarks and write docs/performance.md (not part of test)
set -euo pipefail
# A relative register path (see import_local_register) is taken from where the command was run.
if [ -n "${LGS_REGISTER_CSV:-}" ]; then LGS_REGISTER_CSV="$(realpath -m "$LGS_REGISTER_CSV")"; fi
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Reinstalls only when the lock file's contents change (not its timestamp: a fresh checkout or
# worktree would otherwise wipe and reinstall node_modules on every run).
# Azurite 3.37 (package-lock.json) declares Node.js 22 or later. It still starts on Node 20 for now (the tests have run
# on it), so an older Node gets a clear warning rather than a refusal; without node nothing here can work.
require_node() {
  local major
  if ! command -v node >/dev/null 2>&1; then
    echo "Node.js 22 or later is needed (for Azurite, GOV.UK Frontend and axe-core), and node is not on PATH: install Node.js 22 LTS from https://nodejs.org/" >&2
    exit 1
  fi
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 22 ]; then
    echo "Warning: Node.js $(node --version) is older than Azurite 3.37 supports (22 or later). If Azurite fails to start, install Node.js 22 LTS (https://nodejs.org/, or 'nvm install 22')." >&2
  fi
}

npm_install() {
  require_node
  local wanted
  wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -x node_modules/.bin/azurite ] || [ "$(cat node_modules/.lgs-lock-sha256 2>/dev/null)" != "$wanted" ]; then
    echo "==> npm ci (azurite, govuk-frontend, axe-core)"
    npm ci --no-audit --no-fund
    echo "$wanted" > node_modules/.lgs-lock-sha256
  fi
}

chromium_install() {
  if command -v chromium >/dev/null 2>&1; then return; fi
  if [ "${CI:-}" = "true" ] || [ "$(id -u)" = "0" ]; then
    echo "==> apt-get install chromium (browser tests)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || { echo "Could not install chromium; browser tests need /usr/bin/chromium" >&2; exit 1; }
  else
    echo "Browser tests need Chromium: run 'sudo apt-get install chromium' (Debian) first." >&2
    exit 1
  fi
}

# A new local installation has no council register, so nobody could sign up. When the real register sits beside the
# repository (../shared/data, or LGS_REGISTER_CSV names it), it is imported as soon as the handler answers; importing
# again skips the rows that have not changed.
import_local_register() {
  local csv="${LGS_REGISTER_CSV:-../shared/data/uk_local_authorities.csv}"
  if [ ! -f "$csv" ] || ! command -v curl >/dev/null 2>&1; then
    echo "    To let councils sign up, import the register (mySociety's uk_local_authorities.csv) at http://localhost:7071/organiser/register"
    return
  fi
  for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null http://localhost:7071/api/health 2>/dev/null; then
      if curl -fsS -o /dev/null -X POST -H "x-functions-key: local-dev-admin-key" -H "Content-Type: text/csv" \
          --data-binary "@$csv" http://localhost:7071/api/admin/register; then
        echo "==> Council register imported from $csv"
        # The dashboard refreshed at start, before there was a register: refresh it now, not in 15 minutes.
        curl -fsS -o /dev/null -X POST -H "x-functions-key: local-dev-admin-key" \
          http://localhost:7071/api/admin/timers/RefreshDashboardSnapshots/run \
          || echo "    The dashboard will show the register at its next refresh (every 15 minutes)" >&2
      else
        echo "    Importing $csv failed; import it at http://localhost:7071/organiser/register" >&2
      fi
      return
    fi
    sleep 1
  done
  echo "    The handler did not answer within 3 minutes, so the register was not imported; import it at http://localhost:7071/organiser/register" >&2
}

cmd_run() {
  npm_install
  mkdir -p .data/azurite .data/outbox
  # Built here rather than by `dotnet run`, which builds silently: a first build takes a minute or two.
  echo "==> dotnet build (Debug; the first build takes a minute or two, later ones a few seconds)"
  dotnet build functions/LocalGovStandard.Functions --nologo -v quiet -clp:NoSummary
  echo "==> Azurite (Blob 10000, Queue 10001, Table 10002), data in .data/azurite"
  node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --location .data/azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
  AZURITE_PID=$!
  trap 'kill $AZURITE_PID 2>/dev/null || true' EXIT INT TERM
  echo "==> Handler on http://localhost:7071 (sign-up: http://localhost:7071/signup)"
  echo "    Email goes to the local outbox: .data/outbox/*.eml, listed at http://localhost:7071/dev/outbox"
  echo "    Organiser key (Development): local-dev-admin-key; OData read key: local-dev-read-key"
  import_local_register &
  IMPORT_PID=$!
  trap 'kill $AZURITE_PID $IMPORT_PID 2>/dev/null || true' EXIT INT TERM
  ASPNETCORE_ENVIRONMENT=Development LocalOutbox__Path="$PWD/.data/outbox" \
    LocalGovStandard__TokenSigningKeyFile="$PWD/.data/token-signing-key" \
    dotnet run --no-build --project functions/LocalGovStandard.Functions --launch-profile LocalGovStandard
}

# The inner loop: only the tests that need no Azurite, Chromium, package or Bicep (the Needs trait,
# tests/.../Infrastructure/Needs.cs). CI and `./build.sh test` run everything.
cmd_test_fast() {
  echo "==> dotnet build (tests)"
  dotnet build tests/LocalGovStandard.Tests -c Release --nologo -v quiet -clp:NoSummary
  echo "==> dotnet test (fast: $FAST_FILTER)"
  rm -rf artifacts/test-results
  local status=0
  dotnet test tests/LocalGovStandard.Tests -c Release --no-build --nologo --filter "$FAST_FILTER" \
    --logger "trx;LogFilePrefix=results" --results-directory artifacts/test-results "$@" || status=$?
  summarise_trx artifacts/test-results
  return $status
}
FAST_FILTER='Needs!=Azurite&Needs!=Chromium&Needs!=Package&Needs!=Bicep&Needs!=WholeSuite'

cmd_test() {
  if [ "${1:-}" = "--fast" ]; then shift; cmd_test_fast "$@"; return; fi
  npm_install
  chromium_install
  echo "==> dotnet build"
  dotnet build LocalGovStandard.sln -c Release --nologo -v quiet
  if [ -f infra/bicep/check.sh ]; then
    echo "==> bicep build + lint"
    bash infra/bicep/check.sh
  fi
  # The package test (tests/.../Deployment/PackageTests.cs) checks artifacts/functionapp.zip, and
  # publishes itself only if the zip is missing or stale. Publishing here first, once, keeps that
  # ~1 minute of CPU out of the parallel test run.
  if package_is_current; then
    echo "==> publish: artifacts/functionapp.zip is newer than its sources"
  else
    echo "==> publish (artifacts/functionapp.zip, checked by the package test)"
    bash functions/publish.sh
  fi
  echo "==> dotnet test"
  rm -rf artifacts/test-results
  local status=0
  dotnet test LocalGovStandard.sln -c Release --no-build --nologo \
    --logger "trx;LogFilePrefix=results" --results-directory artifacts/test-results "$@" || status=$?
  summarise_trx artifacts/test-results
  return $status
}

# The same rule as PackageFreshness in the package test: the zip exists and no input of the
# publish step is newer (the test also republishes a zip that is not ReadyToRun).
package_is_current() {
  local zip=artifacts/functionapp.zip
  [ -f "$zip" ] || return 1
  [ -z "$(find functions/LocalGovStandard.Functions host.json Directory.Build.props Directory.Packages.props \
            global.json package-lock.json functions/publish.sh local.settings.example.json \
            \( -path functions/LocalGovStandard.Functions/bin -o -path functions/LocalGovStandard.Functions/obj \) -prune \
            -o -type f -newer "$zip" -print -quit)" ]
}

# Prints "tests: N passed, N failed" from the TRX files, the results the runner actually wrote.
summarise_trx() {
  local passed=0 failed=0 files
  files=$(find "$1" -name '*.trx' 2>/dev/null || true)
  for f in $files; do
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$f" | head -1)
    passed=$((passed + $(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')))
    failed=$((failed + $(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')))
    failed=$((failed + $(echo "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')))
  done
  if [ -z "$files" ]; then failed=1; echo "No test results were written." >&2; fi
  echo "tests: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

cmd_publish() {
  npm_install
  bash functions/publish.sh
}

# Builds every tools/*Bench project (the runner, the workbook benchmark, and any other benchmark,
# which the runner finds and runs), then runs them all through tools/LocalGovStandard.Bench.
# Options go to the runner: --scales 1,2,4  --quick  --report PATH (empty: print only).
cmd_bench() {
  npm_install
  local project
  for project in tools/*Bench/*.csproj; do
    echo "==> dotnet build $project"
    dotnet build "$project" -c Release --nologo -v quiet -clp:NoSummary
  done
  dotnet run -c Release --no-build --project tools/LocalGovStandard.Bench -- "$@"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  publish) shift; cmd_publish "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  *) sed -n '2,7p' "$0"; exit 2 ;;
esac
