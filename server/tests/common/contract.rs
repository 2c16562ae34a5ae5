//! Every response the suite receives is checked against Dialogporten's OpenAPI document, as
//! extracted into `docs/reference/dialogporten-openapi.json` (`.ci/openapi-extract.mjs`; the file
//! names its source): the operation is found by method and path template, the schema by status
//! code, and the body is validated by `jsonschema`. The document's OpenAPI 3.0 schemas are read as
//! JSON Schema (`nullable` becomes a null alternative); they forbid properties they do not name
//! (`additionalProperties: false`), so an extra field fails as a wrong type does.
//!
//! Each checked response is counted in `target/tmp/contract-checked.log`, which `make test` counts
//! and requires to be non-empty.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, LazyLock, Mutex};

use serde_json::{json, Map, Value};

/// The extract is compiled in: a clone without it does not build its tests.
static OPENAPI: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../docs/reference/dialogporten-openapi.json")).expect("the OpenAPI extract parses")
});

/// The document's schemas as JSON Schema, where every `$ref` of the document resolves.
static COMPONENTS: LazyLock<Value> = LazyLock::new(|| json!({ "schemas": json_schema(&OPENAPI["components"]["schemas"], true) }));

static VALIDATORS: LazyLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> = LazyLock::new(Default::default);

/// OpenAPI 3.0 schema → JSON Schema: `nullable: true` allows null. `map_of_schemas` marks a map
/// whose keys are names (`properties`, `schemas`), not keywords.
fn json_schema(schema: &Value, map_of_schemas: bool) -> Value {
    let Value::Object(map) = schema else { return schema.clone() };
    if map_of_schemas {
        return Value::Object(map.iter().map(|(name, s)| (name.clone(), json_schema(s, false))).collect());
    }
    let converted: Map<String, Value> = map
        .iter()
        .filter(|(k, _)| k.as_str() != "nullable")
        .map(|(k, v)| {
            let v = match (k.as_str(), v) {
                ("properties", _) => json_schema(v, true),
                (_, Value::Array(items)) => Value::Array(items.iter().map(|i| json_schema(i, false)).collect()),
                _ => json_schema(v, false),
            };
            (k.clone(), v)
        })
        .collect();
    if map.get("nullable") == Some(&Value::Bool(true)) {
        json!({ "anyOf": [{ "type": "null" }, converted] })
    } else {
        Value::Object(converted)
    }
}

fn validator(key: &str, schema: &Value) -> Arc<jsonschema::Validator> {
    let mut cache = VALIDATORS.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(key.to_owned())
        .or_insert_with(|| {
            let mut root = json_schema(schema, false);
            root.as_object_mut().expect("a schema is an object").insert("components".into(), COMPONENTS.clone());
            let built = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .with_format("guid", |s: &str| uuid::Uuid::parse_str(s).is_ok())
                .build(&root)
                .unwrap_or_else(|e| panic!("contract: the schema for {key} does not compile: {e}"));
            Arc::new(built)
        })
        .clone()
}

/// Whether a concrete path matches a template like `/api/v1/enduser/dialogs/{dialogId}`.
fn matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len() && t.iter().zip(&p).all(|(a, b)| (a.starts_with('{') && !b.is_empty()) || a == b)
}

fn paths() -> &'static Map<String, Value> {
    OPENAPI["paths"].as_object().expect("the extract has paths")
}

/// The operation's template and the documented schema for a response (`None`: no body documented).
/// Panics when the status code is not in the contract at all.
fn response_schema(method: &str, path: &str, status: u16) -> Option<(&'static str, &'static Value)> {
    // Literal segments beat parameters (`/dialogs/context/...` vs `/dialogs/{dialogId}`).
    let mut candidates: Vec<(&String, &Value)> = paths().iter().filter(|(t, _)| matches(t, path)).collect();
    candidates.sort_by_key(|(t, _)| t.matches('{').count());
    let (template, op) = candidates.into_iter().find(|(_, ops)| ops.get(method).is_some())?;
    let Some(response) = op[method]["responses"].get(status.to_string()) else {
        // ASP.NET answers any request with 400 (binding/validation) or 404 (unmatched route
        // constraint) in problem details, documented or not. 410 for a soft-deleted dialog comes
        // from the handlers' EntityDeleted result, which the document leaves out on some reads
        // (e.g. GET /enduser/dialogs/{id}). 429 and 503 are the gateway's in front of every
        // operation (Azure API Management's throttling, an overloaded back end), in problem
        // details here. Anything else must be documented.
        assert!(matches!(status, 400 | 404 | 410 | 429 | 503), "contract: {method} {template} does not document status {status}");
        return Some((template, &OPENAPI["components"]["schemas"]["ProblemDetails"]));
    };
    let content = response.get("content")?;
    content.get("application/json").or_else(|| content.get("application/problem+json")).map(|c| (template.as_str(), &c["schema"]))
}

/// Appends one line per checked response, so `make test` can show the checks ran.
fn count(line: &str) {
    let log = concat!(env!("CARGO_TARGET_TMPDIR"), "/contract-checked.log");
    if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(log) {
        let _ = file.write_all(format!("{line}\n").as_bytes());
    }
}

/// Panics with every violation when `body` is not what the contract says `method path` answers
/// with `status`. Extensions (paths not in the contract) are not checked.
pub fn assert_response(method: &str, path: &str, status: u16, body: &Value) {
    let path = path.split('?').next().unwrap_or(path);
    if !path.starts_with("/api/v1/") || !paths().keys().any(|t| matches(t, path)) {
        return;
    }
    let Some((template, schema)) = response_schema(method, path, status) else { return };
    let validator = validator(&format!("{method} {template} {status}"), schema);
    let errors: Vec<String> = validator.iter_errors(body).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "contract: {} {path} → {status} violates the reference:\n  {}", method.to_uppercase(), errors.join("\n  "));
    count(&format!("{method} {template} {status}"));
}

/// Asserts that `ops` (method, path with `{placeholders}` and maybe a query) name every operation
/// of the reference contract, so a suite that must cover them all cannot miss one.
pub fn assert_operations_covered(ops: &[(String, &str)]) {
    let shape = |path: &str| {
        let path = path.split('?').next().unwrap_or_default();
        path.split('/').map(|seg| if seg.starts_with('{') { "{}" } else { seg }).collect::<Vec<_>>().join("/")
    };
    let ours: std::collections::HashSet<(String, String)> = ops.iter().map(|(m, p)| (m.clone(), shape(p))).collect();
    let missing: Vec<String> = paths()
        .iter()
        .flat_map(|(template, methods)| methods.as_object().into_iter().flat_map(|m| m.keys()).map(move |m| (m.clone(), shape(template))))
        .filter(|op| !ours.contains(op))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(missing.is_empty(), "operations of the contract not covered: {missing:?}");
}
