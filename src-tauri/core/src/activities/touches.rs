//! A contact's touch dates, derived from its activities: the last call, e-mail or meeting, and
//! the next open task or planned meeting.

use super::ActivityKind;
use crate::common::now;
use crate::entities::{activity, contact};
use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// Recomputes a contact's last touch and next planned follow-up from its activities.
pub async fn refresh_contact_touches<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<()> {
    let t = now();
    let touch_kinds = ActivityKind::ALL.into_iter().filter(|k| k.is_touch()).map(|k| k.as_str());
    let last: Option<DateTime<Utc>> = activity::Entity::find()
        .select_only()
        .column_as(activity::Column::OccurredAt.max(), "m")
        .filter(activity::Column::ContactId.eq(contact_id))
        .filter(activity::Column::DeletedAt.is_null())
        .filter(activity::Column::Kind.is_in(touch_kinds))
        .filter(activity::Column::OccurredAt.lte(t))
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();
    let next_task: Option<DateTime<Utc>> = activity::Entity::find()
        .select_only()
        .column_as(activity::Column::DueAt.min(), "m")
        .filter(activity::Column::ContactId.eq(contact_id))
        .filter(activity::Column::DeletedAt.is_null())
        .filter(activity::Column::Kind.eq(ActivityKind::Task.as_str()))
        .filter(activity::Column::CompletedAt.is_null())
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();
    let next_meeting: Option<DateTime<Utc>> = activity::Entity::find()
        .select_only()
        .column_as(activity::Column::OccurredAt.min(), "m")
        .filter(activity::Column::ContactId.eq(contact_id))
        .filter(activity::Column::DeletedAt.is_null())
        .filter(activity::Column::Kind.eq(ActivityKind::Meeting.as_str()))
        .filter(activity::Column::OccurredAt.gt(t))
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();
    let next = match (next_task, next_meeting) {
        (Some(a), Some(b)) => Some(std::cmp::min(a, b)),
        (a, b) => a.or(b),
    };
    contact::Entity::update_many()
        .col_expr(contact::Column::LastContactedAt, Expr::value(last))
        .col_expr(contact::Column::NextFollowUpAt, Expr::value(next))
        .filter(contact::Column::Id.eq(contact_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Recomputes every contact's touch dates at once (after a bulk load).
pub async fn refresh_all_touches<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<()> {
    let sql = "UPDATE contacts SET
        last_contacted_at = (SELECT max(a.occurred_at) FROM activities a WHERE a.contact_id = contacts.id
            AND a.deleted_at IS NULL AND a.kind IN ('call', 'email', 'meeting') AND a.occurred_at <= ?),
        next_follow_up_at = (SELECT min(a.due_at) FROM activities a WHERE a.contact_id = contacts.id
            AND a.deleted_at IS NULL AND a.kind = 'task' AND a.completed_at IS NULL)";
    db.execute_raw(sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, [now.into()])).await?;
    Ok(())
}
