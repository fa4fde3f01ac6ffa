//! Qualification: what the lead answered (budget, authority, need, timeline) and where it
//! stands (new, working, qualified, disqualified with a reason). Working on a new lead makes it
//! an engaged lead; qualifying makes it an opportunity (earlier stages only; recorded in the
//! lifecycle history). Every change is an action in the history and rescores the contact.

use super::write::{find_live, record_stage};
use crate::common::now;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::lifecycle::LifecycleStage;
use crate::validate::{Validator, MAX_LONG, MAX_SHORT};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum QualificationStatus {
    #[default]
    New,
    Working,
    Qualified,
    Disqualified,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    DecisionMaker,
    Influencer,
    User,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum NeedLevel {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
pub struct Qualification {
    pub status: QualificationStatus,
    pub disqualified_reason: Option<String>,
    /// In minor units of `budget_currency`.
    pub budget_minor: Option<i64>,
    pub budget_currency: Option<String>,
    pub authority: Option<Authority>,
    pub need_level: Option<NeedLevel>,
    pub need_note: Option<String>,
    pub timeline_on: Option<NaiveDate>,
}

fn text<T: Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|j| j.as_str().map(str::to_string)).unwrap_or_default()
}

fn parse<T: for<'de> Deserialize<'de>>(s: Option<String>) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s?)).ok()
}

pub async fn qualification<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<Qualification> {
    let q = Query::select()
        .columns(["qualification", "disqualified_reason", "budget_minor", "budget_currency", "authority", "need_level", "need_note", "timeline_on"])
        .from("contacts")
        .and_where(Expr::col("id").eq(contact_id))
        .and_where(Expr::col("deleted_at").is_null())
        .to_owned();
    let r = db.query_one(&q).await?.ok_or_else(|| CoreError::not_found("contact", contact_id))?;
    Ok(Qualification {
        status: parse(r.try_get_by_index(0)?).unwrap_or_default(),
        disqualified_reason: r.try_get_by_index(1)?,
        budget_minor: r.try_get_by_index(2)?,
        budget_currency: r.try_get_by_index(3)?,
        authority: parse(r.try_get_by_index(4)?),
        need_level: parse(r.try_get_by_index(5)?),
        need_note: r.try_get_by_index(6)?,
        timeline_on: r.try_get_by_index(7)?,
    })
}

fn validate(input: &Qualification) -> CoreResult<Qualification> {
    let mut v = Validator::new();
    let reason = v.optional("disqualified_reason", &input.disqualified_reason, MAX_SHORT);
    if input.status == QualificationStatus::Disqualified && reason.is_none() {
        v.add("disqualified_reason", "required", "Say why the lead is disqualified.");
    }
    let need_note = v.optional("need_note", &input.need_note, MAX_LONG);
    let currency = input.budget_currency.as_deref().map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty());
    match (input.budget_minor, &currency) {
        (Some(b), _) if b < 0 => v.add("budget_minor", "out_of_range", "A budget cannot be negative."),
        (Some(_), None) => v.add("budget_currency", "required", "Give the budget's currency, e.g. EUR."),
        (_, Some(c)) if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()) => {
            v.add("budget_currency", "invalid_currency", "Use a three-letter currency code, e.g. EUR.")
        }
        _ => {}
    }
    if let Some(d) = input.timeline_on {
        if !(1900..=2200).contains(&chrono::Datelike::year(&d)) {
            v.add("timeline_on", "out_of_range", "Pick a date between 1900 and 2200.");
        }
    }
    v.finish()?;
    Ok(Qualification {
        status: input.status,
        disqualified_reason: if input.status == QualificationStatus::Disqualified { reason } else { None },
        budget_minor: input.budget_minor,
        budget_currency: input.budget_minor.and(currency),
        authority: input.authority,
        need_level: input.need_level,
        need_note,
        timeline_on: input.timeline_on,
    })
}

/// Saves the qualification; nothing is written when any field is invalid.
pub async fn qualify<C: ConnectionTrait + TransactionTrait>(db: &C, contact_id: &str, input: &Qualification) -> CoreResult<Qualification> {
    let clean = validate(input)?;
    let contact = find_live(db, contact_id).await?;
    let stage = LifecycleStage::parse(&contact.lifecycle_stage).unwrap_or(LifecycleStage::Reach);
    let moved = match clean.status {
        QualificationStatus::Working if stage == LifecycleStage::Reach => Some(LifecycleStage::Acquisition),
        QualificationStatus::Qualified if matches!(stage, LifecycleStage::Reach | LifecycleStage::Acquisition) => Some(LifecycleStage::Conversion),
        _ => None,
    };
    let act = history::begin(db, ActionKind::Update, "contacts", Some(contact_id)).await?;
    let t = now();
    let mut q = Query::update();
    q.table("contacts")
        .value("qualification", text(clean.status))
        .value("disqualified_reason", clean.disqualified_reason.clone())
        .value("budget_minor", clean.budget_minor)
        .value("budget_currency", clean.budget_currency.clone())
        .value("authority", clean.authority.map(text))
        .value("need_level", clean.need_level.map(text))
        .value("need_note", clean.need_note.clone())
        .value("timeline_on", clean.timeline_on)
        .value("updated_at", t)
        .and_where(Expr::col("id").eq(contact_id));
    if let Some(to) = moved {
        q.value("lifecycle_stage", to.as_str());
    }
    act.execute(&q).await?;
    if let Some(to) = moved {
        record_stage(&*act, contact_id, Some(stage.as_str()), to, t).await?;
    }
    act.commit().await?;
    qualification(db, contact_id).await
}
