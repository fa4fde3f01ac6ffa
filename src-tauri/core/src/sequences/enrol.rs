//! Enrolling contacts (by hand: one, a selection, a segment; or by a trigger), never twice in
//! the same sequence, and what can be done to an enrolment: pause, resume, stop. A contact who
//! asked not to be contacted is refused with the reason, as is one without an address or (when
//! the sequence requires it) consent for a sequence that sends e-mails.

use super::{get, SequenceStatus, StepKind};
use crate::common::{new_id, now, EntityRef};
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionSession, TransactionTrait};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum EnrolmentStatus {
    Active,
    Paused,
    Finished,
    Exited,
}

impl EnrolmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EnrolmentStatus::Active => "active",
            EnrolmentStatus::Paused => "paused",
            EnrolmentStatus::Finished => "finished",
            EnrolmentStatus::Exited => "exited",
        }
    }

    pub fn parse(s: &str) -> EnrolmentStatus {
        match s {
            "paused" => EnrolmentStatus::Paused,
            "finished" => EnrolmentStatus::Finished,
            "exited" => EnrolmentStatus::Exited,
            _ => EnrolmentStatus::Active,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Enrolment {
    pub id: String,
    pub sequence: EntityRef,
    pub contact: EntityRef,
    pub status: EnrolmentStatus,
    pub exit_reason: Option<String>,
    /// Steps done or skipped, and in all.
    pub steps_done: u32,
    pub steps_total: u32,
    /// The step waiting or next, in words ("Call: Check in (waiting on Today)", "E-mail:
    /// Welcome"), when there is one.
    pub next_step: Option<String>,
    /// When it falls due (`null` while a call or task waits on the Today screen, or an e-mail
    /// waits in the outbox).
    pub next_due_at: Option<DateTime<Utc>>,
    pub enrolled_by: String,
    pub enrolled_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

/// Who to enrol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EnrolTarget {
    Contacts { ids: Vec<String> },
    Segment { id: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Refusal {
    pub contact: EntityRef,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct EnrolResult {
    pub enrolled: u32,
    /// In this sequence already (now or before): never enrolled twice.
    pub already: u32,
    /// Refused, each with the reason (the first 100).
    pub refused: Vec<Refusal>,
    pub refused_count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum EnrolmentAction {
    Pause,
    Resume,
    /// Stops it for good ("Stopped by hand").
    Stop,
}

const ENROL_COLS: &[&str] =
    &["id", "sequence_id", "contact_id", "status", "step_position", "next_due_at", "enrolled_by", "enrolled_at", "updated_at", "exit_reason", "ended_at"];

/// At most this many contacts per enrolment (a segment of the whole database).
const MAX_AT_ONCE: u32 = 200_000;

fn lit(s: &str) -> String {
    crate::criteria::lit(s)
}

/// Enrols contacts in a sequence. Returns who was enrolled, who was there already and who was
/// refused and why; the first step falls due after its delay from `at`.
pub async fn enrol<C: ConnectionTrait + TransactionTrait>(db: &C, sequence_id: &str, target: &EnrolTarget, by: &str, at: DateTime<Utc>) -> CoreResult<EnrolResult> {
    enrol_with(db, sequence_id, target, by, at, false).await
}

/// The same; with `record_refusals` (triggers), a refused contact is written as an enrolment
/// that ended at once with the reason, so the trigger does not try them again every minute.
pub(crate) async fn enrol_with<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    sequence_id: &str,
    target: &EnrolTarget,
    by: &str,
    at: DateTime<Utc>,
    record_refusals: bool,
) -> CoreResult<EnrolResult> {
    let seq = get(db, sequence_id).await?;
    if seq.status == SequenceStatus::Archived {
        return Err(CoreError::conflict(format!("“{}” is archived: no one can be enrolled.", seq.name)));
    }
    let ids: Vec<String> = match target {
        EnrolTarget::Contacts { ids } => ids.clone(),
        EnrolTarget::Segment { id } => crate::segments::member_ids(db, id, MAX_AT_ONCE).await?,
    };
    if ids.is_empty() {
        return Err(CoreError::invalid("contacts", "required", "Choose who to enrol."));
    }
    let sends = seq.steps.iter().any(|s| s.kind == StepKind::Email);
    let rules = crate::sending::rules(db).await?;
    let mut result = EnrolResult::default();
    let txn = db.begin().await?;
    for chunk in ids.chunks(5_000) {
        let list = chunk.iter().map(|i| lit(i)).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT c.id AS c0, trim(c.first_name || ' ' || c.last_name) AS c1, c.do_not_contact AS c2, \
               (SELECT 1 FROM enrolments e WHERE e.sequence_id = {seq_id} AND e.contact_id = c.id) AS c3, \
               (SELECT 1 FROM contact_emails m WHERE m.contact_id = c.id AND m.bounced = 0 LIMIT 1) AS c4, \
               (SELECT k.granted FROM consents k WHERE k.contact_id = c.id AND k.purpose = 'marketing_email' ORDER BY k.recorded_at DESC LIMIT 1) AS c5, \
               c.time_zone AS c6 \
             FROM contacts c WHERE c.deleted_at IS NULL AND c.id IN ({list})",
            seq_id = lit(sequence_id)
        );
        let rows = crate::sqlite::packed_rows(&txn, &sql, 7).await?;
        if rows.len() < chunk.len() && matches!(target, EnrolTarget::Contacts { .. }) {
            let found: Vec<&str> = rows.iter().filter_map(|r| r[0].as_deref()).collect();
            if let Some(missing) = chunk.iter().find(|i| !found.contains(&i.as_str())) {
                return Err(CoreError::not_found("contact", missing));
            }
        }
        let mut batch: Vec<Vec<sea_orm::Value>> = Vec::new();
        for r in rows {
            let (Some(id), name) = (r[0].clone(), r[1].clone().unwrap_or_default()) else { continue };
            let who = EntityRef { id: id.clone(), name: name.clone() };
            let mut refuse = |reason: String, result: &mut EnrolResult| {
                if record_refusals {
                    batch.push(vec![
                        new_id().into(),
                        sequence_id.into(),
                        id.clone().into(),
                        "exited".into(),
                        0i32.into(),
                        Option::<DateTime<Utc>>::None.into(),
                        by.into(),
                        at.into(),
                        now().into(),
                        format!("Could not be enrolled: {reason}").into(),
                        Some(at).into(),
                    ]);
                }
                result.refused_count += 1;
                if result.refused.len() < 100 {
                    result.refused.push(Refusal { contact: who.clone(), reason });
                }
            };
            if r[3].is_some() {
                result.already += 1;
            } else if r[2].as_deref() == Some("1") {
                refuse(format!("{name} asked not to be contacted."), &mut result);
            } else if sends && r[4].is_none() {
                refuse(format!("{name} has no e-mail address to send to."), &mut result);
            } else if sends && seq.exits.on_no_consent && r[5].as_deref() != Some("1") {
                refuse(format!("No consent to marketing e-mail on record for {name}."), &mut result);
            } else if sends && r[5].as_deref() == Some("0") {
                refuse(format!("{name} withdrew consent to marketing e-mail."), &mut result);
            } else {
                let first = &seq.steps[0];
                let tz = r[6].as_deref().and_then(|z| z.parse().ok());
                let due = super::timing::next_open(
                    super::timing::add_delay(at, first.delay_days, first.business_days, &rules),
                    tz,
                    seq.window.timing(),
                    first.kind.contact_facing(),
                    &rules,
                );
                batch.push(vec![
                    new_id().into(),
                    sequence_id.into(),
                    id.into(),
                    "active".into(),
                    0i32.into(),
                    Some(due).into(),
                    by.into(),
                    at.into(),
                    now().into(),
                    Option::<String>::None.into(),
                    Option::<DateTime<Utc>>::None.into(),
                ]);
                result.enrolled += 1;
            }
        }
        let mut rows = crate::bulk::Batch::new("enrolments", ENROL_COLS);
        for row in batch {
            rows.push(&txn, row).await?;
        }
        rows.flush(&txn).await?;
    }
    txn.commit().await?;
    Ok(result)
}

fn step_words(kind: &str, title: Option<String>, template: Option<String>) -> String {
    match kind {
        "email" => format!("E-mail: {}", template.unwrap_or_default()),
        "call" => format!("Call: {}", title.unwrap_or_default()),
        "task" => format!("Task: {}", title.unwrap_or_default()),
        _ => "Wait".into(),
    }
}

/// Enrolments of a contact (`contact_id`) or of a sequence (`sequence_id`, newest first, at most
/// `limit`), optionally of one status.
pub async fn enrolments<C: ConnectionTrait>(
    db: &C,
    contact_id: Option<&str>,
    sequence_id: Option<&str>,
    status: Option<EnrolmentStatus>,
    limit: u32,
) -> CoreResult<Vec<Enrolment>> {
    let mut cond = vec!["1 = 1".to_string()];
    if let Some(c) = contact_id {
        cond.push(format!("e.contact_id = {}", lit(c)));
    }
    if let Some(s) = sequence_id {
        cond.push(format!("e.sequence_id = {}", lit(s)));
    }
    if let Some(st) = status {
        cond.push(format!("e.status = '{}'", st.as_str()));
    }
    let sql = format!(
        "SELECT e.id, e.sequence_id, s.name, e.contact_id, trim(c.first_name || ' ' || c.last_name), e.status, e.exit_reason, \
           (SELECT count(*) FROM enrolment_steps d WHERE d.enrolment_id = e.id AND d.status IN ('done', 'skipped')), \
           (SELECT count(*) FROM sequence_steps x WHERE x.sequence_id = e.sequence_id), \
           coalesce(w.kind, st.kind), coalesce(ws.title, st.title), coalesce(wt.name, t.name), e.next_due_at, e.enrolled_by, e.enrolled_at, e.ended_at, \
           w.status \
         FROM enrolments e JOIN sequences s ON s.id = e.sequence_id JOIN contacts c ON c.id = e.contact_id \
         LEFT JOIN enrolment_steps w ON w.id = (SELECT x.id FROM enrolment_steps x WHERE x.enrolment_id = e.id AND x.status IN ('due', 'queued') LIMIT 1) \
         LEFT JOIN sequence_steps ws ON ws.id = w.step_id LEFT JOIN email_templates wt ON wt.id = w.template_id \
         LEFT JOIN sequence_steps st ON st.sequence_id = e.sequence_id AND st.position = e.step_position \
         LEFT JOIN email_templates t ON t.id = st.template_id \
         WHERE {} ORDER BY e.enrolled_at DESC, e.id LIMIT {}",
        cond.join(" AND "),
        limit.clamp(1, 1_000)
    );
    let mut out = Vec::new();
    for r in db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql)).await? {
        let status = EnrolmentStatus::parse(&r.try_get_by_index::<String>(5)?);
        let kind: Option<String> = r.try_get_by_index(9)?;
        let live = matches!(status, EnrolmentStatus::Active | EnrolmentStatus::Paused);
        out.push(Enrolment {
            id: r.try_get_by_index(0)?,
            sequence: EntityRef { id: r.try_get_by_index(1)?, name: r.try_get_by_index(2)? },
            contact: EntityRef { id: r.try_get_by_index(3)?, name: r.try_get_by_index(4)? },
            status,
            exit_reason: r.try_get_by_index(6)?,
            steps_done: r.try_get_by_index::<i64>(7)? as u32,
            steps_total: r.try_get_by_index::<i64>(8)? as u32,
            next_step: match (kind, r.try_get_by_index::<Option<String>>(16)?) {
                (Some(k), waiting) if live => {
                    let words = step_words(&k, r.try_get_by_index(10)?, r.try_get_by_index(11)?);
                    Some(match waiting.as_deref() {
                        Some("due") => format!("{words} (waiting on Today)"),
                        Some("queued") => format!("{words} (in the outbox)"),
                        _ => words,
                    })
                }
                _ => None,
            },
            next_due_at: if live { r.try_get_by_index(12)? } else { None },
            enrolled_by: r.try_get_by_index(13)?,
            enrolled_at: r.try_get_by_index(14)?,
            ended_at: r.try_get_by_index(15)?,
        });
    }
    Ok(out)
}

pub async fn enrolment<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<Enrolment> {
    let sql = format!("SELECT contact_id, sequence_id FROM enrolments WHERE id = {}", lit(id));
    let row = db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await?.ok_or_else(|| CoreError::not_found("enrolment", id))?;
    let (contact, sequence): (String, String) = (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
    enrolments(db, Some(&contact), Some(&sequence), None, 1).await?.into_iter().next().ok_or_else(|| CoreError::not_found("enrolment", id))
}

/// Ends an enrolment (exited with `reason`): what it has in the outbox is cancelled and its
/// calls and tasks leave the Today screen.
pub(crate) async fn end<C: ConnectionTrait>(db: &C, enrolment_ids_sql: &str, reason: &str, at: DateTime<Utc>) -> CoreResult<u64> {
    let steps = format!("SELECT id FROM enrolment_steps WHERE enrolment_id IN ({enrolment_ids_sql})");
    let q = Query::update()
        .table("outbox")
        .values([("status", "cancelled".into()), ("last_error", format!("Not sent: {reason}").into()), ("updated_at", at.into())])
        .and_where(Expr::col("status").is_in(["queued", "held"]))
        .and_where(Expr::cust(format!("enrolment_step_id IN ({steps})")))
        .to_owned();
    db.execute(&q).await?;
    let q = Query::update()
        .table("enrolment_steps")
        .values([("status", "skipped".into()), ("note", reason.into()), ("done_at", at.into())])
        .and_where(Expr::col("status").is_in(["due", "queued"]))
        .and_where(Expr::cust(format!("enrolment_id IN ({enrolment_ids_sql})")))
        .to_owned();
    db.execute(&q).await?;
    let q = Query::update()
        .table("enrolments")
        .values([("status", "exited".into()), ("exit_reason", reason.into()), ("ended_at", at.into()), ("next_due_at", Option::<DateTime<Utc>>::None.into()), ("updated_at", at.into())])
        .and_where(Expr::cust(format!("id IN ({enrolment_ids_sql})")))
        .and_where(Expr::col("status").is_in(["active", "paused"]))
        .to_owned();
    Ok(db.execute(&q).await?.rows_affected())
}

/// Pauses, resumes or stops one enrolment. Resuming brings a step that fell due meanwhile to
/// now (it is not skipped).
pub async fn set_enrolment<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, action: EnrolmentAction, at: DateTime<Utc>) -> CoreResult<Enrolment> {
    let e = enrolment(db, id).await?;
    let txn = db.begin().await?;
    match (action, e.status) {
        (EnrolmentAction::Pause, EnrolmentStatus::Active) => {
            let q = Query::update().table("enrolments").values([("status", "paused".into()), ("updated_at", at.into())]).and_where(Expr::col("id").eq(id)).to_owned();
            txn.execute(&q).await?;
        }
        (EnrolmentAction::Resume, EnrolmentStatus::Paused) => {
            let q = Query::update()
                .table("enrolments")
                .values([("status", "active".into()), ("updated_at", at.into())])
                .and_where(Expr::col("id").eq(id))
                .to_owned();
            txn.execute(&q).await?;
        }
        (EnrolmentAction::Stop, EnrolmentStatus::Active | EnrolmentStatus::Paused) => {
            end(&txn, &lit(id), "Stopped by hand", at).await?;
        }
        (_, status) => {
            return Err(CoreError::conflict(format!("This enrolment is {}: it cannot be {}.", status.as_str(), match action {
                EnrolmentAction::Pause => "paused",
                EnrolmentAction::Resume => "resumed",
                EnrolmentAction::Stop => "stopped",
            })));
        }
    }
    txn.commit().await?;
    enrolment(db, id).await
}
