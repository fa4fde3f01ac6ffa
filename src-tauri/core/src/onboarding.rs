//! Onboarding: checklist templates (welcome e-mail, kickoff call, training, first check-in…)
//! applied automatically when a customer buys — per product (on any order holding it), or per
//! tier (on the first purchase). Each item becomes a task due some days after the purchase, so
//! overdue items show on the Today screen and raise the follow-up notification; the customer's
//! screen shows the progress.

use crate::common::{new_id, now, EntityRef};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::tiers::TierId;
use crate::validate::{clean, Validator, MAX_NAME, MAX_SHORT};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
use serde::{Deserialize, Serialize};

pub const MAX_ITEMS: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ChecklistItem {
    pub title: String,
    /// Due this many days after the purchase (0: the same day).
    pub offset_days: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OnboardingTemplate {
    pub id: String,
    pub name: String,
    /// Applied on every order holding this product…
    pub product: Option<EntityRef>,
    /// …or on the first purchase of a contact in this tier.
    pub tier: Option<TierId>,
    pub active: bool,
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OnboardingTemplateInput {
    pub name: String,
    pub product_id: Option<String>,
    pub tier: Option<TierId>,
    pub active: bool,
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OnboardingStep {
    /// The task behind it (done from Today or the contact's timeline).
    pub activity_id: String,
    pub title: String,
    pub due_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
}

/// One customer's onboarding and how far it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Onboarding {
    pub id: String,
    pub name: String,
    pub contact: Option<EntityRef>,
    pub order_id: Option<String>,
    pub started_at: DateTime<Utc>,
    pub steps: Vec<OnboardingStep>,
    pub done: u32,
    pub overdue: u32,
}

pub async fn templates<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<OnboardingTemplate>> {
    let sql = "SELECT t.id AS c0, t.name AS c1, t.product_id AS c2, p.name AS c3, t.tier AS c4, t.active AS c5 \
               FROM onboarding_templates t LEFT JOIN products p ON p.id = t.product_id ORDER BY t.name";
    let mut out = Vec::new();
    for r in crate::sqlite::packed_rows(db, sql, 6).await? {
        let id = r[0].clone().unwrap_or_default();
        let items_sql = format!("SELECT title AS c0, offset_days AS c1 FROM onboarding_template_items WHERE template_id = {} ORDER BY position", crate::criteria::lit(&id));
        let items = crate::sqlite::packed_rows(db, &items_sql, 2)
            .await?
            .into_iter()
            .map(|i| ChecklistItem { title: i[0].clone().unwrap_or_default(), offset_days: i[1].as_deref().and_then(|v| v.parse().ok()).unwrap_or(0) })
            .collect();
        out.push(OnboardingTemplate {
            id,
            name: r[1].clone().unwrap_or_default(),
            product: r[2].clone().map(|id| EntityRef { id, name: r[3].clone().unwrap_or_else(|| "(removed)".into()) }),
            tier: r[4].as_deref().and_then(TierId::parse),
            active: r[5].as_deref() == Some("1"),
            items,
        });
    }
    Ok(out)
}

async fn validated<C: ConnectionTrait>(db: &C, input: &OnboardingTemplateInput) -> CoreResult<OnboardingTemplateInput> {
    let mut v = Validator::new();
    let name = v.required("name", &input.name, MAX_NAME);
    let product_id = clean(&input.product_id);
    if let Some(p) = &product_id {
        if crate::products::get(db, p).await.is_err() {
            v.add("product_id", "not_found", "That product no longer exists.");
        }
    }
    if product_id.is_some() && input.tier.is_some() {
        v.add("tier", "both", "A checklist starts on a product or on a tier, not both.");
    }
    if input.items.is_empty() {
        v.add("items", "required", "A checklist has at least one item.");
    } else if input.items.len() > MAX_ITEMS {
        v.add("items", "too_many", format!("At most {MAX_ITEMS} items."));
    }
    let mut items = Vec::new();
    for (i, it) in input.items.iter().enumerate() {
        let title = v.required(&format!("items.{i}.title"), &it.title, MAX_SHORT);
        if !(0..=365).contains(&it.offset_days) {
            v.add(&format!("items.{i}.offset_days"), "out_of_range", "An item is due 0 to 365 days after the purchase.");
        }
        items.push(ChecklistItem { title, offset_days: it.offset_days });
    }
    v.finish()?;
    Ok(OnboardingTemplateInput { name, product_id, tier: input.tier, active: input.active, items })
}

async fn write_items<C: ConnectionTrait>(db: &C, id: &str, items: &[ChecklistItem]) -> CoreResult<()> {
    db.execute(&Query::delete().from_table("onboarding_template_items").and_where(Expr::col("template_id").eq(id)).to_owned()).await?;
    for (i, it) in items.iter().enumerate() {
        let q = Query::insert()
            .into_table("onboarding_template_items")
            .columns(["id", "template_id", "title", "kind", "offset_days", "position"])
            .values_panic([new_id().into(), id.into(), it.title.clone().into(), "task".into(), it.offset_days.into(), (i as i32).into()])
            .to_owned();
        db.execute(&q).await?;
    }
    Ok(())
}

pub(crate) async fn insert_template<C: ConnectionTrait>(db: &C, t: &OnboardingTemplateInput) -> CoreResult<String> {
    let id = new_id();
    let q = Query::insert()
        .into_table("onboarding_templates")
        .columns(["id", "name", "product_id", "tier", "active", "created_at", "updated_at"])
        .values_panic([id.clone().into(), t.name.clone().into(), t.product_id.clone().into(), t.tier.map(|x| x.as_str().to_string()).into(), t.active.into(), now().into(), now().into()])
        .to_owned();
    db.execute(&q).await?;
    write_items(db, &id, &t.items).await?;
    Ok(id)
}

async fn get_template<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<OnboardingTemplate> {
    templates(db).await?.into_iter().find(|t| t.id == id).ok_or_else(|| CoreError::not_found("onboarding checklist", id))
}

pub async fn create_template<C: ConnectionTrait + TransactionTrait>(db: &C, input: &OnboardingTemplateInput) -> CoreResult<OnboardingTemplate> {
    let t = validated(db, input).await?;
    let act = history::begin(db, ActionKind::Create, "onboarding_templates", None).await?;
    let id = insert_template(&*act, &t).await?;
    act.about(&id).await?;
    act.commit().await?;
    get_template(db, &id).await
}

pub async fn update_template<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, input: &OnboardingTemplateInput) -> CoreResult<OnboardingTemplate> {
    get_template(db, id).await?;
    let t = validated(db, input).await?;
    let act = history::begin(db, ActionKind::Update, "onboarding_templates", Some(id)).await?;
    let q = Query::update()
        .table("onboarding_templates")
        .values([
            ("name", t.name.clone().into()),
            ("product_id", t.product_id.clone().into()),
            ("tier", t.tier.map(|x| x.as_str().to_string()).into()),
            ("active", t.active.into()),
            ("updated_at", now().into()),
        ])
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    act.execute(&q).await?;
    write_items(&*act, id, &t.items).await?;
    act.commit().await?;
    get_template(db, id).await
}

pub async fn delete_template<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    get_template(db, id).await?;
    let act = history::begin(db, ActionKind::Delete, "onboarding_templates", Some(id)).await?;
    act.execute(&Query::delete().from_table("onboarding_template_items").and_where(Expr::col("template_id").eq(id)).to_owned()).await?;
    act.execute(&Query::delete().from_table("onboarding_templates").and_where(Expr::col("id").eq(id)).to_owned()).await?;
    act.commit().await
}

