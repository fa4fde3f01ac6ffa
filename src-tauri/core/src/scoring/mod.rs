//! The explainable lead score (0–100): fit (who the contact is) plus engagement (what they did
//! lately, each activity halving with its rule's half-life), hot/warm/cold from thresholds, and a
//! manual override that never hides the computed score. Scores are stored per contact
//! (`contact_scores`), computed by [`rescore_all`] (daily, for decay) and [`refresh`] (the
//! contacts an edit touched).

mod assign;
mod compute;
mod preview;
pub mod rules;

pub use assign::reassign_all;
pub use preview::{preview, save_all, ScorePreview, Spread};
pub use rules::{Condition, FitField, Op, Part, ScoreRule, ScoreRuleInput};

use compute::Who;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::meta;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Temperature {
    Hot,
    Warm,
    Cold,
}

/// One line of a score's explanation: "+20 Decision maker", "+13 Replied by e-mail (2 days ago)".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ScoreLine {
    pub rule_id: String,
    pub rule: String,
    pub part: Part,
    pub points: i32,
    /// For engagement: "3 times, latest 2 days ago".
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ScoreCard {
    pub contact_id: String,
    pub fit: i32,
    pub engagement: i32,
    /// What the rules give (0–100).
    pub computed: i32,
    pub override_score: Option<i32>,
    pub override_reason: Option<String>,
    /// The score in effect: the override when there is one.
    pub score: i32,
    pub temperature: Temperature,
    pub lines: Vec<ScoreLine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Thresholds {
    /// From this score on a lead is hot.
    pub hot: i32,
    /// From this score on (below hot) it is warm; below, cold.
    pub warm: i32,
}

const HOT_KEY: &str = "score_hot";
const WARM_KEY: &str = "score_warm";

pub async fn thresholds<C: ConnectionTrait>(db: &C) -> CoreResult<Thresholds> {
    let get = |v: Option<String>, d: i32| v.and_then(|s| s.parse().ok()).unwrap_or(d);
    Ok(Thresholds { hot: get(meta::get(db, HOT_KEY).await?, 70), warm: get(meta::get(db, WARM_KEY).await?, 40) })
}

pub async fn set_thresholds<C: ConnectionTrait>(db: &C, t: Thresholds) -> CoreResult<Thresholds> {
    let mut errors = crate::validate::Validator::new();
    if !(1..=100).contains(&t.hot) {
        errors.add("hot", "out_of_range", "Hot starts between 1 and 100.");
    }
    if !(1..=100).contains(&t.warm) {
        errors.add("warm", "out_of_range", "Warm starts between 1 and 100.");
    }
    if t.warm >= t.hot {
        errors.add("warm", "above_hot", "Warm must start below hot.");
    }
    errors.finish()?;
    meta::set(db, HOT_KEY, &t.hot.to_string()).await?;
    meta::set(db, WARM_KEY, &t.warm.to_string()).await?;
    Ok(t)
}

pub fn temperature(score: i32, t: Thresholds) -> Temperature {
    if score >= t.hot {
        Temperature::Hot
    } else if score >= t.warm {
        Temperature::Warm
    } else {
        Temperature::Cold
    }
}

/// Scores every live contact again (rules changed, or the daily decay). Returns how many.
pub async fn rescore_all<C: ConnectionTrait + TransactionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<u32> {
    let rules = rules::list(db).await?;
    let scored = compute::evaluate(db, &rules, now, Who::All).await?;
    let txn = db.begin().await?;
    compute::store(&txn, &scored, Who::All, now).await?;
    txn.commit().await?;
    Ok(scored.len() as u32)
}

/// Scores these contacts again (after an edit or an activity touched them).
pub async fn refresh<C: ConnectionTrait>(db: &C, ids: &[String], now: DateTime<Utc>) -> CoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let rules = rules::list(db).await?;
    for chunk in ids.chunks(500) {
        let scored = compute::evaluate(db, &rules, now, Who::Ids(chunk)).await?;
        compute::store(db, &scored, Who::Ids(chunk), now).await?;
    }
    Ok(())
}

