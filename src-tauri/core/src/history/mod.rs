//! History and undo. Every change to a record is logged by triggers (`history_changes`, the
//! row as JSON before and after) under the action that made it (`history_actions`: create,
//! update, delete, stage move, merge, import, …). Each record shows its history; any action can
//! be undone while the fields it changed still hold what it wrote; the log is pruned, never to
//! less than [`MIN_RETENTION_DAYS`].

mod record;
mod show;
mod undo;

pub use record::{begin, begin_with, clear_stale, quiet, resume, Action};
pub use undo::{undo, undo_last};
pub(crate) use undo::mark_undone_by_reference;

use crate::error::{CoreError, CoreResult};
use crate::meta;
use chrono::{DateTime, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, Order, TransactionSession, TransactionTrait};
use serde::{Deserialize, Serialize};

/// What the person did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Create,
    Update,
    Delete,
    /// Brought back from the trash.
    Restore,
    StageMove,
    Merge,
    Import,
    /// Changes to many records at once (bulk edit from a list).
    Bulk,
    Undo,
    /// Erasure of a contact's personal data: recorded, never undoable.
    Erase,
}

impl ActionKind {
    pub const ALL: [ActionKind; 10] = [
        ActionKind::Create,
        ActionKind::Update,
        ActionKind::Delete,
        ActionKind::Restore,
        ActionKind::StageMove,
        ActionKind::Merge,
        ActionKind::Import,
        ActionKind::Bulk,
        ActionKind::Undo,
        ActionKind::Erase,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Create => "create",
            ActionKind::Update => "update",
            ActionKind::Delete => "delete",
            ActionKind::Restore => "restore",
            ActionKind::StageMove => "stage_move",
            ActionKind::Merge => "merge",
            ActionKind::Import => "import",
            ActionKind::Bulk => "bulk",
            ActionKind::Undo => "undo",
            ActionKind::Erase => "erase",
        }
    }

    fn parse(s: &str) -> ActionKind {
        ActionKind::ALL.into_iter().find(|k| k.as_str() == s).unwrap_or(ActionKind::Update)
    }
}

/// One action in the history, with the changes it made (to the record asked about, when the
/// history of one record was asked for).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct HistoryAction {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub kind: ActionKind,
    /// The table of the record the action was about (`contacts`, `deals`, …).
    pub entity: Option<String>,
    pub record_id: Option<String>,
    /// The record's name when the action ran ("Anna Berg", "Website redesign").
    pub subject: String,
    /// How many rows the action wrote in all.
    pub change_count: u32,
    pub changes: Vec<show::HistoryChange>,
    /// Changes not listed in `changes` (the whole-database list shows the first 30 of each).
    pub more_changes: u32,
    pub undone_at: Option<DateTime<Utc>>,
    /// For an undo: the action it undid.
    pub undo_of: Option<i64>,
    /// For an undone action: the undo (undoing that one is a redo).
    pub undone_by: Option<i64>,
    pub can_undo: bool,
}

pub use show::{FieldChange, HistoryChange};

