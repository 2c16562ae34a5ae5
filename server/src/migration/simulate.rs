//! The source systems' simulator: years of Altinn 2 and Altinn 3 history for the parties of the
//! target's register, then, while it runs, new items and status changes, so live sync has work.
//! Deterministic per seed. About one item in two hundred is one the rules must quarantine (an
//! owner missing from the register, an agency unknown to it, a date that is not one), and forms
//! still being filled in or signed exist, to be skipped until archived.

use dialogporten::UtcDateTime;

use super::{
    items::{
        A2Attachment, A2Links, A2Message, A2Type, DataElement, Href, Instance, InstanceOwner, InstanceStatus, ProcessElement, ProcessState,
        Substatus,
    },
    oslo,
    source_store::{NewItem, SourceItem, SourceStore},
    Family,
};
use crate::demo::rng::Rng;

/// Who the simulated items belong to and come from: the target's own register.
#[derive(Clone, Debug, Default)]
pub struct Owners {
    /// Persons (identity number, Altinn party id) and organisations (organisation number,
    /// party id); `party_ids` holds both's party ids.
    pub persons: Vec<(String, i64)>,
    pub organisations: Vec<(String, i64)>,
    pub party_ids: Vec<i64>,
    /// Service owners as (org code, display name).
    pub agencies: Vec<(String, String)>,
}

const A2_BASE: &str = "https://www.altinn.no/api";
const DAY: i64 = 86_400;
const YEAR: i64 = 365 * DAY;

const SUBJECTS: &[&str] = &[
    "Vedtak om skatteoppgjør",
    "Melding om endret adresse",
    "Purring på innbetaling",
    "Kvittering for innsendt opplysning",
    "Varsel om tilsyn",
    "Svar på søknad om dispensasjon",
    "Årsoppgave",
    "Bekreftelse på registrering",
];
const FORMS: &[(&str, u32, &str)] = &[
    ("4936", 1, "Melding om inntekt og arbeidsforhold"),
    ("1051", 130_203, "Skattemelding for formues- og inntektsskatt"),
    ("2802", 10_793, "Søknad om skattekort"),
    ("5703", 2, "Merverdiavgiftsmelding"),
];
const APPS: &[(&str, &str)] = &[
    ("byggesoknad", "Byggesøknad"),
    ("flyttemelding", "Flyttemelding"),
    ("mva-melding", "Mva-melding"),
    ("tilskudd", "Søknad om tilskudd"),
];

fn at(unix: i64) -> UtcDateTime {
    UtcDateTime::from_unix_seconds(unix).unwrap_or_else(|_| UtcDateTime::from_unix_seconds(0).expect("epoch"))
}

fn rfc3339(t: UtcDateTime) -> String {
    t.to_string()
}

/// How files are kept at the source: ten years after the item was created.
fn files_expire(created: i64) -> Option<UtcDateTime> {
    Some(at(created + 10 * YEAR))
}

/// One simulated item with its owner and creation time, ready to write.
#[derive(Clone, Debug)]
pub struct Simulated {
    pub family: Family,
    pub key: String,
    pub owner: String,
    pub created: i64,
    pub body: String,
}

impl Simulated {
    pub fn new_item(&self) -> NewItem<'_> {
        NewItem {
            family: self.family,
            key: &self.key,
            owner: &self.owner,
            created_at: at(self.created),
            files_expire: files_expire(self.created),
            body: &self.body,
        }
    }
}

pub struct Simulator {
    rng: Rng,
    owners: Owners,
    next_key: u64,
}

impl Simulator {
    /// `first_key`: above every A2 key the store already holds, so new items never reuse one.
    pub fn new(seed: u64, owners: Owners, first_key: u64) -> Self {
        Self { rng: Rng::new(seed), owners, next_key: first_key.max(1_000_000) }
    }

    fn key(&mut self) -> u64 {
        self.next_key += 1;
        self.next_key
    }

    /// An owner from the register, or one in two hundred times one it does not know; with the
    /// `{who}` of its A2 API links: the reportee id for a person (an identity number is never
    /// put in a URL), the organisation number for an organisation.
    fn a2_owner(&mut self) -> (String, String) {
        if self.rng.chance(1) && self.rng.chance(50) {
            return ("999999999".into(), "999999999".into()); // not a valid organisation number
        }
        let persons = !self.owners.persons.is_empty() && (self.owners.organisations.is_empty() || self.rng.chance(60));
        if persons {
            let (pid, party) = self.rng.pick(&self.owners.persons).clone();
            (pid, format!("r{party}"))
        } else {
            let (org, _) = self.rng.pick(&self.owners.organisations).clone();
            (org.clone(), org)
        }
    }

    fn agency(&mut self) -> (String, String) {
        if self.rng.chance(1) && self.rng.chance(50) {
            return ("xyz".into(), "Ukjent etat".into());
        }
        self.rng.pick(&self.owners.agencies).clone()
    }

