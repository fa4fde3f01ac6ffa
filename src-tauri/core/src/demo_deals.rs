//! The demo business's sales pipeline: about fifty deals in the default "Sales" pipeline,
//! written through the same `deals::` functions the app uses, then given a believable past
//! (created weeks or months ago, moved through their stages since). Open deals sit in every
//! open stage; some have a task or meeting planned, some do not, a few have sat too long in
//! their stage; some were won, some lost with a reason.

use crate::activities::{self, ActivityInput, ActivityKind};
use crate::deals::{self, DealInput, DealLineInput, DealMove, NewDeal};
use crate::demo::OWNERS;
use crate::entities::{company, contact, deal, deal_stage_change};
use crate::error::CoreResult;
use crate::lifecycle::LifecycleStage;
use crate::pipelines::{self, Stage, StageKind};
use crate::{lead_sources, lost_reasons, meta};
use chrono::{DateTime, Duration, Utc};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

/// What a small web & branding studio sells (also used by the reference-data generator).
pub(crate) const DEAL_TITLES: &[&str] = &[
    "Website refresh", "Spring menu photography", "Office fit-out signage", "Logo & brand identity",
    "Online booking system", "Web shop setup", "SEO audit & fixes", "Monthly care plan", "Brand guidelines",
    "Product photography", "Social media launch kit", "Newsletter templates", "Shopfront graphics",
    "Packaging redesign", "Menu redesign", "Open day landing page", "Google Ads setup", "Website translation (DE)",
    "Accessibility review", "Hosting migration", "Annual report design", "Event 2026 microsite", "Staff portraits",
    "Brochure & flyers", "Rebrand workshop", "Video testimonials", "Loyalty card design", "Patient portal pages",
    "Recipe blog relaunch", "Property listing templates", "Trade fair stand graphics", "Van livery",
    "Summer campaign visuals", "Team page & bios", "Price list redesign", "Christmas gift card design",
    "Website speed tune-up", "Menu boards", "Online course pages", "Client portal login", "Drone photos of the venue",
    "Podcast cover art", "Wayfinding signs", "Wine list design", "Clinic website rebuild", "Email automation setup",
    "Review & testimonial page", "Pop-up shop branding", "Kids' class timetable app", "Catalogue shoot",
    "Shop window vinyls", "Corporate presentation template", "Facebook & Instagram ads", "Photo library licence",
];

/// Line items: name, unit price (minor units), and the quantities it is sold in.
const LINES: &[(&str, i64, (i32, i32))] = &[
    ("Design day", 65_000, (1, 6)),
    ("Photography half-day", 45_000, (1, 3)),
    ("Copywriting (per page)", 18_000, (2, 8)),
    ("Hosting & care (per month)", 4_500, (12, 12)),
    ("Logo concepts", 120_000, (1, 1)),
    ("Print run (100 copies)", 9_000, (1, 10)),
];
const NEXT_STEPS: &[&str] = &["Send revised quote", "Book a call with the owner", "Share mock-ups", "Confirm scope", "Wait for board approval"];
const TOUCHES: &[(ActivityKind, &str)] = &[
    (ActivityKind::Call, "Discovery call"),
    (ActivityKind::Email, "Sent proposal"),
    (ActivityKind::Meeting, "Design review"),
    (ActivityKind::Email, "Shared portfolio"),
    (ActivityKind::Call, "Quote walkthrough"),
];
const PLANNED_TASKS: &[&str] = &["Send follow-up quote", "Prepare mock-ups", "Call about the go-ahead", "Chase signed proposal"];

/// How many open deals sit in each open stage, and how many were won and lost.
const OPEN_PER_STAGE: [usize; 5] = [9, 8, 8, 7, 6];
const WON: usize = 9;
const LOST: usize = 7;

/// A contact the deals can be attached to: (id, lifecycle stage, created).
pub(crate) type DemoContact = (String, LifecycleStage, DateTime<Utc>);

