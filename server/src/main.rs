use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};
use inbox_server::{
    auth::SigningKeys,
    http::{limits::Limits, rate::Rate},
    PublicUrl,
};

#[derive(Parser)]
#[command(name = "inbox-server", version, about = "Dialogporten v1-compatible API and Inbox SPA server")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the SPA.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/inbox.db")]
        database_url: String,
        /// The built SPA (Trunk's dist/); omitted, only the API is served.
        #[arg(long)]
        static_dir: Option<PathBuf>,
        /// Fill an empty database with the demo data set.
        #[arg(long)]
        demo: bool,
        /// Enable the test token endpoints and the demo identity list. Never in production: only
        /// on a loopback address unless --dev-login-anywhere says otherwise.
        #[arg(long)]
        dev_login: bool,
        /// Allow --dev-login on an address others can reach (a shared test host).
        #[arg(long, requires = "dev_login")]
        dev_login_anywhere: bool,
        /// The URL users and services reach this server by (https://inbox.example.no): the base
        /// of the URLs it writes about itself and of its token issuer. Required unless --addr is
        /// a loopback address (then http://<addr>).
        #[arg(long, env = "INBOX_PUBLIC_URL")]
        public_url: Option<String>,
        /// A file of Ed25519 seeds (one per line, base64; `inbox-server new-key` makes one), the
        /// first of which signs dialog tokens and all of which verify. Or INBOX_SIGNING_KEYS with
        /// the seeds themselves. Neither: a key of this process only.
        #[arg(long, value_name = "FILE", env = "INBOX_SIGNING_KEYS_FILE")]
        signing_keys: Option<PathBuf>,
        /// An origin (https://host[:port]) the app may fetch from besides this server: a real
        /// Dialogporten, a service owner's host with front-channel embeds. Repeatable.
        #[arg(long = "connect-src", value_name = "ORIGIN", value_parser = PublicUrl::parse)]
        connect_sources: Vec<PublicUrl>,
        /// Searches per second each caller may make (five times that at once); 0 turns the
        /// limit off (benchmarks).
        #[arg(long, default_value_t = 30.0)]
        search_rate: f64,
        /// Writes per second each person or system user may make (five times that at once); 0: no limit.
        #[arg(long, default_value_t = 10.0)]
        write_rate: f64,
        /// Writes per second each service owner may make (five times that at once); 0: no limit.
        #[arg(long, default_value_t = 100.0)]
        owner_write_rate: f64,
        /// Requests per second one client address may make without a token on API paths; 0: no limit.
        #[arg(long, default_value_t = 20.0)]
        anonymous_rate: f64,
        /// A register fixture (persons, organisations, service owners, resources, roles;
        /// docs/register.md), written over the demo register at start. Repeatable: later files
        /// replace entries of earlier ones with the same identifier.
        #[arg(long = "register", value_name = "FILE")]
        registers: Vec<PathBuf>,
        #[command(flatten)]
        sign_in: Box<SignInArgs>,
    },
    /// Print a new signing key seed (a line for the --signing-keys file; put it first to rotate).
    NewKey,
    /// Record an operator's change to a migration source's status (shown on /migration-status):
    /// a watermark, a pause with its reason, a resume. `migrate` runs the pipeline itself.
    SourceStatus {
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/inbox.db")]
        database_url: String,
        /// Source id, e.g. a2-melding-historisk (see content/migration/sources.json).
        source: String,
        /// History now reaches back to this day (YYYY-MM-DD).
        #[arg(long)]
        migrated_back_to: Option<String>,
        /// All history of the source is migrated.
        #[arg(long)]
        history_complete: bool,
        /// Pause live sync, with a reason.
        #[arg(long, conflicts_with_all = ["resume", "fail"])]
        pause: Option<String>,
        /// Resume live sync.
        #[arg(long)]
        resume: bool,
        /// Mark live sync as failing, with a reason.
        #[arg(long)]
        fail: Option<String>,
        /// Record a successful live sync now.
        #[arg(long)]
        synced: bool,
    },
    /// Fill a source store (the Altinn 2 message box and Altinn Storage, simulated) with years of
    /// history for the parties of the target's register, then, with --live-interval, keep adding
    /// items and changes (docs/migration.md).
    SimulateSources {
        /// The source store (an SQLite file; created if missing).
        #[arg(long)]
        store: PathBuf,
        /// The target database, whose register the items belong to.
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/inbox.db")]
        database_url: String,
        /// Items of history, written when the store is empty.
        #[arg(long, default_value_t = 10_000)]
        items: usize,
        /// How many years back the history reaches.
        #[arg(long, default_value_t = 5)]
        years: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Seconds between bursts of new items and changes; omitted, stop after the history.
        #[arg(long)]
        live_interval: Option<f64>,
        #[arg(long, default_value_t = 5)]
        new_per_tick: usize,
        #[arg(long, default_value_t = 5)]
        changes_per_tick: usize,
    },
    /// Migrate Altinn 2/3 items from a source store into dialogs: history, live sync, pause and
    /// resume (docs/migration.md).
    Migrate {
        /// The source store (see simulate-sources).
        #[arg(long, default_value = "data/sources.db")]
        store: PathBuf,
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/inbox.db")]
        database_url: String,
        /// Items per batch (each batch is one transaction).
        #[arg(long, default_value_t = 500)]
        batch: u32,
        /// Only these families (a2-correspondence, a2-form, a3-instance); all when omitted.
        #[arg(long = "family", value_parser = parse_family)]
        families: Vec<inbox_server::migration::Family>,
        #[command(subcommand)]
        what: MigrateWhat,
    },
    /// Fill an empty database with demo data and exit.
    Seed {
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/inbox.db")]
        database_url: String,
        /// `demo` (several hundred readable dialogs) or `large` (the demo plus an accountant with
        /// many organisations and a million dialogs over them).
        #[arg(long, default_value = "demo")]
        preset: String,
        /// Dialogs in the large preset.
        #[arg(long, default_value_t = 1_000_000)]
        dialogs: usize,
        /// Organisations the large preset's accountant may act for.
        #[arg(long, default_value_t = 15_000)]
        parties: usize,
    },
}

