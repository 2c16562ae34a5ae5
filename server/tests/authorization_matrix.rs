//! The authorization matrix: every operation of the API, called by every kind of caller, on a
//! fresh dialog each time. What a caller may do succeeds; everything else is refused with the
//! status Dialogporten gives (401 for no or a bad token, 403 for a valid token that does not
//! reach the operation, 403/404 for another party's or another owner's dialog), a refused call
//! changes nothing, and no answer to a caller without access holds the dialog's content.
//! Cross-party reads through search filters, continuation tokens, bulk operations and the live
//! stream are checked on their own below. Runs on SQLite and PostgreSQL.

mod common;

use std::time::Duration;

use common::serviceowner::{dialog_body, NAV, SKD};
use common::{enc, person_party, TestServer};
use inbox_server::auth::{Claims, SigningKeys};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const KARI: usize = 0;
const OLA: usize = 1;
const AISHA: usize = 2;
const PER: usize = 3;
const INGRID: usize = 4;

/// Who calls. Persons are demo people; owners are demo service owners.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    /// The person the dialog is for.
    Own,
    /// The managing director of the organisation the dialog is for.
    ViaRole,
    /// A power of attorney for the person the dialog is for: may read, not act.
    ReadOnly,
    /// A person with no role for the dialog's party.
    NoRights,
    /// The service owner whose service the dialog belongs to.
    Owner,
    /// Another service owner.
    OtherOwner,
    /// An admin integration (Digdir with the admin scope): reaches every owner's dialogs.
    Admin,
    /// Altinn Notifications asking whether to send a reminder.
    Notifications,
    NoToken,
    /// The dialog's own person, with a token signed by the server's key that expired an hour ago.
    Expired,
    /// The dialog's own person, with a valid token carrying an unrelated scope.
    WrongScope,
    /// The dialog's own person, with a well-formed token signed by another key.
    OtherKey,
}

const CALLERS: [Caller; 12] = [
    Caller::Own,
    Caller::ViaRole,
    Caller::ReadOnly,
    Caller::NoRights,
    Caller::Owner,
    Caller::OtherOwner,
    Caller::Admin,
    Caller::Notifications,
    Caller::NoToken,
    Caller::Expired,
    Caller::WrongScope,
    Caller::OtherKey,
];

impl Caller {
    /// The party the fixture dialog is for, and so what the caller's role for it is.
    fn party(self) -> String {
        match self {
            Self::ViaRole => inbox_server::demo::org_urn(0),
            Self::ReadOnly => person_party(INGRID),
            _ => person_party(KARI),
        }
    }

    /// Callers that must learn nothing about the fixture dialog.
    fn outsider(self) -> bool {
        matches!(
            self,
            Self::NoRights | Self::OtherOwner | Self::Notifications | Self::NoToken | Self::Expired | Self::WrongScope | Self::OtherKey
        )
    }
}

/// Which tokens an operation is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Audience {
    EndUser,
    ServiceOwner,
    Notifications,
    Public,
}

/// What an operation does with dialogs, for the expected outcome of callers without access.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Acts on the fixture dialog named in the path (or the body).
    OneDialog,
    /// Lists or searches: answers, but with none of another party's or owner's dialogs.
    Listing,
    /// Creates a dialog for the owner's service.
    Create,
    /// Needs the admin scope.
    AdminOnly,
}

struct Op {
    method: Method,
    path: &'static str,
    audience: Audience,
    scope: Scope,
    body: fn(&Fixture) -> Option<Value>,
}

fn no_body(_: &Fixture) -> Option<Value> {
    None
}

fn labels(_: &Fixture) -> Option<Value> {
    Some(json!({"addLabels": ["Archive"]}))
}

fn bulk_labels(f: &Fixture) -> Option<Value> {
    Some(json!({"dialogs": [{"dialogId": f.dialog}], "addLabels": ["Bin"]}))
}

fn new_dialog(_: &Fixture) -> Option<Value> {
    Some(dialog_body())
}

