//! Every DTO against the reference contract, field for field.
//!
//! From each swagger schema we build the fullest instance it allows (every property, enums, formats,
//! one item per array), read it into our type and write it back: the JSON must come back unchanged,
//! so no field is missing, extra, renamed or mistyped. The contract is the repository's extract of
//! Dialogporten's OpenAPI document (`docs/reference/dialogporten-openapi.json`); the instances are
//! also kept as fixtures in `tests/fixtures/`, which the tests compare with what the schemas build.

use std::path::PathBuf;

use dialogporten::serviceowner as so;
use dialogporten::{
    Activity, ActivitySummary, BulkSetSystemLabels, Dialog, Jwks, LabelAssignmentLog, Limits, OauthAuthorizationServer, PaginatedList,
    Parties, ProblemDetails, SearchDialog, SeenLog, SetSystemLabels, TransmissionItem,
};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Map, Value};

/// (schema name in the swagger, fixture file, round-trip through our type)
type Check = (&'static str, &'static str, fn(&Value) -> Value);

fn via<T: DeserializeOwned + Serialize>(v: &Value) -> Value {
    let typed: T = serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("does not deserialize: {e}\n{v:#}"));
    serde_json::to_value(typed).expect("serializes")
}

const CHECKS: &[Check] = &[
    ("V1EndUserDialogsQueriesGet_Dialog", "enduser_dialog.json", via::<Dialog>),
    ("V1EndUserDialogsQueriesSearch_Dialog", "enduser_search_dialog.json", via::<SearchDialog>),
    ("PaginatedListOfV1EndUserDialogsQueriesSearch_Dialog", "enduser_search_page.json", via::<PaginatedList<SearchDialog>>),
    ("V1AccessManagementQueriesGetParties_Parties", "enduser_parties.json", via::<Parties>),
    ("ProblemDetails", "problem_details.json", via::<ProblemDetails>),
    ("V1EndUserDialogsQueriesSearchActivities_Activity", "enduser_activity_list_item.json", via::<ActivitySummary>),
    ("V1EndUserDialogsQueriesGetActivity_Activity", "enduser_activity.json", via::<Activity>),
    ("V1EndUserDialogsQueriesSearchSeenLogs_SeenLog", "enduser_seen_log.json", via::<SeenLog>),
    ("V1EndUserDialogsQueriesGetSeenLog_SeenLog", "enduser_seen_log_one.json", via::<SeenLog>),
    ("V1EndUserDialogsQueriesSearchTransmissions_Transmission", "enduser_transmission_list_item.json", via::<TransmissionItem>),
    ("V1EndUserDialogsQueriesGetTransmission_Transmission", "enduser_transmission.json", via::<TransmissionItem>),
    ("V1EndUserEndUserContextQueriesSearchLabelAssignmentLog_LabelAssignmentLog", "enduser_label_log.json", via::<LabelAssignmentLog>),
    ("V1EndUserEndUserContextCommandsSetSystemLabel_SetDialogSystemLabelRequest", "enduser_set_labels.json", via::<SetSystemLabels>),
    ("V1EndUserEndUserContextCommandsBulkSetSystemLabels_BulkSetSystemLabel", "enduser_bulk_set_labels.json", via::<BulkSetSystemLabels>),
    ("V1MetadataLimitsQueriesGet_Limits", "metadata_limits.json", via::<Limits>),
    ("V1WellKnownJwksQueriesGet_Jwks", "well_known_jwks.json", via::<Jwks>),
    ("V1WellKnownOauthAuthorizationServerQueriesGet_OauthAuthorizationServer", "well_known_oauth.json", via::<OauthAuthorizationServer>),
    ("V1ServiceOwnerDialogsQueriesGet_Dialog", "serviceowner_dialog.json", via::<so::ServiceOwnerDialog>),
    ("V1ServiceOwnerDialogsQueriesSearch_Dialog", "serviceowner_search_dialog.json", via::<so::ServiceOwnerSearchDialog>),
    ("V1ServiceOwnerDialogsCommandsCreate_Dialog", "serviceowner_create_dialog.json", via::<so::CreateDialog>),
    ("V1ServiceOwnerDialogsCommandsUpdate_Dialog", "serviceowner_update_dialog.json", via::<so::DialogChanges>),
    (
        "V1ServiceOwnerDialogsCommandsCreateTransmission_TransmissionRequest",
        "serviceowner_create_transmission.json",
        via::<so::NewTransmission>,
    ),
    ("V1ServiceOwnerDialogsCommandsCreateActivity_ActivityRequest", "serviceowner_create_activity.json", via::<so::NewActivity>),
    ("V1ServiceOwnerDialogsQueriesSearchActivities_Activity", "serviceowner_activity_list_item.json", via::<so::ActivityListItem>),
    ("V1ServiceOwnerDialogsQueriesGetActivity_Activity", "serviceowner_activity.json", via::<Activity>),
    ("V1ServiceOwnerDialogsQueriesSearchSeenLogs_SeenLog", "serviceowner_seen_log.json", via::<so::SeenLogEntry>),
    ("V1ServiceOwnerDialogsQueriesGetSeenLog_SeenLog", "serviceowner_seen_log_one.json", via::<so::SeenLogEntry>),
    ("V1ServiceOwnerServiceOwnerContextQueriesGetServiceOwnerLabels_ServiceOwnerLabel", "serviceowner_label.json", via::<so::Value>),
    (
        "V1ServiceOwnerEndUserContextCommandsSetSystemLabel_SetDialogSystemLabelRequest",
        "serviceowner_set_labels.json",
        via::<so::SetSystemLabelsOnBehalf>,
    ),
    (
        "V1ServiceOwnerEndUserContextCommandsBulkSetSystemLabels_BulkSetSystemLabel",
        "serviceowner_bulk_set_labels.json",
        via::<so::BulkSetSystemLabelsOnBehalf>,
    ),
    (
        "V1ServiceOwnerDialogsQueriesSearchEndUserContext_DialogEndUserContextItem",
        "serviceowner_enduser_context_item.json",
        via::<so::EndUserContextItem>,
    ),
    (
        "V1ServiceOwnerDialogsQueriesSearchTransmissions_Transmission",
        "serviceowner_transmission_list_item.json",
        via::<so::TransmissionRecord>,
    ),
    ("V1ServiceOwnerDialogsQueriesGetTransmission_Transmission", "serviceowner_transmission.json", via::<so::TransmissionRecord>),
    (
        "V1ServiceOwnerDialogsCommandsUpdateTransmission_TransmissionRequest",
        "serviceowner_correct_transmission.json",
        via::<so::TransmissionCorrection>,
    ),
    (
        "V1MetadataServiceResourcesQueriesGet_ServiceResourceMetadata",
        "metadata_service_resources.json",
        via::<dialogporten::ServiceResourceCatalogue>,
    ),
    (
        "V1EndUserServiceResourcesQueriesSearch_AuthorizedServiceResources",
        "enduser_service_resources.json",
        via::<dialogporten::AuthorizedServiceResources>,
    ),
    ("V1CommonIdentifierLookup_EndUserIdentifierLookup", "enduser_dialog_lookup.json", via::<dialogporten::DialogLookup>),
    ("V1CommonIdentifierLookup_ServiceOwnerIdentifierLookup", "serviceowner_dialog_lookup.json", via::<dialogporten::DialogLookup>),
    (
        "V1ServiceOwnerDialogsQueriesNotificationCondition_NotificationCondition",
        "serviceowner_notification_condition.json",
        via::<so::NotificationCondition>,
    ),
];

