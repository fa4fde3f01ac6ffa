//! Generated deals in the default pipeline: open deals spread over the open stages (more in the
//! early ones), and closed ones over three years, won or lost (with reasons), each with its main
//! contact, its stage history (created, then two to four moves) and, for most open deals, a
//! task planned on it. Written in bulk like the rest of the generator.

use super::{v, Batch};
use crate::common::new_id;
use crate::demo_deals::DEAL_TITLES;
use crate::error::CoreResult;
use crate::pipelines::{self, Stage, StageKind};
use crate::{lead_sources, lost_reasons};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::seq::{index, IndexedRandom};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use sea_orm::ConnectionTrait;

/// What the deals are generated from.
pub(super) struct Inputs<'a> {
    pub open: u32,
    pub closed: u32,
    /// Every contact's id and the index of its company in `companies`.
    pub contacts: &'a [(String, Option<usize>)],
    /// (id, domain, country) of every company.
    pub companies: &'a [(String, String, &'a str)],
    pub owners: &'a [&'a str],
    /// The generated data's "now".
    pub now: DateTime<Utc>,
    /// The oldest generated data.
    pub start: DateTime<Utc>,
}

/// How many deals and activities were written.
pub(super) struct Written {
    pub deals: u32,
    pub activities: u32,
}

const NOTES: &[&str] = &["Came through the website form", "Wants it live before the season starts", "Owner decides alone"];
const STEPS: &[&str] = &["Send revised quote", "Book a call with the owner", "Share mock-ups", "Confirm scope"];

/// The stages a deal went through: created in the first, then moved; 2–5 steps when the
/// pipeline has stages enough. `target` indexes `open` (`None`: closed, after the open ones).
fn path(rng: &mut ChaCha8Rng, open: &[Stage], target: Option<usize>) -> Vec<usize> {
    let before = target.unwrap_or(open.len());
    let mut steps: Vec<usize> = if before == 0 {
        // Sitting in the first stage again: it was moved on once, and back.
        if open.len() > 1 && rng.random_bool(0.5) { vec![1] } else if open.len() > 1 { vec![0, 1] } else { vec![] }
    } else {
        let m = rng.random_range(1..=before.min(4));
        let mut s = index::sample(rng, before, m).into_vec();
        s.sort_unstable();
        s
    };
    steps.push(before);
    steps
}

