#!/usr/bin/env bash
# A service owner's smoke test, written for Altinn's test environment (tt02) and its test token
# generator: get an enterprise token, create a dialog, find it in a service-owner search, get a
# personal token, open the dialog as the end user and archive it with If-Match.
#
# Against Altinn (credentials for the token generator from Digdir):
#   TOKEN_USER=… TOKEN_PASSWORD=… PID=<synthetic person> PARTY=<their party URN> examples/dialogporten-round-trip.sh
# Against a local inbox-server (`make run`), only the hosts change:
#   TOKEN_HOST=http://127.0.0.1:8080 API_HOST=http://127.0.0.1:8080 PID=… PARTY=… examples/dialogporten-round-trip.sh
# (`/api/dev/identities` on the local server lists the demo people and their parties.)
#
# Needs bash, curl and sed. Exits non-zero at the first step that fails, saying which.
set -euo pipefail

TOKEN_HOST=${TOKEN_HOST:-https://altinn-testtools-token-generator.azurewebsites.net}
API_HOST=${API_HOST:-https://platform.tt02.altinn.no}
API="$API_HOST/dialogporten/api/v1"
ENV_NAME=${ENV_NAME:-tt02}
ORG=${ORG:-skd}
ORG_NO=${ORG_NO:-974761076}
RESOURCE=${RESOURCE:-urn:altinn:resource:skattemelding}
: "${PID:?PID: the person (a synthetic national identity number) who will open the dialog}"
: "${PARTY:?PARTY: a party URN that person may act for, such as urn:altinn:organization:identifier-no:…}"
BASIC=(--user "${TOKEN_USER:-dev}:${TOKEN_PASSWORD:-dev}")

step() { printf '== %s\n' "$*" >&2; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
# curl that fails on HTTP errors but shows the problem details it got.
call() { curl --silent --show-error --fail-with-body "$@"; }
# The value of a JSON string member, first occurrence (enough for these answers).
member() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -n1; }

step "enterprise token for $ORG ($ORG_NO)"
so_token=$(call "${BASIC[@]}" -G "$TOKEN_HOST/api/GetEnterpriseToken" --data-urlencode "env=$ENV_NAME" \
  --data-urlencode "org=$ORG" --data-urlencode "orgNo=$ORG_NO" --data-urlencode "ttl=600" \
  --data-urlencode "scopes=digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search")
[ -n "$so_token" ] || fail "no enterprise token"

step "create a dialog for $PARTY"
idempotent_key="smoke-$(date +%s)-$$"
body=$(cat <<JSON
{
  "serviceResource": "$RESOURCE",
  "party": "$PARTY",
  "status": "RequiresAttention",
  "idempotentKey": "$idempotent_key",
  "content": {
    "title": {"value": [{"languageCode": "nb", "value": "Røyktest $idempotent_key"}]},
    "summary": {"value": [{"languageCode": "nb", "value": "Opprettet av examples/dialogporten-round-trip.sh"}]}
  },
  "guiActions": [{"action": "read", "url": "https://example.com/smoke", "priority": "Primary",
                  "title": [{"languageCode": "nb", "value": "Åpne"}]}]
}
JSON
)
created=$(call -X POST "$API/serviceowner/dialogs" -H "Authorization: Bearer $so_token" \
  -H 'Content-Type: application/json' --data "$body")
dialog_id=$(printf '%s' "$created" | tr -d '"[:space:]')
[[ $dialog_id =~ ^[0-9a-f-]{36}$ ]] || fail "create answered '$created', not a dialog id"
step "created $dialog_id"

step "find it as the service owner"
found=$(call -G "$API/serviceowner/dialogs" -H "Authorization: Bearer $so_token" \
  --data-urlencode "serviceResource=$RESOURCE" --data-urlencode "party=$PARTY" --data-urlencode "limit=100")
grep -q "\"id\":\"$dialog_id\"" <<<"$found" || fail "the search did not list $dialog_id"

step "personal token"
user_token=$(call "${BASIC[@]}" -G "$TOKEN_HOST/api/GetPersonalToken" --data-urlencode "env=$ENV_NAME" \
  --data-urlencode "pid=$PID" --data-urlencode "scopes=digdir:dialogporten" --data-urlencode "ttl=600")
[ -n "$user_token" ] || fail "no personal token"

step "open it as the end user"
opened=$(call "$API/enduser/dialogs/$dialog_id" -H "Authorization: Bearer $user_token" -H 'Accept-Language: nb')
grep -q "Røyktest $idempotent_key" <<<"$opened" || fail "the dialog as the end user sees it lacks its title"
context_revision=$(sed -n 's/.*"endUserContext":{[^}]*"revision":"\([^"]*\)".*/\1/p' <<<"$opened" | head -n1)
[ -n "$context_revision" ] || fail "no endUserContext.revision in the dialog"

step "archive it with If-Match: $context_revision"
headers=$(call -X PUT "$API/enduser/dialogs/$dialog_id/context/systemlabels" -D - -o /dev/null \
  -H "Authorization: Bearer $user_token" -H 'Content-Type: application/json' -H "If-Match: $context_revision" \
  --data '{"addLabels":["Archive"]}')
grep -qi '^etag:' <<<"$headers" || fail "no ETag after setting the label"
stale=$(curl --silent -o /dev/null -w '%{http_code}' -X PUT "$API/enduser/dialogs/$dialog_id/context/systemlabels" \
  -H "Authorization: Bearer $user_token" -H 'Content-Type: application/json' -H "If-Match: $context_revision" \
  --data '{"addLabels":["Bin"]}')
[ "$stale" = 412 ] || fail "the stale If-Match got $stale, not 412"
labels=$(call "$API/enduser/dialogs/$dialog_id" -H "Authorization: Bearer $user_token")
grep -q '"systemLabels":\["Archive"\]' <<<"$labels" || fail "the dialog is not in Archive"

printf 'OK: dialog %s created, found, opened and archived\n' "$dialog_id"