/// Through the ASP.NET-style reader instead of serde_json.
fn via_lenient<T: DeserializeOwned + Serialize>(text: &str) -> Value {
    let typed: T = dialogporten::lenient::from_slice(text.as_bytes()).unwrap_or_else(|e| panic!("does not read leniently: {e}\n{text}"));
    serde_json::to_value(typed).expect("serializes")
}

/// (schema name, fixture file, how the fixture is read and written back).
type Request = (&'static str, &'static str, fn(&str) -> Value);

/// The request bodies a client sends (schema, fixture, read leniently).
const REQUESTS: &[Request] = &[
    ("V1ServiceOwnerDialogsCommandsCreate_Dialog", "serviceowner_create_dialog.json", via_lenient::<so::CreateDialog>),
    ("V1ServiceOwnerDialogsCommandsUpdate_Dialog", "serviceowner_update_dialog.json", via_lenient::<so::DialogChanges>),
    (
        "V1ServiceOwnerDialogsCommandsCreateTransmission_TransmissionRequest",
        "serviceowner_create_transmission.json",
        via_lenient::<so::NewTransmission>,
    ),
    ("V1ServiceOwnerDialogsCommandsCreateActivity_ActivityRequest", "serviceowner_create_activity.json", via_lenient::<so::NewActivity>),
    (
        "V1ServiceOwnerDialogsCommandsUpdateTransmission_TransmissionRequest",
        "serviceowner_correct_transmission.json",
        via_lenient::<so::TransmissionCorrection>,
    ),
    (
        "V1ServiceOwnerEndUserContextCommandsSetSystemLabel_SetDialogSystemLabelRequest",
        "serviceowner_set_labels.json",
        via_lenient::<so::SetSystemLabelsOnBehalf>,
    ),
    (
        "V1ServiceOwnerEndUserContextCommandsBulkSetSystemLabels_BulkSetSystemLabel",
        "serviceowner_bulk_set_labels.json",
        via_lenient::<so::BulkSetSystemLabelsOnBehalf>,
    ),
    (
        "V1EndUserEndUserContextCommandsSetSystemLabel_SetDialogSystemLabelRequest",
        "enduser_set_labels.json",
        via_lenient::<SetSystemLabels>,
    ),
    (
        "V1EndUserEndUserContextCommandsBulkSetSystemLabels_BulkSetSystemLabel",
        "enduser_bulk_set_labels.json",
        via_lenient::<BulkSetSystemLabels>,
    ),
];

