//! Reading sequences: the list (with counts of enrolments) and one sequence whole.

use super::{EnrolmentCounts, ExitRules, SendWindow, Sequence, SequenceStatus, Step, StepKind, Trigger, TriggerKind};
use crate::common::EntityRef;
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A line of the sequences list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SequenceSummary {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub status: SequenceStatus,
    pub steps: u32,
    pub triggers: u32,
    pub counts: EnrolmentCounts,
    pub updated_at: DateTime<Utc>,
}

async fn rows<C: ConnectionTrait>(db: &C, sql: &str) -> CoreResult<Vec<QueryResult>> {
    Ok(db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql.to_string())).await?)
}

async fn counts<C: ConnectionTrait>(db: &C, only: Option<&str>) -> CoreResult<HashMap<String, EnrolmentCounts>> {
    let filter = only.map(|id| format!(" WHERE sequence_id = {}", crate::criteria::lit(id))).unwrap_or_default();
    let mut out: HashMap<String, EnrolmentCounts> = HashMap::new();
    for r in rows(db, &format!("SELECT sequence_id, status, count(*) FROM enrolments{filter} GROUP BY sequence_id, status")).await? {
        let c = out.entry(r.try_get_by_index(0)?).or_default();
        let n = r.try_get_by_index::<i64>(2)? as u32;
        match r.try_get_by_index::<String>(1)?.as_str() {
            "active" => c.active = n,
            "paused" => c.paused = n,
            "finished" => c.finished = n,
            _ => c.exited += n,
        }
    }
    Ok(out)
}

pub async fn list<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<SequenceSummary>> {
    let mut counts = counts(db, None).await?;
    let sql = "SELECT s.id, s.name, s.description, s.status, s.updated_at, \
               (SELECT count(*) FROM sequence_steps st WHERE st.sequence_id = s.id), \
               (SELECT count(*) FROM sequence_triggers t WHERE t.sequence_id = s.id) \
               FROM sequences s ORDER BY s.status = 'archived', s.name COLLATE NOCASE";
    let mut out = Vec::new();
    for r in rows(db, sql).await? {
        let id: String = r.try_get_by_index(0)?;
        out.push(SequenceSummary {
            counts: counts.remove(&id).unwrap_or_default(),
            id,
            name: r.try_get_by_index(1)?,
            description: r.try_get_by_index(2)?,
            status: SequenceStatus::parse(&r.try_get_by_index::<String>(3)?),
            updated_at: r.try_get_by_index(4)?,
            steps: r.try_get_by_index::<i64>(5)? as u32,
            triggers: r.try_get_by_index::<i64>(6)? as u32,
        });
    }
    Ok(out)
}

pub(crate) async fn steps<C: ConnectionTrait>(db: &C, sequence_id: &str) -> CoreResult<Vec<Step>> {
    let sql = format!(
        "SELECT st.id, st.kind, st.delay_days, st.business_days, st.template_id, ta.name, st.template_b_id, tb.name, st.title, st.instructions \
         FROM sequence_steps st LEFT JOIN email_templates ta ON ta.id = st.template_id LEFT JOIN email_templates tb ON tb.id = st.template_b_id \
         WHERE st.sequence_id = {} ORDER BY st.position",
        crate::criteria::lit(sequence_id)
    );
    let mut out = Vec::new();
    for r in rows(db, &sql).await? {
        let template = |i: usize| -> CoreResult<Option<EntityRef>> {
            let id: Option<String> = r.try_get_by_index(i)?;
            let name: Option<String> = r.try_get_by_index(i + 1)?;
            Ok(id.map(|id| EntityRef { id, name: name.unwrap_or_else(|| "(template removed)".into()) }))
        };
        out.push(Step {
            id: r.try_get_by_index(0)?,
            kind: StepKind::parse(&r.try_get_by_index::<String>(1)?).unwrap_or(StepKind::Wait),
            delay_days: r.try_get_by_index::<i64>(2)?.max(0) as u32,
            business_days: r.try_get_by_index(3)?,
            template: template(4)?,
            template_b: template(6)?,
            title: r.try_get_by_index(8)?,
            instructions: r.try_get_by_index(9)?,
        });
    }
    Ok(out)
}

