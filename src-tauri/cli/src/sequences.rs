//! `hearth-cli sequences …` and `hearth-cli outbox …`: the nurturing schedule without the app —
//! list sequences, enrol contacts or a segment, see (and run) what is due, the outbox and
//! sending it. The mail server's password comes from the OS keychain, or from
//! `HEARTH_SMTP_PASSWORD` where there is none.

use crate::output::{cut, print_json};
use chrono::{DateTime, Utc};
use clap::Subcommand;
use hearth_core::mail::secrets::KeychainOrMemory;
use hearth_core::outbox::{self, OutboxStatus};
use hearth_core::sequences::{self, EnrolTarget};
use hearth_core::sending::{self, Security, SmtpSettings};
use hearth_core::{mail, CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum SequencesCommand {
    /// The sequences with their steps and enrolments (active, paused, finished, exited).
    List,
    /// Enrol contacts (by id or e-mail, repeatable) or a whole segment (by name) in a sequence
    /// (by name or id).
    Enroll {
        sequence: String,
        #[arg(long)]
        contact: Vec<String>,
        #[arg(long)]
        email: Vec<String>,
        #[arg(long)]
        segment: Option<String>,
    },
    /// What is due: enrolments whose next step falls due by `--at` (default now), and calls,
    /// tasks and hand-sent e-mails waiting to be done.
    Due {
        #[arg(long)]
        at: Option<DateTime<Utc>>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Run the schedule once now (triggers, exits, due steps), as the app does every minute.
    Run,
    /// A sequence's report: per step and variant, reached, done, replied, converted.
    Report { sequence: String },
}

#[derive(Subcommand)]
pub enum OutboxCommand {
    /// E-mails in the outbox, newest first (`--status queued|held|sending|sent|failed|uncertain|cancelled`).
    List {
        #[arg(long)]
        status: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Send what is due now through the mail server set up in the app.
    Flush {
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Set up the mail server e-mails go through (the password: `HEARTH_SMTP_PASSWORD`, saved
    /// in the OS keychain when there is one).
    Server {
        #[arg(long)]
        host: String,
        #[arg(long, default_value_t = 587)]
        port: u16,
        /// starttls (587), tls (465) or none (a server on this machine only).
        #[arg(long, default_value = "starttls")]
        security: String,
        #[arg(long, default_value = "")]
        username: String,
        /// The sender's address.
        #[arg(long)]
        from: String,
        #[arg(long, default_value = "")]
        from_name: String,
    },
    /// Send a test e-mail to an address now and say how it went.
    Test { to: String },
}

pub(crate) async fn contact_by_email(db: &DatabaseConnection, email: &str) -> Result<String, CoreError> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let sql = format!(
        "SELECT c.id FROM contact_emails e JOIN contacts c ON c.id = e.contact_id WHERE lower(e.email) = {} AND c.deleted_at IS NULL LIMIT 1",
        hearth_core::criteria::lit(&email.trim().to_lowercase())
    );
    match db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await? {
        Some(r) => Ok(r.try_get_by_index(0)?),
        None => Err(CoreError::not_found("contact with the e-mail", email)),
    }
}

pub async fn run(db: &DatabaseConnection, json: bool, command: SequencesCommand) -> Result<(), CoreError> {
    match command {
        SequencesCommand::List => {
            let list = sequences::list(db).await?;
            if json {
                print_json(&list);
                return Ok(());
            }
            println!("{:<36}  {:<30}  {:<8}  {:>5}  {:>6}  {:>6}  {:>8}  {:>6}", "ID", "NAME", "STATUS", "STEPS", "ACTIVE", "PAUSED", "FINISHED", "EXITED");
            for s in &list {
                let c = &s.counts;
                println!(
                    "{:<36}  {:<30}  {:<8}  {:>5}  {:>6}  {:>6}  {:>8}  {:>6}",
                    s.id,
                    cut(&s.name, 30),
                    format!("{:?}", s.status).to_lowercase(),
                    s.steps,
                    c.active,
                    c.paused,
                    c.finished,
                    c.exited
                );
            }
            Ok(())
        }
        SequencesCommand::Enroll { sequence, contact, email, segment } => {
            let seq = sequences::find(db, &sequence).await?;
            let target = match segment {
                Some(name) => {
                    if !contact.is_empty() || !email.is_empty() {
                        return Err(CoreError::invalid("segment", "ambiguous", "Enrol either a segment or contacts, not both."));
                    }
                    EnrolTarget::Segment { id: hearth_core::segments::find(db, &name).await?.id }
                }
                None => {
                    let mut ids = contact;
                    for e in &email {
                        ids.push(contact_by_email(db, e).await?);
                    }
                    EnrolTarget::Contacts { ids }
                }
            };
            let r = sequences::enrol(db, &seq.id, &target, "hearth-cli", Utc::now()).await?;
            if json {
                print_json(&r);
                return Ok(());
            }
            println!("Enrolled {} in “{}”; {} already in it; {} refused.", r.enrolled, seq.name, r.already, r.refused_count);
            for x in &r.refused {
                println!("  {}: {}", x.contact.name, x.reason);
            }
            Ok(())
        }
        SequencesCommand::Due { at, limit } => {
            let at = at.unwrap_or_else(Utc::now);
            let plans = sequences::due(db, at, limit.clamp(1, 100_000)).await?;
            let waiting = sequences::due_steps(db, at, None).await?;
            if json {
                print_json(&serde_json::json!({ "due": plans, "waiting": waiting }));
                return Ok(());
            }
            println!("{} enrolment(s) with a step due by {}:", plans.len(), at.format("%Y-%m-%d %H:%M UTC"));
            for p in plans.iter().take(limit as usize) {
                let kind = p.kind.map(|k| k.as_str()).unwrap_or("end");
                println!("  {}  step {} ({kind})  due {}", p.enrolment_id, p.position + 1, p.due_at.format("%Y-%m-%d %H:%M"));
            }
            println!("{} call(s), task(s) and e-mail(s) to do by hand:", waiting.len());
            for w in &waiting {
                println!("  {}  {:<5} {}: {} ({}, due {})", w.id, w.kind.as_str(), w.contact.name, cut(&w.title, 50), w.sequence.name, w.due_at.format("%Y-%m-%d %H:%M"));
            }
            Ok(())
        }
        SequencesCommand::Run => {
            let r = sequences::tick(db, Utc::now()).await?;
            if json {
                print_json(&r);
                return Ok(());
            }
            println!(
                "Enrolled {} by triggers ({} passed over); {} exited; {} e-mail(s) queued, {} held for review; {} call(s)/task(s) due; {} step(s) skipped; {} finished.",
                r.enrolled, r.not_enrolled, r.exited, r.emails_queued, r.emails_held, r.steps_due, r.skipped, r.finished
            );
            Ok(())
        }
        SequencesCommand::Report { sequence } => {
            let seq = sequences::find(db, &sequence).await?;
            let r = sequences::report(db, &seq.id).await?;
            if json {
                print_json(&r);
                return Ok(());
            }
            println!("“{}”: {} enrolled, {} replied, {} converted.", seq.name, r.enrolled, r.replied, r.converted);
            println!("{:>4}  {:<6} {:<3} {:<28} {:>7} {:>5} {:>7} {:>7} {:>9}", "STEP", "KIND", "VAR", "TEMPLATE", "REACHED", "DONE", "REPLIED", "REPLY %", "CONVERT %");
            for s in &r.steps {
                println!(
                    "{:>4}  {:<6} {:<3} {:<28} {:>7} {:>5} {:>7} {:>6.1}% {:>8.1}%",
                    s.position,
                    s.kind.as_str(),
                    s.variant.as_deref().unwrap_or(""),
                    cut(s.template.as_deref().unwrap_or(""), 28),
                    s.reached,
                    s.done,
                    s.replied,
                    s.reply_rate * 100.0,
                    s.conversion_rate * 100.0
                );
            }
            Ok(())
        }
    }
}

pub async fn outbox(db: &DatabaseConnection, json: bool, command: OutboxCommand) -> Result<(), CoreError> {
    match command {
        OutboxCommand::List { status, limit } => {
            let status = match status {
                Some(s) => Some(OutboxStatus::parse(&s.to_lowercase()).ok_or_else(|| {
                    CoreError::invalid("status", "unknown_status", format!("“{s}” is not a status: use queued, held, sending, sent, failed, uncertain or cancelled."))
                })?),
                None => None,
            };
            let page = outbox::list(db, status, None, limit).await?;
            if json {
                print_json(&page);
                return Ok(());
            }
            println!("{:<36}  {:<10}  {:<30}  {:<34}  {:<16}  NOTE", "ID", "STATUS", "TO", "SUBJECT", "NOT BEFORE");
            for i in &page.items {
                println!(
                    "{:<36}  {:<10}  {:<30}  {:<34}  {:<16}  {}",
                    i.id,
                    i.status.as_str(),
                    cut(&i.to_address, 30),
                    cut(&i.subject, 34),
                    i.send_after.format("%Y-%m-%d %H:%M"),
                    i.last_error.as_deref().map(|e| cut(e, 60)).unwrap_or_default()
                );
            }
            let counts: Vec<String> = page.counts.iter().map(|c| format!("{} {}", c.count, c.status.as_str())).collect();
            println!("{}", if counts.is_empty() { "The outbox is empty.".to_string() } else { counts.join(", ") });
            Ok(())
        }
        OutboxCommand::Server { host, port, security, username, from, from_name } => {
            let security = match security.to_lowercase().as_str() {
                "starttls" => Security::StartTls,
                "tls" => Security::Tls,
                "none" => Security::None,
                other => return Err(CoreError::invalid("security", "unknown_security", format!("“{other}” is not a security setting: use starttls, tls or none."))),
            };
            let settings = SmtpSettings { host, port, security, username, from_name, from_email: from, signature: sending::smtp_get(db).await?.map(|s| s.signature).unwrap_or_default() };
            let password = std::env::var("HEARTH_SMTP_PASSWORD").ok();
            let view = mail::save(db, &KeychainOrMemory::default(), &settings, password.as_deref()).await?;
            if json {
                print_json(&view);
            } else {
                let s = view.settings.as_ref().map(|s| format!("{}:{} as {}", s.host, s.port, s.from_email)).unwrap_or_default();
                println!("E-mails go through {s}.{}", view.password_note.map(|n| format!(" {n}")).unwrap_or_default());
            }
            Ok(())
        }
        OutboxCommand::Test { to } => {
            let r = mail::send_test(db, &KeychainOrMemory::default(), &to).await?;
            if !r.sent {
                return Err(CoreError::invalid("to", "not_sent", r.message));
            }
            if json {
                print_json(&r);
            } else {
                println!("{}", r.message);
            }
            Ok(())
        }
        OutboxCommand::Flush { limit } => {
            let secrets = KeychainOrMemory::default();
            let report = match mail::from_settings(db, &secrets).await? {
                None => {
                    return Err(CoreError::invalid("smtp", "not_configured", "E-mail sending is not set up (Settings → E-mail in the app)."));
                }
                Some(Err(e)) => return Err(CoreError::invalid("smtp", "settings", e.message)),
                Some(Ok(m)) => {
                    // A CLI run is not the app: e-mails it finds half-sent (a stopped run) are uncertain.
                    let found = outbox::recover(db, Utc::now(), chrono::Duration::zero()).await?;
                    let mut r = outbox::flush(db, &m, Utc::now(), limit).await?;
                    r.uncertain += found;
                    r
                }
            };
            if json {
                print_json(&report);
                return Ok(());
            }
            println!(
                "Sent {}; {} to retry later; {} failed; {} cancelled (no longer allowed); {} uncertain.",
                report.sent, report.retrying, report.failed, report.cancelled, report.uncertain
            );
            if let Some(p) = &report.problem {
                println!("Stopped: {p}");
            }
            Ok(())
        }
    }
}
