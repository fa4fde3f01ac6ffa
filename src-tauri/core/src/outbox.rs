//! The outbox: every e-mail Hearth sends waits here until it is due and the server can be
//! reached, and each goes at most once. An e-mail is *claimed* (`sending`, committed) before
//! the server is contacted and marked `sent` after it accepted; one found still `sending` (the
//! app stopped in between) becomes `uncertain` and is never sent again on its own — the owner
//! checks their Sent folder and marks it sent or sends it again. Failures that pass (no network,
//! a busy server) are retried with growing pauses; a recipient the server refuses ends there.

use crate::common::{now, EntityRef};
use crate::error::{CoreError, CoreResult};
use crate::mail::{Failure, Mailer, Outgoing};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionSession, TransactionTrait};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatus {
    /// Waiting for its time (and the network).
    Queued,
    /// Held for review: a merge field had no value.
    Held,
    Sending,
    Sent,
    /// Refused for good, or given up after many tries.
    Failed,
    /// The app stopped while sending: it may have gone out.
    Uncertain,
    Cancelled,
}

impl OutboxStatus {
    pub const ALL: [OutboxStatus; 7] = [
        OutboxStatus::Queued,
        OutboxStatus::Held,
        OutboxStatus::Sending,
        OutboxStatus::Sent,
        OutboxStatus::Failed,
        OutboxStatus::Uncertain,
        OutboxStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Queued => "queued",
            OutboxStatus::Held => "held",
            OutboxStatus::Sending => "sending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
            OutboxStatus::Uncertain => "uncertain",
            OutboxStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<OutboxStatus> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OutboxItem {
    pub id: String,
    pub contact: Option<EntityRef>,
    pub to_address: String,
    pub subject: String,
    pub status: OutboxStatus,
    pub attempts: u32,
    /// Not before this (the cap, quiet hours, a window, or a retry's pause).
    pub send_after: DateTime<Utc>,
    pub last_error: Option<String>,
    /// "Sequence: Welcome, step 1", "Broadcast: Spring news", "Test e-mail".
    pub source: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OutboxCount {
    pub status: OutboxStatus,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OutboxPage {
    pub items: Vec<OutboxItem>,
    pub counts: Vec<OutboxCount>,
}

/// One e-mail with its text, for a look before or after it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OutboxMessage {
    pub item: OutboxItem,
    pub body_text: String,
    pub body_html: String,
    pub message_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FlushReport {
    pub sent: u32,
    /// Not sent now, tried again later (with the reason in each).
    pub retrying: u32,
    pub failed: u32,
    /// Not sent because the contact may no longer be contacted.
    pub cancelled: u32,
    /// Found `sending` from before (the app stopped): now `uncertain`.
    pub uncertain: u32,
    /// What stopped sending altogether (the settings, the network), in words.
    pub problem: Option<String>,
}

/// Attempts before an e-mail is given up.
pub const MAX_ATTEMPTS: u32 = 10;

/// The pause after attempt `n` failed: 1, 5, 15 minutes, 1, 4, then 12 hours.
pub fn backoff(attempt: u32) -> Duration {
    match attempt {
        0 | 1 => Duration::minutes(1),
        2 => Duration::minutes(5),
        3 => Duration::minutes(15),
        4 => Duration::hours(1),
        5 => Duration::hours(4),
        _ => Duration::hours(12),
    }
}

fn lit(s: &str) -> String {
    crate::criteria::lit(s)
}

fn time(t: DateTime<Utc>) -> String {
    lit(&t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, false))
}

const COLUMNS: &str = "o.id, o.contact_id, trim(c.first_name || ' ' || c.last_name), o.to_address, o.subject, o.status, o.attempts, \
                       o.send_after, o.last_error, o.source, o.created_at, o.sent_at, o.body_text, o.body_html, o.message_id";

fn item(r: &sea_orm::QueryResult) -> CoreResult<OutboxItem> {
    let contact_id: Option<String> = r.try_get_by_index(1)?;
    let name: Option<String> = r.try_get_by_index(2)?;
    Ok(OutboxItem {
        id: r.try_get_by_index(0)?,
        contact: contact_id.map(|id| EntityRef { id, name: name.unwrap_or_default() }),
        to_address: r.try_get_by_index(3)?,
        subject: r.try_get_by_index(4)?,
        status: OutboxStatus::parse(&r.try_get_by_index::<String>(5)?).unwrap_or(OutboxStatus::Failed),
        attempts: r.try_get_by_index::<i64>(6)? as u32,
        send_after: r.try_get_by_index(7)?,
        last_error: r.try_get_by_index(8)?,
        source: r.try_get_by_index(9)?,
        created_at: r.try_get_by_index(10)?,
        sent_at: r.try_get_by_index(11)?,
    })
}

/// The outbox, newest first (optionally one status, or one contact's), with counts per status.
pub async fn list<C: ConnectionTrait>(db: &C, status: Option<OutboxStatus>, contact_id: Option<&str>, limit: u32) -> CoreResult<OutboxPage> {
    let mut cond = vec!["1 = 1".to_string()];
    if let Some(s) = status {
        cond.push(format!("o.status = '{}'", s.as_str()));
    }
    if let Some(c) = contact_id {
        cond.push(format!("o.contact_id = {}", lit(c)));
    }
    let order = if status == Some(OutboxStatus::Queued) { "o.send_after, o.id" } else { "o.created_at DESC, o.id" };
    let sql = format!(
        "SELECT {COLUMNS} FROM outbox o LEFT JOIN contacts c ON c.id = o.contact_id WHERE {} ORDER BY {order} LIMIT {}",
        cond.join(" AND "),
        limit.clamp(1, 1_000)
    );
    let mut items = Vec::new();
    for r in db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql)).await? {
        items.push(item(&r)?);
    }
    let mut counts = Vec::new();
    for r in db.query_all_raw(Statement::from_string(DbBackend::Sqlite, "SELECT status, count(*) FROM outbox GROUP BY status".to_string())).await? {
        if let Some(status) = OutboxStatus::parse(&r.try_get_by_index::<String>(0)?) {
            counts.push(OutboxCount { status, count: r.try_get_by_index::<i64>(1)? as u32 });
        }
    }
    Ok(OutboxPage { items, counts })
}

pub async fn message<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<OutboxMessage> {
    let sql = format!("SELECT {COLUMNS} FROM outbox o LEFT JOIN contacts c ON c.id = o.contact_id WHERE o.id = {}", lit(id));
    let r = db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await?.ok_or_else(|| CoreError::not_found("e-mail", id))?;
    Ok(OutboxMessage { item: item(&r)?, body_text: r.try_get_by_index(12)?, body_html: r.try_get_by_index(13)?, message_id: r.try_get_by_index(14)? })
}

/// What the owner can do with an e-mail in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OutboxAction {
    /// Queued or held: it will not be sent.
    Cancel,
    /// Held for review: send it as it is.
    SendAnyway,
    /// Failed or uncertain: send it (again) now.
    Retry,
    /// Uncertain: it did go out (seen in the Sent folder).
    MarkSent,
}

