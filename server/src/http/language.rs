//! `Accept-Language` on end-user reads, as Dialogporten reads it (`AcceptedLanguages.TryParse`
//! and `PruneLocalizations`): every list of localizations in the answer is cut to the one entry in
//! the best language it has, by the caller's weights, then English and Bokmål (Bokmål first for a
//! reader of Swedish or Danish); a list with none of those stays whole. No header, or one naming no
//! language (empty, `,`), leaves the answer as stored; one that does not parse is a 400.

use axum::{
    extract::FromRequestParts,
    http::request::Parts,
    response::{IntoResponse, Response},
    Json,
};
use serde::Serialize;
use serde_json::Value;

use super::ApiError;
use crate::domain::DomainError;

/// The languages to prefer, best first; empty: no preference (answer every localization).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AcceptLanguage(Vec<String>);

impl AcceptLanguage {
    /// Parses the header's value; `None` when the host would refuse to bind it.
    pub fn parse(header: &str) -> Option<Self> {
        let mut accepted: Vec<(String, i32)> = Vec::new();
        for item in header.split(',') {
            let mut parts = item.split(';');
            let code = normalise(parts.next().unwrap_or_default());
            // Only `;q=…` may follow the code, written exactly so (no space before `q`).
            let weight = match parts.next() {
                None => 100,
                Some(param) => {
                    let mut kv = param.split('=');
                    if kv.next() != Some("q") {
                        return None;
                    }
                    let q = kv.next()?;
                    // The host reads a bad or out-of-range weight as it can (a weight of 0 for text).
                    (q.trim().parse::<f32>().unwrap_or(0.0) * 100.0) as i32
                }
            };
            if code.is_empty() {
                continue;
            }
            match accepted.iter_mut().find(|(c, _)| *c == code) {
                Some(entry) => entry.1 = entry.1.max(weight),
                None => accepted.push((code, weight)),
            }
        }
        // Stable: equal weights keep the header's order.
        accepted.sort_by_key(|(_, w)| std::cmp::Reverse(*w));
        let scandinavian = accepted.iter().any(|(c, _)| c == "sv" || c == "da");
        if accepted.is_empty() {
            return Some(Self::default());
        }
        let fallback = if scandinavian { ["nb", "en"] } else { ["en", "nb"] };
        let mut order: Vec<String> = accepted.into_iter().map(|(c, _)| c).collect();
        order.extend(fallback.iter().map(|c| (*c).to_owned()));
        Some(Self(order))
    }

    /// The answer as JSON with its localizations pruned. Without a preference (the SPA's case)
    /// the body is written straight out, not through a `Value` first.
    pub fn answer<T: Serialize>(&self, body: &T) -> Result<Response, ApiError> {
        if self.0.is_empty() {
            return Ok(Json(body).into_response());
        }
        let mut value = serde_json::to_value(body).map_err(|e| DomainError::invalid("$", e.to_string()))?;
        self.prune(&mut value);
        Ok(Json(value).into_response())
    }

    fn prune(&self, value: &mut Value) {
        match value {
            Value::Array(items) if is_localizations(items) => {
                let best =
                    self.0.iter().find_map(|code| items.iter().position(|l| language_of(l).is_some_and(|c| c.eq_ignore_ascii_case(code))));
                if let Some(i) = best {
                    let keep = items.swap_remove(i);
                    *items = vec![keep];
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.prune(v)),
            Value::Object(members) => members.values_mut().for_each(|v| self.prune(v)),
            _ => {}
        }
    }
}

/// `en-US`, ` EN_gb ` → `en`, as `Localization.NormalizeCultureCode` does.
fn normalise(code: &str) -> String {
    let code = code.trim().replace('_', "-").to_ascii_lowercase();
    code.split('-').next().unwrap_or_default().to_owned()
}

fn language_of(v: &Value) -> Option<&str> {
    v.get("languageCode").and_then(Value::as_str)
}

/// A list of `{value, languageCode}`: the contract's `Localization`.
fn is_localizations(items: &[Value]) -> bool {
    !items.is_empty() && items.iter().all(|v| language_of(v).is_some() && v.get("value").is_some())
}

impl<S: Send + Sync> FromRequestParts<S> for AcceptLanguage {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(header) = parts.headers.get(axum::http::header::ACCEPT_LANGUAGE) else { return Ok(Self::default()) };
        let text = header.to_str().unwrap_or("\u{fffd}");
        Self::parse(text).ok_or_else(|| {
            DomainError::invalid("Accept-Language", format!("Unable to bind header value [{text}] to a [AcceptedLanguages] property!"))
                .into()
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn order(h: &str) -> Vec<String> {
        AcceptLanguage::parse(h).expect("parses").0
    }

    #[test]
    fn weights_order_the_languages_then_english_and_bokmal() {
        assert_eq!(order("nn, en-US;q=0.5, de;q=0.9"), ["nn", "de", "en", "en", "nb"]);
        assert_eq!(order("sv"), ["sv", "nb", "en"]);
        assert_eq!(order(""), Vec::<String>::new());
        assert_eq!(order(","), Vec::<String>::new(), "no language named: no preference (the SPA sends this)");
        assert_eq!(order("en;q=abc,nb"), ["nb", "en", "en", "nb"], "an unreadable weight counts as 0");
    }

    #[test]
    fn what_the_host_refuses_to_bind() {
        for bad in ["en; q=0.5", "en;q", "invalid;;;", "en;x=1"] {
            assert_eq!(AcceptLanguage::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn each_list_keeps_its_best_entry_or_all() {
        let mut v = json!({"title": [{"value": "Hei", "languageCode": "nb"}, {"value": "Hi", "languageCode": "en"}],
                           "summary": [{"value": "Ciao", "languageCode": "it"}, {"value": "Salut", "languageCode": "fr"}],
                           "other": [{"value": 1}]});
        AcceptLanguage::parse("nn").unwrap().prune(&mut v);
        assert_eq!(v["title"], json!([{"value": "Hi", "languageCode": "en"}]), "English before Bokmål when neither is asked for");
        assert_eq!(v["summary"].as_array().unwrap().len(), 2, "none of the candidates: kept whole");
        assert_eq!(v["other"], json!([{"value": 1}]));
    }
}
