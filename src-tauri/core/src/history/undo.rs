//! Undoing an action: its logged rows are put back in reverse order, field by field, and only
//! where they still hold what the action wrote (a later change is never overwritten: the undo
//! is refused and says what changed). Records the action created go to the trash rather than
//! away. The undo is itself an action, so it can be undone in turn (redo).

use super::record::{self, now_ms};
use super::show::subject_of;
use super::{ActionKind, HistoryAction, HistoryQuery};
use crate::error::{CoreError, CoreResult};
use hearth_migrations::sqlite_history::{recorded, Recorded};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DatabaseConnection, Order, Value};
use serde_json::{Map, Value as Json};
use std::collections::HashSet;

/// Tables whose rows are moved to the trash (`deleted_at`) rather than deleted.
const TRASHABLE: &[&str] = &["contacts", "companies", "deals", "activities"];
/// Fields restored only when nothing changed them since, never a reason to refuse.
const DERIVED: &[&str] = &["updated_at", "version", "rank", "last_contacted_at", "next_follow_up_at", "stage_entered_at"];

struct Target {
    kind: ActionKind,
    entity: Option<String>,
    record_id: Option<String>,
    reference: Option<(String, String)>,
    undo_of: Option<i64>,
    undone_at: Option<i64>,
}

async fn target<C: ConnectionTrait>(db: &C, id: i64) -> CoreResult<Target> {
    let q = Query::select()
        .columns(["kind", "entity", "record_id", "ref_kind", "ref_id", "undo_of", "undone_at_ms"])
        .from("history_actions")
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    let r = db.query_one(&q).await?.ok_or_else(|| CoreError::not_found("history action", &id.to_string()))?;
    let kind: String = r.try_get_by_index(0)?;
    let ref_kind: Option<String> = r.try_get_by_index(3)?;
    let ref_id: Option<String> = r.try_get_by_index(4)?;
    Ok(Target {
        kind: ActionKind::parse(&kind),
        entity: r.try_get_by_index(1)?,
        record_id: r.try_get_by_index(2)?,
        reference: ref_kind.zip(ref_id),
        undo_of: r.try_get_by_index(5)?,
        undone_at: r.try_get_by_index(6)?,
    })
}

/// Undoes the newest action that is not undone yet (Ctrl/Cmd+Z).
pub async fn undo_last(db: &DatabaseConnection) -> CoreResult<HistoryAction> {
    let q = Query::select()
        .column("id")
        .from("history_actions")
        .and_where(Expr::col("undone_at_ms").is_null())
        .and_where(Expr::col("kind").is_not_in([ActionKind::Undo.as_str(), ActionKind::Erase.as_str()]))
        // An action that changed nothing (a bulk edit of records already so) has nothing to undo.
        .and_where(Expr::cust("(ref_kind IS NOT NULL OR EXISTS (SELECT 1 FROM history_changes c WHERE c.action_id = history_actions.id))"))
        .order_by("id", Order::Desc)
        .limit(1)
        .to_owned();
    let Some(r) = db.query_one(&q).await? else { return Err(CoreError::conflict("There is nothing to undo.")) };
    undo(db, r.try_get_by_index(0)?).await
}

/// Undoes action `id` (an undo undoes the undo: redo). Returns the action, now marked undone.
pub async fn undo(db: &DatabaseConnection, id: i64) -> CoreResult<HistoryAction> {
    let t = target(db, id).await?;
    if let Some(at) = t.undone_at {
        let when = super::time_of(at).format("%Y-%m-%d %H:%M UTC");
        return Err(CoreError::conflict(format!("This was already undone ({when}).")));
    }
    match (t.kind, &t.reference) {
        (ActionKind::Erase, _) => return Err(CoreError::conflict("An erasure cannot be undone: the data is gone for good.")),
        (_, Some((kind, ref_id))) if kind == "merge" => {
            crate::duplicates::undo_merge(db, ref_id).await?;
        }
        (_, Some((kind, ref_id))) if kind == "import" => {
            crate::import::undo(db, ref_id).await?;
        }
        _ => revert(db, id, &t).await?,
    }
    let page = super::list(db, &HistoryQuery { before: Some(id + 1), limit: Some(1), ..Default::default() }).await?;
    page.actions.into_iter().next().ok_or_else(|| CoreError::not_found("history action", &id.to_string()))
}

