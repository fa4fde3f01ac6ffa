//! Generated nurturing: three sequences (e-mails, calls, tasks, waits) and half the contacts
//! enrolled — most of them active, spread over the steps with their next step due from a
//! week ago to a month ahead (a few thousand due now, as after a weekend), the rest finished
//! or exited — and, for the enrolments whose call or task is waiting, that step on Today.

use super::{v, Batch};
use crate::common::new_id;
use crate::error::CoreResult;
use crate::sequences::{self, ExitRules, SendWindow, SequenceInput, SequenceStatus, StepInput, StepKind};
use crate::templates::{self, TemplateInput};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use sea_orm::ConnectionTrait;

fn step(kind: StepKind, delay: i32, template: Option<&str>, title: Option<&str>) -> StepInput {
    StepInput {
        id: None,
        kind,
        delay_days: delay,
        business_days: kind != StepKind::Wait,
        template_id: template.map(str::to_string),
        template_b_id: None,
        title: title.map(str::to_string),
        instructions: None,
    }
}

/// An enrolment's status, exit reason, next step, when it is due, when it ended.
type Fate = (&'static str, Option<&'static str>, usize, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// Writes the sequences and enrolments; returns how many enrolments are active.
pub(super) async fn write<C: ConnectionTrait>(db: &C, rng: &mut ChaCha8Rng, contacts: &[(String, Option<usize>)], now: DateTime<Utc>) -> CoreResult<u32> {
    let mut t = Vec::new();
    for (name, subject) in [("Welcome", "Welcome, {{first_name|there}}"), ("Check-in", "Any questions?"), ("Offer", "An offer for {{company|you}}")] {
        t.push(templates::insert(db, &TemplateInput { name: name.into(), subject: subject.into(), body: "Hi {{first_name|there}},\n\n{{signature}}".into() }).await?);
    }
    let plans = [
        ("Welcome new leads", vec![step(StepKind::Email, 0, Some(&t[0]), None), step(StepKind::Call, 2, None, Some("Intro call")), step(StepKind::Email, 3, Some(&t[1]), None), step(StepKind::Task, 2, None, Some("Send the portfolio"))]),
        ("Nurture cold leads", vec![step(StepKind::Email, 0, Some(&t[2]), None), step(StepKind::Wait, 14, None, None), step(StepKind::Email, 0, Some(&t[1]), None), step(StepKind::Call, 5, None, Some("Check in"))]),
        ("Customer check-ins", vec![step(StepKind::Call, 0, None, Some("How is it going?")), step(StepKind::Email, 30, Some(&t[1]), None), step(StepKind::Task, 60, None, Some("Suggest the next project"))]),
    ];
    let mut seqs = Vec::new();
    for (name, steps) in plans {
        let input = SequenceInput {
            name: name.into(),
            description: None,
            status: SequenceStatus::Active,
            window: SendWindow { days: vec![1, 2, 3, 4, 5], start: Some(9 * 60), end: Some(17 * 60) },
            exits: ExitRules::default(),
            steps,
            triggers: vec![],
        };
        let id = sequences::insert(db, &input).await?;
        let steps = sequences::get(db, &id).await?.steps;
        seqs.push((id, steps));
    }
    let mut enrolments = Batch::new(
        "enrolments",
        &["id", "sequence_id", "contact_id", "status", "exit_reason", "step_position", "next_due_at", "enrolled_by", "enrolled_at", "ended_at", "updated_at"],
    );
    let mut waiting = Batch::new("enrolment_steps", &["id", "enrolment_id", "step_id", "position", "kind", "due_at", "status"]);
    let mut active = 0;
    for (i, (contact, _)) in contacts.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        let (seq, steps) = &seqs[i / 2 % seqs.len()];
        let id = new_id();
        let enrolled = now - Duration::days(rng.random_range(1..120));
        let roll = rng.random_range(0..100);
        let (status, reason, position, due, ended): Fate = match roll {
            0..=9 => ("finished", None, steps.len(), None, Some(now - Duration::days(rng.random_range(1..30)))),
            10..=14 => ("exited", Some(["Replied", "Meeting booked", "Became a customer"][roll as usize % 3]), rng.random_range(1..steps.len()), None, Some(now - Duration::days(rng.random_range(1..30)))),
            _ => {
                active += 1;
                let position = rng.random_range(0..steps.len());
                // Most are due later; about one in twelve is due now (from the last week).
                let due = now + Duration::minutes(rng.random_range(-7 * 24 * 60..30 * 24 * 60));
                ("active", None, position, Some(due), None)
            }
        };
        // A call or task whose time came waits on Today (its enrolment waits with no due time).
        let step = steps.get(position);
        let on_today = status == "active" && due.is_some_and(|d| d < now) && step.is_some_and(|s| matches!(s.kind, StepKind::Call | StepKind::Task)) && rng.random_bool(0.5);
        if let (true, Some(s), Some(d)) = (on_today, step, due) {
            waiting.push(db, vec![v(new_id()), v(id.clone()), v(s.id.clone()), v(position as i32), v(s.kind.as_str()), v(d), v("due")]).await?;
        }
        let next = if on_today { None } else { due };
        let position = if on_today { position + 1 } else { position };
        enrolments
            .push(db, vec![v(id), v(seq.clone()), v(contact.clone()), v(status), v(reason.map(str::to_string)), v(position as i32), v(next), v("Generated"), v(enrolled), v(ended), v(now)])
            .await?;
    }
    enrolments.flush(db).await?;
    waiting.flush(db).await?;
    Ok(active)
}
