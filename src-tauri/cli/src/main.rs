//! `hearth-cli`: the headless companion of Hearth CRM, on the same domain crate.
//! `hearth-cli --db PATH <command> [--json]`

mod output;

use clap::{Parser, Subcommand};
use hearth_core::companies::{self, CompanyQuery};
use hearth_core::contacts::{self, ContactFilter, ContactQuery};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::generate::{self, GenOptions};
use hearth_core::{demo, search, CoreError};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "hearth-cli", version, about = "Hearth CRM from the command line")]
struct Cli {
    /// The database file (default: $HEARTH_DB, else the app's data folder).
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load the demo business into an empty database.
    Demo,
    /// Generate deterministic reference data (default 100k contacts) into an empty database.
    Gen {
        /// How many contacts (companies are a fifth of that, activities about ten times).
        #[arg(long)]
        contacts: Option<u32>,
        /// `small` (2k contacts) or `reference` (100k contacts).
        #[arg(long)]
        scale: Option<String>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Work with contacts.
    Contacts {
        #[command(subcommand)]
        command: ContactsCommand,
    },
    /// Work with companies.
    Companies {
        #[command(subcommand)]
        command: CompaniesCommand,
    },
}

#[derive(Subcommand)]
enum ContactsCommand {
    /// List contacts (sorted by name).
    List {
        /// Lifecycle stage: reach, acquisition, conversion, retention or loyalty.
        #[arg(long)]
        stage: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Find contacts and companies by any part of name, e-mail, phone, company, tag or note.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Show one contact.
    Show { id: String },
}

#[derive(Subcommand)]
enum CompaniesCommand {
    /// List companies (sorted by name).
    List {
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
}

/// The same default location as the desktop app (`<data dir>/app.hearthcrm.desktop/hearth.db`).
fn default_db() -> PathBuf {
    if let Some(p) = std::env::var_os("HEARTH_DB").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    let base = if cfg!(target_os = "windows") {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    };
    base.unwrap_or_else(|| PathBuf::from(".")).join("app.hearthcrm.desktop").join("hearth.db")
}

async fn run(cli: Cli) -> Result<(), CoreError> {
    let path = cli.db.clone().unwrap_or_else(default_db);
    let db = hearth_core::open_database(&path).await?;
    let json = cli.json;
    match cli.command {
        Command::Demo => output::demo(json, &demo::load(&db).await?),
        Command::Gen { contacts, scale, seed } => {
            let mut opts = match scale.as_deref() {
                None => GenOptions { contacts: 100_000, seed },
                Some(s) => GenOptions::scale(s, seed).ok_or_else(|| {
                    CoreError::invalid("scale", "unknown_scale", format!("“{s}” is not a scale: use small or reference."))
                })?,
            };
            if let Some(n) = contacts {
                if !(1..=5_000_000).contains(&n) {
                    return Err(CoreError::invalid("contacts", "out_of_range", "Generate between 1 and 5,000,000 contacts."));
                }
                opts.contacts = n;
            }
            output::generated(json, &generate::generate(&db, opts).await?)
        }
        Command::Contacts { command } => match command {
            ContactsCommand::List { stage, tag, owner, limit, offset } => {
                let stage = match stage {
                    Some(s) => Some(LifecycleStage::parse(&s.to_lowercase()).ok_or_else(|| {
                        CoreError::invalid("stage", "unknown_stage", format!("“{s}” is not a stage: use reach, acquisition, conversion, retention or loyalty."))
                    })?),
                    None => None,
                };
                let q = ContactQuery {
                    filter: ContactFilter { stage, tag, owner, ..Default::default() },
                    offset,
                    limit: Some(limit),
                    ..Default::default()
                };
                output::contacts(json, &contacts::list(&db, &q).await?)
            }
            ContactsCommand::Search { query, limit } => output::hits(json, &search::search(&db, &query, Some(limit)).await?),
            ContactsCommand::Show { id } => output::contact(json, &contacts::get(&db, &id).await?),
        },
        Command::Companies { command: CompaniesCommand::List { limit, offset } } => {
            let q = CompanyQuery { offset, limit: Some(limit), ..Default::default() };
            output::companies(json, &companies::list(&db, &q).await?)
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    match rt.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if json {
                eprintln!("{}", serde_json::to_string(&e).unwrap_or_default());
            } else {
                eprintln!("error: {e}");
            }
            ExitCode::from(match e {
                CoreError::NotFound { .. } => 3,
                CoreError::Validation { .. } => 2,
                CoreError::Conflict { .. } => 4,
                CoreError::Storage { .. } => 1,
            })
        }
    }
}
