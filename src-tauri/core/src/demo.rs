//! The demo business: a deterministic, realistic small business (a web & branding studio) with
//! a few hundred contacts across every lifecycle stage and source, their companies, and 18
//! months of activities — written through the same domain functions the app uses.

use crate::activities::{self, ActivityInput, ActivityKind};
use crate::common::Address;
use crate::companies::{self, CompanyInput, SizeBand};
use crate::contacts::{self, ContactInput, EmailInput, PhoneInput};
use crate::entities::{contact, lifecycle_change};
use crate::error::{CoreError, CoreResult};
use crate::lifecycle::LifecycleStage;
use crate::{lead_sources, meta};
use chrono::{DateTime, Duration, DurationRound, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::{Deserialize, Serialize};

pub const DEMO_SEED: u64 = 2026;

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct DemoSummary {
    pub companies: u32,
    pub contacts: u32,
    pub activities: u32,
}

pub(crate) const FIRST: &[&str] = &[
    "Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Sofia", "Mateo", "Chloé", "Zoë", "José",
    "Björn", "Łukasz", "Anaïs", "Søren", "Renée", "Íñigo", "Dvořák", "Aiko", "Kenji", "Priya", "Arjun", "Fatima",
    "Omar", "Mei", "Wei", "Nadia", "Yusuf", "Grace", "Henry", "Isla", "Jack", "Leah", "Samuel", "Hannah", "Daniel",
    "Amélie", "François", "Jürgen", "Małgorzata", "Дмитрий", "Анна", "美咲", "陽翔", "Σοφία", "Ingrid", "Rosa", "Tomás",
];
pub(crate) const LAST: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "García", "Müller", "Dubois", "Rossi", "Nowak", "Kowalski", "Jensen",
    "Andersson", "O'Brien", "MacLeod", "Nakamura", "Tanaka", "Patel", "Khan", "Haddad", "Chen", "Wang", "Kim",
    "Novák", "Fernández", "Silva", "Schäfer", "Lefèvre", "Petrov", "Иванова", "佐藤", "Παπαδόπουλος", "Okafor",
    "Mensah", "Cohen", "Levi", "Bianchi", "Moreau", "Costa", "Larsen", "Virtanen",
];
pub(crate) const COMPANY_A: &[&str] = &[
    "Northwind", "Bluebird", "Copper Kettle", "Maple & Oak", "Harbor", "Summit", "Riverside", "Golden Crust",
    "Evergreen", "Lighthouse", "Saffron", "Ironwood", "Willow", "Atlas", "Fjord", "Pine Ridge", "Sunrise",
    "Cobalt", "Juniper", "Little Fox", "Café Lumière", "Bäckerei Sonne", "Orchard", "Red Barn", "Silver Lining",
];
pub(crate) const COMPANY_B: &[(&str, &str)] = &[
    ("Bakery", "Food & drink"),
    ("Dental Care", "Health"),
    ("Yoga Studio", "Fitness"),
    ("Architects", "Professional services"),
    ("Plumbing", "Trades"),
    ("Bookshop", "Retail"),
    ("Law Office", "Professional services"),
    ("Brewing Co.", "Food & drink"),
    ("Florist", "Retail"),
    ("Physio", "Health"),
    ("Realty", "Real estate"),
    ("Consulting", "Professional services"),
    ("Outfitters", "Retail"),
    ("Vets", "Health"),
    ("Logistics", "Transport"),
];
pub(crate) const CITIES: &[(&str, &str, &str)] = &[
    ("Portland", "OR", "US"),
    ("Austin", "TX", "US"),
    ("Boston", "MA", "US"),
    ("Seattle", "WA", "US"),
    ("London", "England", "GB"),
    ("Manchester", "England", "GB"),
    ("Berlin", "Berlin", "DE"),
    ("Hamburg", "Hamburg", "DE"),
];
pub(crate) const TITLES: &[&str] = &[
    "Owner", "Founder", "Managing Director", "Office Manager", "Marketing Lead", "Operations Manager", "Head Chef",
    "Practice Manager", "Partner", "Store Manager",
];
pub(crate) const TAGS: &[&str] = &["newsletter", "vip", "website", "branding", "seo", "maintenance plan", "event 2026", "slow payer"];
pub const OWNERS: &[&str] = &["Sam Rivera", "Alex Chen", "Jordan Blake"];

