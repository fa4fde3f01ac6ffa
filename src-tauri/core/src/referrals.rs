//! Reviews and referrals. A review records where and what (platform, rating, link, date).
//! "Referred by" on a contact feeds the referrals view: who referred whom, how many became
//! customers, the revenue from them, and rewards owed or given.

use crate::common::{new_id, now, EntityRef};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::orders::{stats::Amount, time};
use crate::validate::{clean, Validator, MAX_LONG, MAX_NAME, MAX_SHORT};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ReviewInput {
    pub contact_id: String,
    /// Google, Trustpilot, Yelp, …
    pub platform: String,
    /// 1 to 5 stars.
    pub rating: i32,
    pub link: Option<String>,
    pub body: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Review {
    pub id: String,
    pub contact: Option<EntityRef>,
    pub platform: String,
    pub rating: i32,
    pub link: Option<String>,
    pub body: Option<String>,
    pub reviewed_at: DateTime<Utc>,
}

async fn live_contact<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<bool> {
    let sql = "SELECT 1 FROM contacts WHERE id = ? AND deleted_at IS NULL";
    Ok(db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [id.into()])).await?.is_some())
}

pub async fn add_review<C: ConnectionTrait + TransactionTrait>(db: &C, input: &ReviewInput) -> CoreResult<Review> {
    let mut v = Validator::new();
    if !live_contact(db, &input.contact_id).await? {
        v.add("contact_id", "not_found", "This contact no longer exists.");
    }
    let platform = v.required("platform", &input.platform, MAX_NAME);
    if !(1..=5).contains(&input.rating) {
        v.add("rating", "out_of_range", format!("A rating is from 1 to 5 stars ({} given).", input.rating));
    }
    let link = v.optional("link", &input.link, MAX_SHORT);
    if let Some(l) = &link {
        if !l.starts_with("https://") {
            v.add("link", "invalid_link", "A review link starts with https:// (Hearth opens secure links only).");
        }
    }
    let body = v.optional("body", &input.body, MAX_LONG);
    v.date("reviewed_at", &input.reviewed_at);
    v.finish()?;
    let id = new_id();
    let act = history::begin(db, ActionKind::Create, "reviews", Some(&id)).await?;
    let q = Query::insert()
        .into_table("reviews")
        .columns(["id", "contact_id", "platform", "rating", "link", "body", "reviewed_at", "created_at", "updated_at"])
        .values_panic([
            id.clone().into(),
            input.contact_id.clone().into(),
            platform.clone().into(),
            input.rating.into(),
            link.into(),
            body.into(),
            input.reviewed_at.unwrap_or_else(now).into(),
            now().into(),
            now().into(),
        ])
        .to_owned();
    act.execute(&q).await?;
    act.describe(&format!("{}★ review on {platform}", input.rating)).await?;
    act.commit().await?;
    reviews(db, None).await?.into_iter().find(|r| r.id == id).ok_or_else(|| CoreError::not_found("review", &id))
}

pub async fn delete_review<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let act = history::begin(db, ActionKind::Delete, "reviews", Some(id)).await?;
    let res = act.execute(&Query::delete().from_table("reviews").and_where(Expr::col("id").eq(id)).to_owned()).await?;
    if res.rows_affected() == 0 {
        return Err(CoreError::not_found("review", id));
    }
    act.commit().await
}

/// Reviews of one contact, or all, newest first.
pub async fn reviews<C: ConnectionTrait>(db: &C, contact_id: Option<&str>) -> CoreResult<Vec<Review>> {
    let cond = contact_id.map(|c| format!("WHERE r.contact_id = {}", crate::criteria::lit(c))).unwrap_or_default();
    let sql = format!(
        "SELECT r.id AS c0, r.contact_id AS c1, trim(c.first_name || ' ' || c.last_name) AS c2, r.platform AS c3, r.rating AS c4, r.link AS c5, r.body AS c6, r.reviewed_at AS c7 \
         FROM reviews r LEFT JOIN contacts c ON c.id = r.contact_id {cond} ORDER BY r.reviewed_at DESC LIMIT 2000"
    );
    Ok(crate::sqlite::packed_rows(db, &sql, 8)
        .await?
        .into_iter()
        .map(|r| Review {
            id: r[0].clone().unwrap_or_default(),
            contact: r[1].clone().map(|id| EntityRef { id, name: r[2].clone().unwrap_or_default() }),
            platform: r[3].clone().unwrap_or_default(),
            rating: r[4].as_deref().and_then(|v| v.parse().ok()).unwrap_or(0),
            link: r[5].clone(),
            body: r[6].clone(),
            reviewed_at: time(r[7].clone()).unwrap_or_default(),
        })
        .collect())
}

/// One contact someone referred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Referred {
    pub contact: EntityRef,
    pub lifecycle_stage: String,
    pub customer: bool,
    pub revenue: Vec<Amount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Reward {
    pub id: String,
    pub referred: Option<EntityRef>,
    pub reward: String,
    /// owed or given
    pub status: String,
    pub given_at: Option<DateTime<Utc>>,
}

/// A referrer with the people they brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Referrer {
    pub contact: EntityRef,
    pub referred: Vec<Referred>,
    pub became_customers: u32,
    /// Net revenue from the people they referred, per currency.
    pub revenue: Vec<Amount>,
    pub rewards: Vec<Reward>,
}

fn add(to: &mut Vec<Amount>, currency: &str, minor: i64) {
    match to.iter_mut().find(|a| a.currency == currency) {
        Some(a) => a.amount_minor += minor,
        None => to.push(Amount { currency: currency.into(), amount_minor: minor }),
    }
}