    fn a2_message(&mut self, kind: A2Type, created: i64, archived: bool, now: i64) -> Simulated {
        let key = self.key();
        let (_, agency) = self.agency();
        let (owner, who) = self.a2_owner();
        // Changed later, but never after the sources' present.
        let changed = (created + self.rng.below(20 * DAY as u64) as i64).min(now).max(created);
        let family = if kind == A2Type::FormTask { Family::A2Form } else { Family::A2Correspondence };
        let (code, edition, subject) = match kind {
            A2Type::FormTask => {
                let (c, e, s) = *self.rng.pick(FORMS);
                (c.to_owned(), e, s.to_owned())
            }
            A2Type::Correspondence => {
                (format!("{}", 3000 + self.rng.below(20)), 1 + self.rng.below(3) as u32, self.rng.pick(SUBJECTS).to_string())
            }
        };
        let status = match (kind, archived) {
            (A2Type::FormTask, true) => "Sendt og arkivert",
            (A2Type::FormTask, false) => {
                if self.rng.chance(50) {
                    "Utfylling"
                } else {
                    "Signering"
                }
            }
            (A2Type::Correspondence, true) => "Arkivert",
            (A2Type::Correspondence, false) => {
                if self.rng.chance(70) {
                    "Lest"
                } else {
                    "Ulest"
                }
            }
        };
        let message_id = format!("{}{key}", if archived { 'b' } else { 'a' });
        let item_link = format!("{A2_BASE}/{who}/messages/{message_id}");
        let correspondence = kind == A2Type::Correspondence;
        let mut links = A2Links { self_link: Some(Href { href: item_link.clone() }), ..Default::default() };
        if correspondence && !archived && self.rng.chance(15) {
            links.confirm = Some(Href { href: format!("{item_link}/confirm") });
        }
        if correspondence && self.rng.chance(5) {
            links.payment = Some(Href { href: format!("{item_link}/payment") });
        }
        if self.rng.chance(40) {
            links.attachment.push(A2Attachment {
                href: format!("{item_link}/attachments/{}", self.key()),
                name: if correspondence { "Vedlegg".into() } else { "Skjema (PDF)".into() },
                file_name: if correspondence { "vedlegg.pdf".into() } else { format!("{code}.pdf") },
                encrypted: false,
                signinglocked: false,
                signedbydefault: false,
                filesize: 20_000 + self.rng.below(400_000),
            });
        }
        // One in two hundred carries a time with an offset, which A2 never writes: quarantined.
        let created_text = if self.rng.chance(1) && self.rng.chance(50) {
            format!("{}Z", rfc3339(at(created)).trim_end_matches('Z'))
        } else {
            oslo::format_a2(at(created))
        };
        let message = A2Message {
            message_id,
            subject,
            status: status.into(),
            created_date: created_text,
            last_changed_date_time: oslo::format_a2(at(changed)),
            last_changed_by: None,
            service_owner: agency,
            kind,
            message_sender: correspondence.then(|| "Saksbehandler".to_owned()),
            service_code: code,
            service_edition: edition,
            summary: correspondence.then(|| "<p>Du har fått en melding. Les den i innboksen.</p>".to_owned()),
            body: correspondence.then(|| "<p>Meldingen er sendt fra Altinn 2.</p>".to_owned()),
            archive_reference: (!correspondence && archived).then(|| format!("AR{key}")),
            links,
        };
        Simulated { family, key: key.to_string(), owner, created, body: serde_json::to_string(&message).expect("serialisable") }
    }

    fn instance(&mut self, created: i64, archived: bool, now: i64) -> Simulated {
        let key_n = self.key();
        let party_id = if self.rng.chance(1) && self.rng.chance(50) { 1 } else { *self.rng.pick(&self.owners.party_ids) };
        let (org, _) = self.agency();
        let (app, title) = *self.rng.pick(APPS);
        let guid = self.rng.uuid_v4();
        let id = format!("{party_id}/{guid}");
        let changed = (created + self.rng.below(10 * DAY as u64) as i64).min(now).max(created);
        let task = (!archived).then(|| ProcessElement {
            element_id: "Task_1".into(),
            name: Some("Utfylling".into()),
            altinn_task_type: Some(self.rng.pick(&["data", "data", "signing", "confirmation", "feedback", "reject"]).to_string()),
            started: Some(rfc3339(at(created))),
        });
        let instance = Instance {
            id: id.clone(),
            app_id: format!("{org}/{app}"),
            org: org.clone(),
            instance_owner: InstanceOwner { party_id: party_id.to_string(), person_number: None, organisation_number: None },
            due_before: None,
            visible_after: None,
            process: ProcessState {
                started: Some(rfc3339(at(created))),
                current_task: task,
                ended: archived.then(|| rfc3339(at(changed))),
            },
            status: InstanceStatus {
                is_archived: archived,
                archived: archived.then(|| rfc3339(at(changed))),
                read_status: Some(if self.rng.chance(30) { "Unread" } else { "Read" }.into()),
                substatus: self.rng.chance(20).then(|| Substatus { label: "Under behandling".into(), description: None }),
                ..Default::default()
            },
            complete_confirmations: Vec::new(),
            data: vec![DataElement {
                id: self.rng.uuid_v4().to_string(),
                data_type: "ref-data-as-pdf".into(),
                filename: Some(format!("{app}.pdf")),
                content_type: Some("application/pdf".into()),
                size: 30_000 + self.rng.below(100_000),
                created: rfc3339(at(changed)),
            }],
            presentation_texts: [("Tittel".to_owned(), format!("{title} {}", key_n % 1000))].into_iter().collect(),
            data_values: Default::default(),
            created: rfc3339(at(created)),
            last_changed: rfc3339(at(changed)),
        };
        Simulated {
            family: Family::A3Instance,
            key: id,
            owner: party_id.to_string(),
            created,
            body: serde_json::to_string(&instance).expect("serialisable"),
        }
    }