fn update(_: &Fixture) -> Option<Value> {
    let mut body = dialog_body();
    for k in ["serviceResource", "party", "idempotentKey", "serviceOwnerContext", "transmissions"] {
        body.as_object_mut().unwrap().remove(k);
    }
    body["status"] = json!("Completed");
    Some(body)
}

fn patch(_: &Fixture) -> Option<Value> {
    Some(json!([{"op": "replace", "path": "/progress", "value": 50}]))
}

fn activity(_: &Fixture) -> Option<Value> {
    Some(json!({"type": "Information", "performedBy": {"actorType": "ServiceOwner"},
                "description": [{"languageCode": "nb", "value": "Saken er mottatt"}]}))
}

fn transmission(_: &Fixture) -> Option<Value> {
    Some(json!({"type": "Information", "sender": {"actorType": "ServiceOwner"},
                "content": {"title": {"value": [{"languageCode": "nb", "value": "Vedtak"}]}}}))
}

fn corrected_transmission(_: &Fixture) -> Option<Value> {
    Some(json!({"type": "Submission", "sender": {"actorType": "PartyRepresentative", "actorName": "Kari Nordmann"},
                "content": {"title": {"value": [{"languageCode": "nb", "value": "Innsendt skattemelding (rettet)"}]}}}))
}

fn profile_settings(_: &Fixture) -> Option<Value> {
    Some(json!({"language": "en", "keyboardShortcuts": false}))
}

fn saved_search(_: &Fixture) -> Option<Value> {
    Some(json!({"name": "matrix", "query": "/archive?search=matrix"}))
}

fn owner_label(_: &Fixture) -> Option<Value> {
    Some(json!({"value": "Purring-1"}))
}