/// Starts the checklists an order calls for (inside the order's action): one per active
/// template for a product on the order that the contact has not started yet, and on a first
/// purchase the template of the contact's tier.
pub(crate) async fn apply_for_order<C: ConnectionTrait>(db: &C, order_id: &str, contact_id: &str, first: bool, at: DateTime<Utc>) -> CoreResult<u32> {
    let sql = "SELECT t.id, t.name FROM onboarding_templates t WHERE t.active = 1 AND ( \
                 t.product_id IN (SELECT product_id FROM order_lines WHERE order_id = ?) \
                 OR (? = 1 AND t.product_id IS NULL AND t.tier = (SELECT tier FROM contact_scores WHERE contact_id = ?))) \
               AND NOT EXISTS (SELECT 1 FROM onboardings o WHERE o.contact_id = ? AND o.template_id = t.id) ORDER BY t.name";
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            sql,
            [order_id.into(), (first as i32).into(), contact_id.into(), contact_id.into()],
        ))
        .await?;
    let mut started = 0;
    for r in rows {
        let (tid, name): (String, String) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?);
        let oid = new_id();
        let q = Query::insert()
            .into_table("onboardings")
            .columns(["id", "contact_id", "order_id", "template_id", "name", "started_at", "created_at", "updated_at"])
            .values_panic([oid.clone().into(), contact_id.into(), order_id.into(), tid.clone().into(), name.into(), at.into(), now().into(), now().into()])
            .to_owned();
        db.execute(&q).await?;
        let t = get_template(db, &tid).await?;
        for (i, it) in t.items.iter().enumerate() {
            let body = format!("Onboarding: {}", t.name);
            let due = at + Duration::days(it.offset_days as i64);
            let aid = crate::activities::tasks::insert_task(db, contact_id, &it.title, &body, at, due).await?;
            let q = Query::insert()
                .into_table("onboarding_items")
                .columns(["onboarding_id", "activity_id", "position"])
                .values_panic([oid.clone().into(), aid.into(), (i as i32).into()])
                .to_owned();
            db.execute(&q).await?;
        }
        started += 1;
    }
    if started > 0 {
        crate::activities::touches::refresh_contact_touches(db, contact_id).await?;
    }
    Ok(started)
}

