"""Schemathesis hooks for .ci/schemathesis.sh.

Generated dialogs almost never pass Dialogporten's validation (a party URN with valid check
digits, a resource the caller owns, localized titles), so the stateful phase would have nothing
to chain from. Every other create request is replaced by a valid dialog for the demo party in
ST_PARTY, carrying what the generator drew where it fits, so later calls in a scenario act on a
dialog that exists. The rest stay as generated, to keep probing validation.
"""
import uuid

import schemathesis

CREATE = ("POST", "/api/v1/serviceowner/dialogs")


def _valid_dialog(drawn):
    import os

    dialog = {
        "serviceResource": "urn:altinn:resource:skattemelding",
        "party": os.environ["ST_PARTY"],
        "status": "RequiresAttention",
        "content": {
            "title": {"value": [{"languageCode": "nb", "value": "Generert dialog"}]},
            "summary": {"value": [{"languageCode": "nb", "value": "Laget av schemathesis."}]},
        },
        "guiActions": [{"action": "read", "url": "https://example.no/les", "priority": "Primary",
                        "title": [{"languageCode": "nb", "value": "Les"}]}],
        "transmissions": [{"type": "Information", "sender": {"actorType": "ServiceOwner"},
                           "content": {"title": {"value": [{"languageCode": "nb", "value": "Melding"}]}}}],
        "activities": [{"type": "DialogCreated", "performedBy": {"actorType": "ServiceOwner"}}],
        "idempotentKey": uuid.uuid4().hex,
    }
    if isinstance(drawn, dict):
        status = drawn.get("status")
        if status in ("NotApplicable", "InProgress", "Draft", "Awaiting", "RequiresAttention", "Completed"):
            dialog["status"] = status
        progress = drawn.get("progress")
        if isinstance(progress, int) and not isinstance(progress, bool) and 0 <= progress <= 100:
            dialog["progress"] = progress
        extended = drawn.get("extendedStatus")
        if isinstance(extended, str) and 0 < len(extended) <= 25:
            dialog["extendedStatus"] = extended
    return dialog


@schemathesis.hook
def map_body(ctx, body):
    operation = ctx.operation
    if (operation.method.upper(), operation.path) == CREATE and uuid.uuid4().int % 2 == 0:
        return _valid_dialog(body)
    return body


@schemathesis.hook
def before_load_schema(ctx, raw_schema):
    """Links from a created dialog (its id is the 201 body) to every operation on one dialog,
    so the stateful phase chains create → read, change, delete, restore, purge, add children."""
    create = raw_schema["paths"]["/api/v1/serviceowner/dialogs"]["post"]["responses"]["201"]
    links = create.setdefault("links", {})
    for path, methods in raw_schema["paths"].items():
        if not path.startswith("/api/v1/serviceowner/dialogs/{dialogId}"):
            continue
        for method, operation in methods.items():
            if "operationId" in operation:
                links[operation["operationId"]] = {"operationId": operation["operationId"], "parameters": {"dialogId": "$response.body"}}



@schemathesis.hook
def after_call(ctx, case, response):
    """Counts answers by status class for the summary the script prints (ST_CALLS names the file)."""
    import os

    with open(os.environ["ST_CALLS"], "a") as calls:
        calls.write(f"{response.status_code // 100}xx\n")
