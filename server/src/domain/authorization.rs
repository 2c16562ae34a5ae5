//! What a person may do with a dialog they can see: `isAuthorized` on actions, transmissions and
//! the main content, and the masking of what they may not use.
//!
//! Dialogporten asks Altinn Authorization, which evaluates the **resource's policy**. A resource
//! the register gives a policy is decided by it alone (rules of subjects → actions, optionally for
//! a sub-resource; an `authorizationAttribute` naming another resource is decided by that
//! resource's policy). A resource without one has the default policy, decided from the register:
//! first the role the reader holds for the dialog's party,
//! - `read` is open to every role that lets one see the party's dialogs;
//! - any other action needs a role that may act, not only read (a power of attorney reads);
//! - anything guarded by an `authorizationAttribute` (a sub-resource, e.g. a confidential
//!   transmission) needs a role holding all of the party's rights: the person themselves or
//!   the managing director;
//!
//! Either way the rights the register grants the reader for that party add to it: an action on a
//! resource, where the resource is the `authorizationAttribute` when there is one and the
//! dialog's service resource otherwise (docs/register.md).

use std::collections::BTreeMap;

use dialogporten::{Dialog, UNAUTHORIZED_URL};

/// The role a person holds for a party, from the demo role table (`party_access.role`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The person themselves (`self`, Altinn's `PRIV`).
    Own,
    /// Daglig leder: every right of the organisation (`DAGL`).
    ManagingDirector,
    /// Any other role that may act for the party, e.g. the accountant (`REGNA`).
    Acting,
    /// Reads only: a power of attorney (`fullmakt`), and any role we do not know.
    ReadOnly,
}

impl Role {
    pub fn from_code(code: &str) -> Self {
        match code {
            // `PRIV` is Altinn's code for acting as oneself, a private person.
            "self" | "PRIV" => Self::Own,
            "DAGL" => Self::ManagingDirector,
            "REGNA" | "REGN" | "REVI" | "LEDE" => Self::Acting,
            _ => Self::ReadOnly,
        }
    }

    /// Whether this role may perform `action`, guarded (or not) by an authorization attribute.
    pub fn allows(self, action: &str, attribute: Option<&str>) -> bool {
        let all_rights = matches!(self, Self::Own | Self::ManagingDirector);
        match (attribute, action) {
            (Some(_), _) => all_rights,
            (None, "read" | "transmissionread") => true,
            (None, _) => self != Self::ReadOnly,
        }
    }
}

/// A right the register grants for one party: `action` on `resource` (a resource or sub-resource
/// URN, lower-case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Right {
    pub resource: String,
    pub action: String,
}

/// The prefix of an `authorizationAttribute` that names another resource, decided by its own policy.
pub const RESOURCE_PREFIX: &str = "urn:altinn:resource:";
const SUBRESOURCE_PREFIX: &str = "urn:altinn:subresource:";
/// How a policy names a role code (`urn:altinn:rolecode:dagl`).
pub const ROLE_CODE_PREFIX: &str = "urn:altinn:rolecode:";

/// An `authorizationAttribute` as policies compare it: a bare name is a sub-resource, any other
/// URN is kept (`urn:altinn:task:…`); lower-case either way.
pub fn attribute_urn(attribute: &str) -> String {
    let a = attribute.trim().to_ascii_lowercase();
    if a.starts_with("urn:") {
        a
    } else {
        format!("{SUBRESOURCE_PREFIX}{a}")
    }
}

/// The resources a dialog's `authorizationAttribute`s name (API and GUI actions, transmissions),
/// lower-case, each once: decided by their own policies, and to be owned by whoever writes them.
pub fn attribute_resources(d: &Dialog) -> Vec<String> {
    let attributes = d
        .gui_actions
        .iter()
        .filter_map(|a| a.authorization_attribute.as_deref())
        .chain(d.api_actions.iter().filter_map(|a| a.authorization_attribute.as_deref()))
        .chain(d.transmissions.iter().filter_map(|t| t.authorization_attribute.as_deref()));
    let mut out: Vec<String> = attributes.map(attribute_urn).filter(|a| a.starts_with(RESOURCE_PREFIX)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A policy subject as rules compare it: a bare role code (`DAGL`, `PRIV`) becomes its
/// `urn:altinn:rolecode:` URN; access packages, persons and system users are URNs already.
pub fn subject_urn(subject: &str) -> String {
    let s = subject.trim().to_ascii_lowercase();
    if s.starts_with("urn:") {
        s
    } else {
        format!("{ROLE_CODE_PREFIX}{s}")
    }
}

/// One rule of a resource's policy: these subjects may perform these actions, on the resource or
/// (when named) only on one of its sub-resources. A rule without a sub-resource covers them all,
/// as in Altinn's policies. Values are normalised (lower-case URNs) when the register is read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    pub subjects: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subresource: Option<String>,
    pub actions: Vec<String>,
}

/// A resource's policy: what its rules permit; nothing else (a denial is a rule not written).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Policy {
    pub rules: Vec<Rule>,
}

