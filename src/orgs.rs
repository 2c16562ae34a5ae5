//! Service-owner names for `org` codes, from `content/service-owners.json` (data, not code).

use std::sync::OnceLock;

use dialogporten::ServiceOwner;

/// Every known service owner, for the sender filter.
pub fn all() -> &'static [ServiceOwner] {
    static OWNERS: OnceLock<Vec<ServiceOwner>> = OnceLock::new();
    OWNERS.get_or_init(|| serde_json::from_str(include_str!("../content/service-owners.json")).unwrap_or_default())
}

/// The display name of a service owner, or its code when it is not in the list.
pub fn name(org: &str, lang: &str) -> String {
    all().iter().find(|o| o.org.eq_ignore_ascii_case(org)).map_or_else(|| org.to_uppercase(), |o| o.name_in(lang).to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn knows_the_demo_service_owners() {
        assert_eq!(super::name("skd", "nb"), "Skatteetaten");
        assert_eq!(super::name("ssb", "en"), "Statistics Norway");
        assert_eq!(super::name("xyz", "nb"), "XYZ");
    }
}
