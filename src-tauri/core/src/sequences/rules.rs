//! The scheduler's set-based passes: exit rules over every running enrolment, and triggers
//! that enrol the contacts they describe. Each is one statement per rule or trigger, so a tick
//! costs the same with 10 or 50,000 enrolments in flight.

use super::enrol::{end, enrol_with, EnrolTarget};
use super::{read, TriggerKind};
use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

fn lit(s: &str) -> String {
    crate::criteria::lit(s)
}

/// The latest consent to marketing e-mail of contact `e.contact_id` (1, 0 or NULL).
const CONSENT: &str = "(SELECT k.granted FROM consents k WHERE k.contact_id = e.contact_id AND k.purpose = 'marketing_email' \
                       ORDER BY k.recorded_at DESC LIMIT 1)";

/// Each exit rule: its reason, and the condition over a running enrolment `e` of sequence `s`.
fn exit_rules() -> Vec<(&'static str, String)> {
    let contact = |cond: &str| format!("EXISTS (SELECT 1 FROM contacts c WHERE c.id = e.contact_id AND ({cond}))");
    vec![
        ("Asked not to be contacted", contact("c.do_not_contact = 1")),
        ("Moved to the trash", contact("c.deleted_at IS NOT NULL")),
        (
            "Replied",
            "s.exit_on_reply = 1 AND EXISTS (SELECT 1 FROM activities a WHERE a.contact_id = e.contact_id AND a.kind = 'email' \
             AND lower(a.outcome) = 'replied' AND a.deleted_at IS NULL AND a.occurred_at >= e.enrolled_at)"
                .into(),
        ),
        (
            "Meeting booked",
            "s.exit_on_meeting = 1 AND EXISTS (SELECT 1 FROM activities a WHERE a.contact_id = e.contact_id \
             AND (a.kind = 'meeting' OR (a.kind = 'call' AND lower(a.outcome) = 'meeting booked')) \
             AND a.deleted_at IS NULL AND a.occurred_at >= e.enrolled_at)"
                .into(),
        ),
        (
            "Deal won",
            "s.exit_on_deal_closed = 1 AND EXISTS (SELECT 1 FROM deal_contacts dc JOIN deals d ON d.id = dc.deal_id \
             WHERE dc.contact_id = e.contact_id AND d.status = 'won' AND d.deleted_at IS NULL AND d.closed_at >= e.enrolled_at)"
                .into(),
        ),
        (
            "Deal lost",
            "s.exit_on_deal_closed = 1 AND EXISTS (SELECT 1 FROM deal_contacts dc JOIN deals d ON d.id = dc.deal_id \
             WHERE dc.contact_id = e.contact_id AND d.status = 'lost' AND d.deleted_at IS NULL AND d.closed_at >= e.enrolled_at)"
                .into(),
        ),
        ("Became a customer", format!("s.exit_on_customer = 1 AND {}", contact("c.lifecycle_stage IN ('retention', 'loyalty')"))),
        ("Unsubscribed", format!("s.exit_on_unsubscribe = 1 AND {CONSENT} = 0")),
        (
            "No consent to marketing e-mail",
            format!(
                "s.exit_on_no_consent = 1 AND coalesce({CONSENT}, 0) = 0 \
                 AND EXISTS (SELECT 1 FROM sequence_steps x WHERE x.sequence_id = s.id AND x.kind = 'email')"
            ),
        ),
    ]
}

/// Ends every running enrolment one of its sequence's exit rules now applies to. Returns how
/// many ended.
pub(crate) async fn apply_exits<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<u32> {
    let mut ended = 0;
    for (reason, cond) in exit_rules() {
        let ids = format!(
            "SELECT e.id FROM enrolments e JOIN sequences s ON s.id = e.sequence_id WHERE e.status IN ('active', 'paused') AND ({cond})"
        );
        ended += end(db, &ids, reason, now).await? as u32;
    }
    Ok(ended)
}

/// The live contacts a trigger enrols now (not yet in its sequence), at most `limit`.
async fn trigger_members<C: ConnectionTrait>(db: &C, sequence_id: &str, kind: TriggerKind, value: &str, since: DateTime<Utc>, limit: u32) -> CoreResult<Vec<String>> {
    let since = lit(&since.to_rfc3339_opts(chrono::SecondsFormat::Nanos, false));
    let v = lit(value);
    let cond = match kind {
        TriggerKind::LeadSource => format!("c.lead_source_id = {v} AND c.created_at >= {since}"),
        TriggerKind::LifecycleStage => format!(
            "((c.lifecycle_stage = {v} AND c.created_at >= {since}) \
              OR EXISTS (SELECT 1 FROM lifecycle_changes lc WHERE lc.contact_id = c.id AND lc.to_stage = {v} AND lc.changed_at >= {since}))"
        ),
        TriggerKind::PipelineStage => format!(
            "EXISTS (SELECT 1 FROM deal_contacts dc JOIN deal_stage_changes ch ON ch.deal_id = dc.deal_id \
             WHERE dc.contact_id = c.id AND ch.to_stage_id = {v} AND ch.changed_at >= {since})"
        ),
        TriggerKind::Segment => crate::segments::condition(db, value).await?,
        TriggerKind::Tier => format!("c.id IN (SELECT cs.contact_id FROM contact_scores cs WHERE cs.tier = {v})"),
    };
    let sql = format!(
        "SELECT c.id AS c0 FROM contacts c WHERE c.deleted_at IS NULL AND ({cond}) \
         AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.sequence_id = {} AND e.contact_id = c.id) LIMIT {limit}",
        lit(sequence_id)
    );
    Ok(crate::sqlite::packed_rows(db, &sql, 1).await?.into_iter().filter_map(|r| r.into_iter().next().flatten()).collect())
}

/// Enrols whoever the triggers of active sequences describe. Contacts a trigger cannot enrol
/// (do not contact, no address, no consent) are counted and kept as ended enrolments with the
/// reason (the sequence lists them; the trigger does not try them again).
pub(crate) async fn apply_triggers<C: ConnectionTrait + TransactionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<(u32, u32)> {
    let sql = "SELECT t.sequence_id, t.kind, t.value, t.created_at FROM sequence_triggers t JOIN sequences s ON s.id = t.sequence_id \
               WHERE s.status = 'active' ORDER BY t.created_at";
    let triggers = db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql)).await?;
    let (mut enrolled, mut refused) = (0, 0);
    for t in triggers {
        let (seq, kind, value, since): (String, String, String, DateTime<Utc>) =
            (t.try_get_by_index(0)?, t.try_get_by_index(1)?, t.try_get_by_index(2)?, t.try_get_by_index(3)?);
        let Some(kind) = TriggerKind::parse(&kind) else { continue };
        let ids = match trigger_members(db, &seq, kind, &value, since, 10_000).await {
            Ok(ids) => ids,
            // A trigger whose segment was removed enrols no one.
            Err(crate::CoreError::NotFound { .. }) => continue,
            Err(e) => return Err(e),
        };
        if ids.is_empty() {
            continue;
        }
        let by = format!("Trigger: {}", read::trigger_label(db, kind, &value).await?);
        let r = enrol_with(db, &seq, &EnrolTarget::Contacts { ids }, &by, now, true).await?;
        enrolled += r.enrolled;
        refused += r.refused_count;
    }
    Ok((enrolled, refused))
}
