//! `hearth-cli history`: what was done and when, undo, and how long the history is kept.

use crate::output::{cut, print_json};
use chrono::Local;
use clap::Subcommand;
use hearth_core::history::{self, ActionKind, HistoryAction, HistoryQuery};
use hearth_core::{CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum HistoryCommand {
    /// The newest actions first, with what each changed (or only those about one record).
    List {
        /// Only what touched this contact.
        #[arg(long, conflicts_with_all = ["company", "deal"])]
        contact: Option<String>,
        #[arg(long, conflicts_with = "deal")]
        company: Option<String>,
        #[arg(long)]
        deal: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Undo an action (its number from `history list`), or the newest one.
    Undo { action: Option<i64> },
    /// Delete actions older than the retention period (at least 90 days).
    Prune,
    /// Keep the history this many days (90 or more).
    Keep { days: u32 },
}

pub async fn run(db: &DatabaseConnection, json: bool, command: HistoryCommand) -> Result<(), CoreError> {
    match command {
        HistoryCommand::List { contact, company, deal, limit } => {
            let record = match (contact, company, deal) {
                (Some(id), _, _) => Some(("contacts", id)),
                (_, Some(id), _) => Some(("companies", id)),
                (_, _, Some(id)) => Some(("deals", id)),
                _ => None,
            };
            let q = HistoryQuery {
                entity: record.as_ref().map(|r| r.0.to_string()),
                record_id: record.map(|r| r.1),
                limit: Some(limit),
                ..Default::default()
            };
            let page = history::list(db, &q).await?;
            if json {
                print_json(&page);
                return Ok(());
            }
            if page.actions.is_empty() {
                println!("(nothing recorded)");
            }
            for a in &page.actions {
                print_action(a);
            }
        }
        HistoryCommand::Undo { action } => {
            let a = match action {
                Some(id) => history::undo(db, id).await?,
                None => history::undo_last(db).await?,
            };
            if json {
                print_json(&a);
                return Ok(());
            }
            println!("Undone: {}", sentence(&a));
        }
        HistoryCommand::Prune => {
            let n = history::prune(db, chrono::Utc::now()).await?;
            let s = history::settings(db).await?;
            if json {
                print_json(&serde_json::json!({ "pruned": n, "settings": s }));
                return Ok(());
            }
            println!("Pruned {n} action(s) older than {} days.", s.retention_days);
        }
        HistoryCommand::Keep { days } => {
            let s = history::set_retention(db, days).await?;
            if json {
                print_json(&s);
                return Ok(());
            }
            println!("The history is kept {} days.", s.retention_days);
        }
    }
    Ok(())
}

/// "Edited contact Jane Doe", "Imported people.csv" …
pub fn sentence(a: &HistoryAction) -> String {
    let noun = match a.entity.as_deref() {
        Some("contacts") => "contact",
        Some("companies") => "company",
        Some("deals") => "deal",
        Some("activities") => "activity",
        Some("pipelines") => "pipeline",
        Some("lead_sources") => "lead source",
        Some("lost_reasons") => "lost reason",
        _ => "",
    };
    let verb = match a.kind {
        ActionKind::Create => format!("Created {noun}"),
        ActionKind::Update => format!("Edited {noun}"),
        ActionKind::Delete => format!("Deleted {noun}"),
        ActionKind::Restore => format!("Restored {noun}"),
        ActionKind::StageMove => format!("Moved {noun}"),
        ActionKind::Merge => "Merged into".to_string(),
        ActionKind::Import => "Imported".to_string(),
        ActionKind::Bulk => "Changed".to_string(),
        ActionKind::Undo => "Undid a change to".to_string(),
        ActionKind::Erase => "Erased a contact's personal data".to_string(),
    };
    if a.kind == ActionKind::Erase {
        return verb;
    }
    if a.kind == ActionKind::Undo && a.entity.as_deref() == Some("imports") {
        return format!("Undid the import of {}", a.subject);
    }
    format!("{verb} {}", a.subject).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn print_action(a: &HistoryAction) {
    let when = a.at.with_timezone(&Local).format("%Y-%m-%d %H:%M");
    let state = if a.undone_at.is_some() { "  (undone)" } else { "" };
    println!("#{:<6} {when}  {}{state}", a.id, cut(&sentence(a), 70));
    for c in &a.changes {
        if c.fields.is_empty() {
            println!("         {:?}: {}", c.kind, cut(&c.what, 60));
        }
        for f in &c.fields {
            let v = |x: &Option<String>| cut(x.as_deref().unwrap_or("–"), 30);
            println!("         {}: {} → {}", f.label, v(&f.before), v(&f.after));
        }
    }
}
