//! The scheduler, run inside the app every minute and on start (it catches up: steps that fell
//! due while the app was closed happen now, e-mails within the cap — never in a burst). First
//! triggers enrol who they describe, then exit rules end enrolments, then every enrolment whose
//! next step is due runs it: an e-mail goes to the outbox (or, with no mail server set up, waits
//! on Today with a mailto: link), a call or task waits on the Today screen, a wait passes. The
//! next step falls due its delay after the step before is done (sent, logged, skipped).

use super::enrol::end;
use super::{get, read, Sequence, StepKind};
use crate::common::{new_id, now, EntityRef};
use crate::error::{CoreError, CoreResult};
use crate::sequences::timing::{self, Rules};
use crate::templates::{self, Recipient};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionSession, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub(crate) use super::queue::{id_domain, queue_email};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TickReport {
    /// Enrolled by triggers (and passed over by them: do not contact, no address, no consent).
    pub enrolled: u32,
    pub not_enrolled: u32,
    /// Ended by exit rules.
    pub exited: u32,
    pub emails_queued: u32,
    /// E-mails held for review (a merge field without a value).
    pub emails_held: u32,
    /// Calls and tasks (and e-mails to send by hand) now on the Today screen.
    pub steps_due: u32,
    /// Steps passed over (no consent, no address), each noted on the enrolment.
    pub skipped: u32,
    pub finished: u32,
}

/// An enrolment whose next step is due (what the scheduler runs next).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DuePlan {
    pub enrolment_id: String,
    pub contact_id: String,
    pub sequence_id: String,
    pub position: u32,
    pub kind: Option<StepKind>,
    pub due_at: DateTime<Utc>,
}

/// A call, task or hand-sent e-mail waiting on the Today screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DueStep {
    pub id: String,
    pub enrolment_id: String,
    pub sequence: EntityRef,
    pub contact: EntityRef,
    pub kind: StepKind,
    pub title: String,
    pub instructions: Option<String>,
    pub due_at: DateTime<Utc>,
    /// E-mail steps without a mail server: open it in the mail app.
    pub mailto: Option<String>,
    pub phone: Option<String>,
    /// "Step 2 of 5".
    pub position: u32,
    pub steps_total: u32,
}

/// How a call, task or hand-sent e-mail went.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct StepDone {
    /// Calls: "reached", "left voicemail", "meeting booked" …
    pub outcome: Option<String>,
    pub note: Option<String>,
}

fn lit(s: &str) -> String {
    crate::criteria::lit(s)
}

/// Enrolments of active sequences whose next step is due at `now`, soonest first (at most
/// `limit`). Reads the partial index of due enrolments only.
pub async fn due<C: ConnectionTrait>(db: &C, now: DateTime<Utc>, limit: u32) -> CoreResult<Vec<DuePlan>> {
    let sql = format!(
        "SELECT e.id, e.contact_id, e.sequence_id, e.step_position, st.kind, e.next_due_at \
         FROM enrolments e \
         JOIN sequences s ON s.id = e.sequence_id \
         LEFT JOIN sequence_steps st ON st.sequence_id = e.sequence_id AND st.position = e.step_position \
         WHERE e.status = 'active' AND e.next_due_at IS NOT NULL AND e.next_due_at <= {} AND s.status = 'active' \
         ORDER BY e.next_due_at, e.id LIMIT {limit}",
        lit(&now.to_rfc3339_opts(chrono::SecondsFormat::Nanos, false))
    );
    let mut out = Vec::new();
    for r in db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql)).await? {
        let kind: Option<String> = r.try_get_by_index(4)?;
        out.push(DuePlan {
            enrolment_id: r.try_get_by_index(0)?,
            contact_id: r.try_get_by_index(1)?,
            sequence_id: r.try_get_by_index(2)?,
            position: r.try_get_by_index::<i64>(3)? as u32,
            kind: kind.as_deref().and_then(StepKind::parse),
            due_at: r.try_get_by_index(5)?,
        });
    }
    Ok(out)
}