/// Every operation of the reference contract and of our extensions under `/api/v1`.
/// `{dialog}`, `{activity}`, `{transmission}`, `{seen}`, `{party}`, `{reader}` are the fixture's;
/// `{label}` is the label `dialog_body` gives.
fn operations() -> Vec<Op> {
    use Audience::*;
    use Scope::*;
    let op = |method: Method, path, audience, scope, body| Op { method, path, audience, scope, body };
    vec![
        op(Method::GET, "/api/v1/.well-known/jwks.json", Public, Listing, no_body),
        op(Method::GET, "/api/v1/.well-known/oauth-authorization-server", Public, Listing, no_body),
        op(Method::GET, "/api/v1/metadata/limits", Public, Listing, no_body),
        op(Method::GET, "/api/v1/metadata/serviceresources", Public, Listing, no_body),
        op(Method::GET, "/api/v1/migration/status", Public, Listing, no_body),
        op(Method::GET, "/api/v1/enduser/dialoglookup?instanceRef=urn:altinn:dialog-id:{dialog}", EndUser, OneDialog, no_body),
        op(Method::GET, "/api/v1/enduser/dialogs?party={party}", EndUser, Listing, no_body),
        op(
            Method::GET,
            "/api/v1/enduser/dialogs?serviceResource=urn:altinn:resource:skattemelding&search=matrix",
            EndUser,
            Listing,
            no_body,
        ),
        op(Method::GET, "/api/v1/enduser/dialogs/{dialog}", EndUser, OneDialog, no_body),
        op(Method::GET, "/api/v1/enduser/dialogs/{dialog}/activities", EndUser, OneDialog, no_body),
        op(Method::GET, "/api/v1/enduser/dialogs/{dialog}/activities/{activity}", EndUser, OneDialog, no_body),
        op(Method::GET, "/api/v1/enduser/dialogs/{dialog}/context/labellog", EndUser, OneDialog, no_body),
        op(Method::PUT, "/api/v1/enduser/dialogs/{dialog}/context/systemlabels", EndUser, OneDialog, labels),
        op(Method::GET, "/api/v1/enduser/dialogs/{dialog}/seenlog", EndUser, OneDialog, no_body),
        op(Method::GET, "/api/v1/enduser/dialogs/{dialog}/seenlog/{seen}", EndUser, OneDialog, no_body),
        op(Method::GET, "/api/v1/enduser/dialogs/{dialog}/transmissions", EndUser, OneDialog, no_body),
        op(Method::GET, "/api/v1/enduser/dialogs/{dialog}/transmissions/{transmission}", EndUser, OneDialog, no_body),
        op(Method::POST, "/api/v1/enduser/dialogs/context/systemlabels/actions/bulkset", EndUser, OneDialog, bulk_labels),
        op(Method::GET, "/api/v1/enduser/parties", EndUser, Listing, no_body),
        op(Method::GET, "/api/v1/enduser/serviceresources?party={party}", EndUser, Listing, no_body),
        op(Method::GET, "/api/v1/inbox/counters?party={party}", EndUser, Listing, no_body),
        op(Method::GET, "/api/v1/inbox/events?party={party}", EndUser, Listing, no_body),
        op(Method::GET, "/api/v1/inbox/services?party={party}", EndUser, Listing, no_body),
        op(Method::GET, "/api/v1/inbox/profile", EndUser, Listing, no_body),
        op(Method::PUT, "/api/v1/inbox/profile/settings", EndUser, Listing, profile_settings),
        op(Method::GET, "/api/v1/inbox/saved-searches", EndUser, Listing, no_body),
        op(Method::POST, "/api/v1/inbox/saved-searches", EndUser, Listing, saved_search),
        op(Method::GET, "/api/v1/serviceowner/dialoglookup?instanceRef=urn:altinn:dialog-id:{dialog}", ServiceOwner, OneDialog, no_body),
        op(Method::GET, "/api/v1/serviceowner/dialogs?party={party}", ServiceOwner, Listing, no_body),
        op(Method::POST, "/api/v1/serviceowner/dialogs", ServiceOwner, Create, new_dialog),
        op(Method::DELETE, "/api/v1/serviceowner/dialogs/{dialog}", ServiceOwner, OneDialog, no_body),
        op(Method::GET, "/api/v1/serviceowner/dialogs/{dialog}", ServiceOwner, OneDialog, no_body),
        op(Method::GET, "/api/v1/serviceowner/dialogs/{dialog}?endUserId={reader}", ServiceOwner, OneDialog, no_body),
        op(Method::PATCH, "/api/v1/serviceowner/dialogs/{dialog}", ServiceOwner, OneDialog, patch),
        op(Method::PUT, "/api/v1/serviceowner/dialogs/{dialog}", ServiceOwner, OneDialog, update),
        op(Method::POST, "/api/v1/serviceowner/dialogs/{dialog}/actions/freeze", ServiceOwner, AdminOnly, no_body),
        op(Method::POST, "/api/v1/serviceowner/dialogs/{dialog}/actions/purge", ServiceOwner, OneDialog, no_body),
        op(Method::POST, "/api/v1/serviceowner/dialogs/{dialog}/actions/restore", ServiceOwner, OneDialog, no_body),
        op(
            Method::GET,
            "/api/v1/serviceowner/dialogs/{dialog}/actions/should-send-notification?conditionType=NotExists&activityType=Information",
            Notifications,
            OneDialog,
            no_body,
        ),
        op(Method::GET, "/api/v1/serviceowner/dialogs/{dialog}/activities", ServiceOwner, OneDialog, no_body),
        op(Method::POST, "/api/v1/serviceowner/dialogs/{dialog}/activities", ServiceOwner, OneDialog, activity),
        op(Method::GET, "/api/v1/serviceowner/dialogs/{dialog}/activities/{activity}", ServiceOwner, OneDialog, no_body),
        op(Method::GET, "/api/v1/serviceowner/dialogs/{dialog}/context/labels", ServiceOwner, OneDialog, no_body),
        op(Method::POST, "/api/v1/serviceowner/dialogs/{dialog}/context/labels", ServiceOwner, OneDialog, owner_label),
        op(Method::DELETE, "/api/v1/serviceowner/dialogs/{dialog}/context/labels/{label}", ServiceOwner, OneDialog, no_body),
        op(
            Method::PUT,
            "/api/v1/serviceowner/dialogs/{dialog}/endusercontext/systemlabels?enduserId={reader}",
            ServiceOwner,
            OneDialog,
            labels,
        ),
        op(Method::GET, "/api/v1/serviceowner/dialogs/{dialog}/seenlog", ServiceOwner, OneDialog, no_body),
        op(Method::GET, "/api/v1/serviceowner/dialogs/{dialog}/seenlog/{seen}", ServiceOwner, OneDialog, no_body),
        op(Method::GET, "/api/v1/serviceowner/dialogs/{dialog}/transmissions", ServiceOwner, OneDialog, no_body),
        op(Method::POST, "/api/v1/serviceowner/dialogs/{dialog}/transmissions", ServiceOwner, OneDialog, transmission),
        op(Method::GET, "/api/v1/serviceowner/dialogs/{dialog}/transmissions/{transmission}", ServiceOwner, OneDialog, no_body),
        op(
            Method::PUT,
            "/api/v1/serviceowner/dialogs/{dialog}/transmissions/{transmission}?isSilentUpdate=true",
            ServiceOwner,
            OneDialog,
            corrected_transmission,
        ),
        op(Method::GET, "/api/v1/serviceowner/dialogs/endusercontext?party={party}", ServiceOwner, Listing, no_body),
        op(
            Method::POST,
            "/api/v1/serviceowner/dialogs/endusercontext/systemlabels/actions/bulkset?enduserId={reader}",
            ServiceOwner,
            OneDialog,
            bulk_labels,
        ),
    ]
}

