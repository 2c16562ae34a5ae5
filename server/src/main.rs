use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};

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
        /// Enable the test token endpoints and the demo identity list. Never in production.
        #[arg(long)]
        dev_login: bool,
    },
    /// Fill an empty database with demo data and exit.
    Seed {
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/inbox.db")]
        database_url: String,
        #[arg(long, default_value = "demo")]
        preset: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt().with_target(false).init();
    let result = match Cli::parse().command {
        Command::Serve { addr, database_url, static_dir, demo, dev_login } => {
            let config = inbox_server::Config { database_url, static_dir, dev_login, demo };
            inbox_server::serve(&config, addr).await
        }
        Command::Seed { database_url, preset } => seed(&database_url, &preset).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("inbox-server: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn seed(database_url: &str, preset: &str) -> Result<(), Box<dyn std::error::Error>> {
    if preset != "demo" {
        return Err(format!("unknown preset '{preset}' (available: demo)").into());
    }
    let store = inbox_server::store::Store::connect(database_url).await?;
    let n = inbox_server::demo::seed_if_empty(&store).await?;
    println!("seeded {n} dialogs");
    Ok(())
}