/// Enrolments run per tick (the rest wait for the next one, a minute later).
const PER_TICK: u32 = 2_000;

/// One pass of the scheduler at `now`.
pub async fn tick<C: ConnectionTrait + TransactionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<TickReport> {
    let mut report = TickReport::default();
    let (enrolled, refused) = super::rules::apply_triggers(db, now).await?;
    report.enrolled = enrolled;
    report.not_enrolled = refused;
    let txn = db.begin().await?;
    report.exited = super::rules::apply_exits(&txn, now).await?;
    txn.commit().await?;
    let plans = due(db, now, PER_TICK).await?;
    if plans.is_empty() {
        return Ok(report);
    }
    let rules = crate::sending::rules(db).await?;
    let smtp = crate::sending::smtp_get(db).await?;
    let mut sequences: HashMap<String, Sequence> = HashMap::new();
    for chunk in plans.chunks(200) {
        let ids: Vec<String> = chunk.iter().map(|p| p.contact_id.clone()).collect();
        let recipients: HashMap<String, Recipient> = templates::recipients(db, &ids).await?.into_iter().map(|r| (r.contact.id.clone(), r)).collect();
        let txn = db.begin().await?;
        for plan in chunk {
            if !sequences.contains_key(&plan.sequence_id) {
                sequences.insert(plan.sequence_id.clone(), get(&txn, &plan.sequence_id).await?);
            }
            let seq = &sequences[&plan.sequence_id];
            let Some(r) = recipients.get(&plan.contact_id) else { continue };
            run_step(&txn, seq, plan, r, &rules, smtp.as_ref(), now, &mut report).await?;
        }
        txn.commit().await?;
    }
    Ok(report)
}

/// The step an enrolment runs: what it is and when it was due.
#[allow(clippy::too_many_arguments)]
async fn new_step<C: ConnectionTrait>(db: &C, plan: &DuePlan, step_id: &str, kind: StepKind, variant: Option<&str>, template: Option<&str>, status: &str, note: Option<&str>) -> CoreResult<String> {
    let id = new_id();
    let q = Query::insert()
        .into_table("enrolment_steps")
        .columns(["id", "enrolment_id", "step_id", "position", "kind", "variant", "template_id", "due_at", "status", "note", "done_at"])
        .values_panic([
            id.clone().into(),
            plan.enrolment_id.clone().into(),
            step_id.into(),
            (plan.position as i32).into(),
            kind.as_str().into(),
            variant.map(str::to_string).into(),
            template.map(str::to_string).into(),
            plan.due_at.into(),
            status.into(),
            note.map(str::to_string).into(),
            (status == "skipped" || status == "done").then_some(plan.due_at).into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    Ok(id)
}

/// Variant a or b for the next enrolment reaching an e-mail step with two templates: whichever
/// has fewer so far, so they stay even.
async fn variant<C: ConnectionTrait>(db: &C, step_id: &str) -> CoreResult<&'static str> {
    let sql = format!(
        "SELECT (SELECT count(*) FROM enrolment_steps WHERE step_id = {0} AND variant = 'a') - \
                (SELECT count(*) FROM enrolment_steps WHERE step_id = {0} AND variant = 'b')",
        lit(step_id)
    );
    let diff: i64 = match db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => 0,
    };
    Ok(if diff > 0 { "b" } else { "a" })
}

/// When a contact's other marketing e-mails and newsletters go (sent, and queued), for the cap.
pub(crate) async fn marketing_times<C: ConnectionTrait>(db: &C, contact_id: &str, around: DateTime<Utc>, rules: &Rules) -> CoreResult<Vec<DateTime<Utc>>> {
    let span = Duration::days(i64::from(std::cmp::max(rules.cap_days, 1)) * 2);
    let from = lit(&(around - span).to_rfc3339_opts(chrono::SecondsFormat::Nanos, false));
    let sql = format!(
        "SELECT coalesce(sent_at, send_after) FROM outbox WHERE contact_id = {} AND purpose IN ('marketing_email', 'newsletter') \
         AND status IN ('queued', 'held', 'sending', 'sent', 'uncertain') AND send_after >= {from}",
        lit(contact_id)
    );
    let mut out = Vec::new();
    for r in db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql)).await? {
        out.push(r.try_get_by_index(0)?);
    }
    Ok(out)
}