#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
pub struct HistoryQuery {
    /// With `record_id`: only what touched this record (`contacts`, `companies`, `deals`, …).
    pub entity: Option<String>,
    pub record_id: Option<String>,
    /// Older than this action id (the next page).
    pub before: Option<i64>,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct HistoryPage {
    pub actions: Vec<HistoryAction>,
    pub has_more: bool,
}

/// Changes shown per action in the whole-database list (a record's own history shows all).
const CHANGES_SHOWN: usize = 30;

pub(crate) fn time_of(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

pub async fn list<C: ConnectionTrait>(db: &C, query: &HistoryQuery) -> CoreResult<HistoryPage> {
    let limit = query.limit.unwrap_or(50).clamp(1, 200) as u64;
    let record = match (&query.entity, &query.record_id) {
        (Some(e), Some(id)) => {
            if !hearth_migrations::sqlite_history::RECORDED.iter().any(|r| r.owner == e) {
                return Err(CoreError::invalid("entity", "unknown", format!("“{e}” has no history.")));
            }
            Some((e.as_str(), id.as_str()))
        }
        (None, None) => None,
        _ => return Err(CoreError::invalid("record_id", "required", "Give both the kind of record and its id.")),
    };
    let mut q = Query::select();
    q.columns(["id", "at_ms", "kind", "entity", "record_id", "subject", "undo_of", "undone_at_ms", "ref_kind", "undone_by"])
        .expr(Expr::cust("(SELECT count(*) FROM history_changes c WHERE c.action_id = history_actions.id)"))
        .column("ref_id")
        .from("history_actions");
    if let Some((e, id)) = record {
        let touched = Query::select()
            .column("action_id")
            .from("history_changes")
            .and_where(Expr::col("owner_entity").eq(e))
            .and_where(Expr::col("owner_id").eq(id))
            .and_where(Expr::col("action_id").is_not_null())
            .to_owned();
        let mut any = sea_orm::Condition::any()
            .add(Expr::col("id").in_subquery(touched))
            .add(Expr::col("entity").eq(e).and(Expr::col("record_id").eq(id)));
        // Imports keep their own record of what they wrote (not the change log): they show on
        // each record they created or updated.
        if let Some(items) = imported_items(e, id) {
            any = any.add(Expr::cust(format!("(ref_kind = 'import' AND ref_id IN (SELECT import_id FROM import_items WHERE {items}))")));
        }
        q.cond_where(any);
    }
    if let Some(b) = query.before {
        q.and_where(Expr::col("id").lt(b));
    }
    q.order_by("id", Order::Desc).limit(limit + 1);
    let rows = db.query_all(&q).await?;
    let has_more = rows.len() as u64 > limit;
    let mut actions = Vec::new();
    let mut imports: Vec<(usize, String)> = Vec::new();
    for r in rows.into_iter().take(limit as usize) {
        let kind = ActionKind::parse(&r.try_get_by_index::<String>(2)?);
        let undone: Option<i64> = r.try_get_by_index(7)?;
        let reference: Option<String> = r.try_get_by_index(8)?;
        let count: i64 = r.try_get_by_index(10)?;
        if reference.as_deref() == Some("import") {
            if let Some(ref_id) = r.try_get_by_index::<Option<String>>(11)? {
                imports.push((actions.len(), ref_id));
            }
        }
        actions.push(HistoryAction {
            id: r.try_get_by_index(0)?,
            at: time_of(r.try_get_by_index(1)?),
            kind,
            entity: r.try_get_by_index(3)?,
            record_id: r.try_get_by_index(4)?,
            subject: r.try_get_by_index::<Option<String>>(5)?.unwrap_or_default(),
            change_count: count as u32,
            changes: vec![],
            more_changes: 0,
            undone_at: undone.map(time_of),
            undo_of: r.try_get_by_index(6)?,
            undone_by: r.try_get_by_index(9)?,
            can_undo: undone.is_none() && kind != ActionKind::Erase && (count > 0 || reference.is_some()),
        });
    }
    show::attach_changes(db, &mut actions, record, if record.is_some() { usize::MAX } else { CHANGES_SHOWN }).await?;
    if let Some((e, id)) = record {
        for (i, import_id) in imports {
            actions[i].changes.extend(show::imported(db, &import_id, e, id).await?);
        }
    }
    Ok(HistoryPage { actions, has_more })
}

/// The `import_items` rows (as an SQL condition) that are about record `id` of table `e`: the
/// record itself, and for a contact the activities imported for them.
fn imported_items(e: &str, id: &str) -> Option<String> {
    let id = crate::criteria::lit(id);
    Some(match e {
        "contacts" => format!(
            "(entity = 'contact' AND record_id = {id}) OR (entity = 'activity' AND record_id IN (SELECT a.id FROM activities a WHERE a.contact_id = {id}))"
        ),
        "companies" => format!("entity = 'company' AND record_id = {id}"),
        "deals" => format!("entity = 'deal' AND record_id = {id}"),
        _ => return None,
    })
}

/// How long the history is kept.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct HistorySettings {
    pub retention_days: u32,
    pub min_retention_days: u32,
    pub oldest: Option<DateTime<Utc>>,
    pub action_count: u32,
}

pub const MIN_RETENTION_DAYS: u32 = 90;
pub const DEFAULT_RETENTION_DAYS: u32 = 365;
const MAX_RETENTION_DAYS: u32 = 36_500;
const RETENTION_KEY: &str = "history_retention_days";

async fn retention_days<C: ConnectionTrait>(db: &C) -> CoreResult<u32> {
    let v = meta::get(db, RETENTION_KEY).await?.and_then(|s| s.parse::<u32>().ok()).unwrap_or(DEFAULT_RETENTION_DAYS);
    // Whatever was stored, never less than the minimum.
    Ok(v.clamp(MIN_RETENTION_DAYS, MAX_RETENTION_DAYS))
}

pub async fn settings<C: ConnectionTrait>(db: &C) -> CoreResult<HistorySettings> {
    let q = Query::select().expr(Expr::cust("min(at_ms)")).expr(Expr::cust("count(*)")).from("history_actions").to_owned();
    let (oldest, count) = match db.query_one(&q).await? {
        Some(r) => (r.try_get_by_index::<Option<i64>>(0)?, r.try_get_by_index::<i64>(1)?),
        None => (None, 0),
    };
    Ok(HistorySettings {
        retention_days: retention_days(db).await?,
        min_retention_days: MIN_RETENTION_DAYS,
        oldest: oldest.map(time_of),
        action_count: count as u32,
    })
}

pub async fn set_retention<C: ConnectionTrait>(db: &C, days: u32) -> CoreResult<HistorySettings> {
    if !(MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS).contains(&days) {
        return Err(CoreError::invalid(
            "retention_days",
            "out_of_range",
            format!("Keep the history between {MIN_RETENTION_DAYS} and {MAX_RETENTION_DAYS} days."),
        ));
    }
    meta::set(db, RETENTION_KEY, &days.to_string()).await?;
    settings(db).await
}

/// Deletes the actions and changes older than the retention period (never younger than
/// [`MIN_RETENTION_DAYS`]). Returns how many actions went.
pub async fn prune<C: ConnectionTrait + TransactionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<u32> {
    let days = retention_days(db).await?;
    let cut = (now - chrono::Duration::days(days as i64)).timestamp_millis();
    // Nothing old enough: no write at all (opening the app must not count as a change).
    let q = Query::select().expr(Expr::cust("min(at_ms)")).from("history_changes").to_owned();
    let oldest_change: Option<i64> = match db.query_one(&q).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => None,
    };
    let q = Query::select().expr(Expr::cust("min(at_ms)")).from("history_actions").to_owned();
    let oldest_action: Option<i64> = match db.query_one(&q).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => None,
    };
    if oldest_change.is_none_or(|t| t >= cut) && oldest_action.is_none_or(|t| t >= cut) {
        return Ok(0);
    }
    let txn = db.begin().await?;
    let old = Query::select().column("id").from("history_actions").and_where(Expr::col("at_ms").lt(cut)).to_owned();
    txn.execute(&Query::delete().from_table("history_changes").and_where(Expr::col("action_id").in_subquery(old.clone())).to_owned())
        .await?;
    txn.execute(
        &Query::delete()
            .from_table("history_changes")
            .and_where(Expr::col("action_id").is_null())
            .and_where(Expr::col("at_ms").lt(cut))
            .to_owned(),
    )
    .await?;
    let gone = txn.execute(&Query::delete().from_table("history_actions").and_where(Expr::col("at_ms").lt(cut)).to_owned()).await?;
    txn.commit().await?;
    Ok(gone.rows_affected() as u32)
}

/// Forgets everything the log holds about a contact being erased: its rows' before/after and
/// any row that names it; actions about it keep no name. Runs inside the erasure's transaction.
pub async fn forget_contact<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<()> {
    let names = Expr::cust_with_values(
        "owner_id = ? OR record_id = ? OR instr(coalesce(before_json, ''), ?) > 0 OR instr(coalesce(after_json, ''), ?) > 0",
        [contact_id, contact_id, contact_id, contact_id],
    );
    db.execute(&Query::delete().from_table("history_changes").and_where(names).to_owned()).await?;
    let q = Query::update()
        .table("history_actions")
        .value("subject", "(erased)")
        .and_where(Expr::col("entity").eq("contacts"))
        .and_where(Expr::col("record_id").eq(contact_id))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}
