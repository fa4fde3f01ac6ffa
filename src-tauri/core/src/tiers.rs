//! Priority tiers A, B and C: who gets attention first. Each tier has a rule (a filter; none
//! means "everyone not in a tier above") and its handling: how soon to follow up, and the level
//! of support. A contact is in the first tier whose rule it matches; the tier is kept with its
//! score (`contact_scores.tier`) and follows every change that rescores it. Each tier shows its
//! measured conversion rate ([`crate::conversion`]) beside its rule.

use crate::conversion::{self, Conversion, Period};
use crate::criteria::{self, cond, CritOp, Filter};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::validate::{Validator, MAX_NAME, MAX_SHORT};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TierId {
    A,
    B,
    C,
}

impl TierId {
    pub const ALL: [TierId; 3] = [TierId::A, TierId::B, TierId::C];

    pub fn as_str(self) -> &'static str {
        match self {
            TierId::A => "a",
            TierId::B => "b",
            TierId::C => "c",
        }
    }

    pub fn parse(s: &str) -> Option<TierId> {
        Self::ALL.into_iter().find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }

    pub fn letter(self) -> &'static str {
        match self {
            TierId::A => "A",
            TierId::B => "B",
            TierId::C => "C",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Tier {
    pub id: TierId,
    pub name: String,
    pub description: Option<String>,
    /// `None`: everyone not in a tier above.
    pub filter: Option<Filter>,
    /// Follow up within this many days (the default when planning a follow-up).
    pub follow_up_days: u32,
    /// "Dedicated, same day", …
    pub support_level: Option<String>,
    /// Contacts in the tier now.
    pub members: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TierInput {
    pub name: String,
    pub description: Option<String>,
    pub filter: Option<Filter>,
    pub follow_up_days: u32,
    pub support_level: Option<String>,
}

/// How many contacts a tier holds (or would hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TierCount {
    pub id: TierId,
    pub members: u32,
}

/// A tier's measured conversion over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TierConversion {
    pub id: TierId,
    pub conversion: Conversion,
}

pub const MAX_FOLLOW_UP_DAYS: u32 = 365;

/// The classic model: A = past and repeat buyers, B = subscribed or engaged, C = the rest
/// (website traffic and walk-ins).
pub fn defaults() -> Vec<(TierId, TierInput)> {
    let input = |name: &str, description: &str, filter, days, support: &str| TierInput {
        name: name.into(),
        description: Some(description.into()),
        filter,
        follow_up_days: days,
        support_level: Some(support.into()),
    };
    let a = Filter::any(vec![cond("stage", CritOp::AnyOf, &["retention", "loyalty"]), cond("won_deal", CritOp::IsTrue, &[])]);
    let b = Filter::any(vec![
        cond("newsletter_consent", CritOp::IsTrue, &[]),
        cond("marketing_consent", CritOp::IsTrue, &[]),
        cond("stage", CritOp::AnyOf, &["acquisition", "conversion"]),
        cond("engagement", CritOp::AtLeast, &["10"]),
    ]);
    vec![
        (TierId::A, input("Past and repeat buyers", "Customers and loyal customers, and anyone who has won a deal with you.", Some(a), 1, "Dedicated, same day")),
        (TierId::B, input("Subscribed or engaged", "On your e-mail list, engaged or in talks, or recently active.", Some(b), 3, "Standard, next business day")),
        (TierId::C, input("Website traffic and walk-ins", "Everyone else: new visitors, walk-ins, cold leads.", None, 7, "Community, within a week")),
    ]
}

fn filter_json(f: &Option<Filter>) -> Option<String> {
    f.as_ref().map(criteria::to_json)
}

/// Seeds the default tiers into an empty table (first start, or a database from before tiers).
pub async fn ensure_defaults<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    let q = Query::select().expr(Expr::cust("count(*)")).from("tiers").to_owned();
    let n: i64 = match db.query_one(&q).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => 0,
    };
    if n > 0 {
        return Ok(());
    }
    let t = crate::common::now();
    for (id, i) in defaults() {
        let q = Query::insert()
            .into_table("tiers")
            .columns(["id", "name", "description", "filter_json", "follow_up_days", "support_level", "created_at", "updated_at"])
            .values_panic([
                id.as_str().into(),
                i.name.into(),
                i.description.into(),
                filter_json(&i.filter).into(),
                i.follow_up_days.into(),
                i.support_level.into(),
                t.into(),
                t.into(),
            ])
            .to_owned();
        db.execute(&q).await?;
    }
    Ok(())
}

/// The three tiers, A first, each with its rule (`None`: everyone else), without counts.
pub(crate) async fn rules<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<(TierId, Option<Filter>)>> {
    let rows = crate::sqlite::packed_rows(db, "SELECT id AS c0, filter_json AS c1 FROM tiers ORDER BY id", 2).await?;
    let mut out = Vec::new();
    for r in rows {
        let Some(id) = r[0].as_deref().and_then(TierId::parse) else { continue };
        out.push((id, r[1].as_deref().map(criteria::from_json).transpose()?));
    }
    Ok(out)
}

