//! Every response the suite receives is checked against the reference swagger: the operation is
//! found by method and path template, the schema by status code, and the body must match it with
//! no property the schema lacks. Without `../shared/reference` this says so once and checks nothing.

use std::sync::OnceLock;

use serde_json::{Map, Value};

fn swagger() -> Option<&'static Value> {
    static SWAGGER: OnceLock<Option<Value>> = OnceLock::new();
    SWAGGER
        .get_or_init(|| {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/reference/dialogporten-swagger.json");
            match std::fs::read_to_string(path) {
                Ok(text) => Some(serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("swagger parses")),
                Err(_) => {
                    eprintln!("note: contract checks not run: ../shared/reference/dialogporten-swagger.json is not present");
                    None
                }
            }
        })
        .as_ref()
}

/// Whether a concrete path matches a template like `/api/v1/enduser/dialogs/{dialogId}`.
fn matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len() && t.iter().zip(&p).all(|(a, b)| (a.starts_with('{') && !b.is_empty()) || a == b)
}

/// The documented schema for a response, or `None` when the swagger documents no body.
/// Panics when the operation or status code is not in the contract at all.
fn response_schema(method: &str, path: &str, status: u16) -> Option<&'static Value> {
    let paths = swagger()?["paths"].as_object()?;
    // Literal segments beat parameters (`/dialogs/context/...` vs `/dialogs/{dialogId}`).
    let mut candidates: Vec<(&String, &Value)> = paths.iter().filter(|(t, _)| matches(t, path)).collect();
    candidates.sort_by_key(|(t, _)| t.matches('{').count());
    let (template, op) = candidates.into_iter().find(|(_, ops)| ops.get(method).is_some())?;
    let responses = &op[method]["responses"];
    let Some(response) = responses.get(status.to_string()) else {
        // ASP.NET answers any request with 400 (binding/validation) or 404 (unmatched route
        // constraint) in problem details, documented or not. 410 for a soft-deleted dialog comes
        // from the handlers' EntityDeleted result, which the swagger leaves out on some reads
        // (e.g. GET /enduser/dialogs/{id}). 429 and 503 are the gateway's in front of every
        // operation (Azure API Management's throttling, an overloaded back end), in problem
        // details here. Anything else must be documented.
        assert!(matches!(status, 400 | 404 | 410 | 429 | 503), "contract: {method} {template} does not document status {status}");
        return Some(&swagger()?["components"]["schemas"]["ProblemDetails"]);
    };
    let content = response.get("content")?;
    content.get("application/json").or_else(|| content.get("application/problem+json")).map(|c| &c["schema"])
}

fn resolve(schema: &'static Value) -> &'static Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => resolve(&swagger().expect("swagger")["components"]["schemas"][r.rsplit('/').next().unwrap_or_default()]),
        None => schema,
    }
}

fn check(schema: &'static Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let schema = resolve(schema);
    if value.is_null() {
        if schema.get("nullable") != Some(&Value::Bool(true)) {
            errors.push(format!("{at}: null where the schema does not allow it"));
        }
        return;
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(list) = schema.get(key).and_then(Value::as_array) {
            for s in list {
                check(s, value, at, errors);
            }
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            errors.push(format!("{at}: {value} is not one of {allowed:?}"));
        }
        return;
    }
    let format = schema.get("format").and_then(Value::as_str).unwrap_or_default();
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => match value.as_str() {
            None => errors.push(format!("{at}: expected a string, got {value}")),
            Some(s) if format == "date-time" && dialogporten::UtcDateTime::parse(s).is_err() => {
                errors.push(format!("{at}: '{s}' is not a date-time"))
            }
            Some(s) if format == "guid" && uuid::Uuid::parse_str(s).is_err() => errors.push(format!("{at}: '{s}' is not a guid")),
            _ => {}
        },
        Some("integer") if !value.is_i64() => errors.push(format!("{at}: expected an integer, got {value}")),
        Some("number") if !value.is_number() => errors.push(format!("{at}: expected a number, got {value}")),
        Some("boolean") if !value.is_boolean() => errors.push(format!("{at}: expected a boolean, got {value}")),
        Some("array") => match value.as_array() {
            Some(items) => items.iter().enumerate().for_each(|(i, v)| check(&schema["items"], v, &format!("{at}[{i}]"), errors)),
            None => errors.push(format!("{at}: expected an array, got {value}")),
        },
        _ => {
            let Some(obj) = value.as_object() else {
                if schema.get("properties").is_some() {
                    errors.push(format!("{at}: expected an object, got {value}"));
                }
                return;
            };
            check_object(schema, obj, at, errors);
        }
    }
}

fn check_object(schema: &'static Value, obj: &Map<String, Value>, at: &str, errors: &mut Vec<String>) {
    let props = schema.get("properties").and_then(Value::as_object);
    let extra = schema.get("additionalProperties");
    for (name, v) in obj {
        match (props.and_then(|p| p.get(name)), extra) {
            (Some(s), _) => check(s, v, &format!("{at}.{name}"), errors),
            (None, Some(extra)) if extra.is_object() => check(extra, v, &format!("{at}.{name}"), errors),
            (None, _) if props.is_some() => errors.push(format!("{at}.{name}: not in the contract")),
            _ => {}
        }
    }
    if let Some(required) = schema.get("required").and_then(Value::as_array) {
        for r in required.iter().filter_map(Value::as_str) {
            if !obj.contains_key(r) {
                errors.push(format!("{at}.{r}: required but missing"));
            }
        }
    }
}

/// Panics with every violation when `body` is not what the contract says `method path` answers
/// with `status`. Extensions (paths not in the contract) are not checked.
pub fn assert_response(method: &str, path: &str, status: u16, body: &Value) {
    let path = path.split('?').next().unwrap_or(path);
    if !path.starts_with("/api/v1/") || swagger().is_none() {
        return;
    }
    let known = swagger().and_then(|s| s["paths"].as_object()).is_some_and(|p| p.keys().any(|t| matches(t, path)));
    if !known {
        return;
    }
    let Some(schema) = response_schema(method, path, status) else { return };
    let mut errors = Vec::new();
    check(schema, body, "$", &mut errors);
    assert!(errors.is_empty(), "contract: {} {path} → {status} violates the reference:\n  {}", method.to_uppercase(), errors.join("\n  "));
}

/// Asserts that `ops` (method, path with `{placeholders}` and maybe a query) name every operation
/// of the reference contract, so a suite that must cover them all cannot miss one.
pub fn assert_operations_covered(ops: &[(String, &str)]) {
    let Some(paths) = swagger().and_then(|s| s["paths"].as_object()) else { return };
    let shape = |path: &str| {
        let path = path.split('?').next().unwrap_or_default();
        path.split('/').map(|seg| if seg.starts_with('{') { "{}" } else { seg }).collect::<Vec<_>>().join("/")
    };
    let ours: std::collections::HashSet<(String, String)> = ops.iter().map(|(m, p)| (m.clone(), shape(p))).collect();
    let missing: Vec<String> = paths
        .iter()
        .flat_map(|(template, methods)| methods.as_object().into_iter().flat_map(|m| m.keys()).map(move |m| (m.clone(), shape(template))))
        .filter(|op| !ours.contains(op))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(missing.is_empty(), "operations of the contract not covered: {missing:?}");
}