/// Marks the action that a merge or an import made as undone by the open action (their own
/// undo, from their screens or from the history).
pub(crate) async fn mark_undone_by_reference<C: ConnectionTrait>(db: &C, kind: &str, ref_id: &str, by: Option<i64>) -> CoreResult<()> {
    let by = match by {
        Some(b) => Some(b),
        None => record::open_action(db).await?,
    };
    let q = Query::update()
        .table("history_actions")
        .value("undone_at_ms", now_ms())
        .value("undone_by", by)
        .and_where(Expr::col("ref_kind").eq(kind))
        .and_where(Expr::col("ref_id").eq(ref_id))
        .and_where(Expr::col("undone_at_ms").is_null())
        .to_owned();
    db.execute(&q).await?;
    if let Some(by) = by {
        let undid = Query::select()
            .column("id")
            .from("history_actions")
            .and_where(Expr::col("ref_kind").eq(kind))
            .and_where(Expr::col("ref_id").eq(ref_id))
            .and_where(Expr::col("id").ne(by))
            .to_owned();
        if let Some(r) = db.query_one(&undid).await? {
            let undid: i64 = r.try_get_by_index(0)?;
            db.execute(&Query::update().table("history_actions").value("undo_of", undid).and_where(Expr::col("id").eq(by)).to_owned()).await?;
        }
    }
    Ok(())
}

struct Change {
    table: String,
    before: Option<Map<String, Json>>,
    after: Option<Map<String, Json>>,
}

fn object(s: Option<String>) -> Option<Map<String, Json>> {
    match serde_json::from_str::<Json>(&s?) {
        Ok(Json::Object(m)) => Some(m),
        _ => None,
    }
}

fn bind(v: &Json) -> Value {
    match v {
        Json::Null => Value::String(None),
        Json::Bool(b) => Value::BigInt(Some(i64::from(*b))),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::BigInt(Some(i)),
            None => Value::Double(n.as_f64()),
        },
        Json::String(s) => Value::String(Some(s.clone())),
        other => Value::String(Some(other.to_string())),
    }
}

