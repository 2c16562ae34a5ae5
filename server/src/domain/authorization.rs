//! What a person may do with a dialog they can see: `isAuthorized` on actions, transmissions and
//! the main content, and the masking of what they may not use.
//!
//! Dialogporten asks Altinn Authorization (XACML policies per service resource). We decide from
//! the register: first the role the reader holds for the dialog's party,
//! - `read` is open to every role that lets one see the party's dialogs;
//! - any other action needs a role that may act, not only read (a power of attorney reads);
//! - anything guarded by an `authorizationAttribute` (a sub-resource, e.g. a confidential
//!   transmission) needs a role holding all of the party's rights: the person themselves or
//!   the managing director;
//!
//! and then the rights the register grants the reader for that party beyond the role: an action
//! on a resource, where the resource is the `authorizationAttribute` when there is one and the
//! dialog's service resource otherwise (docs/register.md).

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

/// What a reader holds for a dialog's party: a role, and rights beyond it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    pub role: Role,
    pub rights: Vec<Right>,
}

impl Access {
    pub fn role(role: Role) -> Self {
        Self { role, rights: Vec::new() }
    }

    /// Whether `action` is allowed on a dialog of `service_resource`, guarded (or not) by an
    /// authorization attribute.
    pub fn allows(&self, action: &str, attribute: Option<&str>, service_resource: &str) -> bool {
        let target = attribute.unwrap_or(service_resource);
        self.role.allows(action, attribute)
            || self.rights.iter().any(|r| r.action.eq_ignore_ascii_case(action) && r.resource.eq_ignore_ascii_case(target))
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
        let ok = allows("transmissionread", t.authorization_attribute.as_deref());
        t.is_authorized = Some(ok);
        for u in t.attachments.iter_mut().flat_map(|a| a.urls.iter_mut()) {
            hide(ok, &mut u.url);
        }
        if let Some(reference) = &mut t.content.content_reference {
            reference.is_authorized = Some(ok);
            for l in &mut reference.value {
                hide(ok, &mut l.value);
            }
        }
    }
    if let Some(main) = &mut d.content.main_content_reference {
        // The main content is part of reading the dialog itself.
        main.is_authorized = Some(true);
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
    use super::{Access, Right, Role};

    #[test]
    fn rights_add_actions_on_a_resource_or_sub_resource() {
        let right = |resource: &str, action: &str| Right { resource: resource.into(), action: action.into() };
        let access = Access {
            role: Role::ReadOnly,
            rights: vec![right("urn:altinn:resource:x", "write"), right("urn:altinn:subresource:secret", "read")],
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