/// Everyone who referred someone, the most valuable first (by customers brought, then revenue).
pub async fn referrers<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<Referrer>> {
    let sql = "SELECT r.id AS c0, trim(r.first_name || ' ' || r.last_name) AS c1, c.id AS c2, trim(c.first_name || ' ' || c.last_name) AS c3, \
               c.lifecycle_stage AS c4, o.currency AS c5, sum(o.total_minor - o.refunded_minor) AS c6 \
               FROM contacts c JOIN contacts r ON r.id = c.referred_by_id AND r.deleted_at IS NULL \
               LEFT JOIN orders o ON o.contact_id = c.id \
               WHERE c.deleted_at IS NULL GROUP BY c.id, o.currency ORDER BY r.id, c.created_at";
    let mut by: BTreeMap<String, Referrer> = BTreeMap::new();
    for row in crate::sqlite::packed_rows(db, sql, 7).await? {
        let rid = row[0].clone().unwrap_or_default();
        let e = by.entry(rid.clone()).or_insert_with(|| Referrer {
            contact: EntityRef { id: rid, name: row[1].clone().unwrap_or_default() },
            referred: vec![],
            became_customers: 0,
            revenue: vec![],
            rewards: vec![],
        });
        let cid = row[2].clone().unwrap_or_default();
        let stage = row[4].clone().unwrap_or_default();
        if !e.referred.iter().any(|x| x.contact.id == cid) {
            let customer = matches!(stage.as_str(), "retention" | "loyalty");
            e.became_customers += customer as u32;
            e.referred.push(Referred { contact: EntityRef { id: cid.clone(), name: row[3].clone().unwrap_or_default() }, lifecycle_stage: stage, customer, revenue: vec![] });
        }
        if let (Some(cur), Some(v)) = (row[5].as_deref(), row[6].as_deref().and_then(|v| v.parse::<i64>().ok())) {
            add(&mut e.revenue, cur, v);
            if let Some(x) = e.referred.iter_mut().find(|x| x.contact.id == cid) {
                add(&mut x.revenue, cur, v);
            }
        }
    }
    let sql = "SELECT w.id AS c0, w.referrer_id AS c1, w.referred_id AS c2, trim(c.first_name || ' ' || c.last_name) AS c3, w.reward AS c4, w.status AS c5, w.given_at AS c6 \
               FROM referral_rewards w LEFT JOIN contacts c ON c.id = w.referred_id ORDER BY w.created_at";
    for r in crate::sqlite::packed_rows(db, sql, 7).await? {
        let Some(e) = r[1].as_ref().and_then(|id| by.get_mut(id)) else { continue };
        e.rewards.push(Reward {
            id: r[0].clone().unwrap_or_default(),
            referred: r[2].clone().map(|id| EntityRef { id, name: r[3].clone().unwrap_or_default() }),
            reward: r[4].clone().unwrap_or_default(),
            status: r[5].clone().unwrap_or_default(),
            given_at: time(r[6].clone()),
        });
    }
    let mut out: Vec<Referrer> = by.into_values().collect();
    let total = |r: &Referrer| r.revenue.iter().map(|a| a.amount_minor).sum::<i64>();
    out.sort_by(|a, b| b.became_customers.cmp(&a.became_customers).then(total(b).cmp(&total(a))).then(a.contact.name.cmp(&b.contact.name)));
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RewardInput {
    pub referrer_id: String,
    pub referred_id: Option<String>,
    /// "A free month", "€20 voucher", …
    pub reward: String,
}

pub async fn add_reward<C: ConnectionTrait + TransactionTrait>(db: &C, input: &RewardInput) -> CoreResult<String> {
    let mut v = Validator::new();
    if !live_contact(db, &input.referrer_id).await? {
        v.add("referrer_id", "not_found", "This contact no longer exists.");
    }
    let referred_id = clean(&input.referred_id);
    if let Some(r) = &referred_id {
        let sql = "SELECT 1 FROM contacts WHERE id = ? AND referred_by_id = ? AND deleted_at IS NULL";
        let ok = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [r.clone().into(), input.referrer_id.clone().into()])).await?;
        if ok.is_none() {
            v.add("referred_id", "not_referred", "That contact was not referred by this one.");
        }
    }
    let reward = v.required("reward", &input.reward, MAX_SHORT);
    v.finish()?;
    let id = new_id();
    let act = history::begin(db, ActionKind::Create, "referral_rewards", Some(&id)).await?;
    let q = Query::insert()
        .into_table("referral_rewards")
        .columns(["id", "referrer_id", "referred_id", "reward", "status", "created_at", "updated_at"])
        .values_panic([id.clone().into(), input.referrer_id.clone().into(), referred_id.into(), reward.clone().into(), "owed".into(), now().into(), now().into()])
        .to_owned();
    act.execute(&q).await?;
    act.describe(&format!("Reward: {reward}")).await?;
    act.commit().await?;
    Ok(id)
}

/// Marks a reward given (or owed again).
pub async fn set_reward_given<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, given: bool) -> CoreResult<()> {
    let act = history::begin(db, ActionKind::Update, "referral_rewards", Some(id)).await?;
    let at: Option<DateTime<Utc>> = given.then(now);
    let q = Query::update()
        .table("referral_rewards")
        .values([("status", (if given { "given" } else { "owed" }).into()), ("given_at", at.into()), ("updated_at", now().into())])
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    if act.execute(&q).await?.rows_affected() == 0 {
        return Err(CoreError::not_found("reward", id));
    }
    act.commit().await
}
