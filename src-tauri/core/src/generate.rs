//! Reference data: a deterministic, realistic dataset at volume (100k contacts, 20k companies,
//! 1M activities over 3 years by default) written through the bulk path — multi-row inserts in
//! one transaction with the search index rebuilt once at the end — so speed can be measured on
//! what a growing business really has. Skewed like real data: a few large companies and many
//! single-contact ones, activity bursts, names with accents and non-Latin scripts.

use crate::common::new_id;
use crate::demo::{ascii, CITIES, COMPANY_A, COMPANY_B, FIRST, LAST, TAGS, TITLES};
use crate::error::{CoreError, CoreResult};
use crate::lifecycle::LifecycleStage;
use crate::{lead_sources, meta, sqlite};
use chrono::{DateTime, Duration, TimeZone, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::sea_query::Query;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait, Value};
use serde::{Deserialize, Serialize};
use std::time::Instant;

#[derive(Debug, Clone, Copy)]
pub struct GenOptions {
    pub contacts: u32,
    pub seed: u64,
}

impl GenOptions {
    /// `small` (2k contacts, for quick runs and tests) or `reference` (100k contacts).
    pub fn scale(name: &str, seed: u64) -> Option<Self> {
        match name {
            "small" => Some(GenOptions { contacts: 2_000, seed }),
            "reference" => Some(GenOptions { contacts: 100_000, seed }),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct GenSummary {
    pub contacts: u32,
    pub companies: u32,
    pub activities: u32,
    pub seconds: f64,
}

/// The fixed "now" of generated data, so the same seed always gives the same rows.
pub fn anchor() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).single().expect("valid anchor")
}

const EXTRA_FIRST: &[&str] = &["Ольга", "Игорь", "Zeynep", "Ahmet", "Chiara", "Giulia", "Nguyễn", "Thảo", "Ji-woo", "Min-jun", "Aarav", "Saanvi", "Kofi", "Ama", "Lars", "Astrid", "Pedro", "Lucía", "Émile", "Noémie"];
const EXTRA_LAST: &[&str] = &["Yılmaz", "Esposito", "Romano", "Trần", "Lê", "Park", "Choi", "Gupta", "Sharma", "Boateng", "Lindqvist", "Hansen", "Pereira", "Álvarez", "Girard", "Kovačević", "Horvat", "Németh", "Szabó", "Öztürk"];

const BATCH_VALUES: usize = 30_000;

/// The tables the generator fills in bulk (their indexes are built once, at the end).
const BULK_TABLES: [&str; 7] =
    ["companies", "contacts", "contact_emails", "contact_phones", "contact_tags", "lifecycle_changes", "activities"];

struct Batch {
    table: &'static str,
    cols: &'static [&'static str],
    rows: Vec<Vec<Value>>,
}

impl Batch {
    fn new(table: &'static str, cols: &'static [&'static str]) -> Self {
        Batch { table, cols, rows: Vec::new() }
    }

    async fn push<C: ConnectionTrait>(&mut self, db: &C, row: Vec<Value>) -> CoreResult<()> {
        self.rows.push(row);
        if self.full() {
            self.flush(db).await?;
        }
        Ok(())
    }

    /// Adds a row without flushing (the caller flushes parents before children).
    fn add(&mut self, row: Vec<Value>) {
        self.rows.push(row);
    }

    fn full(&self) -> bool {
        self.rows.len() * self.cols.len() >= BATCH_VALUES
    }

    async fn flush<C: ConnectionTrait>(&mut self, db: &C) -> CoreResult<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut q = Query::insert();
        q.into_table(self.table).columns(self.cols.iter().copied());
        for row in self.rows.drain(..) {
            q.values_panic(row.into_iter().map(Into::into));
        }
        db.execute(&q).await?;
        Ok(())
    }
}

/// Prints how long each phase took when `HEARTH_TRACE` is set.
fn trace(started: &Instant, what: &str) {
    if std::env::var_os("HEARTH_TRACE").is_some() {
        eprintln!("{:>8.2}s  {what}", started.elapsed().as_secs_f64());
    }
}

