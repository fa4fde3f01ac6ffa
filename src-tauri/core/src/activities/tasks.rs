//! Tasks the app plans itself (onboarding items, survey follow-ups, stay-in-touch reminders),
//! written inside the caller's transaction and action; the caller refreshes the contact's
//! touch dates once it has written them all.

use crate::common::{new_id, now};
use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::ConnectionTrait;

/// Writes an open task for a contact, due at `due_at`; returns its id.
pub(crate) async fn insert_task<C: ConnectionTrait>(
    db: &C,
    contact_id: &str,
    subject: &str,
    body: &str,
    occurred_at: DateTime<Utc>,
    due_at: DateTime<Utc>,
) -> CoreResult<String> {
    let id = new_id();
    let t = now();
    let q = Query::insert()
        .into_table("activities")
        .columns(["id", "kind", "subject", "body", "contact_id", "occurred_at", "due_at", "created_at", "updated_at"])
        .values_panic([id.clone().into(), "task".into(), subject.into(), body.into(), contact_id.into(), occurred_at.into(), due_at.into(), t.into(), t.into()])
        .to_owned();
    db.execute(&q).await?;
    Ok(id)
}
