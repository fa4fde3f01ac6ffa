//! `hearth-cli import …`: import a file without the UI; list and undo past imports, save the
//! rejected rows of one as CSV.

use crate::output::{cut, print_json};
use clap::{Args, Subcommand};
use hearth_core::import::{self, ImportKind, ImportOptions, ImportRecord, ImportStatus, Mapping, MatchBy, OnMatch, Preview, RowAction};
use hearth_core::{CoreError, DatabaseConnection};
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

#[derive(Args)]
pub struct FileArgs {
    /// The file: CSV/TSV (any common encoding), XLSX or vCard (.vcf).
    file: PathBuf,
    /// A mapping as JSON (the `Mapping` the app uses: columns with header and target).
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// A mapping saved in the app, by name.
    #[arg(long)]
    saved: Option<String>,
    /// XLSX: the sheet to read (default: the first).
    #[arg(long)]
    sheet: Option<String>,
    /// What to do with a row that matches an existing record: update or skip.
    #[arg(long, default_value = "update")]
    on_match: String,
    /// How rows match existing records, comma-separated: email, phone, external_id, domain, or
    /// none (default: email,external_id for contacts; domain,external_id for companies;
    /// external_id (the order number) for deals and orders).
    #[arg(long)]
    match_by: Option<String>,
    /// A tag added to every created or updated record (repeatable).
    #[arg(long)]
    tag: Vec<String>,
    /// Show what would happen (a preview of every row); write nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Import contacts.
    Contacts(FileArgs),
    /// Import companies.
    Companies(FileArgs),
    /// Import deals.
    Deals(FileArgs),
    /// Import activities (calls, e-mails, meetings, notes, tasks).
    Activities(FileArgs),
    /// Import orders: one row per order line, the rows with the same order number make one
    /// order (Shopify, WooCommerce, Stripe or any CSV/XLSX of order lines).
    Orders(FileArgs),
    /// Import survey answers (CSAT 1–5, NPS 0–10).
    Surveys(FileArgs),
    /// Past imports, newest first.
    List,
    /// Undo a whole import: created records go to the trash, updated ones get their values back.
    Undo { id: String },
    /// Write an import's rejected rows as CSV (with a Reason column) to fix and import again.
    Rejects { id: String, out: PathBuf },
}

fn invalid(field: &str, code: &str, message: String) -> CoreError {
    CoreError::invalid(field, code, message)
}

fn default_match(kind: ImportKind) -> Vec<MatchBy> {
    match kind {
        ImportKind::Contacts => vec![MatchBy::Email, MatchBy::ExternalId],
        ImportKind::Companies => vec![MatchBy::Domain, MatchBy::ExternalId],
        ImportKind::Deals | ImportKind::Orders => vec![MatchBy::ExternalId],
        ImportKind::Activities | ImportKind::SurveyResponses => vec![],
    }
}

fn parse_match(s: &str) -> Result<Vec<MatchBy>, CoreError> {
    let mut out = Vec::new();
    for part in s.split(',').map(|p| p.trim().to_lowercase()).filter(|p| !p.is_empty()) {
        out.push(match part.replace('-', "_").as_str() {
            "email" | "e_mail" => MatchBy::Email,
            "phone" => MatchBy::Phone,
            "external_id" | "id" => MatchBy::ExternalId,
            "domain" => MatchBy::Domain,
            "none" => continue,
            _ => return Err(invalid("match_by", "unknown_rule", format!("“{part}” is not a match rule: use email, phone, external_id, domain or none."))),
        });
    }
    Ok(out)
}

async fn options(db: &DatabaseConnection, kind: ImportKind, a: &FileArgs) -> Result<ImportOptions, CoreError> {
    let info = import::open_file(db, kind, &a.file, a.sheet.as_deref()).await?;
    let mapping = match (&a.mapping, &a.saved) {
        (Some(_), Some(_)) => return Err(invalid("mapping", "two_mappings", "Give either --mapping or --saved, not both.".into())),
        (Some(path), None) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| invalid("mapping", "unreadable", format!("Cannot read {}: {e}.", path.display())))?;
            let m: Mapping = serde_json::from_str(&text)
                .map_err(|e| invalid("mapping", "bad_json", format!("{} is not a mapping ({e}).", path.display())))?;
            import::apply_mapping(&m, &info.headers)
        }
        (None, Some(name)) => {
            let saved = info.saved_mappings.iter().find(|m| m.name.eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
                let names: Vec<&str> = info.saved_mappings.iter().map(|m| m.name.as_str()).collect();
                invalid("saved", "unknown_mapping", format!("No saved mapping is named “{name}” (saved: {}).", if names.is_empty() { "none".into() } else { names.join(", ") }))
            })?;
            import::apply_mapping(&saved.mapping, &info.headers)
        }
        (None, None) => info.suggested.clone(),
    };
    let on_match = match a.on_match.to_lowercase().as_str() {
        "update" => OnMatch::Update,
        "skip" => OnMatch::Skip,
        other => return Err(invalid("on_match", "unknown_rule", format!("“{other}” is not a rule: use update or skip."))),
    };
    let match_by = match &a.match_by {
        Some(s) => parse_match(s)?,
        None => default_match(kind),
    };
    Ok(ImportOptions { kind, path: a.file.display().to_string(), sheet: info.sheet.clone(), mapping, on_match, match_by, tags: a.tag.clone() })
}

