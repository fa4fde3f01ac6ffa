//! `hearth-cli`: the headless companion of Hearth CRM, on the same domain crate.
//! `hearth-cli --db PATH <command> [--json]`

mod backups;
mod bench;
mod deals;
mod exports;
mod history;
mod hygiene;
mod imports;
mod orders;
mod output;
mod personas;
mod reports;
mod score;
mod segments;
mod sequences;
mod service;
mod settings;
mod tiers;
mod stress;

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
        /// How many contacts (companies are a fifth of that, activities about ten times, open
        /// deals a tenth and closed deals four tenths).
        #[arg(long)]
        contacts: Option<u32>,
        /// `small` (2k contacts) or `reference` (100k contacts).
        #[arg(long)]
        scale: Option<String>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Measure the speed of everyday operations on reference data (p50/p95/max; ours vs raw SQLite).
    Bench {
        /// Small data and few iterations (what `cargo xtask test` runs so the command never rots).
        #[arg(long)]
        quick: bool,
        /// Runs per operation (default 200; 20 with --quick).
        #[arg(long)]
        iterations: Option<usize>,
        /// Only these groups of rows (comma-separated): search, lists, contacts, deals, export,
        /// hygiene, history, scoring, segments, sequences, after_sale, reports, backups, import.
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
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
    /// Work with deals: list, show, move between stages.
    Deals {
        #[command(subcommand)]
        command: deals::DealsCommand,
    },
    /// List the pipelines with their stages, probabilities, rotting thresholds and deal counts.
    Pipelines,
    /// Import contacts, companies, deals or activities from CSV/TSV, XLSX or vCard; list and undo imports.
    Import {
        #[command(subcommand)]
        command: imports::ImportCommand,
    },
    /// Export a list (CSV, XLSX, vCard) or everything (ZIP of CSVs with a manifest).
    Export {
        #[command(subcommand)]
        command: exports::ExportCommand,
    },
    /// Find likely duplicates, merge them, undo a merge.
    Duplicates {
        #[command(subcommand)]
        command: hygiene::DuplicatesCommand,
    },
    /// Data-quality checks and bulk fixes.
    Quality {
        #[command(subcommand)]
        command: hygiene::QualityCommand,
    },
    /// Take a verified snapshot now (into the snapshot folder, or --to a folder or a new .db file).
    Backup {
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Replace the database with a snapshot (its file name from `backups`, or a path); the
    /// current data is snapshotted first. Close the app before restoring.
    Restore { snapshot: String },
    /// List the snapshots with their dates, reasons, sizes and record counts.
    Backups,
    /// The writer of the crash-safety test: many small writes, one acknowledged line each.
    #[command(hide = true)]
    WriteStream {
        #[arg(long)]
        prefix: String,
        #[arg(long, default_value_t = 1_000_000)]
        count: u32,
    },
    /// A contact's lead score and why; rescoring; the rules.
    Score {
        #[command(subcommand)]
        command: score::ScoreCommand,
    },
    /// Saved segments: their counts and conversion, and their members.
    Segments {
        #[command(subcommand)]
        command: segments::SegmentsCommand,
    },
    /// Personas with their members and conversion.
    Personas {
        #[command(subcommand)]
        command: personas::PersonasCommand,
    },
    /// Priority tiers A, B and C: handling, members and measured conversion.
    Tiers {
        #[command(subcommand)]
        command: tiers::TiersCommand,
    },
    /// What was done and when (per record too), undo, and how long the history is kept.
    History {
        #[command(subcommand)]
        command: history::HistoryCommand,
    },
    /// Consent, a contact's data export, erasure, the audit log.
    Privacy {
        #[command(subcommand)]
        command: hygiene::PrivacyCommand,
    },
    /// Nurturing sequences: list, enroll contacts or a segment, what is due, run the schedule, reports.
    Sequences {
        #[command(subcommand)]
        command: sequences::SequencesCommand,
    },
    /// The outbox: e-mails waiting, sent or failed; send what is due.
    Outbox {
        #[command(subcommand)]
        command: sequences::OutboxCommand,
    },
    /// The catalogue: products and plans with prices and upgrade paths.
    Products,
    /// Orders: list, show, record, refund; a customer's purchases.
    Orders {
        #[command(subcommand)]
        command: orders::OrdersCommand,
    },
    /// Support tickets: the queue, one ticket, open, reply, status.
    Tickets {
        #[command(subcommand)]
        command: service::TicketsCommand,
    },
    /// Survey answers (CSAT, NPS): list, record.
    Surveys {
        #[command(subcommand)]
        command: service::SurveysCommand,
    },
    /// Upsell and cross-sell suggestions, opportunities, customers at risk, product rules.
    Suggestions {
        #[command(subcommand)]
        command: service::SuggestionsCommand,
    },
    /// A report: dashboard, funnel, pipeline, sources, segments, personas, tiers, deals,
    /// lost_reasons, forecast, activity, sequences, cohorts, repeat, churn, clv, service.
    Report {
        name: String,
        /// Start (YYYY-MM-DD or RFC 3339; default: the report's usual period before --to).
        #[arg(long)]
        from: Option<String>,
        /// End, exclusive (default: now).
        #[arg(long)]
        to: Option<String>,
        /// Only this segment's contacts (name or id).
        #[arg(long)]
        segment: Option<String>,
        /// The pipeline funnel's pipeline (id; default the first).
        #[arg(long)]
        pipeline: Option<String>,
        /// List the records behind a number (its drill key, as in the --json output).
        #[arg(long)]
        records: Option<String>,
        /// Save the report as CSV at this path.
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// SMART goals: list with progress, add, delete.
    Goals {
        #[command(subcommand)]
        command: reports::GoalsCommand,
    },
    /// Regional formats (default currency, locale, date order, clock, week start) and the data folder.
    Settings {
        #[command(subcommand)]
        command: settings::SettingsCommand,
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

/// The same default location as the desktop app (`<data dir>/app.hearthcrm.desktop/hearth.db`,
/// or the folder chosen in its Settings).
fn default_db() -> PathBuf {
    if let Some(p) = std::env::var_os("HEARTH_DB").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    hearth_core::data_folder::db_path(&data_home())
}

/// The desktop app's data folder (`<data dir>/app.hearthcrm.desktop`).
fn data_home() -> PathBuf {
    let base = if cfg!(target_os = "windows") {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    };
    base.unwrap_or_else(|| PathBuf::from(".")).join("app.hearthcrm.desktop")
}

async fn run(cli: Cli) -> Result<(), CoreError> {
    if let Command::Bench { quick, iterations, only } = cli.command {
        return run_bench(cli.db, quick, iterations, only, cli.json).await;
    }
    let path = cli.db.clone().unwrap_or_else(default_db);
    // These work on the file itself (a damaged database can still be restored).
    match cli.command {
        Command::Backup { to } => return backups::backup(&path, to, cli.json).await,
        Command::Restore { snapshot } => return backups::restore(&path, &snapshot, cli.json).await,
        Command::Backups => return backups::list(&path, cli.json).await,
        _ => {}
    }
    let db = hearth_core::open_database(&path).await?;
    let json = cli.json;
    match cli.command {
        Command::Demo => output::demo(json, &demo::load(&db).await?),
        Command::Gen { contacts, scale, seed } => {
            let mut opts = match scale.as_deref() {
                None => GenOptions::new(100_000, seed),
                Some(s) => GenOptions::scale(s, seed).ok_or_else(|| {
                    CoreError::invalid("scale", "unknown_scale", format!("“{s}” is not a scale: use small or reference."))
                })?,
            };
            if let Some(n) = contacts {
                if !(1..=5_000_000).contains(&n) {
                    return Err(CoreError::invalid("contacts", "out_of_range", "Generate between 1 and 5,000,000 contacts."));
                }
                opts = GenOptions::new(n, seed);
            }
            output::generated(json, &generate::generate(&db, opts).await?)
        }
        Command::Bench { .. } | Command::Backup { .. } | Command::Restore { .. } | Command::Backups => {
            unreachable!("handled above")
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
        Command::Deals { command } => deals::run(&db, json, command).await?,
        Command::Pipelines => deals::pipelines(&db, json).await?,
        Command::Import { command } => imports::run(&db, json, command).await?,
        Command::Export { command } => exports::run(&db, json, command).await?,
        Command::Duplicates { command } => hygiene::duplicates(&db, json, command).await?,
        Command::Quality { command } => hygiene::quality(&db, json, command).await?,
        Command::Privacy { command } => hygiene::privacy(&db, json, command).await?,
        Command::Sequences { command } => sequences::run(&db, json, command).await?,
        Command::Outbox { command } => sequences::outbox(&db, json, command).await?,
        Command::Products => orders::products_list(&db, json).await?,
        Command::Orders { command } => orders::run(&db, json, command).await?,
        Command::Tickets { command } => service::tickets_run(&db, json, command).await?,
        Command::Surveys { command } => service::surveys_run(&db, json, command).await?,
        Command::Suggestions { command } => service::suggestions_run(&db, json, command).await?,
        Command::History { command } => history::run(&db, json, command).await?,
        Command::Report { name, from, to, segment, pipeline, records, csv } => {
            reports::run(&db, json, reports::ReportArgs { name, from, to, segment, pipeline, records, csv }).await?
        }
        Command::Goals { command } => reports::goals_run(&db, json, command).await?,
        Command::Settings { command } => {
            let named = cli.db.is_some() || std::env::var_os("HEARTH_DB").is_some_and(|v| !v.is_empty());
            let home = (!named).then(data_home);
            settings::run(&db, &path, home.as_deref(), json, command).await?
        }
        Command::Score { command } => score::run(&db, json, command).await?,
        Command::Segments { command } => segments::run(&db, json, command).await?,
        Command::Personas { command } => personas::run(&db, json, command).await?,
        Command::Tiers { command } => tiers::run(&db, json, command).await?,
        Command::WriteStream { prefix, count } => stress::run(&db, &prefix, count).await?,
    }
    Ok(())
}

/// The bench runs on `--db` when given, else on a reference database kept in the temp folder
/// (generated on first use: 100k contacts, or 2k with `--quick` in a fresh temp file).
async fn run_bench(db: Option<PathBuf>, quick: bool, iterations: Option<usize>, only: Vec<String>, json: bool) -> Result<(), CoreError> {
    if let Some(bad) = only.iter().find(|g| !bench::GROUPS.contains(&g.as_str())) {
        return Err(CoreError::invalid("only", "unknown_group", format!("“{bad}” is not a group of bench rows: use {}.", bench::GROUPS.join(", "))));
    }
    let _tmp;
    let ours = db.is_none();
    let path = match (db, quick) {
        (Some(p), _) => p,
        (None, true) => {
            _tmp = tempfile_dir()?;
            _tmp.join("bench-quick.db")
        }
        (None, false) => std::env::temp_dir().join("hearth-reference-seed1.db"),
    };
    let mut conn = hearth_core::open_database(&path).await?;
    let status = hearth_core::meta::status(&conn).await?;
    let current = generate::GENERATOR_VERSION.to_string();
    if ours && status.contact_count > 0 && hearth_core::meta::get(&conn, generate::GENERATOR_KEY).await?.as_deref() != Some(current.as_str()) {
        // The cached reference database was written by an older generator (e.g. before deals).
        eprintln!("{} was written by an older generator: writing it again …", path.display());
        conn.close().await?;
        for suffix in ["", "-wal", "-shm"] {
            let file = PathBuf::from(format!("{}{suffix}", path.display()));
            match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(CoreError::Storage { message: format!("cannot remove {}: {e}", file.display()) });
                }
                _ => {}
            }
        }
        conn = hearth_core::open_database(&path).await?;
    }
    let status = hearth_core::meta::status(&conn).await?;
    let mut generated_in_s = None;
    if status.contact_count == 0 {
        let opts = GenOptions::scale(if quick { "small" } else { "reference" }, 1).expect("known scale");
        eprintln!("generating {} contacts into {} …", opts.contacts, path.display());
        generated_in_s = Some(generate::generate(&conn, opts).await?.seconds);
    }
    let status = hearth_core::meta::status(&conn).await?;
    let opts = bench::Options { iterations: iterations.unwrap_or(if quick { 20 } else { 200 }).max(1), only };
    let rows = bench::run(&conn, &path, &opts).await.map_err(|m| CoreError::Storage { message: m })?;
    let report = bench::BenchReport {
        database: path.display().to_string(),
        contacts: status.contact_count,
        companies: status.company_count,
        generated_in_s,
        rows,
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        bench::print(&report);
    }
    Ok(())
}

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn join(&self, p: &str) -> PathBuf {
        self.0.join(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tempfile_dir() -> Result<TempDir, CoreError> {
    let dir = std::env::temp_dir().join(format!("hearth-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| CoreError::Storage { message: e.to_string() })?;
    Ok(TempDir(dir))
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
                CoreError::Cancelled { .. } => 5,
                CoreError::Storage { .. } => 1,
                CoreError::Database { .. } => 6,
            })
        }
    }
}