/// Real sign-in and a real Dialogporten behind the app (docs/deploy.md).
#[derive(clap::Args)]
struct SignInArgs {
    /// The OpenID provider (its issuer URL; discovery at /.well-known/openid-configuration), e.g.
    /// Altinn's https://platform.tt02.altinn.no/authentication/api/v1/openid. The provider must
    /// know this client with the redirect URI <public-url>/auth/callback.
    #[arg(long, env = "INBOX_OIDC_ISSUER", requires_all = ["oidc_client_id", "oidc_client_secret_file"])]
    oidc_issuer: Option<String>,
    #[arg(long, env = "INBOX_OIDC_CLIENT_ID", requires = "oidc_issuer")]
    oidc_client_id: Option<String>,
    /// A file holding the client secret (client_secret_basic), so it is in no process list.
    #[arg(long, env = "INBOX_OIDC_CLIENT_SECRET_FILE", value_name = "FILE", requires = "oidc_issuer")]
    oidc_client_secret_file: Option<PathBuf>,
    #[arg(long, env = "INBOX_OIDC_SCOPES", default_value = inbox_server::auth::oidc::DEFAULT_SCOPES)]
    oidc_scopes: String,
    /// A Dialogporten (e.g. https://platform.tt02.altinn.no/dialogporten) that the app's end-user
    /// requests go to with the signed-in person's token. Needs --oidc-issuer.
    #[arg(long, env = "INBOX_UPSTREAM", requires = "oidc_issuer")]
    upstream: Option<String>,
    /// Also accept access tokens of this issuer (its Ed25519 keys from its JWKS; audience: the
    /// public URL): an inbox-server standing in for Dialogporten behind a test provider.
    #[arg(long, env = "INBOX_TRUST_ISSUER")]
    trust_issuer: Option<String>,
}

impl SignInArgs {
    fn settings(&self) -> Result<Option<inbox_server::auth::oidc::OidcSettings>, Failure> {
        let (Some(issuer), Some(client_id), Some(secret_file)) = (&self.oidc_issuer, &self.oidc_client_id, &self.oidc_client_secret_file)
        else {
            return Ok(None);
        };
        let secret = std::fs::read_to_string(secret_file).map_err(|e| format!("cannot read {}: {e}", secret_file.display()))?;
        Ok(Some(inbox_server::auth::oidc::OidcSettings {
            issuer: issuer.trim_end_matches('/').to_owned(),
            client_id: client_id.clone(),
            client_secret: secret.trim().to_owned(),
            scopes: self.oidc_scopes.split_whitespace().map(str::to_owned).collect(),
        }))
    }
}