pub async fn act<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, action: OutboxAction, at: DateTime<Utc>) -> CoreResult<OutboxMessage> {
    let m = message(db, id).await?;
    let allowed: &[OutboxStatus] = match action {
        OutboxAction::Cancel => &[OutboxStatus::Queued, OutboxStatus::Held],
        OutboxAction::SendAnyway => &[OutboxStatus::Held],
        OutboxAction::Retry => &[OutboxStatus::Failed, OutboxStatus::Uncertain],
        OutboxAction::MarkSent => &[OutboxStatus::Uncertain],
    };
    if !allowed.contains(&m.item.status) {
        return Err(CoreError::conflict(format!("This e-mail is {}: that cannot be done to it now.", m.item.status.as_str())));
    }
    let txn = db.begin().await?;
    let (status, error): (&str, Option<String>) = match action {
        OutboxAction::Cancel => ("cancelled", Some("Cancelled by hand".into())),
        OutboxAction::SendAnyway | OutboxAction::Retry => ("queued", None),
        OutboxAction::MarkSent => ("sent", None),
    };
    let mut values = vec![("status", status.into()), ("last_error", error.into()), ("updated_at", at.into())];
    if matches!(action, OutboxAction::SendAnyway | OutboxAction::Retry) {
        values.push(("send_after", at.into()));
        values.push(("attempts", 0i32.into()));
    }
    if action == OutboxAction::MarkSent {
        values.push(("sent_at", at.into()));
    }
    txn.execute(&Query::update().table("outbox").values(values).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    let step = enrolment_step(&txn, id).await?;
    match (action, step) {
        (OutboxAction::MarkSent, Some(step)) => {
            let activity = log_sent(&txn, &m, at).await?;
            crate::sequences::run::step_finished(&txn, &step, "done", None, activity.as_deref(), at).await?;
        }
        (OutboxAction::MarkSent, None) => {
            log_sent(&txn, &m, at).await?;
        }
        (OutboxAction::Cancel, Some(step)) => {
            crate::sequences::run::step_finished(&txn, &step, "skipped", Some("E-mail cancelled by hand"), None, at).await?;
        }
        _ => {}
    }
    txn.commit().await?;
    message(db, id).await
}

async fn enrolment_step<C: ConnectionTrait>(db: &C, outbox_id: &str) -> CoreResult<Option<String>> {
    let sql = format!("SELECT enrolment_step_id FROM outbox WHERE id = {}", lit(outbox_id));
    Ok(match db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => None,
    })
}