fn column_ok(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The WHERE condition naming the row of `rec` that `row` holds.
fn key_of(rec: &Recorded, row: &Map<String, Json>) -> Vec<SimpleExpr> {
    rec.key.iter().map(|k| Expr::col(*k).eq(bind(row.get(*k).unwrap_or(&Json::Null)))).collect()
}

/// The row as it is now (only `fields`), the way the triggers wrote it.
async fn current<C: ConnectionTrait>(db: &C, rec: &Recorded, row: &Map<String, Json>, fields: &[&String]) -> CoreResult<Option<Map<String, Json>>> {
    let pairs: Vec<String> = fields.iter().filter(|f| column_ok(f)).map(|f| format!("'{f}', \"{f}\"")).collect();
    let mut q = Query::select();
    q.expr(Expr::cust(format!("json_object({})", pairs.join(", ")))).from(rec.table);
    for c in key_of(rec, row) {
        q.and_where(c);
    }
    Ok(match db.query_one(&q).await? {
        Some(r) => object(r.try_get_by_index(0)?),
        None => None,
    })
}

fn refuse(table: &str, row: &Map<String, Json>, field: Option<&str>) -> CoreError {
    let name = subject_of(table, &Json::Object(row.clone()).to_string());
    let what = match (table, name.is_empty()) {
        ("contacts" | "companies" | "deals" | "activities", false) => format!("“{name}”"),
        _ => "a record it changed".to_string(),
    };
    let detail = match field {
        Some(f) => format!("the {} of {what} was changed again afterwards", f.replace('_', " ")),
        None => format!("{what} was changed again afterwards"),
    };
    CoreError::conflict(format!("This can’t be undone: {detail}. Undo that later change first."))
}

async fn revert(db: &DatabaseConnection, id: i64, t: &Target) -> CoreResult<()> {
    let entity = t.entity.as_deref().and_then(recorded).map(|r| r.table).unwrap_or("contacts");
    let act = record::begin(db, ActionKind::Undo, entity, t.record_id.as_deref()).await?;
    let txn = &*act;
    // Rows come back in any order: the keys are checked when the undo commits.
    txn.execute_unprepared("PRAGMA defer_foreign_keys = ON").await?;
    let q = Query::select()
        .columns(["table_name", "before_json", "after_json"])
        .from("history_changes")
        .and_where(Expr::col("action_id").eq(id))
        .order_by("id", Order::Desc)
        .to_owned();
    let mut changes = Vec::new();
    for r in txn.query_all(&q).await? {
        changes.push(Change { table: r.try_get_by_index(0)?, before: object(r.try_get_by_index(1)?), after: object(r.try_get_by_index(2)?) });
    }
    // Records the action created go to the trash; their own rows (e-mails, tags) stay with them.
    let trashed: HashSet<(String, String)> = changes
        .iter()
        .filter(|c| c.before.is_none() && TRASHABLE.contains(&c.table.as_str()))
        .filter_map(|c| Some((c.table.clone(), c.after.as_ref()?.get("id")?.as_str()?.to_string())))
        .collect();
    let stamp = crate::common::now();
    for c in &changes {
        let Some(rec) = recorded(&c.table) else { continue };
        match (&c.before, &c.after) {
            (None, Some(after)) if TRASHABLE.contains(&rec.table) => {
                let mut q = Query::update();
                q.table(rec.table).value("deleted_at", stamp).and_where(Expr::col("deleted_at").is_null());
                if after.contains_key("version") {
                    q.value("version", Expr::col("version").add(1));
                }
                for k in key_of(rec, after) {
                    q.and_where(k);
                }
                txn.execute(&q).await?;
            }
            (None, Some(after)) => {
                let owner = after.get(rec.owner_column).and_then(Json::as_str).unwrap_or_default();
                if trashed.contains(&(rec.owner.to_string(), owner.to_string())) {
                    continue;
                }
                let fields: Vec<&String> = after.keys().filter(|k| !DERIVED.contains(&k.as_str())).collect();
                match current(txn, rec, after, &fields).await? {
                    None => continue,
                    Some(now) if fields.iter().any(|f| now.get(*f) != after.get(*f)) => return Err(refuse(rec.table, after, None)),
                    Some(_) => {}
                }
                let mut q = Query::delete();
                q.from_table(rec.table);
                for k in key_of(rec, after) {
                    q.and_where(k);
                }
                txn.execute(&q).await?;
            }
            (Some(before), None) => {
                let keys: Vec<&String> = rec.key.iter().filter_map(|k| before.get_key_value(*k).map(|(k, _)| k)).collect();
                if current(txn, rec, before, &keys).await?.is_some() {
                    return Err(refuse(rec.table, before, None));
                }
                let cols: Vec<&String> = before.keys().filter(|k| column_ok(k)).collect();
                let q = Query::insert()
                    .into_table(rec.table)
                    .columns(cols.iter().map(|c| c.to_string()))
                    .values_panic(cols.iter().map(|c| SimpleExpr::Value(bind(&before[*c]))))
                    .to_owned();
                txn.execute(&q).await?;
            }
            (Some(before), Some(after)) => {
                let fields: Vec<&String> = after.keys().filter(|k| column_ok(k) && before.get(*k) != after.get(*k)).collect();
                let Some(now) = current(txn, rec, after, &fields).await? else {
                    return Err(refuse(rec.table, after, None));
                };
                let mut q = Query::update();
                q.table(rec.table);
                let mut any = false;
                for f in fields {
                    // A deal's version only ever grows (open forms notice the change).
                    if f == "version" {
                        q.value("version", Expr::col("version").add(1));
                        continue;
                    }
                    if now.get(f) != after.get(f) {
                        if DERIVED.contains(&f.as_str()) {
                            continue;
                        }
                        return Err(refuse(rec.table, after, Some(f)));
                    }
                    q.value(f.to_string(), bind(before.get(f).unwrap_or(&Json::Null)));
                    any = true;
                }
                if any {
                    for k in key_of(rec, after) {
                        q.and_where(k);
                    }
                    txn.execute(&q).await?;
                }
            }
            (None, None) => {}
        }
    }
    let by = act.id();
    let q = Query::update()
        .table("history_actions")
        .value("undone_at_ms", now_ms())
        .value("undone_by", by)
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    txn.execute(&q).await?;
    if let Some(by) = by {
        txn.execute(&Query::update().table("history_actions").value("undo_of", id).and_where(Expr::col("id").eq(by)).to_owned()).await?;
    }
    // Undoing an undo puts the original action back in effect.
    if t.kind == ActionKind::Undo {
        if let Some(orig) = t.undo_of {
            let q = Query::update()
                .table("history_actions")
                .value("undone_at_ms", Value::BigInt(None))
                .value("undone_by", Value::BigInt(None))
                .and_where(Expr::col("id").eq(orig))
                .to_owned();
            txn.execute(&q).await?;
        }
    }
    act.commit().await
}