#[derive(Subcommand)]
enum MigrateWhat {
    /// All history, newest first, batch after batch (resuming where a run stopped), then exit.
    History {
        /// From the cut-over once more: every item is compared, only what differs is written.
        #[arg(long)]
        again: bool,
    },
    /// Live sync of every change at the sources, every interval, until Ctrl-C.
    Live {
        /// Seconds between syncs.
        #[arg(long, default_value_t = 300.0)]
        interval: f64,
        /// One sync, then exit.
        #[arg(long)]
        once: bool,
    },
    /// Live sync every interval, and history in between, until Ctrl-C.
    Run {
        #[arg(long, default_value_t = 300.0)]
        interval: f64,
    },
    /// Pause live sync, with the reason shown on the status page.
    Pause {
        #[arg(long)]
        reason: String,
    },
    /// Resume live sync.
    Resume,
    /// List the quarantined items with their reasons.
    Quarantine,
}

fn parse_family(s: &str) -> Result<inbox_server::migration::Family, String> {
    use inbox_server::migration::Family;
    Family::parse(s).ok_or_else(|| format!("unknown family '{s}' (known: {})", Family::ALL.map(Family::as_str).join(", ")))
}

fn seconds(s: f64) -> Result<std::time::Duration, Box<dyn std::error::Error>> {
    std::time::Duration::try_from_secs_f64(s)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| format!("{s} is not a number of seconds above 0").into())
}

type Failure = Box<dyn std::error::Error>;

/// What `serve` was told about keys.
struct Keys {
    dev_login: bool,
    dev_login_anywhere: bool,
    signing_keys: Option<PathBuf>,
}

impl Keys {
    /// The dev generator's key (new at each start) and the API's keys (file, environment, or
    /// none: the server makes one for this process).
    fn load(self, addr: SocketAddr) -> Result<(Option<SigningKeys>, Option<SigningKeys>), Failure> {
        if self.dev_login && !addr.ip().is_loopback() && !self.dev_login_anywhere {
            return Err(format!(
                "--dev-login lets anyone sign in as anyone: {addr} is not a loopback address (add --dev-login-anywhere if that is meant)"
            )
            .into());
        }
        let dev = if self.dev_login { Some(SigningKeys::generate("dev")?) } else { None };
        let api = match (self.signing_keys, std::env::var("INBOX_SIGNING_KEYS")) {
            (Some(path), _) => Some(SigningKeys::read("api", &path)?),
            (None, Ok(seeds)) => Some(SigningKeys::parse("api", &seeds)?),
            (None, Err(_)) => None,
        };
        Ok((dev, api))
    }
}