const CALLS: &[&str] = &["Intro call", "Follow-up call", "Discovery call", "Check-in call", "Quote walkthrough"];
const EMAILS: &[&str] = &["Sent proposal", "Shared portfolio", "Replied to enquiry", "Sent invoice", "Newsletter reply"];
const MEETINGS: &[&str] = &["Kick-off meeting", "Design review", "Coffee catch-up", "Site visit", "Quarterly review"];
const NOTES: &[&str] = &["Prefers e-mail over calls", "Budget approved for Q3", "Competitor quote was lower", "Loves the new logo"];
const TASKS: &[&str] = &["Send follow-up quote", "Call back about renewal", "Prepare mock-ups", "Book review meeting", "Ask for a testimonial"];

fn phone(rng: &mut ChaCha8Rng, country: &str) -> String {
    match country {
        "GB" => format!("+44 20 7946 0{:03}", rng.random_range(0..1000)),
        "DE" => format!("+49 30 9018{:04}", rng.random_range(0..10000)),
        _ => format!("+1 {} 555 01{:02}", ["212", "415", "312", "617", "206", "512"].choose(rng).unwrap(), rng.random_range(0..100)),
    }
}

/// A contact's own number (from the ranges kept for fiction), distinct per contact so the
/// duplicate finder shows only the duplicates the demo plants on purpose.
fn unique_phone(i: usize, country: &str) -> String {
    match country {
        "GB" => format!("+44 20 7946 0{:03}", i % 1000),
        "DE" => format!("+49 30 9018{:04}", i % 10000),
        _ => format!("+1 {} 555 01{:02}", ["212", "415", "312", "617", "206", "512"][(i / 100) % 6], i % 100),
    }
}

