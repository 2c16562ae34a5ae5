//! A dialog's history for people: activities and transmissions merged, newest first.

use dialogporten::{ActivityType, Actor, ActorType, Dialog, Localization, UtcDateTime};

#[derive(Clone, Debug, PartialEq)]
pub enum What {
    Activity(ActivityType, Vec<Localization>),
    Transmission(Vec<Localization>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct HistoryItem {
    pub at: UtcDateTime,
    pub what: What,
    /// The person's name, or `None` for the service owner.
    pub by: Option<String>,
}

fn who(actor: &Actor) -> Option<String> {
    match actor.actor_type {
        ActorType::ServiceOwner => None,
        // A person's identifier (a national identity number) is never shown; an organisation's
        // number is public and better than nothing.
        ActorType::PartyRepresentative => actor.actor_name.clone().or_else(|| {
            actor.actor_id.as_deref().and_then(|id| id.strip_prefix("urn:altinn:organization:identifier-no:")).map(str::to_owned)
        }),
    }
}

pub fn history(d: &Dialog) -> Vec<HistoryItem> {
    let mut items: Vec<HistoryItem> = d
        .activities
        .iter()
        .map(|a| HistoryItem {
            at: a.created_at.unwrap_or(d.created_at),
            what: What::Activity(a.activity_type, a.description.clone()),
            by: who(&a.performed_by),
        })
        .chain(d.transmissions.iter().map(|t| HistoryItem {
            at: t.created_at,
            what: What::Transmission(t.content.title.value.clone()),
            by: who(&t.sender),
        }))
        .collect();
    items.sort_by_key(|i| std::cmp::Reverse(i.at));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_activities_and_transmissions_newest_first() {
        let json = serde_json::json!({
            "id": "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f", "revision": "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f", "org": "skd",
            "serviceResource": "urn:altinn:resource:x", "serviceResourceType": "genericaccessresource",
            "party": "urn:altinn:organization:identifier-no:974760673", "createdAt": "2025-01-01T00:00:00Z",
            "updatedAt": "2025-01-03T00:00:00Z", "contentUpdatedAt": "2025-01-03T00:00:00Z", "status": "Awaiting", "systemLabel": "Default",
            "content": {"title": {"mediaType": "text/plain", "value": [{"languageCode": "nb", "value": "T"}]}},
            "endUserContext": {"revision": "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e0f"},
            "activities": [{"id": "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e01", "createdAt": "2025-01-01T00:00:00Z", "type": "DialogCreated",
                            "performedBy": {"actorType": "ServiceOwner"}}],
            "transmissions": [{"id": "0190f2e6-8b1a-7c3d-9e4f-5a6b7c8d9e02", "createdAt": "2025-01-02T00:00:00Z", "type": "Submission",
                               "isAuthorized": true, "sender": {"actorType": "PartyRepresentative", "actorName": "Kari"},
                               "content": {"title": {"mediaType": "text/plain", "value": [{"languageCode": "nb", "value": "Søknad"}]}}}]
        });
        let d: Dialog = serde_json::from_value(json).unwrap();
        let h = history(&d);
        assert!(matches!(h[0].what, What::Transmission(_)) && h[0].by.as_deref() == Some("Kari"));
        assert_eq!((h[1].what.clone(), h[1].by.clone()), (What::Activity(ActivityType::DialogCreated, vec![]), None));
    }

    #[test]
    fn a_persons_identifier_is_never_shown() {
        let person = Actor {
            actor_type: ActorType::PartyRepresentative,
            actor_id: Some("urn:altinn:person:identifier-no:24899410064".into()),
            actor_name: None,
        };
        assert_eq!(who(&person), None);
        let org = Actor {
            actor_type: ActorType::PartyRepresentative,
            actor_id: Some("urn:altinn:organization:identifier-no:974760673".into()),
            actor_name: None,
        };
        assert_eq!(who(&org).as_deref(), Some("974760673"));
    }
}
