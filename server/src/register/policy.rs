//! A resource's policy in a register file: rules of subjects → actions, optionally for one
//! sub-resource, as Altinn Authorization evaluates a resource's XACML policy (docs/register.md).

use serde::Deserialize;
use toml::Spanned;

use crate::domain::authorization::{attribute_urn, subject_urn, Policy, Rule, ROLE_CODE_PREFIX};

/// `{ subjects = ["PRIV", "DAGL"], actions = ["read", "write"], subresource = "vedlegg" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleEntry {
    /// Role codes (`DAGL`, `PRIV` for oneself, `urn:altinn:rolecode:…`), access packages
    /// (`urn:altinn:accesspackage:…`), or one person or system user by URN.
    pub subjects: Spanned<Vec<String>>,
    pub actions: Spanned<Vec<String>>,
    /// `name` or `urn:altinn:subresource:name` (any `urn:altinn:{type}:{value}` an
    /// `authorizationAttribute` may give); none covers the whole resource.
    #[serde(default)]
    pub subresource: Option<Spanned<String>>,
}

/// The URN kinds a subject may have besides a role code.
const SUBJECT_KINDS: [&str; 3] = ["urn:altinn:accesspackage:", "urn:altinn:person:identifier-no:", "urn:altinn:systemuser:uuid:"];

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// Why a rule is wrong, with the span and the field it concerns (relative to `field`).
pub fn check(rule: &RuleEntry, field: &str) -> Result<(), (std::ops::Range<usize>, String, String)> {
    let subjects = rule.subjects.get_ref();
    let bad_subject = subjects.iter().find(|s| {
        let urn = subject_urn(s);
        let value = SUBJECT_KINDS.iter().chain([&ROLE_CODE_PREFIX]).find_map(|k| urn.strip_prefix(k));
        !value.is_some_and(is_name)
    });
    if subjects.is_empty() || bad_subject.is_some() {
        let what = bad_subject.map_or_else(String::new, |s| format!("'{s}': "));
        return Err((
            rule.subjects.span(),
            format!("{field}.subjects"),
            format!(
                "{what}one or more role codes (DAGL, PRIV), access packages (urn:altinn:accesspackage:…), persons or system users by URN"
            ),
        ));
    }
    let actions = rule.actions.get_ref();
    if actions.is_empty() || !actions.iter().all(|a| is_name(a)) {
        return Err((rule.actions.span(), format!("{field}.actions"), "one or more action names (letters, digits, '-', '_')".into()));
    }
    if let Some(sub) = &rule.subresource {
        let urn = attribute_urn(sub.get_ref());
        let valid = urn.strip_prefix("urn:altinn:").and_then(|rest| rest.split_once(':')).is_some_and(|(k, v)| is_name(k) && is_name(v));
        if !valid || urn.starts_with("urn:altinn:resource:") {
            return Err((
                sub.span(),
                format!("{field}.subresource"),
                format!("'{}': a sub-resource name or urn:altinn:{{type}}:{{value}}, not another resource", sub.get_ref()),
            ));
        }
    }
    Ok(())
}

/// The policy as authorization compares it: every value a lower-case URN.
pub fn to_policy(rules: &[RuleEntry]) -> Policy {
    Policy {
        rules: rules
            .iter()
            .map(|r| Rule {
                subjects: r.subjects.get_ref().iter().map(|s| subject_urn(s)).collect(),
                subresource: r.subresource.as_ref().map(|s| attribute_urn(s.get_ref())),
                actions: r.actions.get_ref().iter().map(|a| a.to_ascii_lowercase()).collect(),
            })
            .collect(),
    }
}