/// The latest marketing consent of a contact: granted, withdrawn or none.
async fn consent<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<Option<bool>> {
    let sql = format!(
        "SELECT granted FROM consents WHERE contact_id = {} AND purpose = 'marketing_email' ORDER BY recorded_at DESC LIMIT 1",
        lit(contact_id)
    );
    Ok(match db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await? {
        Some(r) => Some(r.try_get_by_index(0)?),
        None => None,
    })
}

#[allow(clippy::too_many_arguments)]
async fn run_step<C: ConnectionTrait>(
    db: &C,
    seq: &Sequence,
    plan: &DuePlan,
    r: &Recipient,
    rules: &Rules,
    smtp: Option<&crate::sending::SmtpSettings>,
    now: DateTime<Utc>,
    report: &mut TickReport,
) -> CoreResult<()> {
    let Some(step) = seq.steps.get(plan.position as usize) else {
        finish(db, &plan.enrolment_id, now).await?;
        report.finished += 1;
        return Ok(());
    };
    let tz = r.time_zone.as_deref().and_then(|z| z.parse().ok());
    match step.kind {
        StepKind::Wait => {
            new_step(db, plan, &step.id, step.kind, None, None, "done", None).await?;
            advance(db, &plan.enrolment_id, plan.position + 1, plan.due_at, seq, tz, rules, now).await?;
        }
        StepKind::Call | StepKind::Task => {
            new_step(db, plan, &step.id, step.kind, None, None, "due", None).await?;
            waiting(db, &plan.enrolment_id, plan.position + 1).await?;
            report.steps_due += 1;
        }
        StepKind::Email => {
            let skip = match (&r.address, consent(db, &r.contact.id).await?) {
                (None, _) => Some("No e-mail address to send to."),
                (_, Some(false)) => Some("Consent to marketing e-mail was withdrawn."),
                (_, None) => Some("No consent to marketing e-mail on record."),
                _ => None,
            };
            if let Some(why) = skip {
                new_step(db, plan, &step.id, step.kind, None, None, "skipped", Some(why)).await?;
                advance(db, &plan.enrolment_id, plan.position + 1, now, seq, tz, rules, now).await?;
                report.skipped += 1;
                return Ok(());
            }
            let v = if step.template_b.is_some() { Some(variant(db, &step.id).await?) } else { None };
            let template = if v == Some("b") { step.template_b.as_ref() } else { step.template.as_ref() };
            let Some(template) = template else { return Ok(()) };
            let t = templates::get(db, &template.id).await?;
            let rendered = templates::render(&t.subject, &t.body, r, true);
            match smtp {
                None => {
                    // No mail server: the e-mail waits on Today, written, with a mailto: link.
                    new_step(db, plan, &step.id, step.kind, v, Some(&t.id), "due", None).await?;
                    report.steps_due += 1;
                }
                Some(_) => {
                    let step_row = new_step(db, plan, &step.id, step.kind, v, Some(&t.id), "queued", None).await?;
                    let others = marketing_times(db, &r.contact.id, now, rules).await?;
                    let slot = timing::email_slot(std::cmp::max(plan.due_at, now), tz, seq.window.timing(), &others, rules);
                    let source = format!("Sequence: {}, step {}", seq.name, plan.position + 1);
                    let out = queue_email(db, &format!("step:{step_row}"), r, &rendered, slot, &source, Some(&step_row), None, &id_domain(smtp), Some(crate::privacy::Purpose::MarketingEmail)).await?;
                    db.execute(&Query::update().table("enrolment_steps").value("outbox_id", out).and_where(Expr::col("id").eq(step_row)).to_owned()).await?;
                    if rendered.missing.is_empty() {
                        report.emails_queued += 1;
                    } else {
                        report.emails_held += 1;
                    }
                }
            }
            waiting(db, &plan.enrolment_id, plan.position + 1).await?;
        }
    }
    Ok(())
}

