//! Every property name of the contract's schemas (`dialogporten-swagger.json`, 1.119.1), so that
//! [`crate::lenient`] can match a member's name without knowing its type (below a flattened DTO,
//! serde no longer says which fields it expects). `swagger_round_trip.rs` fails when this list and
//! the reference differ.

/// Sorted case-insensitively.
pub const PROPERTY_NAMES: &[&str] = &[
    "acceptedLanguage", "acceptedLanguages", "accessPackages", "action", "activities", "actorId", "actorName",
    "actorType", "additionalInfo", "addLabels", "alg", "apiActions", "attachments", "authorizationAttribute",
    "authorizationEvidence", "authorizedParties", "code", "consumerType", "content", "contentReference",
    "contentUpdatedAt", "continuationToken", "createdAt", "crv", "currentAuthenticationLevel", "dateOfBirth",
    "deletedAt", "deprecated", "description", "detail", "dialogId", "dialogs", "dialogToken", "displayName",
    "documentationUrl", "dto", "dueAt", "endpoints", "endUserContext", "endUserContextRevision",
    "endUserSearch", "errors", "evidence", "expiresAt", "extendedStatus", "extendedType", "externalReference",
    "from", "fromPartyTransmissionsCount", "fromServiceOwnerTransmissionsCount", "grantType", "guiActions",
    "guiAttachmentCount", "hasKeyRole", "hasNextPage", "hasOnlyAccessToSubParties", "hasUnopenedContent",
    "httpMethod", "id", "idempotentKey", "instance", "instanceRef", "isAccessManager", "isApiOnly",
    "isAuthorized", "isContentSeen", "isCurrentEndUser", "isDelegable", "isDeleted", "isDeleteDialogAction",
    "isFullCatalogueFallback", "isMainAdministrator", "isOpened", "isSilentUpdate", "issuer",
    "isViaServiceOwner", "items", "jwks_uri", "keys", "kid", "kty", "languageCode", "latestActivity", "links",
    "mainContentReference", "maxExtendedStatusFilterValues", "maxOrgFilterValues", "maxPartyFilterValues",
    "maxServiceResourceFilterValues", "mediaType", "metadata", "minimumAuthenticationLevel", "name",
    "navigationalActions", "nonSensitiveSummary", "nonSensitiveTitle", "op", "orderBy", "org", "orgNumber",
    "party", "partyId", "partyType", "partyUuid", "path", "paths", "performedBy", "precedingProcess",
    "priority", "process", "progress", "prompt", "relatedTransmissionId", "removeLabels", "requestSchema",
    "resourceType", "responseSchema", "revision", "roles", "searchTags", "seenAt", "seenBy",
    "seenSinceLastContentUpdate", "seenSinceLastUpdate", "sender", "senderName", "sendNotification",
    "serviceOwner", "serviceOwnerContext", "serviceOwnerLabels", "serviceOwnerSearch", "serviceResource",
    "serviceResourceType", "status", "statusDescription", "subject", "subParties", "summary", "sunsetAt",
    "systemLabel", "systemLabels", "title", "traceId", "transmissionId", "transmissions", "type", "updatedAt",
    "url", "urls", "urn", "use", "validationErrors", "value", "version", "viaAccessPackage",
    "viaInstanceDelegation", "viaResourceDelegation", "viaRole", "visibleFrom", "weight", "x",
];

/// The properties whose only type is an integer: their values may come as strings.
pub const INTEGER_PROPERTIES: &[&str] = &[
    "currentAuthenticationLevel", "fromPartyTransmissionsCount", "fromServiceOwnerTransmissionsCount",
    "guiAttachmentCount", "maxExtendedStatusFilterValues", "maxOrgFilterValues", "maxPartyFilterValues",
    "maxServiceResourceFilterValues", "minimumAuthenticationLevel", "partyId", "progress", "weight",
];
