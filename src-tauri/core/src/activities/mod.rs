//! Activities: calls, e-mails, meetings, notes and tasks on a contact's and a company's
//! timeline. Logging one keeps the contact's `last_contacted_at` and `next_follow_up_at` true.

use crate::history::{self, ActionKind};

pub(crate) mod tasks;
pub(crate) mod touches;
pub use touches::{refresh_all_touches, refresh_contact_touches};
use crate::common::{new_id, now, page_limit, EntityRef};
use crate::entities::{activity, company, contact, deal, deal_contact};
use crate::error::{CoreError, CoreResult};
use crate::validate::{clean, Validator, MAX_LONG, MAX_SHORT};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{JoinType, Cond, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Call,
    Email,
    Meeting,
    Note,
    Task,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 5] =
        [ActivityKind::Call, ActivityKind::Email, ActivityKind::Meeting, ActivityKind::Note, ActivityKind::Task];

    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Call => "call",
            ActivityKind::Email => "email",
            ActivityKind::Meeting => "meeting",
            ActivityKind::Note => "note",
            ActivityKind::Task => "task",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Kinds that count as being in touch with someone.
    pub fn is_touch(self) -> bool {
        matches!(self, ActivityKind::Call | ActivityKind::Email | ActivityKind::Meeting)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ActivityInput {
    pub kind: ActivityKind,
    pub subject: String,
    pub body: Option<String>,
    pub contact_id: Option<String>,
    pub company_id: Option<String>,
    /// The deal it belongs to; its main contact and company are used when none is named.
    #[serde(default)]
    pub deal_id: Option<String>,
    /// When it happened (or is planned); now when absent.
    pub occurred_at: Option<DateTime<Utc>>,
    /// Tasks only: when it is due (required for tasks).
    pub due_at: Option<DateTime<Utc>>,
    pub duration_minutes: Option<i32>,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Activity {
    pub id: String,
    pub kind: ActivityKind,
    pub subject: String,
    pub body: Option<String>,
    pub contact: Option<EntityRef>,
    pub company: Option<EntityRef>,
    pub deal: Option<EntityRef>,
    pub occurred_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub duration_minutes: Option<i32>,
    pub outcome: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TimelineQuery {
    pub contact_id: Option<String>,
    pub company_id: Option<String>,
    #[serde(default)]
    pub deal_id: Option<String>,
    pub offset: u32,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TimelinePage {
    pub items: Vec<Activity>,
    pub has_more: bool,
}

/// The local day, as UTC instants computed by the caller (the UI knows the time zone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TodayQuery {
    pub day_start: DateTime<Utc>,
    pub day_end: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Today {
    /// Open tasks due before today, oldest first.
    pub overdue: Vec<Activity>,
    /// Tasks due today, open or done.
    pub due_today: Vec<Activity>,
    /// Open tasks due in the next seven days.
    pub upcoming: Vec<Activity>,
}

struct Clean {
    subject: String,
    body: Option<String>,
    contact_id: Option<String>,
    company_id: Option<String>,
    deal_id: Option<String>,
    occurred_at: DateTime<Utc>,
    due_at: Option<DateTime<Utc>>,
    duration: Option<i32>,
    outcome: Option<String>,
}

/// A call, e-mail or meeting planned for later (dated in the future, or given a future due
/// date): refused for a contact marked do-not-contact. Logging one that already happened is not.
fn is_planned_touch(input: &ActivityInput) -> bool {
    let t = now();
    input.kind.is_touch() && (input.occurred_at.is_some_and(|at| at > t) || input.due_at.is_some_and(|at| at > t))
}

async fn validate<C: ConnectionTrait>(db: &C, input: &ActivityInput) -> CoreResult<Clean> {
    let mut v = Validator::new();
    let body = v.optional("body", &input.body, MAX_LONG);
    let subject = match (clean(&Some(input.subject.clone())), &body) {
        (Some(s), _) => {
            v.max_len("subject", &s, MAX_SHORT);
            s
        }
        // A note may be just a body: its first line becomes the subject.
        (None, Some(b)) if input.kind == ActivityKind::Note => {
            b.lines().next().unwrap_or("").chars().take(80).collect()
        }
        (None, _) => {
            v.add("subject", "required", "Say in a few words what this is about.");
            String::new()
        }
    };
    v.date("occurred_at", &input.occurred_at);
    v.date("due_at", &input.due_at);
    if input.kind == ActivityKind::Task && input.due_at.is_none() {
        v.add("due_at", "required", "A task needs a due date.");
    }
    if let Some(d) = input.duration_minutes {
        if !(0..=10_080).contains(&d) {
            v.add("duration_minutes", "out_of_range", "Duration must be between 0 and 10080 minutes (a week).");
        }
    }
    let outcome = v.optional("outcome", &input.outcome, MAX_SHORT);
    let mut contact_id = clean(&input.contact_id);
    let mut company_id = clean(&input.company_id);
    let deal_id = clean(&input.deal_id);
    if let Some(id) = &deal_id {
        match deal::Entity::find_by_id(id.clone()).filter(deal::Column::DeletedAt.is_null()).one(db).await? {
            Some(d) => {
                if contact_id.is_none() && company_id.is_none() {
                    contact_id = deal_contact::Entity::find()
                        .filter(deal_contact::Column::DealId.eq(id.as_str()))
                        .order_by_asc(deal_contact::Column::Position)
                        .one(db)
                        .await?
                        .map(|l| l.contact_id);
                    company_id = d.company_id;
                }
            }
            None => v.add("deal_id", "unknown_id", "This deal does not exist (it may have been deleted)."),
        }
    }
    if contact_id.is_none() && company_id.is_none() && deal_id.is_none() {
        v.add("contact_id", "required", "Attach the activity to a contact or a company.");
    }
    if let Some(id) = &contact_id {
        match contact::Entity::find_by_id(id.clone()).filter(contact::Column::DeletedAt.is_null()).one(db).await? {
            Some(c) => {
                if company_id.is_none() {
                    company_id = c.company_id;
                }
                if c.do_not_contact && is_planned_touch(input) {
                    let name = crate::contacts::display_name(&c.first_name, &c.last_name);
                    v.add(
                        "contact_id",
                        "do_not_contact",
                        format!("{name} asked not to be contacted: no calls, e-mails or meetings can be planned."),
                    );
                }
            }
            None => v.add("contact_id", "unknown_id", "This contact does not exist (it may have been deleted)."),
        }
    }
    if let Some(id) = &company_id {
        let found = company::Entity::find_by_id(id.clone()).filter(company::Column::DeletedAt.is_null()).one(db).await?;
        if found.is_none() && !v.has("contact_id") {
            if clean(&input.company_id).is_some() {
                v.add("company_id", "unknown_id", "This company does not exist (it may have been deleted).");
            } else {
                company_id = None;
            }
        }
    }
    v.finish()?;
    Ok(Clean {
        subject,
        body,
        contact_id,
        company_id,
        deal_id,
        occurred_at: input.occurred_at.unwrap_or_else(now),
        due_at: if input.kind == ActivityKind::Task { input.due_at } else { None },
        duration: input.duration_minutes,
        outcome,
    })
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: ActivityInput) -> CoreResult<Activity> {
    let c = validate(db, &input).await?;
    let id = new_id();
    let t = now();
    let act = history::begin(db, ActionKind::Create, "activities", Some(&id)).await?;
    let txn = &*act;
    activity::ActiveModel {
        id: Set(id.clone()),
        kind: Set(input.kind.as_str().to_string()),
        subject: Set(c.subject),
        body: Set(c.body),
        contact_id: Set(c.contact_id.clone()),
        company_id: Set(c.company_id),
        deal_id: Set(c.deal_id),
        occurred_at: Set(c.occurred_at),
        due_at: Set(c.due_at),
        completed_at: Set(None),
        duration_minutes: Set(c.duration),
        outcome: Set(c.outcome),
        created_at: Set(t),
        updated_at: Set(t),
        deleted_at: Set(None),
    }
    .insert(txn)
    .await?;
    if let Some(cid) = &c.contact_id {
        refresh_contact_touches(txn, cid).await?;
    }
    act.commit().await?;
    get(db, &id).await
}

async fn find_live<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<activity::Model> {
    activity::Entity::find_by_id(id.to_string())
        .filter(activity::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(|| CoreError::not_found("activity", id))
}

pub async fn update<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, input: ActivityInput) -> CoreResult<Activity> {
    let existing = find_live(db, id).await?;
    let c = validate(db, &input).await?;
    let old_contact = existing.contact_id.clone();
    let act = history::begin(db, ActionKind::Update, "activities", Some(id)).await?;
    let txn = &*act;
    let mut m: activity::ActiveModel = existing.into();
    m.kind = Set(input.kind.as_str().to_string());
    m.subject = Set(c.subject);
    m.body = Set(c.body);
    m.contact_id = Set(c.contact_id.clone());
    m.company_id = Set(c.company_id);
    m.deal_id = Set(c.deal_id);
    m.occurred_at = Set(c.occurred_at);
    m.due_at = Set(c.due_at);
    m.duration_minutes = Set(c.duration);
    m.outcome = Set(c.outcome);
    m.updated_at = Set(now());
    m.update(txn).await?;
    for cid in [old_contact, c.contact_id].into_iter().flatten() {
        refresh_contact_touches(txn, &cid).await?;
    }
    act.commit().await?;
    get(db, id).await
}

/// Marks a task done (or open again).
pub async fn set_done<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, done: bool) -> CoreResult<Activity> {
    let existing = find_live(db, id).await?;
    if existing.kind != ActivityKind::Task.as_str() {
        return Err(CoreError::invalid("id", "not_a_task", "Only tasks can be marked done."));
    }
    let contact_id = existing.contact_id.clone();
    let act = history::begin(db, ActionKind::Update, "activities", Some(id)).await?;
    let txn = &*act;
    let mut m: activity::ActiveModel = existing.into();
    m.completed_at = Set(if done { Some(now()) } else { None });
    m.updated_at = Set(now());
    m.update(txn).await?;
    if let Some(cid) = contact_id {
        refresh_contact_touches(txn, &cid).await?;
    }
    act.commit().await?;
    get(db, id).await
}

pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let existing = find_live(db, id).await?;
    let contact_id = existing.contact_id.clone();
    let act = history::begin(db, ActionKind::Delete, "activities", Some(id)).await?;
    let txn = &*act;
    let mut m: activity::ActiveModel = existing.into();
    m.deleted_at = Set(Some(now()));
    m.update(txn).await?;
    if let Some(cid) = contact_id {
        refresh_contact_touches(txn, &cid).await?;
    }
    act.commit().await
}

pub async fn restore<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<Activity> {
    let existing =
        activity::Entity::find_by_id(id.to_string()).one(db).await?.ok_or_else(|| CoreError::not_found("activity", id))?;
    let contact_id = existing.contact_id.clone();
    let act = history::begin(db, ActionKind::Restore, "activities", Some(id)).await?;
    let txn = &*act;
    let mut m: activity::ActiveModel = existing.into();
    m.deleted_at = Set(None);
    m.update(txn).await?;
    if let Some(cid) = contact_id {
        refresh_contact_touches(txn, &cid).await?;
    }
    act.commit().await?;
    get(db, id).await
}

/// The select every activity read shares: the activity with the names of what it is attached to.
fn select() -> SelectStatement {
    Query::select()
        .columns([
            ("a", "id"),
            ("a", "kind"),
            ("a", "subject"),
            ("a", "body"),
            ("a", "contact_id"),
        ])
        .expr(Expr::cust("k.first_name || ' ' || k.last_name"))
        .column(("a", "company_id"))
        .column(("co", "name"))
        .columns([
            ("a", "occurred_at"),
            ("a", "due_at"),
            ("a", "completed_at"),
            ("a", "duration_minutes"),
            ("a", "outcome"),
            ("a", "created_at"),
            ("a", "deal_id"),
            ("dl", "title"),
        ])
        .from_as("activities", "a")
        .join_as(JoinType::LeftJoin, "contacts", "k", Expr::col(("k", "id")).equals(("a", "contact_id")))
        .join_as(JoinType::LeftJoin, "companies", "co", Expr::col(("co", "id")).equals(("a", "company_id")))
        .join_as(JoinType::LeftJoin, "deals", "dl", Expr::col(("dl", "id")).equals(("a", "deal_id")))
        .and_where(Expr::col(("a", "deleted_at")).is_null())
        .cond_where(Cond::any().add(Expr::col(("a", "contact_id")).is_null()).add(Expr::col(("k", "deleted_at")).is_null()))
        .cond_where(Cond::any().add(Expr::col(("a", "company_id")).is_null()).add(Expr::col(("co", "deleted_at")).is_null()))
        .cond_where(Cond::any().add(Expr::col(("a", "deal_id")).is_null()).add(Expr::col(("dl", "deleted_at")).is_null()))
        .to_owned()
}

async fn fetch<C: ConnectionTrait>(db: &C, q: &SelectStatement) -> CoreResult<Vec<Activity>> {
    let mut out = Vec::new();
    for r in db.query_all(q).await? {
        let kind: String = r.try_get_by_index(1)?;
        let contact_id: Option<String> = r.try_get_by_index(4)?;
        let contact_name: Option<String> = r.try_get_by_index(5)?;
        let company_id: Option<String> = r.try_get_by_index(6)?;
        let company_name: Option<String> = r.try_get_by_index(7)?;
        out.push(Activity {
            id: r.try_get_by_index(0)?,
            kind: ActivityKind::parse(&kind).unwrap_or(ActivityKind::Note),
            subject: r.try_get_by_index(2)?,
            body: r.try_get_by_index(3)?,
            contact: contact_id.zip(contact_name).map(|(id, name)| EntityRef { id, name: name.trim().to_string() }),
            company: company_id.zip(company_name).map(|(id, name)| EntityRef { id, name }),
            occurred_at: r.try_get_by_index(8)?,
            due_at: r.try_get_by_index(9)?,
            completed_at: r.try_get_by_index(10)?,
            duration_minutes: r.try_get_by_index(11)?,
            outcome: r.try_get_by_index(12)?,
            created_at: r.try_get_by_index(13)?,
            deal: r
                .try_get_by_index::<Option<String>>(14)?
                .zip(r.try_get_by_index::<Option<String>>(15)?)
                .map(|(id, name)| EntityRef { id, name }),
        });
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<Activity> {
    let q = select().and_where(Expr::col(("a", "id")).eq(id)).to_owned();
    fetch(db, &q).await?.pop().ok_or_else(|| CoreError::not_found("activity", id))
}

/// A contact's or a company's activities, newest first.
pub async fn timeline<C: ConnectionTrait>(db: &C, query: &TimelineQuery) -> CoreResult<TimelinePage> {
    let mut q = select();
    match (clean(&query.contact_id), clean(&query.company_id), clean(&query.deal_id)) {
        (Some(c), _, _) => q.and_where(Expr::col(("a", "contact_id")).eq(c)),
        (None, Some(co), _) => q.and_where(Expr::col(("a", "company_id")).eq(co)),
        (None, None, Some(d)) => q.and_where(Expr::col(("a", "deal_id")).eq(d)),
        (None, None, None) => {
            return Err(CoreError::invalid("contact_id", "required", "Name a contact, a company or a deal."))
        }
    };
    let limit = page_limit(query.limit);
    q.order_by(("a", "occurred_at"), Order::Desc)
        .order_by(("a", "id"), Order::Desc)
        .limit(limit + 1)
        .offset(query.offset as u64);
    let mut items = fetch(db, &q).await?;
    let has_more = items.len() as u64 > limit;
    items.truncate(limit as usize);
    Ok(TimelinePage { items, has_more })
}

fn tasks() -> SelectStatement {
    select().and_where(Expr::col(("a", "kind")).eq(ActivityKind::Task.as_str())).to_owned()
}

/// The Today screen: overdue, due today and upcoming tasks.
pub async fn today<C: ConnectionTrait>(db: &C, q: &TodayQuery) -> CoreResult<Today> {
    if q.day_end <= q.day_start {
        return Err(CoreError::invalid("day_end", "out_of_range", "The day must end after it starts."));
    }
    let overdue = tasks()
        .and_where(Expr::col(("a", "completed_at")).is_null())
        .and_where(Expr::col(("a", "due_at")).lt(q.day_start))
        .order_by(("a", "due_at"), Order::Asc)
        .limit(200)
        .to_owned();
    let due_today = tasks()
        .and_where(Expr::col(("a", "due_at")).gte(q.day_start))
        .and_where(Expr::col(("a", "due_at")).lt(q.day_end))
        .order_by(("a", "due_at"), Order::Asc)
        .limit(200)
        .to_owned();
    let upcoming = tasks()
        .and_where(Expr::col(("a", "completed_at")).is_null())
        .and_where(Expr::col(("a", "due_at")).gte(q.day_end))
        .and_where(Expr::col(("a", "due_at")).lt(q.day_end + Duration::days(7)))
        .order_by(("a", "due_at"), Order::Asc)
        .limit(200)
        .to_owned();
    Ok(Today { overdue: fetch(db, &overdue).await?, due_today: fetch(db, &due_today).await?, upcoming: fetch(db, &upcoming).await? })
}


/// Open tasks that fell due after `from` and by `to` (the app's notification of follow-ups).
pub async fn due_between<C: ConnectionTrait>(db: &C, from: DateTime<Utc>, to: DateTime<Utc>) -> CoreResult<Vec<Activity>> {
    let q = tasks()
        .and_where(Expr::col(("a", "completed_at")).is_null())
        .and_where(Expr::col(("a", "due_at")).gt(from))
        .and_where(Expr::col(("a", "due_at")).lte(to))
        .order_by(("a", "due_at"), Order::Asc)
        .limit(50)
        .to_owned();
    fetch(db, &q).await
}