fn action(a: RowAction) -> &'static str {
    match a {
        RowAction::Create => "create",
        RowAction::Update => "update",
        RowAction::Skip => "skip",
        RowAction::Reject => "reject",
    }
}

fn print_preview(p: &Preview) {
    for w in &p.warnings {
        println!("warning: {w}");
    }
    for f in &p.missing_required {
        println!("missing: no column is mapped to “{}”", f.label);
    }
    println!("Dry run (nothing written): {} to create, {} to update, {} to skip, {} rejected.", p.counts.create, p.counts.update, p.counts.skip, p.counts.reject);
    println!("{:>6}  {:<7}  {:<40}  WHY", "ROW", "ACTION", "MATCHED");
    for r in &p.rows {
        let matched = r.matched.as_ref().map(|m| m.name.clone()).unwrap_or_default();
        let why = r.issues.iter().map(|i| i.message.clone()).collect::<Vec<_>>().join("; ");
        println!("{:>6}  {:<7}  {:<40}  {}", r.row_number, action(r.action), cut(&matched, 40), why);
    }
}

fn print_records(list: &[ImportRecord]) {
    println!("{:<36}  {:<10}  {:<28}  {:<7}  {:>7}  {:>7}  {:>7}  {:>8}  STARTED", "ID", "KIND", "FILE", "STATUS", "CREATED", "UPDATED", "SKIPPED", "REJECTED");
    for r in list {
        let kind = serde_json::to_value(r.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let status = if r.status == ImportStatus::Undone { "undone" } else { "done" };
        println!(
            "{:<36}  {:<10}  {:<28}  {:<7}  {:>7}  {:>7}  {:>7}  {:>8}  {}",
            r.id, kind, cut(&r.file_name, 28), status, r.counts.create, r.counts.update, r.counts.skip, r.counts.reject,
            r.started_at.format("%Y-%m-%d %H:%M")
        );
    }
}

async fn import_file(db: &DatabaseConnection, json: bool, kind: ImportKind, a: FileArgs) -> Result<(), CoreError> {
    let opts = options(db, kind, &a).await?;
    if a.dry_run {
        let p = import::preview(db, &opts).await?;
        if json {
            print_json(&p);
        } else {
            print_preview(&p);
        }
        return Ok(());
    }
    let progress = |p: import::ImportProgress| {
        let pct = if p.bytes_total > 0 { p.bytes_done * 100 / p.bytes_total } else { 0 };
        eprint!("\r{} rows read ({pct} %)", p.rows_done);
        let _ = std::io::stderr().flush();
    };
    let s = import::run(db, &opts, &progress, &AtomicBool::new(false)).await?;
    eprintln!();
    if json {
        print_json(&s);
        return Ok(());
    }
    println!("Imported {} in {:.1} s (import {}).", s.file_name, s.duration_ms as f64 / 1000.0, s.import_id);
    if kind == ImportKind::Orders {
        println!("Rows are order lines (the lines of one order share its action):");
    }
    println!("  created   {:>8}", s.counts.create);
    println!("  updated   {:>8}", s.counts.update);
    println!("  skipped   {:>8}", s.counts.skip);
    println!("  rejected  {:>8}", s.counts.reject);
    if !s.rejected.is_empty() {
        println!("Rejected rows (save them all with `hearth-cli import rejects {} OUT.csv`):", s.import_id);
        for r in s.rejected.iter().take(20) {
            println!("  row {:>6}: {}", r.row_number, r.reason);
        }
        if s.counts.reject > 20 {
            println!("  … and {} more", s.counts.reject - 20);
        }
    }
    Ok(())
}

pub async fn run(db: &DatabaseConnection, json: bool, command: ImportCommand) -> Result<(), CoreError> {
    match command {
        ImportCommand::Contacts(a) => import_file(db, json, ImportKind::Contacts, a).await,
        ImportCommand::Companies(a) => import_file(db, json, ImportKind::Companies, a).await,
        ImportCommand::Deals(a) => import_file(db, json, ImportKind::Deals, a).await,
        ImportCommand::Activities(a) => import_file(db, json, ImportKind::Activities, a).await,
        ImportCommand::Orders(a) => import_file(db, json, ImportKind::Orders, a).await,
        ImportCommand::Surveys(a) => import_file(db, json, ImportKind::SurveyResponses, a).await,
        ImportCommand::List => {
            let list = import::history(db).await?;
            if json {
                print_json(&list);
            } else if list.is_empty() {
                println!("No imports yet.");
            } else {
                print_records(&list);
            }
            Ok(())
        }
        ImportCommand::Undo { id } => {
            let r = import::undo(db, &id).await?;
            if json {
                print_json(&r);
            } else {
                match r.kind {
                    ImportKind::Orders => println!(
                        "Undid the import of {}: the orders it created are deleted with their lines and subscriptions, those it updated have their earlier values.",
                        r.file_name
                    ),
                    ImportKind::SurveyResponses => println!("Undid the import of {}: its {} answers are deleted with their follow-ups.", r.file_name, r.counts.create),
                    _ => println!(
                        "Undid the import of {}: {} created records are in the trash, {} updated records have their earlier values.",
                        r.file_name, r.counts.create, r.counts.update
                    ),
                }
            }
            Ok(())
        }
        ImportCommand::Rejects { id, out } => {
            let n = import::write_rejects(db, &id, &out).await?;
            if json {
                print_json(&serde_json::json!({ "rows": n, "path": out.display().to_string() }));
            } else {
                println!("Wrote {n} rejected rows to {}.", out.display());
            }
            Ok(())
        }
    }
}