    /// Creation times of `count` items between `from` and `to` (unix seconds), oldest first.
    pub fn history_times(&mut self, count: usize, from: i64, to: i64) -> Vec<i64> {
        let span = (to - from).max(1) as u64;
        let mut times: Vec<i64> = (0..count).map(|_| from + self.rng.below(span) as i64).collect();
        times.sort_unstable();
        times
    }

    /// One item of history created at `created`, last changed by `now` at the latest: half
    /// correspondence, a quarter each forms and app instances.
    pub fn history_item(&mut self, created: i64, now: i64) -> Simulated {
        match self.rng.below(4) {
            0 | 1 => {
                let archived = self.rng.chance(60);
                self.a2_message(A2Type::Correspondence, created, archived, now)
            }
            2 => {
                // Most old forms are long since sent; some were never finished.
                let archived = !self.rng.chance(8);
                self.a2_message(A2Type::FormTask, created, archived, now)
            }
            _ => {
                let archived = self.rng.chance(70);
                self.instance(created, archived, now)
            }
        }
    }

    /// What happens in the sources at `now`: a few new items, and changes to existing ones
    /// (read, archived, a form sent in, an instance archived).
    pub async fn tick(&mut self, store: &SourceStore, now: i64, new_items: usize, changes: usize) -> Result<usize, sqlx::Error> {
        let fresh: Vec<Simulated> = (0..new_items)
            .map(|_| match self.rng.below(3) {
                0 => self.a2_message(A2Type::Correspondence, now, false, now),
                1 => {
                    let archived = self.rng.chance(50);
                    self.a2_message(A2Type::FormTask, now, archived, now)
                }
                _ => self.instance(now, false, now),
            })
            .collect();
        store.put_all(&fresh.iter().map(Simulated::new_item).collect::<Vec<_>>()).await?;
        let mut changed = 0;
        for _ in 0..changes {
            let family = *self.rng.pick(&Family::ALL);
            let recent = store.changed_after(family, (store.last_seq().await? - 200).max(0), 200).await?;
            if recent.is_empty() {
                continue;
            }
            let item = self.rng.pick(&recent).clone();
            if change_at_source(store, &item, now).await?.is_some() {
                changed += 1;
            }
        }
        Ok(fresh.len() + changed)
    }
}

/// Makes the next thing happen to `item` in its source at `now` ([`change`]) and returns the
/// item as the source now holds it; `None` when nothing can happen to it.
pub async fn change_at_source(store: &SourceStore, item: &SourceItem, now: i64) -> Result<Option<SourceItem>, sqlx::Error> {
    let Some(body) = change(&item.family, &item.body, now) else { return Ok(None) };
    let new = NewItem {
        family: item.family,
        key: &item.key,
        owner: &item.owner,
        created_at: item.created_at,
        files_expire: item.files_expire,
        body: &body,
    };
    let seq = store.put(&new).await?;
    Ok(Some(SourceItem { body, seq, ..item.clone() }))
}

/// The next thing that happens to an item, as its system records it; `None` when nothing can.
pub fn change(family: &Family, body: &str, now: i64) -> Option<String> {
    match family {
        Family::A2Correspondence | Family::A2Form => {
            let mut m: A2Message = serde_json::from_str(body).ok()?;
            m.status = match m.status.as_str() {
                "Ulest" => "Lest",
                "Lest" => "Arkivert",
                "Utfylling" => "Signering",
                "Signering" => "Sendt og arkivert",
                _ => return None,
            }
            .into();
            if m.status == "Arkivert" || m.status == "Sendt og arkivert" {
                // Archiving gives an Altinn 2 item a new id (a… → b…); its element id stays.
                m.message_id = format!("b{}", &m.message_id[1..]);
                m.links.confirm = None;
                m.links.sign = None;
                if m.kind == A2Type::FormTask {
                    m.archive_reference = Some(format!("AR{}", &m.message_id[1..]));
                }
            }
            m.last_changed_date_time = oslo::format_a2(at(now));
            serde_json::to_string(&m).ok()
        }
        Family::A3Instance => {
            let mut i: Instance = serde_json::from_str(body).ok()?;
            if i.status.is_archived {
                return None;
            }
            i.status.is_archived = true;
            i.status.archived = Some(rfc3339(at(now)));
            i.process.current_task = None;
            i.process.ended = Some(rfc3339(at(now)));
            i.last_changed = rfc3339(at(now));
            serde_json::to_string(&i).ok()
        }
    }
}
