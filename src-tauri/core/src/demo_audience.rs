//! The demo business's qualification answers, e-mail replies, personas and segments, so the
//! Score, Priority and Segments screens show real cases on first start:
//! - most open leads have answered some qualification questions (authority, need, budget,
//!   when they mean to buy), a few are qualified and one is disqualified with a reason;
//! - replies to enquiries and to the newsletter are logged as replied e-mails (engagement);
//! - four personas given by the clients' industries, one with a contact chosen by hand;
//! - five segments a studio owner would keep (hot leads, customers gone quiet, …).

use crate::criteria::{cond, CritOp, Filter, Rule};
use crate::error::CoreResult;
use crate::personas::{ContactChannel as Ch, PersonaInput};
use crate::segments::SegmentInput;
use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, Order};

const NEEDS: &[&str] = &[
    "New website before the spring season",
    "Online booking for appointments",
    "A logo and signage for the second shop",
    "Faster site; customers complain on mobile",
    "Monthly newsletter they don't have time to write",
];

async fn open_leads<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<String>> {
    let q = Query::select()
        .column("id")
        .from("contacts")
        .and_where(Expr::col("deleted_at").is_null())
        .and_where(Expr::col("lifecycle_stage").is_in(["reach", "acquisition", "conversion"]))
        .order_by("id", Order::Asc)
        .to_owned();
    db.query_all(&q).await?.iter().map(|r| r.try_get_by_index(0).map_err(Into::into)).collect()
}

/// Qualification answers for most open leads (deterministic).
async fn qualify<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(crate::demo::DEMO_SEED + 7);
    for (i, id) in open_leads(db).await?.into_iter().enumerate() {
        if rng.random_bool(0.3) {
            continue;
        }
        let authority = ["decision_maker", "decision_maker", "influencer", "user"][rng.random_range(0..4)];
        let need = ["low", "medium", "high", "high"][rng.random_range(0..4)];
        let budget: Option<i64> = rng.random_bool(0.6).then(|| rng.random_range(8..60) * 50_000);
        let timeline = rng.random_bool(0.5).then(|| (now + Duration::days(rng.random_range(10..200))).date_naive());
        let status = match i % 11 {
            0 | 5 => "qualified",
            7 => "disqualified",
            _ if rng.random_bool(0.4) => "working",
            _ => "new",
        };
        let q = Query::update()
            .table("contacts")
            .values([
                ("authority", Expr::val(authority)),
                ("need_level", Expr::val(need)),
                ("need_note", Expr::val(NEEDS[i % NEEDS.len()])),
                ("budget_minor", Expr::val(budget)),
                ("budget_currency", Expr::val(budget.map(|_| "USD"))),
                ("timeline_on", Expr::val(timeline)),
                ("qualification", Expr::val(status)),
                ("disqualified_reason", Expr::val((status == "disqualified").then_some("Wants a one-page site for under $200"))),
            ])
            .and_where(Expr::col("id").eq(id))
            .to_owned();
        db.execute(&q).await?;
    }
    Ok(())
}

/// Replies to enquiries and to the newsletter count as replied e-mails.
async fn replies<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    let q = Query::update()
        .table("activities")
        .value("outcome", "replied")
        .and_where(Expr::col("kind").eq("email"))
        .and_where(Expr::col("subject").is_in(["Replied to enquiry", "Newsletter reply"]))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

fn persona(name: &str, description: &str, goals: &str, pains: &str, channels: Vec<Ch>, filter: Option<Filter>) -> PersonaInput {
    PersonaInput {
        name: name.into(),
        description: Some(description.into()),
        goals: Some(goals.into()),
        pain_points: Some(pains.into()),
        channels,
        filter,
    }
}

fn industry(name: &str) -> Option<Filter> {
    Some(Filter::all(vec![cond("industry", CritOp::Is, &[name])]))
}

pub(crate) async fn personas<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    let list = [
        persona(
            "Busy café or bakery owner",
            "Runs a café, bakery or brewery; on their feet from 6 am, reads e-mail late at night.",
            "More regulars, a menu that's easy to find online, catering orders.",
            "No time for marketing; agencies that talk jargon; surprise invoices.",
            vec![Ch::Phone, Ch::InPerson, Ch::TextMessage],
            industry("Food & drink"),
        ),
        persona(
            "Health practice manager",
            "Manages a dental, physio or vet practice of 3–20 people; careful and process-minded.",
            "Online booking, fewer no-shows, a site that patients trust.",
            "Privacy worries; the old booking system; getting the partners to agree.",
            vec![Ch::Email, Ch::Meeting],
            industry("Health"),
        ),
        persona(
            "Professional-services partner",
            "A partner at a law, architecture or consulting firm; buys on reputation.",
            "A brand that wins bigger clients; case studies; a quicker site.",
            "Slow decisions by committee; earlier agencies that missed deadlines.",
            vec![Ch::Email, Ch::Meeting, Ch::Phone],
            industry("Professional services"),
        ),
        persona(
            "Independent retailer",
            "Owns one or two shops (books, flowers, outdoor gear) and sells a little online.",
            "More foot traffic, a simple web shop, seasonal campaigns.",
            "Thin margins; competing with big online stores.",
            vec![Ch::InPerson, Ch::Social, Ch::Email],
            industry("Retail"),
        ),
    ];
    for (i, p) in list.iter().enumerate() {
        crate::personas::insert(db, p, i as i32).await?;
    }
    Ok(())
}