struct Plan {
    path: Vec<Stage>,
    /// When the deal entered its current stage.
    entered: DateTime<Utc>,
    /// Planned task or meeting ahead (open deals).
    planned: bool,
}

/// Picks contacts in turn from a pool, skipping those created after `latest`.
struct Pool<'a> {
    items: Vec<&'a DemoContact>,
    next: usize,
}

impl<'a> Pool<'a> {
    fn pick(&mut self, latest: DateTime<Utc>) -> Option<&'a DemoContact> {
        for _ in 0..self.items.len() {
            let c = self.items[self.next % self.items.len()];
            self.next += 1;
            if c.2 < latest {
                return Some(c);
            }
        }
        None
    }
}

/// Creates the demo deals; returns how many activities were logged on them.
pub(crate) async fn create(db: &DatabaseTransaction, seed: u64, now: DateTime<Utc>, contacts: &[DemoContact]) -> CoreResult<u32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xDEA1_5EED);
    if meta::get(db, meta::USER_NAME).await?.is_none() {
        meta::set(db, meta::USER_NAME, OWNERS[0]).await?;
    }
    pipelines::ensure_default(db).await?;
    lost_reasons::ensure_defaults(db).await?;
    let pipeline = pipelines::list(db).await?.into_iter().next().ok_or_else(|| crate::CoreError::not_found("pipeline", "Sales"))?;
    let open: Vec<Stage> = pipeline.stages.iter().filter(|s| s.kind == StageKind::Open).cloned().collect();
    let won = pipeline.stages.iter().find(|s| s.kind == StageKind::Won).cloned().expect("every pipeline has a Won stage");
    let lost = pipeline.stages.iter().find(|s| s.kind == StageKind::Lost).cloned().expect("every pipeline has a Lost stage");
    let reasons: Vec<String> = lost_reasons::list(db).await?.into_iter().filter(|r| !r.archived).map(|r| r.id).collect();
    let sources: Vec<String> = lead_sources::list(db).await?.into_iter().map(|s| s.id).collect();
    let pool = |stages: &[LifecycleStage], rng: &mut ChaCha8Rng| {
        let mut items: Vec<&DemoContact> = contacts.iter().filter(|c| stages.contains(&c.1)).collect();
        items.shuffle(rng);
        Pool { items, next: 0 }
    };
    // Opportunities get the open and lost deals, customers the won ones: nobody's lifecycle
    // stage has to change.
    let mut opportunities = pool(&[LifecycleStage::Conversion], &mut rng);
    let mut customers = pool(&[LifecycleStage::Retention, LifecycleStage::Loyalty], &mut rng);

    let mut plans = Vec::new();
    for (k, &n) in OPEN_PER_STAGE.iter().enumerate().take(open.len()) {
        let threshold = open[k].rotting_days.unwrap_or(30) as i64;
        for j in 0..n {
            // A few have sat in their stage too long; a third have nothing planned.
            let rotting = j == 2 || (j == 4 && k % 2 == 0);
            let days = if rotting { threshold + rng.random_range(2..25) } else { rng.random_range(0..(threshold - 1).max(1)) };
            let mut path: Vec<Stage> = open[..=k].to_vec();
            if path.len() > 2 && rng.random_bool(0.3) {
                path.remove(rng.random_range(1..path.len() - 1));
            }
            let entered = now - Duration::days(days) - Duration::hours(rng.random_range(1..20));
            plans.push(Plan { path, entered, planned: j % 3 != 1 });
        }
    }
    // Lost needs a current reason: without any (all archived), no deal is shown as lost.
    let closed = if reasons.is_empty() { WON } else { WON + LOST };
    for i in 0..closed {
        let is_won = i < WON;
        let last_open = rng.random_range(if is_won { 2.min(open.len() - 1) } else { 0 }..open.len());
        let mut path: Vec<Stage> = open[..=last_open].to_vec();
        path.push(if is_won { won.clone() } else { lost.clone() });
        let entered = now - Duration::days(rng.random_range(3..160)) - Duration::hours(rng.random_range(1..20));
        plans.push(Plan { path, entered, planned: false });
    }

    let mut activity_count = 0;
    for (i, plan) in plans.iter().enumerate() {
        let kind = plan.path.last().expect("a path ends in a stage").kind;
        let gaps: Vec<Duration> =
            (1..plan.path.len()).map(|_| Duration::days(rng.random_range(2..12)) + Duration::hours(rng.random_range(0..24))).collect();
        let span: Duration = gaps.iter().copied().sum();
        let pool = if kind == StageKind::Won { &mut customers } else { &mut opportunities };
        let person = pool.pick(plan.entered - span - Duration::days(1)).or_else(|| contacts.first());
        // Nobody plans a meeting with someone who asked not to be contacted (a task instead).
        let mut do_not_contact = false;
        let (contact_id, company_id, country, contact_created) = match person {
            Some((id, _, created)) => {
                let c = contact::Entity::find_by_id(id.clone()).one(db).await?;
                do_not_contact = c.as_ref().is_some_and(|c| c.do_not_contact);
                let company_id = c.and_then(|c| c.company_id);
                let country = match &company_id {
                    Some(cid) => company::Entity::find_by_id(cid.clone()).one(db).await?.and_then(|c| c.country),
                    None => None,
                };
                (Some(id.clone()), company_id, country, *created)
            }
            None => (None, None, None, now - Duration::days(365)),
        };
        // Every step of the path gets its time, the last being when it entered its stage.
        let mut times = vec![plan.entered];
        for g in gaps.iter().rev() {
            times.push(*times.last().expect("at least one") - *g);
        }
        times.reverse();
        if times[0] <= contact_created {
            // The only contact left is newer than the plan: squeeze the path after their creation.
            let floor = contact_created + Duration::hours(1);
            let room = (plan.entered - floor).num_minutes().max(plan.path.len() as i64);
            let step = room / plan.path.len() as i64;
            times = (0..plan.path.len()).map(|s| floor + Duration::minutes(step * s as i64)).collect();
            times[plan.path.len() - 1] = plan.entered.max(floor + Duration::minutes(step * (plan.path.len() as i64 - 1)));
        }
        let title = match i / DEAL_TITLES.len() {
            0 => DEAL_TITLES[i % DEAL_TITLES.len()].to_string(),
            n => format!("{} (phase {})", DEAL_TITLES[i % DEAL_TITLES.len()], n + 1),
        };
        let currency = if country.as_deref() == Some("GB") { "GBP" } else { "EUR" };
        let mut input = DealInput::titled(&title, rng.random_range(12..=360) * 5_000, currency);
        input.contact_ids = contact_id.into_iter().collect();
        input.company_id = company_id;
        input.owner = Some(OWNERS.choose(&mut rng).expect("owners").to_string());
        let close = if kind == StageKind::Open { now + Duration::days(rng.random_range(-10..75)) } else { plan.entered };
        input.expected_close = Some(close.date_naive());
        if kind == StageKind::Open && i % 5 == 3 {
            input.probability = Some(rng.random_range(5..=18) * 5);
        }
        if rng.random_bool(0.35) {
            let n = rng.random_range(1..=3);
            input.lines = rand::seq::index::sample(&mut rng, LINES.len(), n)
                .into_iter()
                .map(|l| {
                    let (name, price, (lo, hi)) = LINES[l];
                    DealLineInput { name: name.into(), quantity: rng.random_range(lo..=hi), unit_price_minor: price, discount_percent: *[0, 0, 10].choose(&mut rng).expect("discounts") }
                })
                .collect();
        }
        if rng.random_bool(0.5) {
            input.source_id = sources.choose(&mut rng).cloned();
        }
        if kind == StageKind::Open {
            input.next_step = Some(NEXT_STEPS.choose(&mut rng).expect("steps").to_string());
        }
        if rng.random_bool(0.25) {
            input.tags = vec![["website", "branding", "photography"].choose(&mut rng).expect("tags").to_string()];
        }
        let first = &plan.path[0];
        let mut d = deals::create(db, NewDeal { pipeline_id: pipeline.id.clone(), stage_id: Some(first.id.clone()), deal: input }).await?;
        for s in &plan.path[1..] {
            let lost_reason_id = (s.kind == StageKind::Lost).then(|| reasons[rng.random_range(0..reasons.len())].clone());
            let lost_note = (s.kind == StageKind::Lost && rng.random_bool(0.4)).then(|| "Might come back next season.".to_string());
            d = deals::move_deal(db, DealMove {
                deal_id: d.id.clone(),
                stage_id: s.id.clone(),
                after_id: None,
                expected_version: d.version,
                lost_reason_id,
                lost_note,
            })
            .await?;
        }
        backdate(db, &d.id, plan, &times, kind != StageKind::Open).await?;
        activity_count += log_activities(db, &mut rng, &d.id, &times, plan, now, do_not_contact).await?;
    }
    Ok(activity_count)
}

