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

/// Who a dialog is from, as af.altinn.no shows it: the content's sender name when given, else the
/// service owner; the owner's mark (we bundle no logos: its initials) only when the sender is the
/// owner itself.
pub fn sender(sender_name: Option<&str>, org: &str, lang: &str) -> (String, Option<String>) {
    let owner = name(org, lang);
    match sender_name.filter(|n| !n.trim().is_empty()) {
        Some(given) if given != owner => (given.to_owned(), None),
        _ => {
            let mark = initials(&owner);
            (owner, Some(mark))
        }
    }
}

/// The colour of an organisation's mark, one of six (`data-tone` in the style sheet): the
/// same for the same organisation everywhere, so a sender is known at a glance.
pub fn tone(org: &str) -> u8 {
    (org.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b))) % 6) as u8
}

/// Up to two initials of an organisation's name, ignoring words in parentheses and "og".
fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !w.starts_with('(') && *w != "og")
        .filter_map(|w| w.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_owner_keeps_its_tone_and_owners_differ() {
        assert_eq!(super::tone("skd"), super::tone("skd"));
        let tones: std::collections::HashSet<u8> = ["skd", "nav", "ssb", "brreg", "digdir", "dsb"].iter().map(|o| super::tone(o)).collect();
        assert!(tones.len() >= 3, "{tones:?}");
        assert!(tones.iter().all(|t| *t < 6));
    }

    #[test]
    fn an_owners_mark_is_its_initials() {
        assert_eq!(super::initials("Skatteetaten"), "S");
        assert_eq!(super::initials("Arbeids- og velferdsetaten (Nav)"), "AV");
        assert_eq!(super::initials("Statistisk sentralbyrå"), "SS");
    }

    #[test]
    fn the_sender_name_wins_and_only_the_owner_gets_a_mark() {
        assert_eq!(super::sender(Some("Bergen kommune"), "skd", "nb"), ("Bergen kommune".into(), None));
        assert_eq!(super::sender(Some("Skatteetaten"), "skd", "nb"), ("Skatteetaten".into(), Some("S".into())));
        assert_eq!(super::sender(None, "skd", "nb"), ("Skatteetaten".into(), Some("S".into())));
        assert_eq!(super::sender(Some(" "), "skd", "nb").0, "Skatteetaten");
    }

    #[test]
    fn knows_the_demo_service_owners() {
        assert_eq!(super::name("skd", "nb"), "Skatteetaten");
        assert_eq!(super::name("ssb", "en"), "Statistics Norway");
        assert_eq!(super::name("xyz", "nb"), "XYZ");
    }
}