impl Policy {
    /// Whether a reader with these subjects may perform `action`, on the resource itself
    /// (`subresource` none) or on one sub-resource.
    pub fn permits(&self, subjects: &[String], action: &str, subresource: Option<&str>) -> bool {
        self.rules.iter().any(|r| {
            r.actions.iter().any(|a| a.eq_ignore_ascii_case(action))
                && r.subresource.as_deref().is_none_or(|s| Some(s) == subresource)
                && r.subjects.iter().any(|s| subjects.contains(s))
        })
    }

    /// Whether any rule names one of these subjects: what lets a reader see the resource's dialogs
    /// at all (Dialogporten's subject-to-resource map has no actions).
    pub fn names_any(&self, subjects: &[String]) -> bool {
        self.rules.iter().any(|r| r.subjects.iter().any(|s| subjects.contains(s)))
    }
}

/// The policies of the resources one dialog names (its service resource and those named by
/// `authorizationAttribute`s), by resource URN; a resource absent here has the default policy.
pub type Policies = BTreeMap<String, Policy>;

/// What a reader holds for a dialog's party: a role, the subjects policies know them by, rights
/// beyond the role, and the policies of the resources the dialog names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    pub role: Role,
    /// `urn:altinn:rolecode:{code}` (oneself is `priv`), the access packages held for the party,
    /// and the reader's own URN.
    pub subjects: Vec<String>,
    pub rights: Vec<Right>,
    pub policies: Policies,
    /// The assurance level the dialog's service resource demands (Dialogporten's default is 3).
    pub min_auth_level: i64,
}

impl Access {
    /// Whether `action` is allowed on a dialog of `service_resource`, guarded (or not) by an
    /// authorization attribute.
    pub fn allows(&self, action: &str, attribute: Option<&str>, service_resource: &str) -> bool {
        let target = attribute.unwrap_or(service_resource);
        let granted = self.rights.iter().any(|r| r.action.eq_ignore_ascii_case(action) && r.resource.eq_ignore_ascii_case(target));
        granted || self.by_policy(action, attribute, service_resource)
    }

    /// Reading a transmission: `transmissionread` or `read`, as Dialogporten asks.
    pub fn reads_transmission(&self, attribute: Option<&str>, service_resource: &str) -> bool {
        self.allows("transmissionread", attribute, service_resource) || self.allows("read", attribute, service_resource)
    }

    /// Whether the policy of the dialog's service resource lets the reader see its dialogs at all
    /// (always, under the default policy).
    pub fn sees(&self, service_resource: &str) -> bool {
        self.policies.get(&service_resource.to_ascii_lowercase()).is_none_or(|p| p.names_any(&self.subjects))
    }

    fn by_policy(&self, action: &str, attribute: Option<&str>, service_resource: &str) -> bool {
        let attribute = attribute.map(attribute_urn);
        let (resource, subresource) = match &attribute {
            Some(a) if a.starts_with(RESOURCE_PREFIX) => (a.clone(), None),
            other => (service_resource.to_ascii_lowercase(), other.clone()),
        };
        match self.policies.get(&resource) {
            Some(policy) => policy.permits(&self.subjects, action, subresource.as_deref()),
            None => self.role.allows(action, attribute.as_deref()),
        }
    }
}

/// Whether URLs the reader may not use are replaced by `urn:dialogporten:unauthorized` (the
/// end-user API) or left as they are (a service owner asking on an end user's behalf).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mask {
    Urls,
    None,
}

/// Sets `isAuthorized` throughout the dialog for a reader holding `access`.
pub fn authorize(d: &mut Dialog, access: &Access, mask: Mask) {
    let resource = d.service_resource.clone();
    let allows = |action: &str, attribute: Option<&str>| access.allows(action, attribute, &resource);
    let hide = |allowed: bool, url: &mut String| {
        if !allowed && mask == Mask::Urls {
            *url = UNAUTHORIZED_URL.to_owned();
        }
    };
    for a in &mut d.gui_actions {
        let ok = allows(&a.action, a.authorization_attribute.as_deref());
        a.is_authorized = Some(ok);
        hide(ok, &mut a.url);
    }
    for a in &mut d.api_actions {
        let ok = allows(&a.action, a.authorization_attribute.as_deref());
        a.is_authorized = Some(ok);
        for e in &mut a.endpoints {
            hide(ok, &mut e.url);
        }
    }
    for t in &mut d.transmissions {
        let ok = access.reads_transmission(t.authorization_attribute.as_deref(), &resource);
        t.is_authorized = Some(ok);
        for u in t.attachments.iter_mut().flat_map(|a| a.urls.iter_mut()) {
            hide(ok, &mut u.url);
        }
        for n in &mut t.navigational_actions {
            hide(ok, &mut n.url);
        }
        if let Some(reference) = &mut t.content.content_reference {
            reference.is_authorized = Some(ok);
            for l in &mut reference.value {
                hide(ok, &mut l.value);
            }
        }
    }
    if let Some(main) = &mut d.content.main_content_reference {
        // Reading the dialog itself (a policy may grant a reader other actions only).
        let ok = allows("read", None);
        main.is_authorized = Some(ok);
        for l in &mut main.value {
            hide(ok, &mut l.value);
        }
    }
}