/// What a caller should get from an operation.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    Allowed,
    Refused(StatusCode),
}

fn expected(op: &Op, caller: Caller) -> Expect {
    use Caller::*;
    use Expect::*;
    if op.audience == Audience::Public {
        return Allowed;
    }
    if matches!(caller, NoToken | Expired | OtherKey) {
        return Refused(StatusCode::UNAUTHORIZED);
    }
    let person = matches!(caller, Own | ViaRole | ReadOnly | NoRights);
    match op.audience {
        Audience::Public => Allowed,
        Audience::Notifications => {
            if caller == Notifications {
                Allowed
            } else {
                Refused(StatusCode::FORBIDDEN)
            }
        }
        Audience::EndUser if !person => Refused(StatusCode::FORBIDDEN),
        Audience::EndUser => match (caller, op.scope) {
            // As in Dialogporten, the label log and bulk labels answer as if the dialog did not exist.
            (NoRights, Scope::OneDialog) if op.path.contains("labellog") || op.path.contains("bulkset") => Refused(StatusCode::NOT_FOUND),
            (NoRights, Scope::OneDialog) => Refused(StatusCode::FORBIDDEN),
            _ => Allowed,
        },
        Audience::ServiceOwner if !matches!(caller, Owner | OtherOwner | Admin) => Refused(StatusCode::FORBIDDEN),
        Audience::ServiceOwner => match (caller, op.scope) {
            (Owner, Scope::AdminOnly) | (OtherOwner, Scope::AdminOnly | Scope::Create) => Refused(StatusCode::FORBIDDEN),
            // Another owner's dialog does not exist for them.
            (OtherOwner, Scope::OneDialog) if op.path.contains("dialoglookup") => Refused(StatusCode::FORBIDDEN),
            (OtherOwner, Scope::OneDialog) => Refused(StatusCode::NOT_FOUND),
            _ => Allowed,
        },
    }
}

/// A dialog made for one case: its ids and a secret only its readers may see.
#[derive(Default)]
struct Fixture {
    dialog: String,
    activity: String,
    transmission: String,
    seen: String,
    party: String,
    /// The person whose view a service owner asks for (`endUserId`, `enduserId`).
    reader: String,
    secret: String,
}