pub(crate) fn ascii(s: &str) -> String {
    let map = [('é', 'e'), ('è', 'e'), ('ë', 'e'), ('ï', 'i'), ('í', 'i'), ('ñ', 'n'), ('ø', 'o'), ('ö', 'o'), ('ó', 'o'),
        ('ü', 'u'), ('ä', 'a'), ('á', 'a'), ('ł', 'l'), ('ř', 'r'), ('ç', 'c'), ('ß', 's'), ('Ł', 'l'), ('Í', 'i'), ('Ø', 'o')];
    s.to_lowercase()
        .chars()
        .map(|c| map.iter().find(|(a, _)| *a == c).map_or(c, |(_, b)| *b))
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

fn stage_for(rng: &mut ChaCha8Rng) -> LifecycleStage {
    match rng.random_range(0..100) {
        0..=29 => LifecycleStage::Reach,
        30..=54 => LifecycleStage::Acquisition,
        55..=69 => LifecycleStage::Conversion,
        70..=89 => LifecycleStage::Retention,
        _ => LifecycleStage::Loyalty,
    }
}

/// Loads the demo business into an empty database (refused when it already holds contacts).
pub async fn load(db: &DatabaseConnection) -> CoreResult<DemoSummary> {
    let status = meta::status(db).await?;
    if status.contact_count > 0 || status.company_count > 0 {
        return Err(CoreError::conflict("The demo business can only be loaded into an empty database."));
    }
    let now = Utc::now().duration_trunc(Duration::hours(1)).unwrap_or_else(|_| Utc::now());
    let txn = db.begin().await?;
    // The business's past is data, not history: the demo's own edits come after it.
    crate::history::quiet(&txn).await?;
    let summary = generate(&txn, DEMO_SEED, now).await?;
    crate::demo_hygiene::add(&txn).await?;
    crate::demo_audience::add(&txn, now).await?;
    crate::privacy::demo::record(&txn, now).await?;
    crate::demo_sequences::add(&txn, now).await?;
    crate::demo_after_sale::add(&txn, now).await?;
    crate::reports::goals::add_demo(&txn, now).await?;
    meta::set(&txn, meta::DEMO_LOADED, &now.to_rfc3339()).await?;
    meta::set(&txn, meta::ONBOARDED, "demo").await?;
    crate::history::resume(&txn).await?;
    txn.commit().await?;
    // One past import (badge scans from a trade show) through the real importer.
    crate::import::demo::record(db).await?;
    crate::demo_history::add(db, now).await?;
    crate::scoring::rescore_all(db, Utc::now()).await?;
    Ok(summary)
}

async fn generate(db: &sea_orm::DatabaseTransaction, seed: u64, now: DateTime<Utc>) -> CoreResult<DemoSummary> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    lead_sources::ensure_defaults(db).await?;
    let sources = lead_sources::list(db).await?;
    let start = now - Duration::days(548);

    let mut companies = Vec::new();
    for i in 0..60 {
        let a = COMPANY_A[i % COMPANY_A.len()];
        let (b, industry) = COMPANY_B[(i * 7 + i / COMPANY_A.len()) % COMPANY_B.len()];
        let (city, region, country) = *CITIES.choose(&mut rng).unwrap();
        let name = format!("{a} {b}");
        let mut input = CompanyInput::named(&name);
        input.domain = Some(format!("{}{}.example", ascii(a), ascii(b)));
        input.industry = Some(industry.to_string());
        input.size_band = Some(*[SizeBand::Solo, SizeBand::Micro, SizeBand::Micro, SizeBand::Small, SizeBand::Medium].choose(&mut rng).unwrap());
        input.phone = Some(phone(&mut rng, country));
        input.owner = Some(OWNERS.choose(&mut rng).unwrap().to_string());
        input.address = Address {
            street: Some(format!("{} {} Street", rng.random_range(1..300), ["High", "Main", "Market", "Mill", "Church"].choose(&mut rng).unwrap())),
            city: Some(city.into()),
            region: Some(region.into()),
            postal_code: Some(format!("{:05}", rng.random_range(10000..99999))),
            country: Some(country.into()),
        };
        if rng.random_bool(0.4) {
            input.tags = vec![TAGS.choose(&mut rng).unwrap().to_string()];
        }
        let c = companies::create(db, input).await?;
        companies.push((c.id, country, input_domain(&c.domain)));
    }

    let mut contact_ids: Vec<(String, LifecycleStage, DateTime<Utc>)> = Vec::new();
    for i in 0..320 {
        let first = FIRST.choose(&mut rng).unwrap();
        let last = LAST.choose(&mut rng).unwrap();
        let mut input = ContactInput::named(first, last);
        // Most people work for one of the companies; a few large customers have many contacts.
        let company = if rng.random_bool(0.8) {
            let idx = if rng.random_bool(0.3) { rng.random_range(0..5) } else { rng.random_range(0..companies.len()) };
            Some(&companies[idx])
        } else {
            None
        };
        let country = company.map_or(*["US", "GB", "DE"].choose(&mut rng).unwrap(), |c| c.1);
        input.company_id = company.map(|c| c.0.clone());
        input.title = Some(TITLES.choose(&mut rng).unwrap().to_string());
        let domain = company.map_or("mail.example".to_string(), |c| c.2.clone());
        let local = format!("{}.{}{}", ascii(first), ascii(last), if i % 9 == 0 { i.to_string() } else { String::new() });
        let local = if local.starts_with('.') || local.ends_with('.') { format!("contact{i}") } else { local };
        input.emails = vec![EmailInput { email: format!("{local}@{domain}"), label: Some("work".into()), is_primary: true }];
        if rng.random_bool(0.2) {
            input.emails.push(EmailInput { email: format!("{local}{i}@home.example"), label: Some("home".into()), is_primary: false });
        }
        input.phones = vec![PhoneInput { phone: unique_phone(i, country), label: Some("work".into()), is_primary: true }];
        input.time_zone = Some(match country { "GB" => "Europe/London", "DE" => "Europe/Berlin", _ => "America/New_York" }.into());
        input.owner = Some(OWNERS.choose(&mut rng).unwrap().to_string());
        input.lifecycle_stage = stage_for(&mut rng);
        let source = &sources[rng.random_range(0..sources.len() - 1)];
        input.lead_source_id = Some(source.id.clone());
        if source.is_referral && !contact_ids.is_empty() {
            input.referred_by_id = Some(contact_ids[rng.random_range(0..contact_ids.len())].0.clone());
        }
        input.do_not_contact = rng.random_bool(0.03);
        if rng.random_bool(0.5) {
            input.tags = (0..rng.random_range(1..3)).map(|_| TAGS.choose(&mut rng).unwrap().to_string()).collect();
        }
        if rng.random_bool(0.3) {
            input.notes = Some(NOTES.choose(&mut rng).unwrap().to_string());
        }
        let stage = input.lifecycle_stage;
        let created = start + Duration::hours(rng.random_range(0..(548 * 24 - 24 * 14)));
        let c = contacts::create(db, input).await?;
        backdate(db, &c.id, stage, created, now, &mut rng).await?;
        contact_ids.push((c.id, stage, created));
    }

    let mut activity_count = 0u32;
    for (id, stage, created) in &contact_ids {
        let engaged = match stage {
            LifecycleStage::Reach => 2,
            LifecycleStage::Acquisition => 5,
            LifecycleStage::Conversion => 9,
            LifecycleStage::Retention => 10,
            LifecycleStage::Loyalty => 14,
        };
        let n = rng.random_range(engaged / 2..=engaged);
        let span = (now - *created).num_minutes().max(60);
        for _ in 0..n {
            let kind = *[ActivityKind::Call, ActivityKind::Email, ActivityKind::Email, ActivityKind::Meeting, ActivityKind::Note]
                .choose(&mut rng)
                .unwrap();
            let subject = match kind {
                ActivityKind::Call => CALLS,
                ActivityKind::Email => EMAILS,
                ActivityKind::Meeting => MEETINGS,
                _ => NOTES,
            }
            .choose(&mut rng)
            .unwrap();
            let at = *created + Duration::minutes(rng.random_range(0..span));
            activities::create(db, ActivityInput {
                kind,
                subject: subject.to_string(),
                body: (kind != ActivityKind::Note && rng.random_bool(0.4)).then(|| "Notes from the conversation: next steps agreed.".to_string()),
                contact_id: Some(id.clone()),
                company_id: None,
                deal_id: None,
                occurred_at: Some(at),
                due_at: None,
                duration_minutes: matches!(kind, ActivityKind::Call | ActivityKind::Meeting).then(|| rng.random_range(5..90)),
                outcome: (kind == ActivityKind::Call).then(|| ["Connected", "Left voicemail", "No answer"].choose(&mut rng).unwrap().to_string()),
            })
            .await?;
            activity_count += 1;
        }
        // Open work: overdue, today and upcoming tasks, and some already done.
        if rng.random_bool(0.35) {
            let due = now + Duration::hours(rng.random_range(-24 * 10..24 * 14));
            let t = activities::create(db, ActivityInput {
                kind: ActivityKind::Task,
                subject: TASKS.choose(&mut rng).unwrap().to_string(),
                body: None,
                contact_id: Some(id.clone()),
                company_id: None,
                deal_id: None,
                occurred_at: Some(due.min(now)),
                due_at: Some(due),
                duration_minutes: None,
                outcome: None,
            })
            .await?;
            if due < now && rng.random_bool(0.4) {
                activities::set_done(db, &t.id, true).await?;
            }
            activity_count += 1;
        }
    }
    activity_count += crate::demo_deals::create(db, seed, now, &contact_ids).await?;
    Ok(DemoSummary { companies: companies.len() as u32, contacts: contact_ids.len() as u32, activities: activity_count })
}