/// Clears every `isAuthorized`: the service owner's own view, without an end user in the query.
pub fn unset(d: &mut Dialog) {
    d.gui_actions.iter_mut().for_each(|a| a.is_authorized = None);
    d.api_actions.iter_mut().for_each(|a| a.is_authorized = None);
    for t in &mut d.transmissions {
        t.is_authorized = None;
        if let Some(r) = &mut t.content.content_reference {
            r.is_authorized = None;
        }
    }
    if let Some(main) = &mut d.content.main_content_reference {
        main.is_authorized = None;
    }
}

#[cfg(test)]
mod tests {
    use super::{subject_urn, Access, Policies, Policy, Right, Role, Rule};

    #[test]
    fn rights_add_actions_on_a_resource_or_sub_resource() {
        let right = |resource: &str, action: &str| Right { resource: resource.into(), action: action.into() };
        let access = Access {
            role: Role::ReadOnly,
            subjects: Vec::new(),
            rights: vec![right("urn:altinn:resource:x", "write"), right("urn:altinn:subresource:secret", "read")],
            policies: Policies::new(),
            min_auth_level: 3,
        };
        assert!(access.allows("write", None, "urn:altinn:resource:x"));
        assert!(!access.allows("write", None, "urn:altinn:resource:y"), "only on that resource");
        assert!(access.allows("read", Some("urn:altinn:subresource:secret"), "urn:altinn:resource:y"));
        assert!(
            !access.allows("write", Some("urn:altinn:subresource:secret"), "urn:altinn:resource:x"),
            "the attribute is the resource then"
        );
        assert!(access.allows("read", None, "urn:altinn:resource:y"), "the role still reads");
    }

    #[test]
    fn a_policy_decides_alone_and_its_rules_may_name_a_sub_resource() {
        let rule = |subjects: &[&str], sub: Option<&str>, actions: &[&str]| Rule {
            subjects: subjects.iter().map(|s| subject_urn(s)).collect(),
            subresource: sub.map(str::to_owned),
            actions: actions.iter().map(|a| (*a).to_owned()).collect(),
        };
        let policy =
            Policy { rules: vec![rule(&["PRIV"], None, &["read"]), rule(&["PRIV"], Some("urn:altinn:subresource:vedlegg"), &["write"])] };
        let own = Access {
            role: Role::Own,
            subjects: vec![subject_urn("PRIV")],
            rights: Vec::new(),
            policies: Policies::from([("urn:altinn:resource:x".to_owned(), policy)]),
            min_auth_level: 3,
        };
        assert!(own.allows("read", None, "urn:altinn:resource:x"));
        assert!(!own.allows("write", None, "urn:altinn:resource:x"), "the role would allow it; the policy does not");
        assert!(own.allows("write", Some("vedlegg"), "urn:altinn:resource:x"), "a bare attribute is a sub-resource");
        assert!(own.reads_transmission(Some("urn:altinn:subresource:annet"), "urn:altinn:resource:x"), "read covers sub-resources");
        assert!(own.allows("read", Some("urn:altinn:resource:y"), "urn:altinn:resource:x"), "another resource, no policy: the default");
        assert!(own.allows("sign", None, "urn:altinn:resource:z"), "no policy: the default");
        assert!(own.sees("urn:altinn:resource:x"));
        let stranger = Access { subjects: vec![subject_urn("fullmakt")], role: Role::ReadOnly, ..own };
        assert!(!stranger.sees("urn:altinn:resource:x") && !stranger.allows("read", None, "urn:altinn:resource:x"));
        assert!(stranger.sees("urn:altinn:resource:z"));
    }

    #[test]
    fn roles_grant_what_they_hold() {
        assert!(Role::ReadOnly.allows("read", None));
        assert!(!Role::ReadOnly.allows("write", None));
        assert!(Role::Acting.allows("submit", None));
        assert!(!Role::Acting.allows("read", Some("urn:altinn:subresource:confidential")));
        assert!(Role::ManagingDirector.allows("sign", Some("urn:altinn:subresource:confidential")));
        assert_eq!(Role::from_code("unknown"), Role::ReadOnly);
        assert_eq!(Role::from_code("self"), Role::Own);
        assert_eq!(Role::from_code("PRIV"), Role::Own);
    }
}
