//! The demo business's nurturing: templates (one step with an A/B pair), a custom merge field,
//! holidays, three sequences — a welcome for new leads (with a trigger on the Website source),
//! a proposal follow-up, a paused win-back —, three weeks of the schedule run day by day (the
//! owner sending the e-mails by hand, logging calls, a few leads replying and leaving the
//! sequence), today's calls and tasks waiting on the Today screen, and last month's newsletter
//! sent to the newsletter readers. No mail server is set up: e-mails wait on Today with a
//! mailto: link until the owner sets one up in Settings.

use crate::error::CoreResult;
use crate::sequences::{self, EnrolTarget, ExitRules, SendWindow, SequenceInput, SequenceStatus, StepDone, StepInput, StepKind, TriggerInput, TriggerKind};
use crate::templates::{self, TemplateInput};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, Statement};

const TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "Welcome (short)",
        "Welcome, {{first_name|there}}",
        "Hi {{first_name|there}},\n\nThanks for getting in touch with the studio. I'd love to hear what you have in mind for {{company|your business}}.\n\nIf it's easier to talk, pick a time here: {{booking_link}}\n\n{{signature}}",
    ),
    (
        "Welcome (story)",
        "How we helped a bakery double its bookings",
        "Hi {{first_name|there}},\n\nLast spring a small bakery came to us with a site nobody could use on a phone. Three months later their online orders had doubled.\n\nI'd be glad to show you what we could do for {{company|you}}: {{booking_link}}\n\n{{signature}}",
    ),
    (
        "Check-in",
        "Any questions, {{first_name|there}}?",
        "Hi {{first_name|there}},\n\nJust checking in after our call. Is there anything I can send you to help you decide?\n\n{{signature}}",
    ),
    (
        "Proposal check-in",
        "Your proposal from the studio",
        "Hi {{first_name|there}},\n\nHave you had a chance to look at the proposal? Happy to walk through it or adjust the scope.\n\n{{signature}}",
    ),
    (
        "We miss you",
        "It's been a while, {{first_name|there}}",
        "Hi {{first_name|there}},\n\nIt's been a while since we worked together. We've added online booking and monthly care plans — would a quick catch-up be useful?\n\n{{booking_link}}\n\n{{signature}}",
    ),
    (
        "Studio news",
        "Studio news: autumn projects and a winter offer",
        "Hello {{first_name|there}},\n\nHere is what we have been working on this autumn, and a winter offer for returning clients.\n\n{{signature}}",
    ),
];

async fn template_ids<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<String>> {
    let mut ids = Vec::new();
    for (name, subject, body) in TEMPLATES {
        ids.push(templates::insert(db, &TemplateInput { name: name.to_string(), subject: subject.to_string(), body: body.to_string() }).await?);
    }
    Ok(ids)
}

fn step(kind: StepKind, delay: i32, business: bool) -> StepInput {
    StepInput { id: None, kind, delay_days: delay, business_days: business, template_id: None, template_b_id: None, title: None, instructions: None }
}

fn email(t: &str, b: Option<&str>, delay: i32) -> StepInput {
    StepInput { template_id: Some(t.into()), template_b_id: b.map(str::to_string), ..step(StepKind::Email, delay, true) }
}

fn todo(kind: StepKind, title: &str, notes: &str, delay: i32) -> StepInput {
    StepInput { title: Some(title.into()), instructions: Some(notes.into()), ..step(kind, delay, true) }
}

async fn ids<C: ConnectionTrait>(db: &C, sql: &str) -> CoreResult<Vec<String>> {
    let rows = db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql.to_string())).await?;
    rows.iter().map(|r| r.try_get_by_index(0).map_err(Into::into)).collect()
}

async fn one<C: ConnectionTrait>(db: &C, sql: &str) -> CoreResult<Option<String>> {
    Ok(ids(db, sql).await?.into_iter().next())
}