pub async fn list<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<Tier>> {
    let sql = "SELECT t.id AS c0, t.name AS c1, t.description AS c2, t.filter_json AS c3, t.follow_up_days AS c4, t.support_level AS c5, \
               (SELECT count(*) FROM contact_scores cs JOIN contacts c ON c.id = cs.contact_id AND c.deleted_at IS NULL WHERE cs.tier = t.id) AS c6 \
               FROM tiers t ORDER BY t.id";
    let mut out = Vec::new();
    for r in crate::sqlite::packed_rows(db, sql, 7).await? {
        let Some(id) = r[0].as_deref().and_then(TierId::parse) else { continue };
        let num = |i: usize| r[i].as_deref().and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
        out.push(Tier {
            id,
            name: r[1].clone().unwrap_or_default(),
            description: r[2].clone(),
            filter: r[3].as_deref().map(criteria::from_json).transpose()?,
            follow_up_days: num(4),
            support_level: r[5].clone(),
            members: num(6),
        });
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: TierId) -> CoreResult<Tier> {
    list(db).await?.into_iter().find(|t| t.id == id).ok_or_else(|| CoreError::not_found("tier", id.as_str()))
}

async fn validated<C: ConnectionTrait>(db: &C, input: &TierInput) -> CoreResult<TierInput> {
    let mut v = Validator::new();
    let name = v.required("name", &input.name, MAX_NAME);
    let description = v.optional("description", &input.description, MAX_SHORT);
    let support_level = v.optional("support_level", &input.support_level, MAX_NAME);
    if !(1..=MAX_FOLLOW_UP_DAYS).contains(&input.follow_up_days) {
        v.add("follow_up_days", "out_of_range", format!("Follow up within 1 to {MAX_FOLLOW_UP_DAYS} days."));
    }
    if input.filter.as_ref().is_some_and(|f| f.rules.is_empty()) {
        v.add("filter", "required", "Add a condition, or make this tier “everyone else”.");
    }
    v.finish()?;
    let filter = match &input.filter {
        Some(f) => Some(criteria::check(db, f, criteria::Context::Tier).await?),
        None => None,
    };
    Ok(TierInput { name, description, filter, follow_up_days: input.follow_up_days, support_level })
}

/// Changes a tier (its rule and handling): one undoable action; every contact's tier follows.
pub async fn update<C: ConnectionTrait + TransactionTrait>(db: &C, id: TierId, input: &TierInput) -> CoreResult<Tier> {
    let clean = validated(db, input).await?;
    let act = history::begin(db, ActionKind::Update, "tiers", Some(id.as_str())).await?;
    let q = Query::update()
        .table("tiers")
        .values([
            ("name", clean.name.into()),
            ("description", clean.description.into()),
            ("filter_json", filter_json(&clean.filter).into()),
            ("follow_up_days", clean.follow_up_days.into()),
            ("support_level", clean.support_level.into()),
            ("updated_at", crate::common::now().into()),
        ])
        .and_where(Expr::col("id").eq(id.as_str()))
        .to_owned();
    if act.execute(&q).await?.rows_affected() == 0 {
        return Err(CoreError::not_found("tier", id.as_str()));
    }
    act.commit().await?;
    get(db, id).await
}

/// How many contacts each tier would hold with `input` as tier `id`'s rule (the editor's live
/// preview; nothing is saved).
pub async fn preview<C: ConnectionTrait>(db: &C, id: TierId, input: &TierInput) -> CoreResult<Vec<TierCount>> {
    let clean = validated(db, input).await?;
    let mut rules = rules(db).await?;
    for r in &mut rules {
        if r.0 == id {
            r.1 = clean.filter.clone();
        }
    }
    let case = case_sql(db, &rules, Utc::now()).await?;
    let sql = format!(
        "SELECT t AS c0, count(*) AS c1 FROM (SELECT {case} AS t FROM contacts c \
         LEFT JOIN companies co ON co.id = c.company_id AND co.deleted_at IS NULL WHERE c.deleted_at IS NULL) \
         WHERE t IS NOT NULL GROUP BY t"
    );
    let mut out: Vec<TierCount> = TierId::ALL.iter().map(|t| TierCount { id: *t, members: 0 }).collect();
    for r in crate::sqlite::packed_rows(db, &sql, 2).await? {
        if let (Some(t), Some(n)) = (r[0].as_deref().and_then(TierId::parse), r[1].as_deref().and_then(|n| n.parse().ok())) {
            if let Some(e) = out.iter_mut().find(|e| e.id == t) {
                e.members = n;
            }
        }
    }
    Ok(out)
}

/// The SQL expression giving contact `c`'s tier ('a', 'b', 'c' or NULL) under `rules`, in a
/// query that joins the contact's company as `co`.
pub(crate) async fn case_sql<C: ConnectionTrait>(db: &C, rules: &[(TierId, Option<Filter>)], now: DateTime<Utc>) -> CoreResult<String> {
    let mut parts = Vec::new();
    for (id, f) in rules {
        let cond = match f {
            Some(f) => criteria::compile_joined(db, f, now).await?,
            None => "1".into(),
        };
        parts.push(format!("WHEN {cond} THEN '{}'", id.as_str()));
    }
    Ok(if parts.is_empty() { "NULL".into() } else { format!("CASE {} END", parts.join(" ")) })
}

/// Each tier's measured conversion over `period` (its current members' leads).
pub async fn conversion<C: ConnectionTrait>(db: &C, period: Period) -> CoreResult<Vec<TierConversion>> {
    let period = period.checked()?;
    let key = "(SELECT cs.tier FROM contact_scores cs WHERE cs.contact_id = c.id)";
    let found = conversion::by_group(db, key, "1", period).await?;
    Ok(TierId::ALL
        .iter()
        .map(|id| TierConversion {
            id: *id,
            conversion: found.iter().find(|(g, _)| g == id.as_str()).map(|(_, c)| *c).unwrap_or_default(),
        })
        .collect())
}

/// A contact's tier and its handling, for the contact's screen.
pub async fn of_contact<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<Option<Tier>> {
    let q = Query::select().column("tier").from("contact_scores").and_where(Expr::col("contact_id").eq(contact_id)).to_owned();
    let tier: Option<String> = match db.query_one(&q).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => None,
    };
    match tier.as_deref().and_then(TierId::parse) {
        Some(t) => Ok(Some(get(db, t).await?)),
        None => Ok(None),
    }
}