struct Tokens {
    persons: Vec<String>,
    skd: String,
    nav: String,
    admin: String,
    notifications: String,
    expired: String,
    wrong_scope: String,
    other_key: String,
}

impl Tokens {
    async fn new(s: &TestServer) -> Self {
        let mut persons = Vec::new();
        for i in 0..common::person_count() {
            persons.push(s.token(i).await);
        }
        let provider = [
            "digdir:dialogporten.serviceprovider",
            "digdir:dialogporten.serviceprovider.search",
            "digdir:dialogporten.serviceprovider.changetransmissions",
        ];
        let admin_scopes = [&provider[..], &["digdir:dialogporten.serviceprovider.admin"]].concat();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let kari = |exp: i64, scope: &str| Claims {
            iss: inbox_server::auth::DEV_ISSUER.into(),
            aud: Some(inbox_server::auth::ACCESS_AUDIENCE.into()),
            iat: exp - 3600,
            nbf: exp - 3600,
            exp,
            jti: uuid::Uuid::new_v4().to_string(),
            scope: scope.into(),
            pid: Some(common::pid(KARI)),
            ..Claims::default()
        };
        let server_key = common::dev_keys();
        Self {
            persons,
            skd: s.enterprise_token_with(SKD.0, SKD.1, &provider).await,
            nav: s.enterprise_token_with(NAV.0, NAV.1, &provider).await,
            admin: s.enterprise_token_with("digdir", "991825827", &admin_scopes).await,
            notifications: s.enterprise_token_with("digdir", "991825827", &["altinn:system/notifications.condition.check"]).await,
            expired: server_key.sign("JWT", &kari(now - 3600, "digdir:dialogporten")),
            wrong_scope: server_key.sign("JWT", &kari(now + 3600, "altinn:profiles.read")),
            other_key: SigningKeys::from_seeds("dev", &[[42; 32]]).unwrap().sign("JWT", &kari(now + 3600, "digdir:dialogporten")),
        }
    }

    fn of(&self, caller: Caller) -> Option<&str> {
        Some(match caller {
            Caller::Own => &self.persons[KARI],
            Caller::ViaRole => &self.persons[PER],
            Caller::ReadOnly => &self.persons[OLA],
            Caller::NoRights => &self.persons[AISHA],
            Caller::Owner => &self.skd,
            Caller::OtherOwner => &self.nav,
            Caller::Admin => &self.admin,
            Caller::Notifications => &self.notifications,
            Caller::NoToken => return None,
            Caller::Expired => &self.expired,
            Caller::WrongScope => &self.wrong_scope,
            Caller::OtherKey => &self.other_key,
        })
    }
}

/// Creates the dialog for one case, as skd, with an activity, a transmission and a seen-log entry.
async fn fixture(s: &TestServer, t: &Tokens, caller: Caller) -> Fixture {
    let party = caller.party();
    let secret = format!("matrix-secret-{}", uuid::Uuid::new_v4().simple());
    let mut body = dialog_body();
    body["party"] = json!(party);
    body["content"]["title"]["value"][0]["value"] = json!(format!("Matrix {secret}"));
    body["activities"] = activity(&Fixture::default()).map(|a| json!([a])).unwrap();
    let (status, id, _) = common::serviceowner::create(s, &t.skd, &body).await;
    assert_eq!(status, StatusCode::CREATED, "fixture: {id}");
    let dialog = id.as_str().unwrap().to_owned();
    // The party's usual reader opens it, which writes the seen log.
    let reader_index = match caller {
        Caller::ViaRole => PER,
        Caller::ReadOnly => OLA,
        _ => KARI,
    };
    let (status, _, _) = s.get(&format!("/api/v1/enduser/dialogs/{dialog}"), Some(&t.persons[reader_index])).await;
    assert_eq!(status, StatusCode::OK, "fixture read");
    let (_, full, _) = s.get(&format!("/api/v1/serviceowner/dialogs/{dialog}"), Some(&t.skd)).await;
    let first = |list: &str| full[list][0]["id"].as_str().unwrap_or_else(|| panic!("fixture has {list}")).to_owned();
    Fixture {
        activity: first("activities"),
        transmission: first("transmissions"),
        seen: first("seenSinceLastUpdate"),
        dialog,
        reader: person_party(reader_index),
        party,
        secret,
    }
}