/// The enrolment waits for its step to be done (sent, logged): no next due time yet.
async fn waiting<C: ConnectionTrait>(db: &C, enrolment_id: &str, next_position: u32) -> CoreResult<()> {
    let q = Query::update()
        .table("enrolments")
        .values([("step_position", (next_position as i32).into()), ("next_due_at", Option::<DateTime<Utc>>::None.into()), ("updated_at", now().into())])
        .and_where(Expr::col("id").eq(enrolment_id))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

async fn finish<C: ConnectionTrait>(db: &C, enrolment_id: &str, at: DateTime<Utc>) -> CoreResult<()> {
    let q = Query::update()
        .table("enrolments")
        .values([("status", "finished".into()), ("ended_at", at.into()), ("next_due_at", Option::<DateTime<Utc>>::None.into()), ("updated_at", at.into())])
        .and_where(Expr::col("id").eq(enrolment_id))
        .and_where(Expr::col("status").is_in(["active", "paused"]))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// Moves an enrolment to step `position`, due its delay after `from` (in its window), or
/// finishes it after the last step.
#[allow(clippy::too_many_arguments)]
async fn advance<C: ConnectionTrait>(db: &C, enrolment_id: &str, position: u32, from: DateTime<Utc>, seq: &Sequence, tz: Option<chrono_tz::Tz>, rules: &Rules, now: DateTime<Utc>) -> CoreResult<()> {
    let Some(next) = seq.steps.get(position as usize) else {
        return finish(db, enrolment_id, now).await;
    };
    let due = timing::next_open(timing::add_delay(from, next.delay_days, next.business_days, rules), tz, seq.window.timing(), next.kind.contact_facing(), rules);
    let q = Query::update()
        .table("enrolments")
        .values([("step_position", (position as i32).into()), ("next_due_at", Some(due).into()), ("updated_at", now.into())])
        .and_where(Expr::col("id").eq(enrolment_id))
        .and_where(Expr::col("status").is_in(["active", "paused"]))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// After an enrolment's step is done (at `at`): its next step falls due after its delay.
pub(crate) async fn step_finished<C: ConnectionTrait>(db: &C, enrolment_step_id: &str, status: &str, note: Option<&str>, activity: Option<&str>, at: DateTime<Utc>) -> CoreResult<()> {
    let sql = format!(
        "SELECT es.enrolment_id, e.sequence_id, e.step_position, c.time_zone, e.status FROM enrolment_steps es \
         JOIN enrolments e ON e.id = es.enrolment_id JOIN contacts c ON c.id = e.contact_id WHERE es.id = {}",
        lit(enrolment_step_id)
    );
    let r = db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await?.ok_or_else(|| CoreError::not_found("sequence step", enrolment_step_id))?;
    let (enrolment, sequence, position, tz, status_now): (String, String, i64, Option<String>, String) =
        (r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?, r.try_get_by_index(3)?, r.try_get_by_index(4)?);
    let q = Query::update()
        .table("enrolment_steps")
        .values([("status", status.into()), ("done_at", at.into()), ("note", note.map(str::to_string).into()), ("activity_id", activity.map(str::to_string).into())])
        .and_where(Expr::col("id").eq(enrolment_step_id))
        .to_owned();
    db.execute(&q).await?;
    if !matches!(status_now.as_str(), "active" | "paused") {
        return Ok(());
    }
    let seq = get(db, &sequence).await?;
    let rules = crate::sending::rules(db).await?;
    advance(db, &enrolment, position as u32, at, &seq, tz.as_deref().and_then(|z| z.parse().ok()), &rules, now()).await
}

/// An enrolment whose e-mail the server refused for good: it ends, with the server's words.
pub(crate) async fn step_failed<C: ConnectionTrait>(db: &C, enrolment_step_id: &str, reason: &str, at: DateTime<Utc>) -> CoreResult<()> {
    let q = Query::update()
        .table("enrolment_steps")
        .values([("status", "skipped".into()), ("done_at", at.into()), ("note", reason.into())])
        .and_where(Expr::col("id").eq(enrolment_step_id))
        .to_owned();
    db.execute(&q).await?;
    end(db, &format!("SELECT enrolment_id FROM enrolment_steps WHERE id = {}", lit(enrolment_step_id)), reason, at).await?;
    Ok(())
}

/// Calls, tasks and hand-sent e-mails of sequences waiting to be done, due before `until`.
pub async fn due_steps<C: ConnectionTrait>(db: &C, until: DateTime<Utc>, contact_id: Option<&str>) -> CoreResult<Vec<DueStep>> {
    let only = contact_id.map(|c| format!(" AND e.contact_id = {}", lit(c))).unwrap_or_default();
    let sql = format!(
        "SELECT es.id, es.enrolment_id, s.id, s.name, c.id, trim(c.first_name || ' ' || c.last_name), es.kind, st.title, st.instructions, es.due_at, \
           es.position, (SELECT count(*) FROM sequence_steps x WHERE x.sequence_id = s.id), es.template_id, \
           (SELECT p.phone FROM contact_phones p WHERE p.contact_id = c.id ORDER BY p.is_primary DESC, p.position LIMIT 1) \
         FROM enrolment_steps es \
         JOIN enrolments e ON e.id = es.enrolment_id JOIN sequences s ON s.id = e.sequence_id JOIN contacts c ON c.id = e.contact_id \
         LEFT JOIN sequence_steps st ON st.id = es.step_id \
         WHERE es.status = 'due' AND es.due_at < {} AND e.status IN ('active', 'paused') AND c.deleted_at IS NULL{only} \
         ORDER BY es.due_at, es.id LIMIT 500",
        lit(&until.to_rfc3339_opts(chrono::SecondsFormat::Nanos, false))
    );
    let rows = db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql)).await?;
    let mut out = Vec::new();
    for r in rows {
        let kind = StepKind::parse(&r.try_get_by_index::<String>(6)?).unwrap_or(StepKind::Task);
        let contact = EntityRef { id: r.try_get_by_index(4)?, name: r.try_get_by_index(5)? };
        let template: Option<String> = r.try_get_by_index(12)?;
        let (title, mailto) = match (kind, template) {
            (StepKind::Email, Some(t)) => mail_by_hand(db, &t, &contact.id).await?,
            _ => (r.try_get_by_index::<Option<String>>(7)?.unwrap_or_default(), None),
        };
        out.push(DueStep {
            id: r.try_get_by_index(0)?,
            enrolment_id: r.try_get_by_index(1)?,
            sequence: EntityRef { id: r.try_get_by_index(2)?, name: r.try_get_by_index(3)? },
            contact,
            kind,
            title,
            instructions: r.try_get_by_index(8)?,
            due_at: r.try_get_by_index(9)?,
            position: r.try_get_by_index::<i64>(10)? as u32 + 1,
            steps_total: r.try_get_by_index::<i64>(11)? as u32,
            mailto,
            phone: r.try_get_by_index(13)?,
        });
    }
    Ok(out)
}

/// An e-mail step to send by hand: its subject, and a mailto: link with it written out.
async fn mail_by_hand<C: ConnectionTrait>(db: &C, template_id: &str, contact_id: &str) -> CoreResult<(String, Option<String>)> {
    let t = templates::get(db, template_id).await?;
    let Some(r) = templates::recipients(db, &[contact_id.to_string()]).await?.into_iter().next() else { return Ok((t.subject, None)) };
    let m = templates::render(&t.subject, &t.body, &r, true);
    let link = r.address.as_ref().map(|a| format!("mailto:{}?subject={}&body={}", a, encode(&m.subject), encode(&m.text)));
    Ok((format!("E-mail: {}", m.subject), link))
}

/// Percent-encoding for a mailto: link's parts.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.as_bytes() {
        match *b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(*b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

async fn waiting_step<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<(String, StepKind, Option<String>, Option<String>, String, Option<String>)> {
    let sql = format!(
        "SELECT e.contact_id, es.kind, st.title, st.instructions, es.status, es.template_id FROM enrolment_steps es \
         JOIN enrolments e ON e.id = es.enrolment_id LEFT JOIN sequence_steps st ON st.id = es.step_id WHERE es.id = {}",
        lit(id)
    );
    let r = db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await?.ok_or_else(|| CoreError::not_found("sequence step", id))?;
    Ok((
        r.try_get_by_index(0)?,
        StepKind::parse(&r.try_get_by_index::<String>(1)?).unwrap_or(StepKind::Task),
        r.try_get_by_index(2)?,
        r.try_get_by_index(3)?,
        r.try_get_by_index(4)?,
        r.try_get_by_index(5)?,
    ))
}

/// Marks a waiting call, task or hand-sent e-mail done: it is logged on the contact's timeline
/// (a call with its outcome, a completed task, a sent e-mail) and the sequence moves on.
pub async fn complete_step<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, done: &StepDone, at: DateTime<Utc>) -> CoreResult<()> {
    use crate::activities::{ActivityInput, ActivityKind};
    let (contact, kind, title, _, status, template) = waiting_step(db, id).await?;
    if status != "due" {
        return Err(CoreError::conflict("This step is not waiting to be done any more (done, skipped, or its enrolment ended)."));
    }
    let mut v = crate::validate::Validator::new();
    let outcome = v.optional("outcome", &done.outcome, crate::validate::MAX_NAME);
    let note = v.optional("note", &done.note, crate::validate::MAX_LONG);
    v.finish()?;
    let (akind, subject) = match kind {
        StepKind::Call => (ActivityKind::Call, title.unwrap_or_else(|| "Call".into())),
        StepKind::Email => {
            let subject = match template {
                Some(t) => mail_by_hand(db, &t, &contact).await?.0.trim_start_matches("E-mail: ").to_string(),
                None => "E-mail".into(),
            };
            (ActivityKind::Email, subject)
        }
        _ => (ActivityKind::Task, title.unwrap_or_else(|| "Task".into())),
    };
    let txn = db.begin().await?;
    let input = ActivityInput {
        kind: akind,
        subject,
        body: note.clone(),
        contact_id: Some(contact),
        company_id: None,
        deal_id: None,
        occurred_at: Some(at),
        due_at: (akind == ActivityKind::Task).then_some(at),
        duration_minutes: None,
        outcome: outcome.or_else(|| (akind == ActivityKind::Email).then(|| "sent".to_string())),
    };
    let activity = crate::activities::create(&txn, input).await?;
    if akind == ActivityKind::Task {
        crate::activities::set_done(&txn, &activity.id, true).await?;
    }
    step_finished(&txn, id, "done", note.as_deref(), Some(&activity.id), at).await?;
    txn.commit().await?;
    Ok(())
}

/// Skips a waiting step: nothing is logged, the sequence moves on.
pub async fn skip_step<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, at: DateTime<Utc>) -> CoreResult<()> {
    let (_, _, _, _, status, _) = waiting_step(db, id).await?;
    if status != "due" {
        return Err(CoreError::conflict("This step is not waiting to be done any more (done, skipped, or its enrolment ended)."));
    }
    let txn = db.begin().await?;
    step_finished(&txn, id, "skipped", Some("Skipped by hand"), None, at).await?;
    txn.commit().await?;
    Ok(())
}

/// The sequence names and ids, for pick-lists.
pub async fn names<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<EntityRef>> {
    Ok(read::list(db).await?.into_iter().filter(|s| s.status != super::SequenceStatus::Archived).map(|s| EntityRef { id: s.id, name: s.name }).collect())
}