/// The configured public URL, or `http://<addr>` for a loopback address.
fn public_url_for(addr: SocketAddr, configured: Option<&str>) -> Result<PublicUrl, Failure> {
    match configured {
        Some(url) => Ok(PublicUrl::parse(url)?),
        None if addr.ip().is_loopback() => Ok(PublicUrl::of_addr(addr)),
        None => Err(format!("--public-url is required when serving on {addr}: the server does not take its name from requests").into()),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    // Colour only on a terminal: a log file or collector gets plain text.
    tracing_subscriber::fmt().with_target(false).with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout())).init();
    let result = match Cli::parse().command {
        Command::Serve {
            addr,
            database_url,
            static_dir,
            demo,
            dev_login,
            dev_login_anywhere,
            public_url,
            signing_keys,
            connect_sources,
            search_rate,
            write_rate,
            owner_write_rate,
            anonymous_rate,
            registers,
            sign_in,
        } => {
            let limits = Limits {
                searches: Rate::per_second(search_rate),
                writes: Rate::per_second(write_rate),
                owner_writes: Rate::per_second(owner_write_rate),
                anonymous: Rate::per_second(anonymous_rate),
                ..Limits::default()
            };
            let keys = Keys { dev_login, dev_login_anywhere, signing_keys };
            match (keys.load(addr), public_url_for(addr, public_url.as_deref()), sign_in.settings()) {
                (Ok((dev_login, api_keys)), Ok(public_url), Ok(oidc)) => {
                    let config = inbox_server::Config {
                        database_url,
                        static_dir,
                        dev_login,
                        demo,
                        limits,
                        registers,
                        api_keys,
                        public_url,
                        connect_sources,
                        oidc,
                        upstream: sign_in.upstream,
                        trust_issuer: sign_in.trust_issuer,
                        clock: inbox_server::domain::clock::Clock::System,
                    };
                    inbox_server::serve(&config, addr).await
                }
                (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Err(e),
            }
        }
        Command::NewKey => inbox_server::auth::new_seed().map(|seed| println!("{seed}")).map_err(Into::into),
        Command::SimulateSources { store, database_url, items, years, seed, live_interval, new_per_tick, changes_per_tick } => {
            simulate(&store, &database_url, items, years, seed, live_interval, new_per_tick, changes_per_tick).await
        }
        Command::Migrate { store, database_url, batch, families, what } => migrate(&store, &database_url, batch, &families, what).await,
        Command::Seed { database_url, preset, dialogs, parties } => seed(&database_url, &preset, dialogs, parties).await,
        Command::SourceStatus { database_url, source, migrated_back_to, history_complete, pause, resume, fail, synced } => {
            migration(&database_url, &source, migrated_back_to, history_complete, pause, resume, fail, synced).await
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("inbox-server: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn seed(database_url: &str, preset: &str, dialogs: usize, parties: usize) -> Result<(), Box<dyn std::error::Error>> {
    use inbox_server::demo::large::{self, Large};
    let store = inbox_server::store::Store::connect(database_url).await?;
    let start = std::time::Instant::now();
    let n = match preset {
        "demo" => inbox_server::demo::seed_if_empty(&store).await?,
        "large" => {
            if store.count_dialogs().await? > 0 {
                return Err("the large preset needs an empty database".into());
            }
            large::seed(&store, Large { dialogs, parties }, |done| {
                if done % 50_000 == 0 {
                    eprintln!("  {done} dialogs ({:.0} s)", start.elapsed().as_secs_f64());
                }
            })
            .await?
        }
        other => return Err(format!("unknown preset '{other}' (available: demo, large)").into()),
    };
    println!("seeded {n} dialogs in {:.1} s", start.elapsed().as_secs_f64());
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn simulate(
    path: &std::path::Path,
    database_url: &str,
    items: usize,
    years: u32,
    seed: u64,
    live_interval: Option<f64>,
    new_per_tick: usize,
    changes_per_tick: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    use inbox_server::migration::{run, source_store::SourceStore};
    let live_interval = live_interval.map(seconds).transpose()?;
    let store = inbox_server::store::Store::connect(database_url).await?;
    let sources = SourceStore::open(path).await?;
    let options = run::SimulateOptions {
        items,
        years,
        seed,
        live_interval,
        new_per_tick,
        changes_per_tick,
        clock: inbox_server::domain::clock::Clock::System,
    };
    run::simulate_sources(&store, &sources, &options, |m| eprintln!("  {m}")).await
}

async fn migrate(
    path: &std::path::Path,
    database_url: &str,
    batch: u32,
    families: &[inbox_server::migration::Family],
    what: MigrateWhat,
) -> Result<(), Box<dyn std::error::Error>> {
    use inbox_server::migration::run::{self, MigrateCommand, Work};
    let command = match what {
        MigrateWhat::History { again } => MigrateCommand::Work(Work::History { again }),
        MigrateWhat::Live { interval, once } => MigrateCommand::Work(Work::Live { interval: seconds(interval)?, once }),
        MigrateWhat::Run { interval } => MigrateCommand::Work(Work::Run { interval: seconds(interval)? }),
        MigrateWhat::Pause { reason } => MigrateCommand::Pause { reason },
        MigrateWhat::Resume => MigrateCommand::Resume,
        MigrateWhat::Quarantine => MigrateCommand::Quarantine,
    };
    let store = inbox_server::store::Store::connect(database_url).await?;
    run::migrate(store, path, batch, families, command, inbox_server::domain::clock::Clock::System, |m| println!("{m}")).await
}

#[allow(clippy::too_many_arguments)]
async fn migration(
    database_url: &str,
    source: &str,
    migrated_back_to: Option<String>,
    history_complete: bool,
    pause: Option<String>,
    resume: bool,
    fail: Option<String>,
    synced: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    use dialogporten::migration::LiveState;
    use inbox_server::domain::migration::{change_source, day_start, SourceChange};
    let back_to = match migrated_back_to {
        Some(d) => Some(day_start(&d).ok_or_else(|| format!("'{d}' is not a date (YYYY-MM-DD)"))?),
        None => None,
    };
    let live = match (pause, resume, fail) {
        (Some(reason), _, _) => Some((LiveState::Paused, Some(reason))),
        (_, true, _) => Some((LiveState::Ok, None)),
        (_, _, Some(reason)) => Some((LiveState::Failing, Some(reason))),
        _ => None,
    };
    let change = SourceChange { migrated_back_to: back_to, history_complete: history_complete.then_some(true), live, synced_now: synced };
    let store = inbox_server::store::Store::connect(database_url).await?;
    change_source(&store, source, &change, inbox_server::domain::clock::Clock::System.now()).await.map_err(|e| match e {
        inbox_server::domain::DomainError::Validation(errors) => errors.into_values().flatten().collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    })?;
    println!("recorded for {source}");
    Ok(())
}