pub(super) async fn write<C: ConnectionTrait>(db: &C, rng: &mut ChaCha8Rng, inp: Inputs<'_>) -> CoreResult<Written> {
    let pipeline = pipelines::list(db).await?.into_iter().next().ok_or_else(|| crate::CoreError::not_found("pipeline", "Sales"))?;
    let open: Vec<Stage> = pipeline.stages.iter().filter(|s| s.kind == StageKind::Open).cloned().collect();
    let won = pipeline.stages.iter().find(|s| s.kind == StageKind::Won).cloned().expect("a Won stage");
    let lost = pipeline.stages.iter().find(|s| s.kind == StageKind::Lost).cloned().expect("a Lost stage");
    let reasons: Vec<String> = lost_reasons::list(db).await?.into_iter().filter(|r| !r.archived).map(|r| r.id).collect();
    let sources: Vec<String> = lead_sources::list(db).await?.into_iter().map(|s| s.id).collect();
    // Earlier stages hold more deals (weights n, n-1, … 1).
    let weights: Vec<usize> = (0..open.len()).map(|k| open.len() - k).collect();
    let weight_sum: usize = weights.iter().sum();
    let mut ranks = vec![0.0f64; open.len() + 2];

    let mut deals = Batch::new(
        "deals",
        &["id", "title", "pipeline_id", "stage_id", "status", "company_id", "owner", "value_minor", "currency", "expected_close", "probability", "source_id", "next_step", "lost_reason_id", "lost_note", "notes", "rank", "stage_entered_at", "closed_at", "version", "created_at", "updated_at"],
    );
    let mut links = Batch::new("deal_contacts", &["deal_id", "contact_id", "position"]);
    let mut history = Batch::new(
        "deal_stage_changes",
        &["id", "deal_id", "from_stage_id", "from_stage_name", "to_stage_id", "to_stage_name", "to_status", "changed_at", "changed_by"],
    );
    let mut tasks = Batch::new(
        "activities",
        &["id", "kind", "subject", "body", "contact_id", "company_id", "deal_id", "occurred_at", "due_at", "completed_at", "duration_minutes", "outcome", "created_at", "updated_at"],
    );
    let total = inp.open + inp.closed;
    let mut n_tasks = 0;
    let span_minutes = (inp.now - inp.start - Duration::days(31)).num_minutes().max(60);
    for i in 0..total {
        let closed = i < inp.closed;
        // Index into `all`: open stages, then Won, then Lost.
        let (target, final_stage) = if closed {
            let w = rng.random_bool(0.45) || reasons.is_empty();
            (None, if w { open.len() } else { open.len() + 1 })
        } else {
            let mut pick = rng.random_range(0..weight_sum);
            let k = weights.iter().position(|w| if pick < *w { true } else { pick -= w; false }).unwrap_or(0);
            (Some(k), k)
        };
        let stage_of = |idx: usize| -> &Stage {
            match idx {
                x if x < open.len() => &open[x],
                x if x == open.len() => &won,
                _ => &lost,
            }
        };
        let mut steps = path(rng, &open, target);
        *steps.last_mut().expect("a path ends in its stage") = final_stage;
        let kind = stage_of(final_stage).kind;
        // When it entered its current stage, then every earlier step before that.
        let entered = if closed {
            inp.start + Duration::days(30) + Duration::minutes(rng.random_range(0..span_minutes))
        } else {
            let threshold = open[final_stage].rotting_days.unwrap_or(30) as i64;
            let days = if rng.random_bool(0.65) { rng.random_range(0..threshold) } else { rng.random_range(threshold..threshold + 60) };
            inp.now - Duration::days(days) - Duration::minutes(rng.random_range(0..24 * 60))
        };
        let mut times = vec![entered];
        for _ in 1..steps.len() {
            let prev = *times.last().expect("one at least");
            times.push(prev - Duration::minutes(rng.random_range(60..21 * 24 * 60)));
        }
        times.reverse();
        let (contact, company) = &inp.contacts[rng.random_range(0..inp.contacts.len())];
        let company = company.map(|c| &inp.companies[c]);
        let owner = *inp.owners.choose(rng).expect("owners");
        let currency = match rng.random_range(0..100) {
            0..=79 => "EUR",
            80..=91 => "GBP",
            _ => "USD",
        };
        let u: f64 = rng.random();
        let value_minor = (4 + (u * u * u * 1_000.0) as i64) * 5_000;
        let close: NaiveDate = if closed {
            (entered - Duration::days(rng.random_range(-5..20))).date_naive()
        } else {
            (entered.max(inp.now) + Duration::days(rng.random_range(-10..120))).date_naive()
        };
        let probability = (!closed && rng.random_bool(0.1)).then(|| rng.random_range(1..20) * 5);
        let source = rng.random_bool(0.5).then(|| sources.choose(rng).cloned()).flatten();
        let lost_reason = (kind == StageKind::Lost).then(|| reasons[(rng.random::<f64>().powi(2) * reasons.len() as f64) as usize].clone());
        let lost_note = (kind == StageKind::Lost && rng.random_bool(0.1)).then(|| "They may come back next year".to_string());
        ranks[final_stage] += 1.0;
        let id = new_id();
        deals.add(vec![
            v(id.clone()), v(*DEAL_TITLES.choose(rng).expect("titles")), v(pipeline.id.clone()), v(stage_of(final_stage).id.clone()),
            v(kind.as_str()), v(company.map(|c| c.0.clone())), v(owner), v(value_minor), v(currency), v(close), v(probability),
            v(source), v((!closed).then(|| STEPS.choose(rng).expect("steps").to_string())), v(lost_reason), v(lost_note),
            v(rng.random_bool(0.1).then(|| NOTES.choose(rng).expect("notes").to_string())), v(ranks[final_stage]), v(entered),
            v(closed.then_some(entered)), v(1), v(times[0]), v(entered),
        ]);
        links.add(vec![v(id.clone()), v(contact.clone()), v(0)]);
        for (j, (&s, at)) in steps.iter().zip(&times).enumerate() {
            let from = (j > 0).then(|| stage_of(steps[j - 1]));
            let to = stage_of(s);
            history.add(vec![
                v(new_id()), v(id.clone()), v(from.map(|f| f.id.clone())), v(from.map(|f| f.name.clone())), v(to.id.clone()),
                v(to.name.clone()), v(to.kind.as_str()), v(*at), v(owner),
            ]);
        }
        if !closed && rng.random_bool(0.6) {
            // Due over the two years after the data's "now", so the flag keeps varying for a while.
            let due = inp.now + Duration::minutes(rng.random_range(7 * 24 * 60..730 * 24 * 60));
            tasks.add(vec![
                v(new_id()), v("task"), v("Follow up on the proposal"), v(Option::<String>::None), v(contact.clone()),
                v(company.map(|c| c.0.clone())), v(id.clone()), v(inp.now), v(due), v(Option::<DateTime<Utc>>::None),
                v(Option::<i32>::None), v(Option::<String>::None), v(inp.now), v(inp.now),
            ]);
            n_tasks += 1;
        }
        if [&deals, &links, &history, &tasks].iter().any(|b| b.full()) {
            for b in [&mut deals, &mut links, &mut history, &mut tasks] {
                b.flush(db).await?;
            }
        }
    }
    for b in [&mut deals, &mut links, &mut history, &mut tasks] {
        b.flush(db).await?;
    }
    Ok(Written { deals: total, activities: n_tasks })
}
