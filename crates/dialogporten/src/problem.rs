//! RFC 9457 problem details, as Dialogporten (ASP.NET) writes them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProblemDetails {
    #[serde(rename = "type", default)]
    pub problem_type: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub instance: Option<String>,
    #[serde(default)]
    pub trace_id: Option<String>,
    /// Field name → messages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub status_description: Option<String>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub validation_errors: Vec<ValidationError>,
}

/// `ProblemDetails_Error`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationError {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub paths: Vec<String>,
}

impl ProblemDetails {
    /// The standard `type` and `title` Dialogporten uses for a status code.
    pub fn for_status(status: u16) -> Self {
        let (rfc, title) = match status {
            400 => ("rfc7231#section-6.5.1", "One or more validation errors occurred."),
            401 => ("rfc7235#section-3.1", "Unauthorized."),
            403 => ("rfc7231#section-6.5.3", "Forbidden."),
            404 => ("rfc7231#section-6.5.4", "Resource not found."),
            409 => ("rfc7231#section-6.5.8", "Conflict."),
            410 => ("rfc7231#section-6.5.9", "Resource no longer available."),
            412 => ("rfc7232#section-4.2", "Precondition failed."),
            413 => ("rfc7231#section-6.5.11", "Payload too large."),
            415 => ("rfc7231#section-6.5.13", "Unsupported media type."),
            429 => ("rfc6585#section-4", "Too many requests."),
            422 => ("rfc4918#section-11.2", "Unprocessable request."),
            503 => ("rfc7231#section-6.6.4", "Service unavailable."),
            _ => ("rfc7231#section-6.6.1", "An error occurred while processing the request."),
        };
        Self {
            problem_type: Some(format!("https://datatracker.ietf.org/doc/html/{rfc}")),
            title: Some(title.to_owned()),
            status: Some(status),
            ..Self::default()
        }
    }

    pub fn with_error(mut self, field: &str, message: impl Into<String>) -> Self {
        self.errors.entry(field.to_owned()).or_default().push(message.into());
        self
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// One readable line: the detail, else the first field errors, else the title.
    pub fn message(&self) -> String {
        if let Some(d) = &self.detail {
            return d.clone();
        }
        let fields: Vec<String> = self.errors.iter().map(|(k, v)| format!("{k}: {}", v.join(" "))).collect();
        if !fields.is_empty() {
            return fields.join("; ");
        }
        self.title.clone().unwrap_or_else(|| format!("HTTP {}", self.status.unwrap_or(0)))
    }
}