/// A sent e-mail on the contact's timeline. Returns the activity's id.
async fn log_sent<C: ConnectionTrait + TransactionTrait>(db: &C, m: &OutboxMessage, at: DateTime<Utc>) -> CoreResult<Option<String>> {
    let Some(contact) = &m.item.contact else { return Ok(None) };
    let body: String = m.body_text.chars().take(crate::validate::MAX_LONG - 100).collect();
    let input = crate::activities::ActivityInput {
        kind: crate::activities::ActivityKind::Email,
        subject: m.item.subject.chars().take(crate::validate::MAX_SHORT).collect(),
        body: Some(body),
        contact_id: Some(contact.id.clone()),
        company_id: None,
        deal_id: None,
        occurred_at: Some(at),
        due_at: None,
        duration_minutes: None,
        outcome: Some("sent".into()),
    };
    let a = crate::activities::create(db, input).await?;
    let q = Query::update().table("outbox").value("activity_id", a.id.clone()).and_where(Expr::col("id").eq(m.item.id.as_str())).to_owned();
    db.execute(&q).await?;
    Ok(Some(a.id))
}

/// E-mails left `sending` for longer than `older_than` (the app stopped mid-send) become
/// `uncertain`: they may have gone out, so they are never sent again without the owner.
pub async fn recover<C: ConnectionTrait>(db: &C, at: DateTime<Utc>, older_than: Duration) -> CoreResult<u32> {
    let q = Query::update()
        .table("outbox")
        .values([
            ("status", "uncertain".into()),
            ("last_error", "Hearth stopped while sending this e-mail: it may have gone out. Check your Sent folder, then mark it as sent or send it again.".into()),
            ("updated_at", at.into()),
        ])
        .and_where(Expr::col("status").eq("sending"))
        .and_where(Expr::cust(format!("updated_at <= {}", time(at - older_than))))
        .to_owned();
    Ok(db.execute(&q).await?.rows_affected() as u32)
}

/// Why an e-mail may no longer go to its contact, if so: do not contact, the trash, or (for
/// an e-mail that needs consent) the consent withdrawn.
async fn still_allowed<C: ConnectionTrait>(db: &C, outbox_id: &str, contact_id: &str) -> CoreResult<Option<String>> {
    let sql = format!(
        "SELECT c.do_not_contact, c.deleted_at IS NOT NULL, \
           CASE WHEN o.purpose IS NULL THEN 1 ELSE \
           (SELECT k.granted FROM consents k WHERE k.contact_id = c.id AND k.purpose = o.purpose ORDER BY k.recorded_at DESC LIMIT 1) END \
         FROM contacts c JOIN outbox o ON o.id = {} WHERE c.id = {}",
        lit(outbox_id),
        lit(contact_id)
    );
    let Some(r) = db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await? else {
        return Ok(Some("The contact was erased.".into()));
    };
    let (dnc, trashed, consent): (bool, bool, Option<bool>) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?);
    Ok(if dnc {
        Some("The contact asked not to be contacted.".into())
    } else if trashed {
        Some("The contact is in the trash.".into())
    } else if consent != Some(true) {
        Some("No consent on record any more.".into())
    } else {
        None
    })
}

/// A failpoint for the crash test: `HEARTH_FAILPOINT=after_send` stops the process the moment
/// the server has accepted an e-mail, before it is recorded as sent.
fn failpoint(name: &str) {
    if std::env::var("HEARTH_FAILPOINT").is_ok_and(|v| v == name) {
        eprintln!("failpoint {name}: stopping");
        std::process::abort();
    }
}

