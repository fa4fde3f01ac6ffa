//! `hearth-cli duplicates|merge|quality|privacy …`: keep the data clean and honour privacy.

use clap::Subcommand;
use hearth_core::{CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum DuplicatesCommand {
    /// Groups of likely duplicates, highest confidence first.
    List,
}

#[derive(Subcommand)]
pub enum QualityCommand {
    /// How many records each data-quality check finds.
    Overview,
}

#[derive(Subcommand)]
pub enum PrivacyCommand {
    /// Everything held about one contact, as JSON (to stdout, or to --out).
    ExportContact {
        id: String,
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Erase a contact for good (their record, e-mails, phones, tags, consents, their
    /// activities' personal content). Needs --yes.
    Erase {
        id: String,
        /// Confirms the erasure (it cannot be undone).
        #[arg(long)]
        yes: bool,
    },
    /// A contact's consents: the current state per purpose and the history.
    Consent { id: String },
    /// Record a consent given or withdrawn.
    ConsentAdd {
        id: String,
        /// marketing_email, newsletter, phone_calls or sms.
        #[arg(long)]
        purpose: String,
        /// true (given) or false (withdrawn).
        #[arg(long, action = clap::ArgAction::Set)]
        granted: bool,
        /// Where: "Web form", "In person", "E-mail reply"…
        #[arg(long)]
        source: String,
        /// The wording they agreed to.
        #[arg(long)]
        wording: Option<String>,
        /// When (RFC 3339, e.g. 2026-03-31T10:00:00Z); now when absent.
        #[arg(long)]
        at: Option<String>,
    },
    /// Whether a contact may be contacted for a purpose, and if not, why.
    MayContact {
        id: String,
        #[arg(long)]
        purpose: String,
    },
    /// The audit log (erasures, …), newest first.
    Audit {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

pub async fn duplicates(_db: &DatabaseConnection, _json: bool, _command: DuplicatesCommand) -> Result<(), CoreError> {
    Err(CoreError::conflict("duplicates are being built"))
}

pub async fn quality(_db: &DatabaseConnection, _json: bool, _command: QualityCommand) -> Result<(), CoreError> {
    Err(CoreError::conflict("data quality is being built"))
}

pub async fn privacy(db: &DatabaseConnection, json: bool, command: PrivacyCommand) -> Result<(), CoreError> {
    use crate::output::print_json;
    use hearth_core::privacy::{self, ConsentInput, ConsentState, Purpose};
    let purpose = |raw: &str| {
        Purpose::parse(&raw.trim().to_lowercase().replace('-', "_")).ok_or_else(|| {
            CoreError::invalid("purpose", "unknown_purpose", format!("“{raw}” is not a purpose: use marketing_email, newsletter, phone_calls or sms."))
        })
    };
    let print_state = |s: &ConsentState| {
        if json {
            return print_json(s);
        }
        println!("Do not contact: {}", if s.do_not_contact { "yes" } else { "no" });
        if s.history.is_empty() {
            println!("No consents on record.");
        }
        println!("{:<16}  {:<9}  {:<20}  {:<24}  WORDING", "PURPOSE", "STATE", "SOURCE", "RECORDED");
        for c in &s.history {
            let current = s.current.iter().any(|x| x.id == c.id);
            println!(
                "{:<16}  {:<9}  {:<20}  {:<24}  {}",
                c.purpose.as_str(),
                if c.granted { "granted" } else { "withdrawn" },
                crate::output::cut(&c.source, 20),
                format!("{}{}", c.recorded_at.format("%Y-%m-%d %H:%M UTC"), if current { " *" } else { "" }),
                crate::output::cut(c.wording.as_deref().unwrap_or(""), 50)
            );
        }
    };
    match command {
        PrivacyCommand::ExportContact { id, out } => {
            let doc = privacy::export_contact(db, &id).await?;
            match out {
                None => println!("{doc}"),
                Some(path) => {
                    std::fs::write(&path, doc.as_bytes())
                        .map_err(|e| CoreError::Storage { message: format!("cannot write {}: {e}", path.display()) })?;
                    if json {
                        print_json(&serde_json::json!({ "path": path.display().to_string(), "bytes": doc.len() }));
                    } else {
                        println!("Wrote everything held about {id} to {} ({} bytes).", path.display(), doc.len());
                    }
                }
            }
        }
        PrivacyCommand::Erase { id, yes } => {
            if !yes {
                return Err(CoreError::invalid("yes", "confirmation_required", "Erasing a contact cannot be undone: add --yes to confirm."));
            }
            let r = privacy::erase_contact(db, &id).await?;
            if json {
                print_json(&r);
            } else {
                println!(
                    "Erased the contact: {} activities deleted, {} kept without personal content (audit entry {}).",
                    r.activities_erased, r.activities_kept_anonymised, r.audit_id
                );
            }
        }
        PrivacyCommand::Consent { id } => print_state(&privacy::consents(db, &id).await?),
        PrivacyCommand::ConsentAdd { id, purpose: p, granted, source, wording, at } => {
            let recorded_at = match at {
                None => None,
                Some(raw) => Some(chrono::DateTime::parse_from_rfc3339(raw.trim()).map(|t| t.with_timezone(&chrono::Utc)).map_err(|_| {
                    CoreError::invalid("at", "invalid_date", format!("“{raw}” is not a time like 2026-03-31T10:00:00Z."))
                })?),
            };
            let input = ConsentInput { purpose: purpose(&p)?, granted, source, wording, recorded_at };
            print_state(&privacy::record_consent(db, &id, &input).await?);
        }
        PrivacyCommand::MayContact { id, purpose: p } => {
            let r = privacy::may_contact(db, &id, purpose(&p)?).await?;
            if json {
                print_json(&r);
            } else if r.allowed {
                println!("Allowed.");
            } else {
                println!("Not allowed: {}", r.reason.unwrap_or_default());
            }
        }
        PrivacyCommand::Audit { limit } => {
            let log = privacy::audit_log(db, Some(limit)).await?;
            if json {
                print_json(&log);
                return Ok(());
            }
            for e in &log {
                println!("{}  {:<8}  {:<8}  {}", e.at.format("%Y-%m-%d %H:%M UTC"), e.action, e.entity, e.detail);
            }
            if log.is_empty() {
                println!("The audit log is empty.");
            }
        }
    }
    Ok(())
}
