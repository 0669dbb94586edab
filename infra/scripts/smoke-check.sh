#!/usr/bin/env sh
# The post-deploy smoke check (azure.yaml runs it after `azd deploy`; a failure fails the deployment):
#   1. GET /api/health answers 200: the handler runs and reaches storage;
#   2. GET /signup answers 200 with the sign-up form: pages and static files are served;
#   3. GET /api/admin/signups with the organiser key answers 200 (the host key and the app's key agree),
#      and without it 401.
# Usage: SERVICE_API_URI=https://... LGS_ADMIN_KEY=... sh infra/scripts/smoke-check.sh
# SMOKE_WAIT_SECONDS (default 300) is how long it waits for the first healthy answer: a new deployment
# cold-starts and resolves its Key Vault references first.
set -eu

base="${SERVICE_API_URI:?SERVICE_API_URI is not set: run it from azd (postdeploy) or set it to the app's https address}"
base="${base%/}"
key="${LGS_ADMIN_KEY:?LGS_ADMIN_KEY is not set: the organiser key azd generated (azd env get-value LGS_ADMIN_KEY)}"
wait_seconds="${SMOKE_WAIT_SECONDS:-300}"
body="$(mktemp)"
trap 'rm -f "$body"' EXIT

fail() { echo "smoke check FAILED: $*" >&2; exit 1; }

# status <path> [curl options...]: prints the HTTP status, the body goes to $body.
status() {
  path="$1"; shift
  curl --silent --show-error --max-time 30 --output "$body" --write-out '%{http_code}' "$@" "$base$path" || echo 000
}

echo "smoke check: $base"
deadline=$(( $(date +%s) + wait_seconds ))
while :; do
  code="$(status /api/health)"
  [ "$code" = 200 ] && break
  [ "$(date +%s)" -ge "$deadline" ] && fail "GET /api/health answered $code for ${wait_seconds}s: $(head -c 300 "$body")"
  sleep 5
done
echo "  ok  GET /api/health 200"

code="$(status /signup)"
[ "$code" = 200 ] || fail "GET /signup answered $code"
grep -q '<form' "$body" || fail "GET /signup has no form"
echo "  ok  GET /signup 200 with the form"

code="$(status '/api/admin/signups?peerGroup=london' -H "x-functions-key: $key")"
[ "$code" = 200 ] || fail "GET /api/admin/signups with the organiser key answered $code (401: the host key 'organiser' or the Key Vault secret admin-key is not this key; see docs/runbook.md)"
echo "  ok  GET /api/admin/signups 200 with the organiser key"

code="$(status '/api/admin/signups?peerGroup=london')"
[ "$code" = 401 ] || fail "GET /api/admin/signups without a key answered $code, not 401"
echo "  ok  GET /api/admin/signups 401 without it"
echo "smoke check passed"