/// A trigger in words.
pub(crate) async fn trigger_label<C: ConnectionTrait>(db: &C, kind: TriggerKind, value: &str) -> CoreResult<String> {
    let name = |table: &str| format!("SELECT name FROM {table} WHERE id = {}", crate::criteria::lit(value));
    let lookup = |sql: String| async move {
        let r = rows(db, &sql).await?;
        Ok::<Option<String>, CoreError>(match r.first() {
            Some(r) => r.try_get_by_index(0)?,
            None => None,
        })
    };
    Ok(match kind {
        TriggerKind::LeadSource => format!("New lead from {}", lookup(name("lead_sources")).await?.unwrap_or_else(|| "a removed source".into())),
        TriggerKind::LifecycleStage => {
            let stage = crate::lifecycle::LifecycleStage::parse(value).map(|s| s.label().to_string()).unwrap_or_else(|| value.to_string());
            format!("Enters {stage}")
        }
        TriggerKind::PipelineStage => format!("A deal enters {}", lookup(name("pipeline_stages")).await?.unwrap_or_else(|| "a removed stage".into())),
        TriggerKind::Segment => format!("In the segment {}", lookup(name("segments")).await?.unwrap_or_else(|| "(removed)".into())),
        TriggerKind::Tier => format!("In tier {}", value.to_uppercase()),
    })
}

pub(crate) async fn triggers<C: ConnectionTrait>(db: &C, sequence_id: &str) -> CoreResult<Vec<Trigger>> {
    let sql = format!("SELECT id, kind, value, created_at FROM sequence_triggers WHERE sequence_id = {} ORDER BY created_at, id", crate::criteria::lit(sequence_id));
    let mut out = Vec::new();
    for r in rows(db, &sql).await? {
        let Some(kind) = TriggerKind::parse(&r.try_get_by_index::<String>(1)?) else { continue };
        let value: String = r.try_get_by_index(2)?;
        out.push(Trigger { id: r.try_get_by_index(0)?, kind, label: trigger_label(db, kind, &value).await?, value, since: r.try_get_by_index(3)? });
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<Sequence> {
    let sql = format!(
        "SELECT name, description, status, window_days, window_start, window_end, exit_on_reply, exit_on_meeting, exit_on_deal_closed, \
         exit_on_customer, exit_on_unsubscribe, exit_on_no_consent, updated_at FROM sequences WHERE id = {}",
        crate::criteria::lit(id)
    );
    let r = rows(db, &sql).await?.into_iter().next().ok_or_else(|| CoreError::not_found("sequence", id))?;
    let minutes = |i: usize| -> CoreResult<Option<u16>> { Ok(r.try_get_by_index::<Option<i64>>(i)?.map(|m| m.clamp(0, 1440) as u16)) };
    Ok(Sequence {
        id: id.to_string(),
        name: r.try_get_by_index(0)?,
        description: r.try_get_by_index(1)?,
        status: SequenceStatus::parse(&r.try_get_by_index::<String>(2)?),
        window: SendWindow::from_mask(r.try_get_by_index::<i64>(3)? as u8, minutes(4)?, minutes(5)?),
        exits: ExitRules {
            on_reply: r.try_get_by_index(6)?,
            on_meeting: r.try_get_by_index(7)?,
            on_deal_closed: r.try_get_by_index(8)?,
            on_customer: r.try_get_by_index(9)?,
            on_unsubscribe: r.try_get_by_index(10)?,
            on_no_consent: r.try_get_by_index(11)?,
        },
        updated_at: r.try_get_by_index(12)?,
        steps: steps(db, id).await?,
        triggers: triggers(db, id).await?,
        counts: counts(db, Some(id)).await?.remove(id).unwrap_or_default(),
    })
}

/// The sequence with this name (any case) or id.
pub async fn find<C: ConnectionTrait>(db: &C, name_or_id: &str) -> CoreResult<Sequence> {
    let key = name_or_id.trim().to_lowercase();
    match list(db).await?.into_iter().find(|s| s.id == name_or_id.trim() || s.name.to_lowercase() == key) {
        Some(s) => get(db, &s.id).await,
        None => Err(CoreError::not_found("sequence", name_or_id)),
    }
}
