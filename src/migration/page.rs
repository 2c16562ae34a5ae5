use std::time::Duration;

use dialogporten::{
    migration::{ChangelogEntry, Health, LiveState, SourceContent, SourceKind, SourceStatus},
    Folder,
};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    api::{self, migration::StatusPage},
    components::{
        breadcrumbs::{crumb, Breadcrumbs},
        loaded::Loaded,
        page_title::PageTitle,
        rich_text::Markdown,
    },
    format,
    i18n::{I18n, Lang},
    migration::watermark_chart::{Series, WatermarkChart},
    shell::footer::PublicPage,
};

/// The public migration status: the editable texts with figures computed by the server,
/// refreshed every minute.
#[component]
pub fn MigrationStatusPage() -> impl IntoView {
    let i18n = I18n::get();
    let data = LocalResource::new(api::migration::status_page);
    if let Ok(handle) = set_interval_with_handle(move || data.refetch(), Duration::from_secs(60)) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <PublicPage class="content narrow migration-status">
            <Breadcrumbs trail=vec![crumb(crate::i18n::keys::folder(Folder::Inbox), "/")] here=Signal::derive(move || i18n.t(k!("footer.migration")).to_owned()) />
            <Loaded resource=data view=|d| view! { <StatusView data=d /> } />
        </PublicPage>
    }
}

fn lang() -> Lang {
    I18n::get().lang.get()
}

fn latest_watermark(statuses: &[&SourceStatus]) -> Option<dialogporten::UtcDateTime> {
    statuses.iter().filter_map(|s| s.migrated_back_to).max()
}

/// One series per historical source with recorded watermarks, and the earliest phase goal.
fn chart_series(d: &StatusPage, l: Lang) -> (Vec<Series>, Option<dialogporten::UtcDateTime>) {
    let historical = d.sources.iter().filter(|s| s.kind == SourceKind::Historical);
    let series = historical
        .clone()
        .filter_map(|s| {
            let status = d.status.source(&s.id)?;
            let points: Vec<_> = status.history.iter().map(|p| (p.recorded_at, p.migrated_back_to)).collect();
            (!points.is_empty()).then(|| Series { id: s.id.clone(), name: s.name.get(l.code()).to_owned(), points })
        })
        .collect();
    let goal = historical
        .filter_map(|s| s.history_goal.as_deref())
        .filter_map(|g| dialogporten::UtcDateTime::parse(&format!("{g}T00:00:00Z")).ok())
        .min();
    (series, goal)
}

