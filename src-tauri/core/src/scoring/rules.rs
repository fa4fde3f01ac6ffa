//! Score rules: a condition and the points it gives. Fit rules look at the contact, its company
//! and its qualification answers; engagement rules at its activities, each activity's points
//! halving every `half_life_days`.

use crate::activities::ActivityKind;
use crate::common::{new_id, now};
use crate::error::{CoreError, CoreResult};
use crate::validate::{Validator, MAX_NAME};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FitField {
    Industry,
    SizeBand,
    Title,
    Country,
    Region,
    LifecycleStage,
    LeadSource,
    Tag,
    Authority,
    NeedLevel,
    Qualification,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Is,
    IsNot,
    Contains,
    IsSet,
}

/// What a rule looks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Condition {
    /// A field of the contact or its company (case-insensitive).
    Field { field: FitField, op: Op, value: String },
    /// A budget was given (at least this much, in minor units, when set).
    Budget { at_least_minor: Option<i64> },
    /// The target date is within this many days (or past).
    TimelineWithin { days: u32 },
    /// Each activity of this kind (and outcome, when set) scores, halving every `half_life_days`.
    Activity { kind: ActivityKind, outcome: Option<String>, half_life_days: u32 },
    /// No call, e-mail or meeting for this many days (usually negative points).
    NoTouch { days: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Fit,
    Engagement,
}

impl Part {
    /// As stored in `score_rules.part`.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Fit => "fit",
            Part::Engagement => "engagement",
        }
    }
}

