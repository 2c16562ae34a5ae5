//! What the demo service owners send: services and message templates in Norwegian (nb).

use dialogporten::{DialogStatus, TransmissionType};

pub struct Template {
    pub title: &'static str,
    pub summary: &'static str,
    pub status: DialogStatus,
    pub extended_status: Option<&'static str>,
    /// The conversation so far, oldest first: (type, from the party?, title).
    pub thread: &'static [(TransmissionType, bool, &'static str)],
    pub attachment: Option<&'static str>,
    pub due_in_days: Option<i64>,
}

pub struct Service {
    pub org: &'static str,
    pub resource: &'static str,
    pub for_orgs: bool,
    pub templates: &'static [Template],
}

use DialogStatus::*;
use TransmissionType as T;

const fn t(
    title: &'static str,
    summary: &'static str,
    status: DialogStatus,
    thread: &'static [(TransmissionType, bool, &'static str)],
) -> Template {
    Template { title, summary, status, extended_status: None, thread, attachment: None, due_in_days: None }
}

pub const SERVICES: &[Service] = &[
    Service {
        org: "skd",
        resource: "skattemelding",
        for_orgs: false,
        templates: &[
            Template {
                attachment: Some("skatteoppgjor.pdf"),
                ..t(
                    "Skatteoppgjøret ditt er klart",
                    "Du får penger tilbake på skatten. Beløpet utbetales innen tre uker.",
                    Completed,
                    &[(T::Decision, false, "Skatteoppgjør")],
                )
            },
            Template {
                due_in_days: Some(30),
                extended_status: Some("Ikke levert"),
                ..t(
                    "Skattemeldingen for 2025 er klar",
                    "Kontroller opplysningene og lever innen fristen 30. april.",
                    RequiresAttention,
                    &[],
                )
            },
            t(
                "Endret skattekort",
                "Vi har laget et nytt skattekort for deg etter at du endret forskuddsskatten.",
                NotApplicable,
                &[(T::Information, false, "Nytt skattekort")],
            ),
            t(
                "Skattemelding levert",
                "Takk! Vi har mottatt skattemeldingen din.",
                Awaiting,
                &[(T::Submission, true, "Skattemelding 2025"), (T::Acceptance, false, "Kvittering for levert skattemelding")],
            ),
        ],
    },
    Service {
        org: "skd",
        resource: "mva-melding",
        for_orgs: true,
        templates: &[
            Template {
                due_in_days: Some(14),
                ..t("MVA-melding for 5. termin", "Fristen for å levere mva-meldingen er 10. desember.", Draft, &[])
            },
            Template {
                attachment: Some("kvittering-mva.pdf"),
                ..t(
                    "MVA-melding for 4. termin er mottatt",
                    "Meldingen er behandlet. Beløpet forfaller 10. oktober.",
                    Completed,
                    &[(T::Submission, true, "MVA-melding 4. termin"), (T::Acceptance, false, "Kvittering")],
                )
            },
            t(
                "Varsel om kontroll av mva-melding",
                "Vi ber om dokumentasjon for fradrag på inngående merverdiavgift.",
                RequiresAttention,
                &[(T::Request, false, "Be om dokumentasjon")],
            ),
        ],
    },
    Service {
        org: "nav",
        resource: "foreldrepenger",
        for_orgs: false,
        templates: &[
            Template {
                attachment: Some("vedtak-foreldrepenger.pdf"),
                ..t(
                    "Vedtak om foreldrepenger",
                    "Du har fått innvilget foreldrepenger fra 2. januar.",
                    Completed,
                    &[(T::Submission, true, "Søknad om foreldrepenger"), (T::Decision, false, "Vedtak")],
                )
            },
            t(
                "Søknad om foreldrepenger er mottatt",
                "Vi behandler søknaden din. Forventet saksbehandlingstid er fire uker.",
                InProgress,
                &[(T::Submission, true, "Søknad om foreldrepenger")],
            ),
        ],
    },
    Service {
        org: "nav",
        resource: "sykepenger",
        for_orgs: false,
        templates: &[
            Template {
                due_in_days: Some(7),
                ..t("Søknad om sykepenger", "Du kan nå sende søknad om sykepenger for perioden 3.–16. november.", Draft, &[])
            },
            t(
                "Vi trenger flere opplysninger",
                "For å behandle søknaden om sykepenger trenger vi inntektsopplysninger.",
                RequiresAttention,
                &[(T::Submission, true, "Søknad om sykepenger"), (T::Request, false, "Etterspør opplysninger")],
            ),
        ],
    },
    Service {
        org: "nav",
        resource: "a-ordningen-tilbakemelding",
        for_orgs: true,
        templates: &[
            t(
                "Tilbakemelding på a-meldingen for oktober",
                "A-meldingen er mottatt uten avvik.",
                Completed,
                &[(T::Submission, true, "A-melding oktober"), (T::Acceptance, false, "Tilbakemelding")],
            ),
            t(
                "Avvik i a-meldingen",
                "Vi har funnet avvik for to arbeidsforhold. Rett opp i neste a-melding.",
                RequiresAttention,
                &[(T::Submission, true, "A-melding"), (T::Rejection, false, "Avviksmelding")],
            ),
        ],
    },
    Service {
        org: "brg",
        resource: "arsregnskap",
        for_orgs: true,
        templates: &[
            Template { due_in_days: Some(45), ..t("Årsregnskap for 2025", "Årsregnskapet skal sendes inn innen 31. juli.", Draft, &[]) },
            Template {
                attachment: Some("bekreftelse-arsregnskap.pdf"),
                ..t(
                    "Årsregnskapet er registrert",
                    "Årsregnskapet for 2024 er godkjent og registrert i Regnskapsregisteret.",
                    Completed,
                    &[(T::Submission, true, "Årsregnskap 2024"), (T::Acceptance, false, "Registreringsbekreftelse")],
                )
            },
        ],
    },
    Service {
        org: "brg",
        resource: "enhetsregisteret-endring",
        for_orgs: true,
        templates: &[
            t(
                "Endring registrert i Enhetsregisteret",
                "Ny daglig leder er registrert.",
                Completed,
                &[(T::Submission, true, "Samordnet registermelding"), (T::Decision, false, "Registrert")],
            ),
            t(
                "Samordnet registermelding under behandling",
                "Meldingen er mottatt og behandles av Enhetsregisteret.",
                Awaiting,
                &[(T::Submission, true, "Samordnet registermelding")],
            ),
        ],
    },
    Service {
        org: "digdir",
        resource: "kontaktinformasjon",
        for_orgs: false,
        templates: &[t(
            "Bekreft kontaktinformasjonen din",
            "Det er lenge siden du bekreftet e-postadressen og mobilnummeret ditt i Kontakt- og reservasjonsregisteret.",
            RequiresAttention,
            &[(T::Alert, false, "Påminnelse")],
        )],
    },
    Service {
        org: "ssb",
        resource: "levekarsundersokelsen",
        for_orgs: false,
        templates: &[t(
            "Du er trukket ut til levekårsundersøkelsen 2026",
            "Statistisk sentralbyrå ber deg delta i en undersøkelse om helse og levekår.",
            NotApplicable,
            &[(T::Information, false, "Invitasjon")],
        )],
    },
    Service {
        org: "ssb",
        resource: "lonnsstatistikk",
        for_orgs: true,
        templates: &[Template {
            due_in_days: Some(21),
            ..t("Rapportering til lønnsstatistikk", "Virksomheten er trukket ut til å rapportere lønn for oktober.", InProgress, &[])
        }],
    },
];

/// Altinn 2 history as it looks after migration: (org, resource, title, migration source). The
/// resources and their names are in the demo register.
pub const MIGRATED_A2: &[(&str, &str, &str, &str)] = &[
    ("skd", "app_skd_a2-1051-130203", "Skattemelding for formues- og inntektsskatt 2024", "a2-arkiverte-skjema-historisk"),
    ("nav", "app_nav_a2-4936-1", "Melding om inntekt og arbeidsforhold", "a2-arkiverte-skjema-historisk"),
    ("skd", "skd-a2-melding-skattetrekk", "Melding om skattetrekk", "a2-melding-historisk"),
    ("brg", "brg-a2-melding-kunngjoring", "Kunngjøring fra Foretaksregisteret", "a2-melding-historisk"),
];
