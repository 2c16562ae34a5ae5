#!/usr/bin/env bash
# Property-based contract run: schemathesis generates requests from the reference swagger for
# every operation and checks that inbox-server never answers 5xx and always answers with the
# documented shape. Bounded: SCHEMATHESIS_EXAMPLES examples an operation (50 in `make test`), then
# a stateful phase that chains calls through the links schemathesis infers (a created dialog's
# Location header feeds the operations on that dialog). The document is the repository's extract
# of Dialogporten's (docs/reference/dialogporten-openapi.json, .ci/openapi-extract.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
swagger=docs/reference/dialogporten-openapi.json
venv=.make/venv
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==4.32.5"
fi
work=$(mktemp -d)
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 -c "import json,sys; json.dump(json.load(open(sys.argv[1], encoding='utf-8-sig')), open(sys.argv[2], 'w'))" "$swagger" "$work/swagger.json"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
target/debug/inbox-server serve --addr "127.0.0.1:$port" --database-url "sqlite://$work/st.db" --demo --dev-login > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -sf "$base/api/v1/metadata/limits" >/dev/null && break; sleep 0.2; done
pid=$(curl -sf "$base/api/dev/identities" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["pid"])')
party="urn:altinn:person:identifier-no:$pid"
person=$(curl -sf "$base/api/GetPersonalToken?pid=$pid&scopes=digdir:dialogporten")
owner=$(curl -sf "$base/api/GetEnterpriseToken?org=skd&orgNo=974761076&scopes=digdir:dialogporten.serviceprovider%20digdir:dialogporten.serviceprovider.search%20digdir:dialogporten.serviceprovider.changetransmissions")
run() {
  local status=0
  ST_CALLS="$work/calls" ST_PARTY="$party" PYTHONPATH=.ci SCHEMATHESIS_HOOKS=schemathesis_hooks "$venv/bin/schemathesis" run "$work/swagger.json" -u "$base" -H "Authorization: Bearer $1" --include-path-regex "$2" \
    --checks not_a_server_error,response_schema_conformance --max-examples "${SCHEMATHESIS_EXAMPLES:-50}" --phases examples,fuzzing,stateful -w 2 --seed 1 \
    > "$work/out.txt" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then cat "$work/out.txt"; else grep -E "generated|Tested|Stateful|Scenarios|links|Links" "$work/out.txt" || true; fi
  return "$status"
}
echo "schemathesis: end-user operations"
run "$person" '^/api/v1/enduser'
echo "schemathesis: service-owner, metadata and well-known operations"
run "$owner" '^/api/v1/(serviceowner|metadata|\.well-known)'
echo "schemathesis: $(wc -l < "$work/calls") requests in all, by status: $(sort "$work/calls" | uniq -c | awk '{printf "%s %s  ", $2, $1}')"
if [ "$(wc -l < "$work/calls")" -lt 2000 ]; then
  echo "schemathesis: fewer than 2,000 requests were generated"; exit 1
fi
if grep -q "panicked" "$work/server.log"; then
  echo "schemathesis: the server panicked:"; grep -A3 panicked "$work/server.log"; exit 1
fi