/// A contact's onboardings (newest first) with each step's state; `now` decides what is overdue.
pub async fn of_contact<C: ConnectionTrait>(db: &C, contact_id: &str, at: DateTime<Utc>) -> CoreResult<Vec<Onboarding>> {
    let sql = format!(
        "SELECT o.id AS c0, o.name AS c1, o.contact_id AS c2, trim(c.first_name || ' ' || c.last_name) AS c3, o.order_id AS c4, o.started_at AS c5 \
         FROM onboardings o LEFT JOIN contacts c ON c.id = o.contact_id WHERE o.contact_id = {} ORDER BY o.started_at DESC",
        crate::criteria::lit(contact_id)
    );
    let mut out = Vec::new();
    for r in crate::sqlite::packed_rows(db, &sql, 6).await? {
        let id = r[0].clone().unwrap_or_default();
        let steps_sql = format!(
            "SELECT a.id AS c0, a.subject AS c1, a.due_at AS c2, a.completed_at AS c3 FROM onboarding_items i JOIN activities a ON a.id = i.activity_id \
             WHERE i.onboarding_id = {} AND a.deleted_at IS NULL ORDER BY i.position",
            crate::criteria::lit(&id)
        );
        let steps: Vec<OnboardingStep> = crate::sqlite::packed_rows(db, &steps_sql, 4)
            .await?
            .into_iter()
            .map(|s| OnboardingStep {
                activity_id: s[0].clone().unwrap_or_default(),
                title: s[1].clone().unwrap_or_default(),
                due_at: crate::orders::time(s[2].clone()),
                done_at: crate::orders::time(s[3].clone()),
            })
            .collect();
        out.push(Onboarding {
            id,
            name: r[1].clone().unwrap_or_default(),
            contact: r[2].clone().map(|id| EntityRef { id, name: r[3].clone().unwrap_or_default() }),
            order_id: r[4].clone(),
            started_at: crate::orders::time(r[5].clone()).unwrap_or_default(),
            done: steps.iter().filter(|s| s.done_at.is_some()).count() as u32,
            overdue: steps.iter().filter(|s| s.done_at.is_none() && s.due_at.is_some_and(|d| d < at)).count() as u32,
            steps,
        });
    }
    Ok(out)
}