/// Sends what is due at `at` (at most `limit`), one at a time: claimed, sent, recorded.
pub async fn flush<C: ConnectionTrait + TransactionTrait>(db: &C, mailer: &dyn Mailer, at: DateTime<Utc>, limit: u32) -> CoreResult<FlushReport> {
    let mut report = FlushReport { uncertain: recover(db, at, Duration::minutes(5)).await?, ..Default::default() };
    let sql = format!(
        "SELECT id FROM outbox WHERE status = 'queued' AND send_after <= {} ORDER BY send_after, id LIMIT {}",
        time(at),
        limit.clamp(1, 10_000)
    );
    let ids: Vec<String> = db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql)).await?.iter().filter_map(|r| r.try_get_by_index(0).ok()).collect();
    for id in ids {
        let m = message(db, &id).await?;
        if let Some(contact) = &m.item.contact {
            if let Some(why) = still_allowed(db, &id, &contact.id).await? {
                let txn = db.begin().await?;
                let q = Query::update()
                    .table("outbox")
                    .values([("status", "cancelled".into()), ("last_error", format!("Not sent: {why}").into()), ("updated_at", at.into())])
                    .and_where(Expr::col("id").eq(id.as_str()))
                    .to_owned();
                txn.execute(&q).await?;
                if let Some(step) = enrolment_step(&txn, &id).await? {
                    crate::sequences::run::step_failed(&txn, &step, &why, at).await?;
                }
                txn.commit().await?;
                report.cancelled += 1;
                continue;
            }
        }
        // Claimed (and committed) before the server is contacted: whatever happens next, this
        // e-mail is never picked up again as queued.
        let claim = Query::update()
            .table("outbox")
            .values([("status", "sending".into()), ("attempts", Expr::cust("attempts + 1")), ("updated_at", at.into())])
            .and_where(Expr::col("id").eq(id.as_str()))
            .and_where(Expr::col("status").eq("queued"))
            .to_owned();
        if db.execute(&claim).await?.rows_affected() != 1 {
            continue;
        }
        let out = Outgoing {
            to_name: m.item.contact.as_ref().map(|c| c.name.clone()),
            to_address: m.item.to_address.clone(),
            subject: m.item.subject.clone(),
            text: m.body_text.clone(),
            html: m.body_html.clone(),
            message_id: m.message_id.clone(),
        };
        let result = mailer.send(&out).await;
        failpoint("after_send");
        let attempts = m.item.attempts + 1;
        let txn = db.begin().await?;
        match result {
            Ok(()) => {
                let q = Query::update()
                    .table("outbox")
                    .values([("status", "sent".into()), ("sent_at", at.into()), ("last_error", Option::<String>::None.into()), ("updated_at", now().into())])
                    .and_where(Expr::col("id").eq(id.as_str()))
                    .to_owned();
                txn.execute(&q).await?;
                let activity = log_sent(&txn, &m, at).await?;
                if let Some(step) = enrolment_step(&txn, &id).await? {
                    crate::sequences::run::step_finished(&txn, &step, "done", None, activity.as_deref(), at).await?;
                }
                report.sent += 1;
            }
            Err(e) if e.failure == Failure::Rejected || attempts >= MAX_ATTEMPTS => {
                let why = if e.failure == Failure::Rejected { e.message.clone() } else { format!("Gave up after {attempts} tries: {}", e.message) };
                let q = Query::update()
                    .table("outbox")
                    .values([("status", "failed".into()), ("last_error", why.clone().into()), ("updated_at", now().into())])
                    .and_where(Expr::col("id").eq(id.as_str()))
                    .to_owned();
                txn.execute(&q).await?;
                if e.failure == Failure::Rejected {
                    // A hard bounce: the address is marked, so data quality lists it.
                    let q = Query::update().table("contact_emails").value("bounced", true).and_where(Expr::col("email").eq(m.item.to_address.as_str())).to_owned();
                    txn.execute(&q).await?;
                }
                if let Some(step) = enrolment_step(&txn, &id).await? {
                    crate::sequences::run::step_failed(&txn, &step, &why, at).await?;
                }
                report.failed += 1;
            }
            Err(e) => {
                let q = Query::update()
                    .table("outbox")
                    .values([("status", "queued".into()), ("send_after", (at + backoff(attempts)).into()), ("last_error", e.message.clone().into()), ("updated_at", now().into())])
                    .and_where(Expr::col("id").eq(id.as_str()))
                    .to_owned();
                txn.execute(&q).await?;
                report.retrying += 1;
                // The server or the settings are the problem: the rest waits too.
                txn.commit().await?;
                report.problem = Some(e.message);
                return Ok(report);
            }
        }
        txn.commit().await?;
    }
    Ok(report)
}

/// When the next queued e-mail is due (the app's sender sleeps until then).
pub async fn next_due<C: ConnectionTrait>(db: &C) -> CoreResult<Option<DateTime<Utc>>> {
    let sql = "SELECT min(send_after) FROM outbox WHERE status = 'queued'";
    Ok(match db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql.to_string())).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => None,
    })
}
