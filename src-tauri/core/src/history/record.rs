//! Opening and closing an action: every write path of the domain runs inside one, so the rows
//! its triggers log (`history_changes`) are grouped under what the user did.

use super::ActionKind;
use crate::error::CoreResult;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionSession, TransactionTrait};

/// A transaction with an action open in it. Dereferences to the transaction; [`Action::commit`]
/// closes the action and commits. Dropped without committing, nothing of it is kept.
pub struct Action<T> {
    txn: T,
    /// The action this opened, or `None` when it joined one opened further out.
    id: Option<i64>,
    entity: &'static str,
}

impl<T> std::ops::Deref for Action<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.txn
    }
}

pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The action open in this transaction, if any.
pub(crate) async fn open_action<C: ConnectionTrait>(db: &C) -> CoreResult<Option<i64>> {
    let q = Query::select().column("action_id").from("history_open").to_owned();
    Ok(match db.query_one(&q).await? {
        Some(r) => Some(r.try_get_by_index(0)?),
        None => None,
    })
}

/// Starts an action of `kind` about a record of `entity` (a table name such as `contacts`).
/// Inside an action that is already open, this one joins it.
pub async fn begin<C: ConnectionTrait + TransactionTrait>(db: &C, kind: ActionKind, entity: &'static str, record_id: Option<&str>) -> CoreResult<Action<C::Transaction>> {
    begin_with(db, kind, entity, record_id, None).await
}

/// The same, for an action that is undone through the row of `merges` or `imports` named by
/// `reference` (`("merge", id)`).
pub async fn begin_with<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    kind: ActionKind,
    entity: &'static str,
    record_id: Option<&str>,
    reference: Option<(&str, &str)>,
) -> CoreResult<Action<C::Transaction>> {
    let txn = db.begin().await?;
    if open_action(&txn).await?.is_some() {
        return Ok(Action { txn, id: None, entity });
    }
    let q = Query::insert()
        .into_table("history_actions")
        .columns(["at_ms", "kind", "entity", "record_id", "ref_kind", "ref_id"])
        .values_panic([
            now_ms().into(),
            kind.as_str().into(),
            entity.into(),
            record_id.map(str::to_string).into(),
            reference.map(|r| r.0.to_string()).into(),
            reference.map(|r| r.1.to_string()).into(),
        ])
        .returning_col("id")
        .to_owned();
    let id: i64 = match txn.query_one(&q).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => return Err(crate::CoreError::Storage { message: "the history action was not written".into() }),
    };
    txn.execute(&Query::insert().into_table("history_open").columns(["action_id"]).values_panic([id.into()]).to_owned()).await?;
    Ok(Action { txn, id: Some(id), entity })
}

impl<T: ConnectionTrait + TransactionSession> Action<T> {
    /// The id of the action this opened (`None` when it joined an outer one).
    pub fn id(&self) -> Option<i64> {
        self.id
    }

    /// Names the record the action was about once it exists (a create learns its id late).
    pub async fn about(&self, record_id: &str) -> CoreResult<()> {
        if let Some(id) = self.id {
            let q = Query::update().table("history_actions").value("record_id", record_id).and_where(Expr::col("id").eq(id)).to_owned();
            self.txn.execute(&q).await?;
        }
        Ok(())
    }

    /// Names the action in words when its record's name would not do ("12 contacts").
    pub async fn describe(&self, subject: &str) -> CoreResult<()> {
        if let Some(id) = self.id {
            let q = Query::update().table("history_actions").value("subject", subject).and_where(Expr::col("id").eq(id)).to_owned();
            self.txn.execute(&q).await?;
        }
        Ok(())
    }

    /// Closes the action (naming it after its record) and commits.
    pub async fn commit(self) -> CoreResult<()> {
        if let Some(id) = self.id {
            close(&self.txn, id, self.entity).await?;
        }
        self.txn.commit().await?;
        Ok(())
    }
}

/// Fills the action's record (when not given) and subject from its logged rows; an action that
/// logged nothing is dropped. Empties `history_open`.
async fn close<C: ConnectionTrait>(txn: &C, id: i64, entity: &str) -> CoreResult<()> {
    txn.execute(&Query::delete().from_table("history_open").to_owned()).await?;
    crate::scoring::refresh_for_action(txn, id).await?;
    crate::orders::stats::refresh_for_action(txn, id).await?;
    let sql = "SELECT a.record_id, (SELECT count(*) FROM history_changes WHERE action_id = a.id), a.subject FROM history_actions a WHERE a.id = ?";
    let row = txn.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [id.into()])).await?;
    let Some(row) = row else { return Ok(()) };
    let record: Option<String> = row.try_get_by_index(0)?;
    let count: i64 = row.try_get_by_index(1)?;
    let named: Option<String> = row.try_get_by_index(2)?;
    if count == 0 && named.is_none() && entity != "imports" {
        txn.execute(&Query::delete().from_table("history_actions").and_where(Expr::col("id").eq(id)).to_owned()).await?;
        return Ok(());
    }
    if named.is_some() {
        return Ok(());
    }
    // The record's own row, newest state first: its name is the action's subject.
    let mut q = Query::select();
    q.expr(Expr::cust("coalesce(after_json, before_json)"))
        .column("record_id")
        .from("history_changes")
        .and_where(Expr::col("action_id").eq(id))
        .and_where(Expr::col("table_name").eq(entity));
    if let Some(r) = &record {
        q.and_where(Expr::col("record_id").eq(r.as_str()));
    }
    let q = q.order_by("id", sea_orm::Order::Desc).limit(1).to_owned();
    if let Some(r) = txn.query_one(&q).await? {
        let json: String = r.try_get_by_index(0)?;
        let rid: String = r.try_get_by_index(1)?;
        let subject = super::show::subject_of(entity, &json);
        let q = Query::update()
            .table("history_actions")
            .value("subject", subject)
            .value("record_id", record.unwrap_or(rid))
            .and_where(Expr::col("id").eq(id))
            .to_owned();
        txn.execute(&q).await?;
    }
    Ok(())
}

/// At opening: a row left in `history_open` (it never should be: every action empties it before
/// committing) would make every later action join "nothing" and the log fall silent. Writes
/// only when there is one.
pub async fn clear_stale<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    if open_action(db).await?.is_some() {
        db.execute(&Query::delete().from_table("history_open").to_owned()).await?;
    }
    Ok(())
}

/// Bulk writers (the importer, the reference-data generator, an erasure) write without the
/// change-log triggers: the import keeps its own record of what it did, an erasure must not
/// keep what it erased. [`resume`] puts them back inside the same transaction.
/// While quiet, the actions the write paths would open are not created at all (a marker row,
/// action 0, makes them join "nothing").
pub async fn quiet<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    for sql in hearth_migrations::sqlite_history::drop_statements() {
        db.execute_unprepared(&sql).await?;
    }
    db.execute_unprepared("INSERT INTO history_open (action_id) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM history_open)").await?;
    Ok(())
}

pub async fn resume<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    db.execute_unprepared("DELETE FROM history_open WHERE action_id = 0").await?;
    for sql in hearth_migrations::sqlite_history::create_statements(db).await? {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}