fn detail(count: u32, newest_days: Option<f64>) -> Option<String> {
    let days = newest_days?;
    let when = match days.floor() as i64 {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        d => format!("{d} days ago"),
    };
    Some(if count > 1 { format!("{count} times, latest {when}") } else { when })
}

/// A contact's score with the lines that make it up (computed now, from the current rules).
pub async fn card<C: ConnectionTrait>(db: &C, contact_id: &str, now: DateTime<Utc>) -> CoreResult<ScoreCard> {
    let q = Query::select()
        .columns(["score_override", "score_override_reason"])
        .from("contacts")
        .and_where(Expr::col("id").eq(contact_id))
        .and_where(Expr::col("deleted_at").is_null())
        .to_owned();
    let row = db.query_one(&q).await?.ok_or_else(|| CoreError::not_found("contact", contact_id))?;
    let override_score: Option<i32> = row.try_get_by_index(0)?;
    let override_reason: Option<String> = row.try_get_by_index(1)?;
    let rules = rules::list(db).await?;
    let ids = [contact_id.to_string()];
    let mut scored = compute::evaluate(db, &rules, now, Who::Ids(&ids)).await?;
    let s = scored.remove(contact_id).ok_or_else(|| CoreError::not_found("contact", contact_id))?;
    let lines = s
        .shares
        .iter()
        .map(|sh| {
            let r = &rules[sh.rule];
            ScoreLine { rule_id: r.id.clone(), rule: r.name.clone(), part: r.part, points: sh.points.round() as i32, detail: detail(sh.count, sh.newest_days) }
        })
        .filter(|l| l.points != 0)
        .collect();
    let computed = s.total();
    let score = override_score.unwrap_or(computed);
    Ok(ScoreCard {
        contact_id: contact_id.to_string(),
        fit: s.fit,
        engagement: s.engagement,
        computed,
        override_score,
        override_reason,
        score,
        temperature: temperature(score, thresholds(db).await?),
        lines,
    })
}

/// Sets (or, with `None`, removes) a manual score. A reason is required; the computed score
/// stays visible beside it.
pub async fn set_override<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    contact_id: &str,
    score: Option<i32>,
    reason: Option<String>,
) -> CoreResult<ScoreCard> {
    let mut v = crate::validate::Validator::new();
    let reason = v.optional("reason", &reason, crate::validate::MAX_SHORT);
    if let Some(s) = score {
        if !(0..=100).contains(&s) {
            v.add("score", "out_of_range", "A score goes from 0 to 100.");
        }
        if reason.is_none() {
            v.add("reason", "required", "Say why this contact's score is set by hand.");
        }
    }
    v.finish()?;
    crate::contacts::find_live(db, contact_id).await?;
    let act = history::begin(db, ActionKind::Update, "contacts", Some(contact_id)).await?;
    let q = Query::update()
        .table("contacts")
        .value("score_override", score)
        .value("score_override_reason", if score.is_some() { reason } else { None })
        .and_where(Expr::col("id").eq(contact_id))
        .to_owned();
    act.execute(&q).await?;
    act.commit().await?;
    card(db, contact_id, Utc::now()).await
}

/// After an action: scores again the contacts whose rows it wrote — the contact itself, its
/// e-mails, tags and answers, activities and deals naming it — and the contacts of a company it
/// changed. Runs inside the action's transaction.
pub(crate) async fn refresh_for_action<C: ConnectionTrait>(db: &C, action_id: i64) -> CoreResult<()> {
    let sql = format!(
        "SELECT owner_id AS c0 FROM history_changes WHERE action_id = {action_id} AND owner_entity = 'contacts' \
         UNION SELECT coalesce(after_json, before_json) ->> '$.contact_id' FROM history_changes \
           WHERE action_id = {action_id} AND table_name IN ('activities', 'deal_contacts') \
         UNION SELECT c.id FROM contacts c JOIN history_changes h ON h.table_name = 'companies' AND h.record_id = c.company_id \
           WHERE h.action_id = {action_id} AND c.deleted_at IS NULL \
         UNION SELECT dc.contact_id FROM deal_contacts dc JOIN history_changes h ON h.table_name = 'deals' AND h.record_id = dc.deal_id \
           WHERE h.action_id = {action_id}"
    );
    refresh_query(db, &sql).await?;
    // Rules of tiers or personas, or segments they may name: every contact's tier and persona.
    let rules = format!(
        "SELECT 1 AS c0 FROM history_changes WHERE action_id = {action_id} AND table_name IN ('tiers', 'personas', 'segments') LIMIT 1"
    );
    if !crate::sqlite::packed_rows(db, &rules, 1).await?.is_empty() {
        assign::assign(db, Who::All, Utc::now()).await?;
    }
    Ok(())
}