/// The document as a .NET client might write it: every name in another case (`GUIACTIONS`,
/// `GuiActions`), each preceded by a decoy spelling that the later one must override, integers
/// as strings and enum names lower-cased.
fn shouted(v: &Value, key: Option<&str>, depth: usize) -> String {
    match v {
        Value::Object(o) => {
            let members = o.iter().map(|(k, v)| {
                let mut chars = k.chars();
                let pascal: String = chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect();
                let later = if depth.is_multiple_of(2) { k.to_ascii_uppercase() } else { pascal };
                let decoy = format!("{}:\"decoy\"", Value::from(k.to_ascii_lowercase()));
                format!("{decoy},{}:{}", Value::from(later), shouted(v, Some(k), depth + 1))
            });
            format!("{{{}}}", members.collect::<Vec<_>>().join(","))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(|v| shouted(v, key, depth + 1)).collect::<Vec<_>>().join(",")),
        Value::Number(n) if key.is_some_and(|k| dialogporten::lenient::INTEGER_PROPERTIES.contains(&k)) => format!("\"{n}\""),
        Value::String(s)
            if ["status", "type", "priority", "httpMethod", "consumerType", "actorType"].contains(&key.unwrap_or_default()) =>
        {
            Value::from(s.to_ascii_lowercase()).to_string()
        }
        other => other.to_string(),
    }
}

#[test]
fn request_bodies_read_in_any_case_with_numbers_as_strings() {
    for (_, file, read) in REQUESTS {
        let original: Value = serde_json::from_str(&std::fs::read_to_string(fixtures_dir().join(file)).unwrap()).unwrap();
        let text = shouted(&original, None, 0);
        assert_eq!(read(&text), original, "{file} read differently when shouted:\n{text}");
    }
}

#[test]
fn property_names_are_the_reference_swaggers() {
    let swagger = swagger();
    fn collect(schema: &Value, names: &mut std::collections::BTreeMap<String, std::collections::BTreeSet<String>>) {
        for (name, prop) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
            let ty = prop.get("type").and_then(Value::as_str).unwrap_or("other");
            names.entry(name.clone()).or_default().insert(ty.to_owned());
        }
        for key in ["oneOf", "allOf", "anyOf"] {
            for s in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
                collect(s, names);
            }
        }
    }
    let mut names = std::collections::BTreeMap::new();
    for schema in swagger["components"]["schemas"].as_object().expect("schemas").values() {
        collect(schema, &mut names);
    }
    let mut expected: Vec<&str> = names.keys().map(String::as_str).collect();
    expected.sort_by_key(|n| n.to_ascii_lowercase());
    assert_eq!(dialogporten::lenient::PROPERTY_NAMES, expected.as_slice());
    let integers: Vec<&str> = names.iter().filter(|(_, t)| t.len() == 1 && t.contains("integer")).map(|(n, _)| n.as_str()).collect();
    assert_eq!(dialogporten::lenient::INTEGER_PROPERTIES, integers.as_slice());
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Dialogporten's OpenAPI document as the repository carries it (`.ci/openapi-extract.mjs`).
fn swagger() -> Value {
    serde_json::from_str(include_str!("../../../docs/reference/dialogporten-openapi.json")).expect("the OpenAPI extract parses")
}