#[component]
fn StatusView(data: StatusPage) -> impl IntoView {
    let i18n = I18n::get();
    let d = StoredValue::new(data);
    let text = move |f: fn(&StatusPage) -> &dialogporten::migration::Text| d.with_value(|d| f(d).get(lang().code()).to_owned());
    let generated = d.with_value(|d| d.status.generated_at);
    let rows = d.with_value(|d| d.page.history_table.rows.clone());
    let phases = d.with_value(|d| d.page.phases.clone());
    let sources = d.with_value(|d| d.sources.clone());
    let mut changelog: Vec<ChangelogEntry> = d.with_value(|d| d.changelog.clone());
    changelog.sort_by(|a, b| b.date.cmp(&a.date));
    let footnote_id = d.with_value(|d| d.page.live_sync.footnote.id.clone());
    view! {
        <PageTitle title=Signal::derive(move || text(|d| &d.page.title)) />
        <h1 class="ds-heading" data-size="lg">{move || text(|d| &d.page.title)}</h1>
        <p class="ds-paragraph lead">{move || text(|d| &d.page.intro)}</p>
        <p class="ds-paragraph updated" data-size="sm">
            {move || i18n.tf(k!("migration.last_updated"), &[("time", &format::date_time(generated, lang()))])}
            " · "
            <a class="ds-link" href="/migration-status/feed.atom">{move || i18n.t(k!("migration.feed"))}</a>
            " · "
            <A href="/migration-status/message-box-api" attr:class="ds-link">{move || i18n.t(k!("migration.api_page"))}</A>
        </p>

        <section aria-labelledby="status-heading">
            <h2 id="status-heading" class="ds-heading" data-size="md">{move || text(|d| &d.page.headings.status)}</h2>
            <Markdown source=Signal::derive(move || text(|d| &d.page.live_sync.summary)) />
            <section aria-labelledby="history-heading">
                <h3 id="history-heading" class="ds-heading" data-size="sm">{move || text(|d| &d.page.headings.historical_data)}</h3>
                <div class="table-scroll">
                <table class="ds-table history-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || text(|d| &d.page.history_table.columns.source)}</th>
                            <th scope="col">{move || text(|d| &d.page.history_table.columns.migrated_back_to)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|row| {
                                let back_to = d.with_value(|d| {
                                    let statuses: Vec<&SourceStatus> = row.sources.iter().filter_map(|s| d.status.source(s)).collect();
                                    latest_watermark(&statuses)
                                });
                                let label = row.label.clone();
                                view! {
                                    <tr data-row=row.id.clone()>
                                        <th scope="row">{move || label.get(lang().code()).to_owned()}</th>
                                        <td>{back_to.map(format::numeric_date).unwrap_or_else(|| "–".into())}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                </div>
            </section>
            {move || {
                let l = lang();
                let (series, goal) = d.with_value(|d| chart_series(d, l));
                view! { <WatermarkChart series=series goal=goal /> }
            }}
            <div class="footnote" id=format!("fn-{footnote_id}")>
                <Markdown source=Signal::derive(move || {
                    let (id, t) = d.with_value(|d| (d.page.live_sync.footnote.id.clone(), d.page.live_sync.footnote.text.get(lang().code()).to_owned()));
                    format!("[^{id}] {t}")
                }) />
            </div>
        </section>

        <section aria-labelledby="plans-heading">
            <h2 id="plans-heading" class="ds-heading" data-size="md">{move || text(|d| &d.page.headings.goals_and_plans)}</h2>
            {phases
                .into_iter()
                .map(|p| {
                    let (title, body) = (p.title.clone(), p.text.clone());
                    view! {
                        <div class="phase">
                            <Markdown source=Signal::derive(move || format!("**{}:** {}", title.get(lang().code()), body.get(lang().code()))) />
                        </div>
                    }
                })
                .collect_view()}
        </section>

        <section aria-labelledby="details-heading">
            <h2 id="details-heading" class="ds-heading" data-size="md">{move || text(|d| &d.page.headings.details)}</h2>
            <Markdown source=Signal::derive(move || text(|d| &d.page.details_intro)) />
            <Markdown source=Signal::derive(move || text(|d| &d.page.details_cards_intro)) />
            <div class="source-cards">
                {sources
                    .into_iter()
                    .map(|s| {
                        let status = d.with_value(|d| d.status.source(&s.id).cloned());
                        let labels = d.with_value(|d| d.page.status_labels.clone());
                        view! { <SourceCard source=s status=status labels=labels /> }
                    })
                    .collect_view()}
            </div>
        </section>

        <section aria-labelledby="changelog-heading">
            <h2 id="changelog-heading" class="ds-heading" data-size="md">{move || text(|d| &d.page.headings.changelog)}</h2>
            {changelog
                .into_iter()
                .map(|e| {
                    let day = format::numeric_date(dialogporten::UtcDateTime::parse(&format!("{}T12:00:00Z", e.date)).unwrap_or(generated));
                    let entry_text = e.text.clone();
                    view! {
                        <article class="changelog-entry" id=format!("endring-{}", e.date)>
                            <h3 class="ds-heading" data-size="xs"><a class="anchor" href=format!("#endring-{}", e.date)>{day}</a></h3>
                            <Markdown source=Signal::derive(move || entry_text.get(lang().code()).to_owned()) />
                        </article>
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn SourceCard(source: SourceContent, status: Option<SourceStatus>, labels: dialogporten::migration::StatusLabels) -> impl IntoView {
    let i18n = I18n::get();
    let ok = status.as_ref().is_none_or(|s| s.health == Health::Ok);
    let (icon, label) = if ok { ("✔", labels.ok) } else { ("⚠", labels.warning) };
    let back_to = status.as_ref().and_then(|s| s.migrated_back_to);
    // The card's first paragraph states how far back the source is migrated: computed, not typed.
    let body = {
        let source = source.clone();
        move || {
            let l = lang();
            let text = source.text.get(l.code()).to_owned();
            match (&source.status_template, back_to) {
                (Some(t), Some(date)) => {
                    let first = t.get(l.code()).replace("{date}", &format::long_date(date, l));
                    let rest = text.split_once("\n\n").map(|(_, r)| r.to_owned()).unwrap_or_default();
                    format!("{first}\n\n{rest}")
                }
                _ => text,
            }
        }
    };
    let figures = status.clone().map(|s| {
        move || {
            let mut parts = Vec::new();
            if s.dialogs > 0 {
                parts.push(i18n.tn(k!("migration.dialogs"), s.dialogs as usize, &[]));
            }
            // What the pipeline set aside or holds back is said, never hidden in a total.
            for (n, key) in [(s.quarantined, k!("migration.quarantined")), (s.waiting, k!("migration.waiting"))] {
                if n > 0 {
                    parts.push(i18n.tn(key, n as usize, &[]));
                }
            }
            if let Some(at) = s.last_run.filter(|_| s.live.is_none()) {
                parts.push(i18n.tf(k!("migration.last_run"), &[("time", &format::date_time(at, lang()))]));
            }
            // Native sources have nothing to sync: only say so when their intake is disturbed.
            if let Some(live) = s.live.as_ref().filter(|l| s.kind != SourceKind::Native || l.state != LiveState::Ok) {
                let key = match live.state {
                    LiveState::Ok => k!("migration.live.ok"),
                    LiveState::Paused => k!("migration.live.paused"),
                    LiveState::Failing => k!("migration.live.failing"),
                };
                parts.push(i18n.t(key).to_owned());
                if let Some(reason) = live.reason.as_deref().filter(|_| live.state != LiveState::Ok) {
                    parts.push(i18n.tf(k!("migration.live.reason"), &[("reason", reason)]));
                }
                if let Some(at) = live.last_success {
                    parts.push(i18n.tf(k!("migration.live.last_sync"), &[("time", &format::date_time(at, lang()))]));
                }
            }
            parts.join(" · ")
        }
    });
    let name = source.name.clone();
    view! {
        <article class="ds-card source-card" data-source=source.id.clone() data-health=if ok { "ok" } else { "warning" }>
            <h3 class="ds-heading" data-size="xs">
                <span class="health-icon" aria-hidden="true">{icon}</span>
                " "
                <span class="ds-sr-only">{move || format!("{}: ", label.get(lang().code()))}</span>
                {move || name.get(lang().code()).to_owned()}
            </h3>
            <Markdown source=Signal::derive(body) />
            {figures.map(|f| view! { <p class="source-figures" data-size="sm">{f}</p> })}
        </article>
    }
}