fn v<T: Into<Value>>(x: T) -> Value {
    x.into()
}

/// Skewed pick in `0..n`: low indexes are chosen far more often (a few big companies).
fn skewed(rng: &mut ChaCha8Rng, n: usize) -> usize {
    let u: f64 = rng.random();
    ((u * u * u) * n as f64) as usize % n.max(1)
}

/// Fills an empty database with reference data.
pub async fn generate(db: &DatabaseConnection, opts: GenOptions) -> CoreResult<GenSummary> {
    let status = meta::status(db).await?;
    if status.contact_count > 0 || status.company_count > 0 {
        return Err(CoreError::conflict("Reference data is generated into an empty database; choose a new file."));
    }
    let started = Instant::now();
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let now = anchor();
    let start = now - Duration::days(3 * 365);
    sqlite::bulk_cache(db, true).await?;
    let txn = db.begin().await?;
    lead_sources::ensure_defaults(&txn).await?;
    let sources: Vec<(String, bool)> =
        lead_sources::list(&txn).await?.into_iter().map(|s| (s.id, s.is_referral)).collect();
    sqlite::suspend_search_index(&txn).await?;
    let indexes = sqlite::drop_indexes(&txn, &BULK_TABLES).await?;

    let tag_ids: Vec<String> = TAGS.iter().map(|_| new_id()).collect();
    let mut tags = Batch::new("tags", &["id", "name", "name_key", "created_at"]);
    for (id, name) in tag_ids.iter().zip(TAGS) {
        tags.push(&txn, vec![v(id.clone()), v(*name), v(name.to_lowercase()), v(start)]).await?;
    }
    tags.flush(&txn).await?;

    let owners = ["Sam Rivera", "Alex Chen", "Jordan Blake", "Priya Patel", "Marco Rossi"];
    let n_companies = (opts.contacts / 5).max(1) as usize;
    let mut companies: Vec<(String, String, &str)> = Vec::with_capacity(n_companies);
    let mut co = Batch::new(
        "companies",
        &["id", "name", "domain", "industry", "size_band", "phone", "owner", "notes", "street", "city", "region", "postal_code", "country", "created_at", "updated_at"],
    );
    for i in 0..n_companies {
        let id = new_id();
        let a = COMPANY_A[i % COMPANY_A.len()];
        let (b, industry) = COMPANY_B[(i / COMPANY_A.len()) % COMPANY_B.len()];
        let name = if i < COMPANY_A.len() * COMPANY_B.len() { format!("{a} {b}") } else { format!("{a} {b} {}", i / (COMPANY_A.len() * COMPANY_B.len()) + 1) };
        let domain = format!("{}{}{}.example", ascii(a), ascii(b), i);
        let (city, region, country) = *CITIES.choose(&mut rng).unwrap();
        let size = if i < n_companies / 100 { "201-1000" } else { *["1", "2-10", "2-10", "11-50", "51-200"].choose(&mut rng).unwrap() };
        let created = start + Duration::minutes(rng.random_range(0..3 * 365 * 24 * 60));
        co.push(&txn, vec![
            v(id.clone()), v(name), v(domain.clone()), v(industry), v(size), v(phone(&mut rng, country, i)),
            v(*owners.choose(&mut rng).unwrap()), v(Option::<String>::None), v(format!("{} Market Street", i % 500 + 1)),
            v(city), v(region), v(format!("{:05}", 10000 + i % 89999)), v(country), v(created), v(created),
        ]).await?;
        companies.push((id, domain, country));
    }
    co.flush(&txn).await?;
    trace(&started, "companies");

    let mut contacts = Batch::new(
        "contacts",
        &["id", "first_name", "last_name", "title", "company_id", "time_zone", "owner", "notes", "lifecycle_stage", "lead_source_id", "referred_by_id", "do_not_contact", "street", "city", "region", "postal_code", "country", "created_at", "updated_at"],
    );
    let mut emails = Batch::new("contact_emails", &["id", "contact_id", "email", "label", "is_primary", "position"]);
    let mut phones = Batch::new("contact_phones", &["id", "contact_id", "phone", "label", "is_primary", "position"]);
    let mut contact_tags = Batch::new("contact_tags", &["contact_id", "tag_id"]);
    let mut history = Batch::new("lifecycle_changes", &["id", "contact_id", "from_stage", "to_stage", "changed_at"]);
    let mut activities = Batch::new(
        "activities",
        &["id", "kind", "subject", "body", "contact_id", "company_id", "occurred_at", "due_at", "completed_at", "duration_minutes", "outcome", "created_at", "updated_at"],
    );
    let mut ids: Vec<String> = Vec::with_capacity(opts.contacts as usize);
    let mut n_activities = 0u32;
    for i in 0..opts.contacts as usize {
        let id = new_id();
        let first = if rng.random_bool(0.8) { *FIRST.choose(&mut rng).unwrap() } else { *EXTRA_FIRST.choose(&mut rng).unwrap() };
        let last = if rng.random_bool(0.8) { *LAST.choose(&mut rng).unwrap() } else { *EXTRA_LAST.choose(&mut rng).unwrap() };
        let company = rng.random_bool(0.75).then(|| &companies[skewed(&mut rng, companies.len())]);
        let country = company.map_or("US", |c| c.2);
        let stage = match rng.random_range(0..100) {
            0..=39 => LifecycleStage::Reach,
            40..=64 => LifecycleStage::Acquisition,
            65..=77 => LifecycleStage::Conversion,
            78..=93 => LifecycleStage::Retention,
            _ => LifecycleStage::Loyalty,
        };
        let (source, is_referral) = &sources[skewed(&mut rng, sources.len())];
        let referrer = (*is_referral && !ids.is_empty()).then(|| ids[rng.random_range(0..ids.len())].clone());
        let created = start + Duration::minutes(rng.random_range(0..(3 * 365 - 7) * 24 * 60));
        let city = CITIES.iter().find(|c| c.2 == country).unwrap_or(&CITIES[0]);
        contacts.add(vec![
            v(id.clone()), v(first), v(last), v(*TITLES.choose(&mut rng).unwrap()), v(company.map(|c| c.0.clone())),
            v(match country { "GB" => "Europe/London", "DE" => "Europe/Berlin", _ => "America/New_York" }),
            v(*owners.choose(&mut rng).unwrap()), v(rng.random_bool(0.1).then(|| "Met at the trade fair; wants a quote in spring".to_string())),
            v(stage.as_str()), v(source.clone()), v(referrer), v(rng.random_bool(0.02)),
            v(Option::<String>::None), v(city.0), v(city.1), v(Option::<String>::None), v(country), v(created), v(created),
        ]);
        let domain = company.map_or_else(|| "mail.example".to_string(), |c| c.1.clone());
        let local = format!("{}.{}.{i}", ascii(first), ascii(last)).trim_start_matches('.').to_string();
        emails.add(vec![v(new_id()), v(id.clone()), v(format!("{local}@{domain}")), v("work"), v(true), v(0)]);
        if rng.random_bool(0.15) {
            emails.add(vec![v(new_id()), v(id.clone()), v(format!("{local}@home.example")), v("home"), v(false), v(1)]);
        }
        phones.add(vec![v(new_id()), v(id.clone()), v(phone(&mut rng, country, i)), v("work"), v(true), v(0)]);
        if rng.random_bool(0.3) {
            let a = rng.random_range(0..tag_ids.len());
            contact_tags.add(vec![v(id.clone()), v(tag_ids[a].clone())]);
            let b = rng.random_range(0..tag_ids.len());
            if b != a && rng.random_bool(0.3) {
                contact_tags.add(vec![v(id.clone()), v(tag_ids[b].clone())]);
            }
        }
        let mut at = created;
        let mut from: Option<&str> = None;
        for s in LifecycleStage::ALL.into_iter().take_while(|s| *s != stage).chain([stage]) {
            history.add(vec![v(new_id()), v(id.clone()), v(from.map(str::to_string)), v(s.as_str()), v(at)]);
            from = Some(s.as_str());
            at = (at + Duration::hours(rng.random_range(1..24 * 90))).min(now);
        }
        n_activities += write_activities(&mut activities, &mut rng, &id, company.map(|c| c.0.as_str()), stage, created, now);
        ids.push(id);
        // Parents before children, so every foreign key finds its row when checked.
        if [&contacts, &emails, &phones, &contact_tags, &history, &activities].iter().any(|b| b.full()) {
            for b in [&mut contacts, &mut emails, &mut phones, &mut contact_tags, &mut history, &mut activities] {
                b.flush(&txn).await?;
            }
        }
    }
    for b in [&mut contacts, &mut emails, &mut phones, &mut contact_tags, &mut history, &mut activities] {
        b.flush(&txn).await?;
    }
    trace(&started, "contacts, e-mails, phones, tags, history, activities");
    sqlite::create_indexes(&txn, &indexes).await?;
    trace(&started, "indexes");
    crate::activities::refresh_all_touches(&txn, now).await?;
    trace(&started, "touch dates");
    sqlite::resume_search_index(&txn).await?;
    trace(&started, "search index");
    txn.commit().await?;
    trace(&started, "commit");
    sqlite::bulk_cache(db, false).await?;
    sqlite::analyze(db).await?;
    trace(&started, "analyze");
    Ok(GenSummary {
        contacts: opts.contacts,
        companies: n_companies as u32,
        activities: n_activities,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn phone(rng: &mut ChaCha8Rng, country: &str, i: usize) -> String {
    match country {
        "GB" => format!("+4420794{:05}", (i * 7 + rng.random_range(0..7)) % 100_000),
        "DE" => format!("+49309018{:04}", rng.random_range(0..10_000)),
        _ => format!("+1{}555{:04}", ["212", "415", "312", "617", "206", "512"].choose(rng).unwrap(), rng.random_range(100..200)),
    }
}

/// A contact's activities: a few bursts of touches (more for customers), some open tasks.
fn write_activities(
    batch: &mut Batch,
    rng: &mut ChaCha8Rng,
    contact: &str,
    company: Option<&str>,
    stage: LifecycleStage,
    created: DateTime<Utc>,
    now: DateTime<Utc>,
) -> u32 {
    let mean = match stage {
        LifecycleStage::Reach => 3,
        LifecycleStage::Acquisition => 9,
        LifecycleStage::Conversion => 15,
        LifecycleStage::Retention => 19,
        LifecycleStage::Loyalty => 28,
    };
    let n = rng.random_range(mean / 3..=mean * 5 / 3);
    let span = (now - created).num_minutes().max(60);
    let bursts: Vec<i64> = (0..rng.random_range(1..4)).map(|_| rng.random_range(0..span)).collect();
    const KINDS: [(&str, &str); 5] = [("call", "Follow-up call"), ("email", "Replied to enquiry"), ("email", "Sent proposal"), ("meeting", "Design review"), ("note", "Prefers e-mail over calls")];
    for _ in 0..n {
        let centre = *bursts.choose(rng).unwrap();
        let at = created + Duration::minutes((centre + rng.random_range(-7 * 24 * 60..7 * 24 * 60)).clamp(0, span));
        let (kind, subject) = *KINDS.choose(rng).unwrap();
        batch.add(vec![
            v(new_id()), v(kind), v(subject), v(Option::<String>::None), v(contact), v(company.map(str::to_string)),
            v(at), v(Option::<DateTime<Utc>>::None), v(Option::<DateTime<Utc>>::None),
            v((kind == "call" || kind == "meeting").then(|| rng.random_range(5..60))), v(Option::<String>::None), v(at), v(at),
        ]);
    }
    let mut count = n;
    if rng.random_bool(0.2) {
        let due = now + Duration::hours(rng.random_range(-24 * 30..24 * 30));
        let done = (due < now && rng.random_bool(0.5)).then_some(due);
        batch.add(vec![
            v(new_id()), v("task"), v("Call back about the quote"), v(Option::<String>::None), v(contact), v(company.map(str::to_string)),
            v(due.min(now)), v(due), v(done), v(Option::<i32>::None), v(Option::<String>::None), v(due.min(now)), v(due.min(now)),
        ]);
        count += 1;
    }
    count
}
