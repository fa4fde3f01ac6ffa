//! `hearth-cli duplicates|merge|quality|privacy …`: keep the data clean and honour privacy.

use clap::Subcommand;
use hearth_core::{CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum DuplicatesCommand {
    /// Groups of likely duplicates, highest confidence first.
    List {
        /// contact or company (both when absent).
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Merge OTHER_IDs into SURVIVOR_ID: their links move to it and they go to the trash.
    Merge {
        survivor_id: String,
        #[arg(required = true)]
        other_ids: Vec<String>,
        /// Take a field from one of the records, e.g. --take title=ID (repeatable). Other fields
        /// keep the survivor's value; e-mails, phones and tags are united.
        #[arg(long = "take", value_name = "FIELD=ID")]
        take: Vec<String>,
        /// contact or company (found from the survivor's id when absent).
        #[arg(long)]
        kind: Option<String>,
    },
    /// Undo a merge: the merged records come back with everything that moved.
    Undo { merge_id: String },
    /// Merges, newest first.
    Merges,
}

#[derive(Subcommand)]
pub enum QualityCommand {
    /// How many records each data-quality check finds.
    Overview,
    /// The records one check finds (by name), with what is wrong.
    List {
        /// contacts_unreachable, contacts_without_company, invalid_emails, bounced_emails,
        /// not_touched, companies_without_domain or companies_without_contacts.
        check: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Set N for "contacts not touched in N days" (1–3650).
    StaleDays { days: u32 },
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

/// A value of one of the core's snake_case enums, from what was typed (`not-touched` works too).
fn parse_enum<T: serde::de::DeserializeOwned>(field: &str, raw: &str, allowed: &str) -> Result<T, CoreError> {
    let v = raw.trim().to_lowercase().replace('-', "_");
    serde_json::from_value(serde_json::Value::String(v))
        .map_err(|_| CoreError::invalid(field, &format!("unknown_{field}"), format!("“{raw}” is not a {field}: use {allowed}.")))
}

const KINDS: &str = "contact or company";
const CHECKS: &str = "contacts_unreachable, contacts_without_company, invalid_emails, bounced_emails, not_touched, \
                      companies_without_domain or companies_without_contacts";

fn reason_label(r: hearth_core::duplicates::DuplicateReason) -> &'static str {
    use hearth_core::duplicates::DuplicateReason::*;
    match r {
        SameEmail => "same e-mail",
        SamePhone => "same phone",
        SimilarName => "similar name",
        SameDomain => "same domain",
    }
}

fn kind_label(k: hearth_core::duplicates::RecordKind, n: u32) -> &'static str {
    use hearth_core::duplicates::RecordKind::*;
    match (k, n) {
        (Contact, 1) => "contact",
        (Contact, _) => "contacts",
        (Company, 1) => "company",
        (Company, _) => "companies",
    }
}

fn print_merge(m: &hearth_core::duplicates::MergeRecord) {
    println!(
        "{:<36}  {:<8}  {:<28}  {:>6}  {}  {}",
        m.id,
        kind_label(m.kind, 1),
        crate::output::cut(&m.survivor_name, 28),
        m.merged_count,
        m.merged_at.format("%Y-%m-%d %H:%M"),
        m.undone_at.map(|t| format!("undone {}", t.format("%Y-%m-%d %H:%M"))).unwrap_or_default()
    );
}

pub async fn duplicates(db: &DatabaseConnection, json: bool, command: DuplicatesCommand) -> Result<(), CoreError> {
    use crate::output::{cut, print_json};
    use hearth_core::duplicates::{self, DuplicateQuery, FieldChoice, MergeInput, RecordKind};
    match command {
        DuplicatesCommand::List { kind, limit, offset } => {
            let kind = kind.as_deref().map(|k| parse_enum::<RecordKind>("kind", k, KINDS)).transpose()?;
            let page = duplicates::find(db, &DuplicateQuery { kind, offset, limit: Some(limit) }).await?;
            if json {
                print_json(&page);
                return Ok(());
            }
            for g in &page.groups {
                println!("{:>3}%  {:<12}  {}", g.confidence, reason_label(g.reason), g.detail);
                for r in &g.records {
                    println!("      {:<36}  {:<28}  {}", r.id, cut(&r.name, 28), r.subtitle.as_deref().unwrap_or(""));
                }
            }
            if page.groups.is_empty() && offset == 0 {
                println!("No likely duplicates.");
            } else {
                println!("{} of {} groups (from {offset})", page.groups.len(), page.total);
            }
        }
        DuplicatesCommand::Merge { survivor_id, other_ids, take, kind } => {
            let kind = match kind {
                Some(k) => parse_enum::<RecordKind>("kind", &k, KINDS)?,
                None if hearth_core::contacts::get(db, &survivor_id).await.is_ok() => RecordKind::Contact,
                None if hearth_core::companies::get(db, &survivor_id).await.is_ok() => RecordKind::Company,
                None => return Err(CoreError::not_found("contact or company", &survivor_id)),
            };
            let mut choices = Vec::new();
            for (i, t) in take.iter().enumerate() {
                let (field, from) = t.split_once('=').ok_or_else(|| {
                    CoreError::invalid(&format!("take.{i}"), "invalid_take", format!("“{t}” is not FIELD=ID, e.g. title={survivor_id}."))
                })?;
                choices.push(FieldChoice { field: field.trim().to_string(), from_id: from.trim().to_string() });
            }
            let m = duplicates::merge(db, &MergeInput { kind, survivor_id, merged_ids: other_ids, choices }).await?;
            if json {
                print_json(&m);
            } else {
                println!(
                    "Merged {} {} into {} ({}). Undo with: hearth-cli duplicates undo {}",
                    m.merged_count,
                    kind_label(m.kind, m.merged_count),
                    m.survivor_name,
                    m.survivor_id,
                    m.id
                );
            }
        }
        DuplicatesCommand::Undo { merge_id } => {
            let m = duplicates::undo_merge(db, &merge_id).await?;
            if json {
                print_json(&m);
            } else {
                println!("Undid merge {}: {} {} back beside {}.", m.id, m.merged_count, kind_label(m.kind, m.merged_count), m.survivor_name);
            }
        }
        DuplicatesCommand::Merges => {
            let list = duplicates::merges(db).await?;
            if json {
                print_json(&list);
                return Ok(());
            }
            println!("{:<36}  {:<8}  {:<28}  {:>6}  {:<16}", "ID", "KIND", "SURVIVOR", "MERGED", "AT");
            for m in &list {
                print_merge(m);
            }
            println!("{} merges", list.len());
        }
    }
    Ok(())
}

fn print_overview(o: &hearth_core::hygiene::QualityOverview) {
    println!("{:>7}  {:<28}  LABEL", "COUNT", "CHECK");
    for c in &o.checks {
        let name = serde_json::to_value(c.check).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        println!("{:>7}  {:<28}  {}", c.count, name, c.label);
    }
    println!("Not touched means no call, e-mail or meeting in {} days.", o.stale_days);
}

pub async fn quality(db: &DatabaseConnection, json: bool, command: QualityCommand) -> Result<(), CoreError> {
    use crate::output::{cut, print_json};
    use hearth_core::hygiene::{self, QualityCheck};
    match command {
        QualityCommand::Overview => {
            let o = hygiene::overview(db).await?;
            if json {
                print_json(&o);
            } else {
                print_overview(&o);
            }
        }
        QualityCommand::List { check, limit, offset } => {
            let check = parse_enum::<QualityCheck>("check", &check, CHECKS)?;
            let page = hygiene::rows(db, check, offset, Some(limit)).await?;
            if json {
                print_json(&page);
                return Ok(());
            }
            println!("{:<36}  {:<30}  DETAIL", "ID", "NAME");
            for r in &page.rows {
                println!("{:<36}  {:<30}  {}", r.id, cut(&r.name, 30), r.detail.as_deref().unwrap_or(""));
            }
            println!("{} of {} (from {offset})", page.rows.len(), page.total);
        }
        QualityCommand::StaleDays { days } => {
            let o = hygiene::set_stale_days(db, days).await?;
            if json {
                print_json(&o);
            } else {
                print_overview(&o);
            }
        }
    }
    Ok(())
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