fn input_domain(d: &Option<String>) -> String {
    d.clone().unwrap_or_else(|| "mail.example".into())
}

/// Gives a demo contact a believable past: created months ago, moved through the lifecycle.
async fn backdate(
    db: &sea_orm::DatabaseTransaction,
    id: &str,
    stage: LifecycleStage,
    created: DateTime<Utc>,
    now: DateTime<Utc>,
    rng: &mut ChaCha8Rng,
) -> CoreResult<()> {
    contact::Entity::update_many()
        .col_expr(contact::Column::CreatedAt, Expr::value(created))
        .col_expr(contact::Column::UpdatedAt, Expr::value(created))
        .filter(contact::Column::Id.eq(id))
        .exec(db)
        .await?;
    lifecycle_change::Entity::delete_many().filter(lifecycle_change::Column::ContactId.eq(id)).exec(db).await?;
    let steps: Vec<LifecycleStage> = LifecycleStage::ALL.into_iter().take_while(|s| *s != stage).chain([stage]).collect();
    let mut at = created;
    let mut from: Option<LifecycleStage> = None;
    for s in steps {
        let row = lifecycle_change::ActiveModel {
            id: Set(crate::common::new_id()),
            contact_id: Set(id.to_string()),
            from_stage: Set(from.map(|f| f.as_str().to_string())),
            to_stage: Set(s.as_str().to_string()),
            changed_at: Set(at),
        };
        lifecycle_change::Entity::insert(row).exec(db).await?;
        from = Some(s);
        let room = (now - at).num_hours().max(2);
        at += Duration::hours(rng.random_range(1..room.min(24 * 60)));
    }
    Ok(())
}