fn path_for(op: &Op, f: &Fixture) -> String {
    op.path
        .replace("{dialog}", &f.dialog)
        .replace("{activity}", &f.activity)
        .replace("{transmission}", &f.transmission)
        .replace("{seen}", &f.seen)
        .replace("{party}", &enc(&f.party))
        .replace("{reader}", &enc(&f.reader))
        .replace("{label}", "batch-2026")
}

/// What the owner sees of the fixture (its revision, labels, seen-by and every list in it) and its
/// seen log: any change a refused call made would show here. Reads without side effects only.
async fn state_of(s: &TestServer, t: &Tokens, f: &Fixture) -> Value {
    let read = |path: String| async move {
        let res = s.client.get(s.url(&path)).bearer_auth(&t.admin).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        res.json::<Value>().await.unwrap()
    };
    json!({"dialog": read(format!("/api/v1/serviceowner/dialogs/{}", f.dialog)).await,
           "seen": read(format!("/api/v1/serviceowner/dialogs/{}/seenlog", f.dialog)).await})
}

/// Sends one call; the live stream is only opened (its status and type read), never drained.
async fn call(s: &TestServer, op: &Op, path: &str, token: Option<&str>, body: Option<&Value>) -> (StatusCode, String) {
    if path.starts_with("/api/v1/inbox/events") {
        let mut req = s.client.get(s.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = tokio::time::timeout(Duration::from_secs(5), req.send()).await.expect("stream answers").unwrap();
        let status = res.status();
        if status.is_success() {
            assert_eq!(res.headers()["content-type"], "text/event-stream");
            return (status, String::new());
        }
        return (status, res.text().await.unwrap());
    }
    let (status, json, _) = s.send(op.method.clone(), path, token, body, &[]).await;
    (status, json.to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_operation_for_every_kind_of_caller() {
    let ops = operations();
    common::contract::assert_operations_covered(&ops.iter().map(|o| (o.method.as_str().to_lowercase(), o.path)).collect::<Vec<_>>());
    on_each_backend!(|s| {
        let started = std::time::Instant::now();
        let t = Tokens::new(&s).await;
        let (mut allowed, mut refused, mut wrong) = (0, 0, Vec::new());
        // One dialog per party, made anew after a call that may have changed it.
        let mut fixtures: std::collections::HashMap<String, Fixture> = std::collections::HashMap::new();
        for op in &ops {
            for caller in CALLERS {
                let f = match fixtures.remove(&caller.party()) {
                    Some(f) => f,
                    None => fixture(&s, &t, caller).await,
                };
                let path = path_for(op, &f);
                let body = (op.body)(&f);
                let expect = expected(op, caller);
                let before = if expect == Expect::Allowed { Value::Null } else { state_of(&s, &t, &f).await };
                let (status, text) = call(&s, op, &path, t.of(caller), body.as_ref()).await;
                let case = format!("{} {path} as {caller:?}: {status} {}", op.method, text.chars().take(300).collect::<String>());
                let mut unchanged = true;
                match expect {
                    Expect::Allowed if status.is_success() => allowed += 1,
                    Expect::Allowed => wrong.push(format!("should succeed: {case}")),
                    Expect::Refused(want) if status != want => wrong.push(format!("should be {want}: {case}")),
                    Expect::Refused(_) => {
                        let after = state_of(&s, &t, &f).await;
                        unchanged = after == before;
                        if unchanged {
                            refused += 1;
                        } else {
                            wrong.push(format!("refused but changed the dialog: {case}\nbefore: {before}\nafter:  {after}"));
                        }
                    }
                }
                if caller.outsider() && text.contains(&f.secret) {
                    wrong.push(format!("shows the dialog to an outsider: {case}"));
                }
                // A read leaves the dialog usable for the next case; a write may not.
                if unchanged && (!status.is_success() || op.method == Method::GET) {
                    fixtures.insert(caller.party(), f);
                }
            }
        }
        assert!(wrong.is_empty(), "{}: {} of {} cases wrong:\n{}", s.backend, wrong.len(), ops.len() * CALLERS.len(), wrong.join("\n"));
        eprintln!(
            "{}: {:.1} s; {} operations × {} callers: {allowed} allowed, {refused} refused as expected",
            s.backend,
            started.elapsed().as_secs_f64(),
            ops.len(),
            CALLERS.len()
        );
    });
}

/// A person's search results reach only that person: another's continuation token pages through
/// the holder's own dialogs, a search naming another's party finds nothing, and a live stream
/// asking for another's party hears nothing of it while the party's own stream does.
#[tokio::test(flavor = "multi_thread")]
async fn no_cross_party_reads_through_search_paging_or_streams() {
    on_each_backend!(|s| {
        let t = Tokens::new(&s).await;
        let (kari, aisha) = (&t.persons[KARI], &t.persons[AISHA]);
        let kari_party = enc(&person_party(KARI));
        let first = format!("/api/v1/enduser/dialogs?party={kari_party}&limit=1");
        let (status, page, _) = s.get(&first, Some(kari)).await;
        assert_eq!(status, StatusCode::OK);
        let token = enc(page["continuationToken"].as_str().expect("Kari has more than one dialog"));
        // An empty page leaves `items` out, as Dialogporten does.
        let parties = |page: &Value| {
            page["items"].as_array().into_iter().flatten().map(|d| d["party"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
        };
        for path in [
            format!("/api/v1/enduser/dialogs?party={kari_party}&continuationToken={token}"),
            format!("/api/v1/enduser/dialogs?serviceResource=urn:altinn:resource:skattemelding&continuationToken={token}"),
        ] {
            let (status, page, _) = s.get(&path, Some(aisha)).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            assert!(parties(&page).iter().all(|p| *p != person_party(KARI)), "Kari's dialogs through her token: {page}");
        }
        let (_, mine, _) = s.get(&format!("/api/v1/enduser/dialogs?party={kari_party}&continuationToken={token}"), Some(kari)).await;
        assert!(!parties(&mine).is_empty(), "the token does page for its holder");

        let mut foreign = open_stream(&s, aisha, &format!("?party={kari_party}")).await;
        let mut own = open_stream(&s, kari, &format!("?party={kari_party}")).await;
        let f = fixture(&s, &t, Caller::Own).await;
        let heard = tokio::time::timeout(Duration::from_secs(10), next_event(&mut own)).await.expect("Kari's stream hears the change");
        assert!(heard.contains(&f.dialog), "{heard}");
        let leaked = tokio::time::timeout(Duration::from_millis(1500), next_event(&mut foreign)).await;
        assert!(leaked.is_err(), "Aisha's stream heard of Kari's dialog: {leaked:?}");
    });
}

async fn open_stream(s: &TestServer, token: &str, query: &str) -> reqwest::Response {
    let mut res = s.client.get(s.url(&format!("/api/v1/inbox/events{query}"))).bearer_auth(token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(next_event(&mut res).await.starts_with("event: ready"));
    res
}

/// The next event block of a stream (keep-alive comments skipped).
async fn next_event(res: &mut reqwest::Response) -> String {
    let mut buf = String::new();
    loop {
        while let Some(end) = buf.find("\n\n") {
            let block: String = buf.drain(..end + 2).collect();
            if block.starts_with("event:") {
                return block;
            }
        }
        let chunk = res.chunk().await.unwrap().expect("the stream stays open");
        buf.push_str(&String::from_utf8_lossy(&chunk));
    }
}