impl Condition {
    pub fn part(&self) -> Part {
        match self {
            Condition::Activity { .. } | Condition::NoTouch { .. } => Part::Engagement,
            _ => Part::Fit,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ScoreRule {
    pub id: String,
    pub name: String,
    pub part: Part,
    pub condition: Condition,
    pub points: i32,
    pub enabled: bool,
    pub position: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ScoreRuleInput {
    pub name: String,
    pub condition: Condition,
    pub points: i32,
    pub enabled: bool,
}

pub const MAX_POINTS: i32 = 100;
const MAX_DAYS: u32 = 3650;

/// Checks a rule; every problem is named with its field.
pub fn validate(input: &ScoreRuleInput) -> CoreResult<ScoreRuleInput> {
    let mut v = Validator::new();
    let name = v.required("name", &input.name, MAX_NAME);
    if !(-MAX_POINTS..=MAX_POINTS).contains(&input.points) || input.points == 0 {
        v.add("points", "out_of_range", format!("Points go from −{MAX_POINTS} to {MAX_POINTS}, and not 0."));
    }
    let days = |v: &mut Validator, field: &str, d: u32| {
        if !(1..=MAX_DAYS).contains(&d) {
            v.add(field, "out_of_range", format!("Between 1 and {MAX_DAYS} days."));
        }
    };
    let condition = match &input.condition {
        Condition::Field { field, op, value } => {
            let value = value.trim().to_string();
            if *op != Op::IsSet && value.is_empty() {
                v.add("condition.value", "required", "Say which value the rule looks for.");
            }
            v.max_len("condition.value", &value, MAX_NAME);
            Condition::Field { field: *field, op: *op, value }
        }
        Condition::Budget { at_least_minor } => {
            if at_least_minor.is_some_and(|b| b < 0) {
                v.add("condition.at_least_minor", "out_of_range", "A budget cannot be negative.");
            }
            input.condition.clone()
        }
        Condition::TimelineWithin { days: d } | Condition::NoTouch { days: d } => {
            days(&mut v, "condition.days", *d);
            input.condition.clone()
        }
        Condition::Activity { kind, outcome, half_life_days } => {
            days(&mut v, "condition.half_life_days", *half_life_days);
            let outcome = outcome.as_ref().map(|o| o.trim().to_string()).filter(|o| !o.is_empty());
            Condition::Activity { kind: *kind, outcome, half_life_days: *half_life_days }
        }
    };
    v.finish()?;
    Ok(ScoreRuleInput { name, condition, points: input.points, enabled: input.enabled })
}

/// The rules a new database starts with: a classic small-business fit and engagement model.
pub fn defaults() -> Vec<ScoreRuleInput> {
    use ActivityKind as K;
    let field = |field, op, value: &str| Condition::Field { field, op, value: value.into() };
    let rule = |name: &str, condition, points| ScoreRuleInput { name: name.into(), condition, points, enabled: true };
    vec![
        rule("Decision maker", field(FitField::Authority, Op::Is, "decision_maker"), 20),
        rule("Influencer", field(FitField::Authority, Op::Is, "influencer"), 10),
        rule("High need", field(FitField::NeedLevel, Op::Is, "high"), 15),
        rule("Budget given", Condition::Budget { at_least_minor: None }, 10),
        rule("Buying within 90 days", Condition::TimelineWithin { days: 90 }, 10),
        rule("Owner or director", field(FitField::Title, Op::Contains, "owner"), 5),
        rule("Came by referral", field(FitField::LeadSource, Op::Contains, "referral"), 10),
        rule("Qualified", field(FitField::Qualification, Op::Is, "qualified"), 10),
        rule("Replied by e-mail", Condition::Activity { kind: K::Email, outcome: Some("replied".into()), half_life_days: 30 }, 15),
        rule("Call connected", Condition::Activity { kind: K::Call, outcome: Some("connected".into()), half_life_days: 30 }, 10),
        rule("Meeting held", Condition::Activity { kind: K::Meeting, outcome: None, half_life_days: 45 }, 15),
        rule("No touch in 30 days", Condition::NoTouch { days: 30 }, -10),
    ]
}

pub async fn list<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<ScoreRule>> {
    let q = Query::select()
        .columns(["id", "name", "part", "condition_json", "points", "enabled", "position"])
        .from("score_rules")
        .order_by("position", Order::Asc)
        .order_by("id", Order::Asc)
        .to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&q).await? {
        let json: String = r.try_get_by_index(3)?;
        let condition: Condition = serde_json::from_str(&json).map_err(|e| CoreError::Storage { message: format!("a score rule: {e}") })?;
        out.push(ScoreRule {
            id: r.try_get_by_index(0)?,
            name: r.try_get_by_index(1)?,
            part: condition.part(),
            condition,
            points: r.try_get_by_index(4)?,
            enabled: r.try_get_by_index(5)?,
            position: r.try_get_by_index(6)?,
        });
    }
    Ok(out)
}

pub(crate) async fn insert<C: ConnectionTrait>(db: &C, clean: &ScoreRuleInput, position: i32) -> CoreResult<String> {
    let id = new_id();
    let t = now();
    let json = serde_json::to_string(&clean.condition).map_err(|e| CoreError::Storage { message: e.to_string() })?;
    let part = clean.condition.part().as_str();
    let q = Query::insert()
        .into_table("score_rules")
        .columns(["id", "name", "part", "condition_json", "points", "enabled", "position", "created_at", "updated_at"])
        .values_panic([
            id.clone().into(),
            clean.name.clone().into(),
            part.into(),
            json.into(),
            clean.points.into(),
            clean.enabled.into(),
            position.into(),
            t.into(),
            t.into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    Ok(id)
}

/// Seeds the default rules into an empty table (first start).
pub async fn ensure_defaults<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    let q = Query::select().expr(Expr::cust("count(*)")).from("score_rules").to_owned();
    let n: i64 = match db.query_one(&q).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => 0,
    };
    if n > 0 {
        return Ok(());
    }
    for (i, r) in defaults().iter().enumerate() {
        insert(db, r, i as i32).await?;
    }
    Ok(())
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: &ScoreRuleInput) -> CoreResult<ScoreRule> {
    let clean = validate(input)?;
    let position = list(db).await?.len() as i32;
    let id = insert(db, &clean, position).await?;
    super::rescore_all(db, chrono::Utc::now()).await?;
    list(db).await?.into_iter().find(|r| r.id == id).ok_or_else(|| CoreError::not_found("score rule", &id))
}

/// Changing a rule scores every contact again (~1.5 s at 100k contacts).
pub async fn update<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, input: &ScoreRuleInput) -> CoreResult<ScoreRule> {
    let clean = validate(input)?;
    let json = serde_json::to_string(&clean.condition).map_err(|e| CoreError::Storage { message: e.to_string() })?;
    let part = clean.condition.part().as_str();
    let q = Query::update()
        .table("score_rules")
        .values([
            ("name", clean.name.clone().into()),
            ("part", part.into()),
            ("condition_json", json.into()),
            ("points", clean.points.into()),
            ("enabled", clean.enabled.into()),
            ("updated_at", now().into()),
        ])
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    if db.execute(&q).await?.rows_affected() == 0 {
        return Err(CoreError::not_found("score rule", id));
    }
    super::rescore_all(db, chrono::Utc::now()).await?;
    list(db).await?.into_iter().find(|r| r.id == id).ok_or_else(|| CoreError::not_found("score rule", id))
}

pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let q = Query::delete().from_table("score_rules").and_where(Expr::col("id").eq(id)).to_owned();
    if db.execute(&q).await?.rows_affected() == 0 {
        return Err(CoreError::not_found("score rule", id));
    }
    super::rescore_all(db, chrono::Utc::now()).await?;
    Ok(())
}