/// Scores again the contacts `sql` selects (one column, `c0`): one by one for a few, in one
/// pass over just them for many (faster than thousands of lookups).
pub(crate) async fn refresh_query<C: ConnectionTrait>(db: &C, sql: &str) -> CoreResult<()> {
    let n = crate::sqlite::packed_rows(db, &format!("SELECT count(*) AS c0 FROM ({sql})"), 1).await?;
    let n: u64 = n.first().and_then(|r| r[0].as_deref()).and_then(|v| v.parse().ok()).unwrap_or(0);
    if n > 5_000 {
        let rules = rules::list(db).await?;
        let now = Utc::now();
        let only = format!("SELECT DISTINCT c0 AS cid FROM ({sql})");
        let scored = compute::evaluate(db, &rules, now, Who::Sql(&only)).await?;
        return compute::store(db, &scored, Who::Sql(&only), now).await;
    }
    let ids: Vec<String> = crate::sqlite::packed_rows(db, sql, 1).await?.into_iter().filter_map(|r| r.into_iter().next().flatten()).collect();
    refresh(db, &ids, Utc::now()).await
}

/// Contacts scored per pass when an import's contacts are scored.
const IMPORT_PAGE: usize = 200_000;

/// Scores again the contacts an import lists (with `updated_only`, those it changed), a page of
/// ids at a time in id order: a file of millions of rows never holds its ids or scores in
/// memory at once.
pub(crate) async fn refresh_imported<C: ConnectionTrait>(db: &C, import_id: &str, updated_only: bool) -> CoreResult<()> {
    let rules = rules::list(db).await?;
    let now = Utc::now();
    let base = format!(
        "SELECT record_id AS cid FROM import_items WHERE import_id = {} AND entity = 'contact'{}",
        crate::criteria::lit(import_id),
        if updated_only { " AND action = 'updated'" } else { "" }
    );
    let mut after = String::new();
    loop {
        let page = format!("SELECT cid AS c0 FROM ({base} AND record_id > {} ORDER BY record_id LIMIT {IMPORT_PAGE})", crate::criteria::lit(&after));
        let ids = crate::sqlite::packed_rows(db, &page, 1).await?;
        let Some(last) = ids.last().and_then(|r| r[0].clone()) else { break };
        let only = format!("{base} AND record_id > {} AND record_id <= {}", crate::criteria::lit(&after), crate::criteria::lit(&last));
        let scored = compute::evaluate(db, &rules, now, Who::Sql(&only)).await?;
        compute::store(db, &scored, Who::Sql(&only), now).await?;
        after = last;
    }
    Ok(())
}

/// When the stored scores are older than a day (or missing): the daily decay. `None` when they
/// are fresh (nothing is written, so opening the app is not a change).
pub async fn rescore_if_stale<C: ConnectionTrait + TransactionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<Option<u32>> {
    let q = Query::select().expr(Expr::cust("min(computed_at)")).expr(Expr::cust("count(*)")).from("contact_scores").to_owned();
    let (oldest, n): (Option<DateTime<Utc>>, i64) = match db.query_one(&q).await? {
        Some(r) => (r.try_get_by_index(0)?, r.try_get_by_index(1)?),
        None => (None, 0),
    };
    let live = meta::live_count(db, "contacts").await? as i64;
    let stale = oldest.is_none_or(|t| now - t > chrono::Duration::hours(24)) || n < live;
    if !stale || live == 0 {
        return Ok(None);
    }
    Ok(Some(rescore_all(db, now).await?))
}