pub(crate) async fn segments<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    let referral: Option<String> = {
        let q = Query::select().column("id").from("lead_sources").and_where(Expr::col("name").eq("Referral")).to_owned();
        match db.query_one(&q).await? {
            Some(r) => Some(r.try_get_by_index(0)?),
            None => None,
        }
    };
    let not_customer = || cond("stage", CritOp::NoneOf, &["retention", "loyalty"]);
    let mut list = vec![
        ("Hot leads", "Leads whose score says: call them first.", Filter::all(vec![cond("temperature", CritOp::AnyOf, &["hot"]), not_customer()])),
        (
            "Customers gone quiet",
            "Customers nobody has called, e-mailed or met in 90 days.",
            Filter::all(vec![cond("stage", CritOp::AnyOf, &["retention", "loyalty"]), cond("last_touch", CritOp::NotWithinDays, &["90"])]),
        ),
        (
            "Newsletter readers",
            "Tagged or signed up for the newsletter.",
            Filter::any(vec![cond("tag", CritOp::AnyOf, &["newsletter"]), cond("newsletter_consent", CritOp::IsTrue, &[])]),
        ),
        (
            "Decision makers with a budget",
            "Open leads who decide and have told us their budget.",
            Filter::all(vec![cond("authority", CritOp::AnyOf, &["decision_maker"]), cond("budget", CritOp::IsSet, &[]), not_customer()]),
        ),
    ];
    if let Some(r) = referral {
        let group = Rule::Group { join: crate::criteria::Join::Any, rules: vec![cond("stage", CritOp::AnyOf, &["acquisition", "conversion"]), cond("qualification", CritOp::AnyOf, &["qualified"])] };
        list.push(("Referrals in talks", "Came by referral and are engaged, in talks or qualified.", Filter::all(vec![cond("lead_source", CritOp::AnyOf, &[&r]), group])));
    }
    for (name, description, filter) in list {
        crate::segments::insert(db, &SegmentInput { name: name.into(), description: Some(description.into()), filter }).await?;
    }
    Ok(())
}

/// A contact given a persona by hand (the owner knows better than the rule).
async fn one_by_hand<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    let q = Query::select().column("id").from("personas").order_by("position", Order::Asc).limit(1).to_owned();
    let Some(persona) = db.query_one(&q).await? else { return Ok(()) };
    let persona: String = persona.try_get_by_index(0)?;
    let leads = open_leads(db).await?;
    if let Some(id) = leads.get(3) {
        db.execute(&Query::update().table("contacts").value("persona_id", persona).and_where(Expr::col("id").eq(id.as_str())).to_owned()).await?;
    }
    Ok(())
}

pub(crate) async fn add<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<()> {
    qualify(db, now).await?;
    replies(db).await?;
    personas(db).await?;
    segments(db).await?;
    one_by_hand(db).await
}

/// The same for the reference data, set-based (100k contacts): answers for most open leads,
/// replies on a quarter of the e-mails, and the demo's personas and segments.
pub(crate) async fn reference<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    db.execute_unprepared(
        "UPDATE contacts SET \
           authority = CASE rowid % 4 WHEN 0 THEN 'decision_maker' WHEN 1 THEN 'influencer' WHEN 2 THEN 'user' END, \
           need_level = CASE rowid % 3 WHEN 0 THEN 'high' WHEN 1 THEN 'medium' ELSE 'low' END, \
           budget_minor = CASE WHEN rowid % 5 < 2 THEN (rowid % 40 + 5) * 50000 END, \
           budget_currency = CASE WHEN rowid % 5 < 2 THEN 'USD' END, \
           qualification = CASE rowid % 10 WHEN 0 THEN 'qualified' WHEN 1 THEN 'working' WHEN 2 THEN 'disqualified' ELSE 'new' END, \
           disqualified_reason = CASE rowid % 10 WHEN 2 THEN 'No budget this year' END \
         WHERE lifecycle_stage IN ('reach', 'acquisition', 'conversion') AND rowid % 10 < 7",
    )
    .await?;
    db.execute_unprepared("UPDATE activities SET outcome = 'replied' WHERE kind = 'email' AND rowid % 4 = 0").await?;
    personas(db).await?;
    segments(db).await
}
