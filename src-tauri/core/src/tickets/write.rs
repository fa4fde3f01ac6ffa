//! Opening, editing and answering tickets; status changes record when a ticket was solved or
//! closed; the first reply to the customer records the first response.

use super::{get, sla, TicketDetail, TicketInput, TicketStatus};
use crate::common::{new_id, now};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::tiers::TierId;
use crate::validate::{Validator, MAX_LONG, MAX_SHORT};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

async fn validated<C: ConnectionTrait>(db: &C, input: &TicketInput) -> CoreResult<TicketInput> {
    let mut v = Validator::new();
    let subject = v.required("subject", &input.subject, MAX_SHORT);
    let description = v.optional("description", &input.description, MAX_LONG);
    let (contact_id, company_id) = crate::common::party(db, &mut v, &input.contact_id, &input.company_id, "Say who asked").await?;
    v.date("opened_at", &input.opened_at);
    v.finish()?;
    Ok(TicketInput { subject, description, contact_id, company_id, ..input.clone() })
}

async fn tier_of<C: ConnectionTrait>(db: &C, contact_id: Option<&str>) -> CoreResult<Option<TierId>> {
    let Some(c) = contact_id else { return Ok(None) };
    let r = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT tier FROM contact_scores WHERE contact_id = ?", [c.into()])).await?;
    Ok(match r {
        Some(r) => r.try_get_by_index::<Option<String>>(0)?.as_deref().and_then(TierId::parse),
        None => None,
    })
}

/// Writes a checked ticket inside the caller's action (a survey's low score opens one).
pub(crate) async fn insert<C: ConnectionTrait>(db: &C, t: &TicketInput, survey_response_id: Option<&str>, at: DateTime<Utc>) -> CoreResult<String> {
    let id = new_id();
    let opened = t.opened_at.unwrap_or(at);
    let tier = tier_of(db, t.contact_id.as_deref()).await?;
    let (first_due, resolve_due) = sla::targets(db, tier, opened).await?;
    let number: i64 = match db.query_one_raw(Statement::from_string(DbBackend::Sqlite, "SELECT ifnull(max(number), 0) + 1 FROM tickets")).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => 1,
    };
    let q = Query::insert()
        .into_table("tickets")
        .columns([
            "id", "number", "subject", "description", "category", "priority", "status", "channel", "contact_id", "company_id", "tier", "opened_at",
            "first_response_due_at", "resolution_due_at", "survey_response_id", "created_at", "updated_at",
        ])
        .values_panic([
            id.clone().into(),
            number.into(),
            t.subject.clone().into(),
            t.description.clone().into(),
            t.category.as_str().into(),
            t.priority.as_str().into(),
            TicketStatus::New.as_str().into(),
            t.channel.as_str().into(),
            t.contact_id.clone().into(),
            t.company_id.clone().into(),
            tier.map(|x| x.as_str().to_string()).into(),
            opened.into(),
            first_due.into(),
            resolve_due.into(),
            survey_response_id.map(str::to_string).into(),
            now().into(),
            now().into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    Ok(id)
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: &TicketInput, at: DateTime<Utc>) -> CoreResult<TicketDetail> {
    let t = validated(db, input).await?;
    let act = history::begin(db, ActionKind::Create, "tickets", None).await?;
    let id = insert(&*act, &t, None, at).await?;
    act.about(&id).await?;
    act.commit().await?;
    get(db, &id, at).await
}

/// Edits the subject, description, category, priority, channel and who asked (the targets
/// stay those set when it was opened).
pub async fn update<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, input: &TicketInput, at: DateTime<Utc>) -> CoreResult<TicketDetail> {
    get(db, id, at).await?;
    let t = validated(db, input).await?;
    let act = history::begin(db, ActionKind::Update, "tickets", Some(id)).await?;
    let q = Query::update()
        .table("tickets")
        .values([
            ("subject", t.subject.clone().into()),
            ("description", t.description.clone().into()),
            ("category", t.category.as_str().into()),
            ("priority", t.priority.as_str().into()),
            ("channel", t.channel.as_str().into()),
            ("contact_id", t.contact_id.clone().into()),
            ("company_id", t.company_id.clone().into()),
            ("updated_at", now().into()),
        ])
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    act.execute(&q).await?;
    act.commit().await?;
    get(db, id, at).await
}

/// Moves a ticket to a status: solved and closed record when; a closed ticket can only be
/// reopened (to open), which clears them.
pub async fn set_status<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, status: TicketStatus, at: DateTime<Utc>) -> CoreResult<TicketDetail> {
    let d = get(db, id, at).await?;
    let from = d.ticket.status;
    if from == status {
        return Ok(d);
    }
    if from == TicketStatus::Closed && status != TicketStatus::Open {
        return Err(CoreError::invalid("status", "closed", format!("Ticket {} is closed: reopen it first.", d.ticket.number)));
    }
    if status == TicketStatus::New {
        return Err(CoreError::invalid("status", "back_to_new", "A ticket that was worked on does not become new again; choose open."));
    }
    let mut values: Vec<(&str, sea_orm::sea_query::Expr)> = vec![("status", Expr::val(status.as_str())), ("updated_at", Expr::val(now()))];
    match status {
        TicketStatus::Solved => values.push(("solved_at", Expr::val(at))),
        TicketStatus::Closed => {
            values.push(("closed_at", Expr::val(at)));
            values.push(("solved_at", Expr::val(d.ticket.solved_at.unwrap_or(at))));
        }
        _ => {
            values.push(("solved_at", Expr::val(Option::<DateTime<Utc>>::None)));
            values.push(("closed_at", Expr::val(Option::<DateTime<Utc>>::None)));
        }
    }
    let act = history::begin(db, ActionKind::Update, "tickets", Some(id)).await?;
    act.execute(&Query::update().table("tickets").values(values).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    act.commit().await?;
    get(db, id, at).await
}

/// Adds a note: a reply to the customer (the first one records the first response and moves a
/// new ticket to open) or an internal note.
pub async fn add_note<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, body: &str, public: bool, at: DateTime<Utc>) -> CoreResult<TicketDetail> {
    let d = get(db, id, at).await?;
    let mut v = Validator::new();
    let body = v.required("body", body, MAX_LONG);
    v.finish()?;
    if d.ticket.status == TicketStatus::Closed {
        return Err(CoreError::invalid("status", "closed", format!("Ticket {} is closed: reopen it to add to it.", d.ticket.number)));
    }
    let author = crate::meta::get(db, crate::meta::USER_NAME).await?;
    let act = history::begin(db, ActionKind::Update, "tickets", Some(id)).await?;
    let q = Query::insert()
        .into_table("ticket_notes")
        .columns(["id", "ticket_id", "body", "public", "author", "created_at"])
        .values_panic([new_id().into(), id.into(), body.into(), public.into(), author.into(), at.into()])
        .to_owned();
    act.execute(&q).await?;
    if public && d.ticket.first_response_at.is_none() {
        let mut q = Query::update();
        q.table("tickets").value("first_response_at", at).value("updated_at", now()).and_where(Expr::col("id").eq(id));
        if d.ticket.status == TicketStatus::New {
            q.value("status", TicketStatus::Open.as_str());
        }
        act.execute(&q).await?;
    } else if d.ticket.status == TicketStatus::New {
        act.execute(&Query::update().table("tickets").value("status", TicketStatus::Open.as_str()).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    }
    act.commit().await?;
    get(db, id, at).await
}