/// The last 10:00 (UTC) at or before `t`: the demo's working days start then.
fn at_ten(t: DateTime<Utc>) -> DateTime<Utc> {
    let ten = t.date_naive().and_hms_opt(10, 0, 0).map(|d| d.and_utc()).unwrap_or(t);
    if ten > t {
        ten - Duration::days(1)
    } else {
        ten
    }
}

pub(crate) async fn add(db: &DatabaseTransaction, now: DateTime<Utc>) -> CoreResult<()> {
    let t = template_ids(db).await?;
    let custom = Query::insert()
        .into_table("merge_fields")
        .columns(["id", "key", "label", "value", "position", "created_at", "updated_at"])
        .values_panic([crate::common::new_id().into(), "booking_link".into(), "Booking link".into(), "https://cal.example/northlight-studio".into(), 0.into(), now.into(), now.into()])
        .to_owned();
    db.execute(&custom).await?;
    let year = now.year();
    for (m, d, name) in [(12, 24, "Christmas Eve"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day")] {
        if let Some(on) = NaiveDate::from_ymd_opt(year, m, d) {
            crate::sending::insert_holiday(db, on, name).await?;
        }
    }
    if let Some(on) = NaiveDate::from_ymd_opt(year + 1, 1, 1) {
        crate::sending::insert_holiday(db, on, "New Year's Day").await?;
    }
    let weekdays = SendWindow { days: vec![1, 2, 3, 4, 5], start: Some(9 * 60), end: Some(17 * 60) };
    let website = one(db, "SELECT id FROM lead_sources WHERE name = 'Website'").await?;
    let welcome = SequenceInput {
        name: "New lead welcome".into(),
        description: Some("Every new enquiry: a welcome (two versions, split evenly), an intro call, a check-in, the portfolio.".into()),
        status: SequenceStatus::Active,
        window: weekdays.clone(),
        exits: ExitRules::default(),
        steps: vec![
            email(&t[0], Some(&t[1]), 0),
            todo(StepKind::Call, "Intro call", "Ask what they need, by when, and who decides. Offer to send the portfolio.", 2),
            email(&t[2], None, 3),
            todo(StepKind::Task, "Send the portfolio PDF", "Pick the three projects closest to their business.", 2),
        ],
        triggers: website.map(|w| vec![TriggerInput { kind: TriggerKind::LeadSource, value: w }]).unwrap_or_default(),
    };
    let welcome = sequences::insert(db, &welcome).await?;
    let proposal_stage = one(db, "SELECT id FROM pipeline_stages WHERE name = 'Proposal' ORDER BY position LIMIT 1").await?;
    let follow_up = SequenceInput {
        name: "Proposal follow-up".into(),
        description: Some("When a deal reaches Proposal: walk them through it, check in, then decide.".into()),
        status: SequenceStatus::Active,
        window: weekdays.clone(),
        exits: ExitRules::default(),
        steps: vec![
            todo(StepKind::Call, "Walk through the proposal", "Go through scope, timeline and price; note objections.", 2),
            email(&t[3], None, 4),
            todo(StepKind::Task, "Decide: close, adjust or keep warm", "Look at their replies and the deal's notes.", 5),
        ],
        triggers: proposal_stage.map(|s| vec![TriggerInput { kind: TriggerKind::PipelineStage, value: s }]).unwrap_or_default(),
    };
    let follow_up = sequences::insert(db, &follow_up).await?;
    let win_back = SequenceInput {
        name: "Win back quiet customers".into(),
        description: Some("Customers we have not heard from in a long while. Paused until the winter offer is ready.".into()),
        status: SequenceStatus::Paused,
        window: weekdays,
        // They are customers already: that is who this is for.
        exits: ExitRules { on_customer: false, ..ExitRules::default() },
        steps: vec![email(&t[4], None, 0), todo(StepKind::Call, "Catch-up call", "Ask how the site is doing; mention care plans.", 7)],
        triggers: vec![],
    };
    let win_back = sequences::insert(db, &win_back).await?;

    // Three weeks of the welcome sequence, run day by day.
    let leads = ids(
        db,
        "SELECT c.id FROM contacts c WHERE c.deleted_at IS NULL AND c.do_not_contact = 0 AND c.lifecycle_stage IN ('reach', 'acquisition') \
         AND coalesce((SELECT k.granted FROM consents k WHERE k.contact_id = c.id AND k.purpose = 'marketing_email' ORDER BY k.recorded_at DESC LIMIT 1), 1) = 1 \
         AND EXISTS (SELECT 1 FROM contact_emails e WHERE e.contact_id = c.id) ORDER BY c.id LIMIT 16",
    )
    .await?;
    // They ticked "send me follow-up e-mails" on the enquiry form.
    for (i, id) in leads.iter().enumerate() {
        let at = at_ten(now) - Duration::days(23 - i as i64);
        consent(db, id, "marketing_email", "Website enquiry form", "Yes, send me follow-up e-mails about my enquiry.", at).await?;
    }
    let by = format!("By hand ({})", crate::demo::OWNERS[0]);
    for day in (0..=21).rev() {
        let t = at_ten(now) - Duration::days(day);
        // The leads came in over the three weeks, the last ones today.
        let arriving: Vec<String> = leads.iter().enumerate().filter(|(i, _)| 21 - (*i as i64 * 21 / 15) == day).map(|(_, id)| id.clone()).collect();
        if !arriving.is_empty() {
            sequences::enrol(db, &welcome, &EnrolTarget::Contacts { ids: arriving }, &by, t).await?;
        }
        sequences::tick(db, t).await?;
        if day == 0 {
            break;
        }
        // The owner works through what was due yesterday or before; a few leads reply.
        for (i, s) in sequences::due_steps(db, t - Duration::days(1), None).await?.into_iter().enumerate() {
            let outcome = match s.kind {
                StepKind::Call => Some(["Connected", "Left voicemail", "Connected", "No answer"][i % 4].to_string()),
                _ => None,
            };
            sequences::complete_step(db, &s.id, &StepDone { outcome, note: None }, t).await?;
            if s.kind == StepKind::Email && leads.iter().position(|l| *l == s.contact.id).is_some_and(|p| p % 3 == 0) {
                reply(db, &s.contact.id, t + Duration::hours(3)).await?;
            }
        }
    }

    let in_proposal = ids(
        db,
        "SELECT DISTINCT dc.contact_id FROM deal_contacts dc JOIN deals d ON d.id = dc.deal_id JOIN pipeline_stages s ON s.id = d.stage_id \
         WHERE s.name = 'Proposal' AND d.status = 'open' AND d.deleted_at IS NULL AND dc.position = 0 ORDER BY dc.contact_id LIMIT 4",
    )
    .await?;
    sequences::enrol(db, &follow_up, &EnrolTarget::Contacts { ids: in_proposal }, &by, at_ten(now) - Duration::days(3)).await?;
    let quiet = ids(db, "SELECT c.id FROM contacts c WHERE c.deleted_at IS NULL AND c.lifecycle_stage = 'retention' ORDER BY c.id LIMIT 3").await?;
    // Enrolled while it ran; it has been paused since.
    db.execute(&Query::update().table("sequences").value("status", "active").and_where(Expr::col("id").eq(win_back.as_str())).to_owned()).await?;
    sequences::enrol(db, &win_back, &EnrolTarget::Contacts { ids: quiet }, &by, at_ten(now) - Duration::days(12)).await?;
    db.execute(&Query::update().table("sequences").value("status", "paused").and_where(Expr::col("id").eq(win_back.as_str())).to_owned()).await?;
    sequences::tick(db, at_ten(now)).await?;
    newsletter(db, &t[5], now - Duration::days(40)).await
}

/// A consent given (the demo's past: written without an action).
async fn consent<C: ConnectionTrait>(db: &C, contact: &str, purpose: &str, source: &str, wording: &str, at: DateTime<Utc>) -> CoreResult<()> {
    let q = Query::insert()
        .into_table("consents")
        .columns(["id", "contact_id", "purpose", "granted", "source", "wording", "recorded_at"])
        .values_panic([crate::common::new_id().into(), contact.into(), purpose.into(), true.into(), source.into(), Some(wording).into(), at.into()])
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

async fn reply<C: ConnectionTrait + sea_orm::TransactionTrait>(db: &C, contact: &str, at: DateTime<Utc>) -> CoreResult<()> {
    let input = crate::activities::ActivityInput {
        kind: crate::activities::ActivityKind::Email,
        subject: "Re: your e-mail".into(),
        body: Some("Thanks — could we talk next week?".into()),
        contact_id: Some(contact.into()),
        company_id: None,
        deal_id: None,
        occurred_at: Some(at),
        due_at: None,
        duration_minutes: None,
        outcome: Some("replied".into()),
    };
    crate::activities::create(db, input).await?;
    Ok(())
}

/// Last month's newsletter: a sent broadcast whose e-mails are in the outbox as sent.
async fn newsletter(db: &DatabaseTransaction, template: &str, at: DateTime<Utc>) -> CoreResult<()> {
    let Some(segment) = one(db, "SELECT id FROM segments WHERE name = 'Newsletter readers'").await? else { return Ok(()) };
    let input = crate::broadcasts::BroadcastInput {
        name: "Autumn studio news".into(),
        template_id: template.into(),
        segment_id: segment.clone(),
        purpose: crate::privacy::Purpose::Newsletter,
    };
    let b = crate::broadcasts::insert(db, &input).await?;
    let members = crate::segments::member_ids(db, &segment, 1_000).await?;
    // Most readers signed up on the sheet at the studio's open day, before the newsletter went.
    for id in &members {
        let none = one(db, &format!("SELECT id FROM consents WHERE contact_id = '{id}' AND purpose = 'newsletter'")).await?.is_none();
        let dnc = one(db, &format!("SELECT id FROM contacts WHERE id = '{id}' AND do_not_contact = 1")).await?.is_some();
        if none && !dnc {
            consent(db, id, "newsletter", "Sign-up sheet at the open day", "Yes, send me the studio's newsletter.", at - Duration::days(20)).await?;
        }
    }
    let t = templates::get(db, template).await?;
    let mut queued = 0;
    for r in templates::recipients(db, &members).await? {
        let granted = one(db, &format!(
            "SELECT CAST(granted AS TEXT) FROM consents WHERE contact_id = '{}' AND purpose = 'newsletter' ORDER BY recorded_at DESC LIMIT 1",
            r.contact.id
        ))
        .await?;
        if r.address.is_none() || granted.as_deref() != Some("1") {
            continue;
        }
        let rendered = templates::render(&t.subject, &t.body, &r, true);
        let key = format!("broadcast:{b}:{}", r.contact.id);
        let id = sequences::run::queue_email(db, &key, &r, &rendered, at, "Broadcast: Autumn studio news", None, Some(&b), "northlight.example", Some(crate::privacy::Purpose::Newsletter)).await?;
        let sent = Query::update()
            .table("outbox")
            .values([("status", "sent".into()), ("sent_at", at.into()), ("attempts", 1.into()), ("last_error", Option::<String>::None.into())])
            .and_where(Expr::col("id").eq(id))
            .to_owned();
        db.execute(&sent).await?;
        queued += 1;
    }
    let q = Query::update()
        .table("broadcasts")
        .values([("status", "sent".into()), ("queued_count", queued.into()), ("skipped_count", (members.len() as i32 - queued).into()), ("sent_at", at.into())])
        .and_where(Expr::col("id").eq(b))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}