/// The fullest instance of a schema. `depth` stops self-references (sub-parties).
fn instance(schemas: &Map<String, Value>, schema: &Value, depth: usize) -> Option<Value> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        if depth > 3 {
            return None;
        }
        let name = r.rsplit('/').next().unwrap_or_default();
        return instance(schemas, &schemas[name], depth + 1);
    }
    for key in ["oneOf", "allOf", "anyOf"] {
        if let Some(first) = schema.get(key).and_then(Value::as_array).and_then(|a| a.first()) {
            return instance(schemas, first, depth);
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values.last().cloned();
    }
    let format = schema.get("format").and_then(Value::as_str).unwrap_or_default();
    Some(match schema.get("type").and_then(Value::as_str).unwrap_or("object") {
        "string" => match format {
            "date-time" => json!("2024-07-31T09:09:03.0257090Z"),
            "guid" | "uuid" => json!("0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f"),
            "uri" => json!("https://example.com/resource"),
            _ => json!("text"),
        },
        "integer" => json!(42),
        "number" => json!(1.5),
        "boolean" => json!(true),
        "array" => Value::Array(vec![instance(schemas, &schema["items"], depth)?]),
        _ => {
            let mut obj = Map::new();
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (name, prop) in props {
                    if let Some(v) = instance(schemas, prop, depth) {
                        obj.insert(name.clone(), v);
                    }
                }
            } else if let Some(extra) = schema.get("additionalProperties") {
                obj.extend(instance(schemas, extra, depth).map(|v| ("field".to_owned(), v)));
            }
            Value::Object(obj)
        }
    })
}

#[test]
fn fixtures_round_trip_unchanged() {
    for (_, file, round_trip) in CHECKS {
        let text = std::fs::read_to_string(fixtures_dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let original: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(round_trip(&original), original, "{file} changed on a round trip");
    }
}

#[test]
fn dtos_match_the_reference_swagger() {
    let swagger = swagger();
    let schemas = swagger["components"]["schemas"].as_object().expect("schemas");
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    for (name, file, round_trip) in CHECKS {
        let built = instance(schemas, &schemas[*name], 0).expect("schema builds");
        assert_eq!(round_trip(&built), built, "{name}: our type does not round-trip the swagger's fullest instance");
        if let Some((_, _, read)) = REQUESTS.iter().find(|(n, ..)| n == name) {
            assert_eq!(read(&shouted(&built, None, 0)), built, "{name}: not read leniently");
        }
        let path = fixtures_dir().join(file);
        if update {
            std::fs::write(&path, serde_json::to_string_pretty(&built).unwrap() + "\n").unwrap();
        } else {
            let fixture: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(fixture, built, "{file} is stale; run with UPDATE_FIXTURES=1");
        }
    }
}

#[test]
fn missing_arrays_default_to_empty() {
    let minimal = json!({
        "id": "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f", "org": "skd",
        "serviceResource": "urn:altinn:resource:x", "serviceResourceType": "GenericAccessResource",
        "party": "urn:altinn:organization:identifier-no:974760673",
        "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z", "contentUpdatedAt": "2024-01-01T00:00:00+01:00",
        "status": "Awaiting", "systemLabel": "Default",
        "content": { "title": { "mediaType": "text/plain", "value": [{ "languageCode": "nb", "value": "Hei" }] } },
        "endUserContext": { "revision": "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f" }
    });
    let d: SearchDialog = serde_json::from_value(minimal).unwrap();
    assert!(d.end_user_context.system_labels.is_empty() && d.seen_since_last_update.is_empty());
    assert_eq!(d.content_updated_at.to_string(), "2023-12-31T23:00:00.0000000Z");
    let out = serde_json::to_value(&d).unwrap();
    assert!(out.get("seenSinceLastUpdate").is_none() && out.get("dueAt").is_none(), "empty and null are omitted");
}