/// The API stamps "now"; the demo's deals were created and moved in the past.
async fn backdate(db: &DatabaseTransaction, id: &str, plan: &Plan, times: &[DateTime<Utc>], closed: bool) -> CoreResult<()> {
    let entered = *times.last().expect("a path has a stage");
    deal::Entity::update_many()
        .col_expr(deal::Column::CreatedAt, Expr::value(times[0]))
        .col_expr(deal::Column::UpdatedAt, Expr::value(entered))
        .col_expr(deal::Column::StageEnteredAt, Expr::value(entered))
        .col_expr(deal::Column::ClosedAt, Expr::value(closed.then_some(entered)))
        .filter(deal::Column::Id.eq(id))
        .exec(db)
        .await?;
    for (stage, at) in plan.path.iter().zip(times) {
        deal_stage_change::Entity::update_many()
            .col_expr(deal_stage_change::Column::ChangedAt, Expr::value(*at))
            .filter(deal_stage_change::Column::DealId.eq(id))
            .filter(deal_stage_change::Column::ToStageId.eq(stage.id.as_str()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// A few past touches on the deal, and for planned open deals a task or meeting ahead.
async fn log_activities(
    db: &DatabaseTransaction,
    rng: &mut ChaCha8Rng,
    deal_id: &str,
    times: &[DateTime<Utc>],
    plan: &Plan,
    now: DateTime<Utc>,
    do_not_contact: bool,
) -> CoreResult<u32> {
    let input = |kind: ActivityKind, subject: &str, at: DateTime<Utc>, due: Option<DateTime<Utc>>| ActivityInput {
        kind,
        subject: subject.to_string(),
        body: None,
        contact_id: None,
        company_id: None,
        deal_id: Some(deal_id.to_string()),
        occurred_at: Some(at),
        due_at: due,
        duration_minutes: matches!(kind, ActivityKind::Call | ActivityKind::Meeting).then_some(30),
        outcome: (kind == ActivityKind::Call).then(|| "Connected".to_string()),
    };
    let mut n = 0;
    let span = (times[times.len() - 1] - times[0]).num_minutes().max(60);
    for _ in 0..rng.random_range(1..=3) {
        let (kind, subject) = *TOUCHES.choose(rng).expect("touches");
        let at = times[0] + Duration::minutes(rng.random_range(0..span));
        activities::create(db, input(kind, subject, at, None)).await?;
        n += 1;
    }
    if plan.planned {
        let at = now + Duration::days(rng.random_range(1..14)) + Duration::hours(rng.random_range(0..8));
        let planned = if rng.random_bool(0.7) || do_not_contact {
            input(ActivityKind::Task, PLANNED_TASKS.choose(rng).expect("tasks"), now, Some(at))
        } else {
            input(ActivityKind::Meeting, "Proposal meeting", at, None)
        };
        activities::create(db, planned).await?;
        n += 1;
    }
    Ok(n)
}
