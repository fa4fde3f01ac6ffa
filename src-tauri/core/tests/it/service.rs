//! After the sale, the service side: tickets with service levels per tier (time left, breach,
//! the queue's order) on an injected clock, survey scores and what they set off, reviews,
//! referrals and rewards.

use crate::common::db;
use crate::orders::{add_product, at, codes, line, order, person};
use chrono::Duration;
use hearth_core::contacts::{self, ContactInput};
use hearth_core::orders;
use hearth_core::referrals::{self, ReviewInput, RewardInput};
use hearth_core::surveys::{self, HighScoreAction, LowScoreAction, SurveyInput, SurveyKind, SurveyRules, SurveySource};
use hearth_core::tickets::{self, ServiceLevel, TicketCategory, TicketChannel, TicketInput, TicketPriority, TicketQuery, TicketStatus};
use hearth_core::tiers::TierId;
use hearth_core::{activities, CoreError, DatabaseConnection};

fn ticket(contact: &str, subject: &str) -> TicketInput {
    TicketInput {
        subject: subject.into(),
        description: Some("It stopped printing.".into()),
        category: TicketCategory::Technical,
        priority: TicketPriority::Normal,
        channel: TicketChannel::Phone,
        contact_id: Some(contact.into()),
        company_id: None,
        opened_at: None,
    }
}

async fn tier_of(db: &DatabaseConnection, contact: &str) -> Option<TierId> {
    hearth_core::tiers::of_contact(db, contact).await.unwrap().map(|t| t.id)
}

#[tokio::test]
async fn tickets_get_their_tiers_targets_and_show_time_left_and_breach() {
    let db = db().await;
    let jane = person(&db, "Jane").await;
    let tier = tier_of(&db, &jane).await.unwrap_or(TierId::C);
    let levels = tickets::service_levels(&db).await.unwrap();
    assert_eq!(levels.len(), 3);
    let lvl = levels.iter().find(|l| l.tier == tier).unwrap().clone();
    let t0 = at("2026-11-02T09:00:00Z");
    let t = tickets::create(&db, &ticket(&jane, "Printer"), t0).await.unwrap().ticket;
    assert_eq!(t.status, TicketStatus::New);
    assert_eq!(t.first_response.due_at, Some(t0 + Duration::minutes(lvl.first_response_minutes as i64)));
    assert_eq!(t.resolution.due_at, Some(t0 + Duration::minutes(lvl.resolution_minutes as i64)));
    // Ten minutes before the first-response target: time left, no breach.
    let almost = t0 + Duration::minutes(lvl.first_response_minutes as i64 - 10);
    let g = tickets::get(&db, &t.id, almost).await.unwrap().ticket;
    assert_eq!((g.first_response.minutes_left, g.first_response.breached), (Some(10), false));
    // An hour late.
    let late = t0 + Duration::minutes(lvl.first_response_minutes as i64 + 60);
    let g = tickets::get(&db, &t.id, late).await.unwrap().ticket;
    assert_eq!((g.first_response.minutes_left, g.first_response.breached), (Some(-60), true));
    // The reply records the first response (late) and opens the ticket; internal notes do not.
    tickets::add_note(&db, &t.id, "Looking into it", false, almost).await.unwrap();
    assert!(tickets::get(&db, &t.id, late).await.unwrap().ticket.first_response_at.is_none());
    let d = tickets::add_note(&db, &t.id, "Try turning it off and on", true, late).await.unwrap();
    assert_eq!(d.ticket.first_response_at, Some(late));
    assert_eq!(d.ticket.status, TicketStatus::Open);
    assert!(d.ticket.first_response.breached && d.ticket.first_response.minutes_left.is_none());
    assert_eq!(d.notes.iter().map(|n| n.public).collect::<Vec<_>>(), [false, true]);
    // Solved in time.
    let s = tickets::set_status(&db, &t.id, TicketStatus::Solved, late + Duration::minutes(1)).await.unwrap().ticket;
    assert_eq!(s.solved_at, Some(late + Duration::minutes(1)));
    assert!(!s.resolution.breached);
    let c = tickets::set_status(&db, &t.id, TicketStatus::Closed, late + Duration::days(30)).await.unwrap().ticket;
    assert_eq!(c.solved_at, Some(late + Duration::minutes(1)), "closing keeps when it was solved");
    let err = tickets::set_status(&db, &t.id, TicketStatus::Waiting, late).await.unwrap_err();
    assert_eq!(codes(err), vec![("status".into(), "closed".into())]);
    let err = tickets::add_note(&db, &t.id, "more", true, late).await.unwrap_err();
    assert_eq!(codes(err), vec![("status".into(), "closed".into())]);
    let r = tickets::set_status(&db, &t.id, TicketStatus::Open, late).await.unwrap().ticket;
    assert_eq!((r.solved_at, r.closed_at), (None, None), "reopening clears them");
}

#[tokio::test]
async fn the_queue_puts_breached_and_nearest_targets_first_and_waiting_last() {
    let db = db().await;
    let jane = person(&db, "Jane").await;
    let t0 = at("2026-11-02T09:00:00Z");
    let old = tickets::create(&db, &ticket(&jane, "Old"), t0 - Duration::days(20)).await.unwrap().ticket;
    let newer = tickets::create(&db, &ticket(&jane, "Newer"), t0).await.unwrap().ticket;
    let waiting = tickets::create(&db, &ticket(&jane, "Waiting"), t0 - Duration::days(30)).await.unwrap().ticket;
    tickets::set_status(&db, &waiting.id, TicketStatus::Waiting, t0).await.unwrap();
    let solved = tickets::create(&db, &ticket(&jane, "Solved"), t0 - Duration::days(40)).await.unwrap().ticket;
    tickets::set_status(&db, &solved.id, TicketStatus::Solved, t0).await.unwrap();
    let q = tickets::list(&db, &TicketQuery { queue: true, ..Default::default() }, t0 + Duration::hours(1)).await.unwrap();
    assert_eq!(q.iter().map(|t| t.subject.as_str()).collect::<Vec<_>>(), ["Old", "Newer", "Waiting"]);
    assert!(q[0].resolution.breached && !q[1].resolution.breached);
    assert_eq!(old.number + 1, newer.number);
    let all = tickets::list(&db, &TicketQuery::default(), t0).await.unwrap();
    assert_eq!(all.len(), 4);
    let err = tickets::create(&db, &TicketInput { subject: " ".into(), contact_id: None, ..ticket(&jane, "x") }, t0).await.unwrap_err();
    assert_eq!(codes(err), vec![("subject".into(), "required".into()), ("contact_id".into(), "required".into())]);
}

#[tokio::test]
async fn service_levels_are_checked_and_saved() {
    let db = db().await;
    let bad = ServiceLevel { tier: TierId::A, label: "Fast".into(), first_response_minutes: 120, resolution_minutes: 60 };
    let err = tickets::set_service_level(&db, &bad).await.unwrap_err();
    assert_eq!(codes(err), vec![("resolution_minutes".into(), "before_response".into())]);
    let err = tickets::set_service_level(&db, &ServiceLevel { first_response_minutes: 0, ..bad.clone() }).await.unwrap_err();
    assert_eq!(codes(err)[0], ("first_response_minutes".into(), "out_of_range".into()));
    let ok = tickets::set_service_level(&db, &ServiceLevel { resolution_minutes: 240, ..bad }).await.unwrap();
    assert_eq!(ok.iter().find(|l| l.tier == TierId::A).unwrap().resolution_minutes, 240);
}

fn score(contact: &str, kind: SurveyKind, score: i32) -> SurveyInput {
    SurveyInput { contact_id: contact.into(), kind, score, comment: Some("Slow delivery".into()), answered_at: None, source: SurveySource::Manual }
}

#[tokio::test]
async fn a_low_score_opens_a_ticket_or_a_task_and_a_high_one_asks_for_a_review() {
    let db = db().await;
    let jane = person(&db, "Jane").await;
    let now = at("2026-11-02T09:00:00Z");
    for (kind, bad) in [(SurveyKind::Nps, 11), (SurveyKind::Nps, -1), (SurveyKind::Csat, 0), (SurveyKind::Csat, 6)] {
        let err = surveys::record(&db, &score(&jane, kind, bad), now).await.unwrap_err();
        assert_eq!(codes(err), vec![("score".into(), "out_of_range".into())], "{kind:?} {bad}");
    }
    assert!(surveys::list(&db, None, 10).await.unwrap().is_empty(), "nothing written");
    let r = surveys::record(&db, &score(&jane, SurveyKind::Nps, 6), now).await.unwrap();
    let tid = r.ticket_id.clone().expect("a detractor opens a ticket");
    let t = tickets::get(&db, &tid, now).await.unwrap().ticket;
    assert_eq!(t.subject, "Low NPS 6 from Jane Buyer");
    assert_eq!((t.category, t.priority), (TicketCategory::Success, TicketPriority::High));
    assert_eq!(t.survey_response_id, Some(r.id.clone()));
    assert_eq!(r.follow_up.as_deref(), Some(format!("Opened ticket {}", t.number).as_str()));
    // A 7 or 8 (passive) sets off nothing.
    let p = surveys::record(&db, &score(&jane, SurveyKind::Nps, 8), now).await.unwrap();
    assert_eq!((p.ticket_id, p.activity_id, p.follow_up), (None, None, None));
    // A 5-star CSAT asks for a review (a task in two days).
    let h = surveys::record(&db, &score(&jane, SurveyKind::Csat, 5), now).await.unwrap();
    let a = activities::get(&db, h.activity_id.as_deref().unwrap()).await.unwrap();
    assert!(a.subject.starts_with("Ask for a review"), "{}", a.subject);
    assert_eq!(a.due_at, Some(now + Duration::days(2)));
    // With the rule on tasks, a low CSAT makes a follow-up task instead of a ticket.
    surveys::set_rules(&db, &SurveyRules { on_low: LowScoreAction::Task, on_high: HighScoreAction::ReferralRequest }).await.unwrap();
    let l = surveys::record(&db, &score(&jane, SurveyKind::Csat, 2), now).await.unwrap();
    assert!(l.ticket_id.is_none());
    let task = activities::get(&db, l.activity_id.as_deref().unwrap()).await.unwrap();
    assert_eq!(task.subject, "Follow up on a low CSAT 2 from Jane Buyer");
    let s = surveys::of_contact(&db, &jane).await.unwrap();
    assert_eq!((s.nps, s.csat, s.responses.len()), (Some(8), Some(2), 4));
}

#[tokio::test]
async fn undoing_a_score_takes_its_ticket_back() {
    let db = db().await;
    let jane = person(&db, "Jane").await;
    surveys::record(&db, &score(&jane, SurveyKind::Nps, 2), at("2026-11-02T09:00:00Z")).await.unwrap();
    assert_eq!(tickets::list(&db, &TicketQuery::default(), at("2026-11-02T09:00:00Z")).await.unwrap().len(), 1);
    hearth_core::history::undo_last(&db).await.unwrap();
    assert!(tickets::list(&db, &TicketQuery::default(), at("2026-11-02T09:00:00Z")).await.unwrap().is_empty());
    assert!(surveys::list(&db, None, 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn reviews_are_checked_and_referrals_count_customers_revenue_and_rewards() {
    let db = db().await;
    let ann = person(&db, "Ann").await;
    let bad = ReviewInput { contact_id: ann.clone(), platform: "".into(), rating: 6, link: Some("javascript:alert(1)".into()), body: None, reviewed_at: None };
    let err = referrals::add_review(&db, &bad).await.unwrap_err();
    assert_eq!(codes(err), vec![("platform".into(), "required".into()), ("rating".into(), "out_of_range".into()), ("link".into(), "invalid_link".into())]);
    let ok = ReviewInput { platform: "Google".into(), rating: 5, link: Some("https://g.example/r/1".into()), ..bad };
    referrals::add_review(&db, &ok).await.unwrap();
    assert_eq!(referrals::reviews(&db, Some(&ann)).await.unwrap()[0].rating, 5);

    let mug = add_product(&db, "MUG", "Mug", 1_500, None).await;
    let mut friends = Vec::new();
    for n in ["Bob", "Cy"] {
        let mut c = ContactInput::named(n, "Friend");
        c.referred_by_id = Some(ann.clone());
        friends.push(contacts::create(&db, c).await.unwrap().id);
    }
    orders::create(&db, &order(&friends[0], "2026-03-01T10:00:00Z", vec![line(&mug, "Mug", 2, 1_500)])).await.unwrap();
    let err = referrals::add_reward(&db, &RewardInput { referrer_id: friends[0].clone(), referred_id: Some(friends[1].clone()), reward: "x".into() }).await.unwrap_err();
    assert_eq!(codes(err), vec![("referred_id".into(), "not_referred".into())]);
    let rid = referrals::add_reward(&db, &RewardInput { referrer_id: ann.clone(), referred_id: Some(friends[0].clone()), reward: "A free month".into() }).await.unwrap();
    referrals::set_reward_given(&db, &rid, true).await.unwrap();
    let r = referrals::referrers(&db).await.unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].contact.id, ann);
    assert_eq!((r[0].referred.len(), r[0].became_customers), (2, 1));
    assert_eq!(r[0].revenue.iter().map(|a| (a.currency.as_str(), a.amount_minor)).collect::<Vec<_>>(), [("EUR", 3_000)]);
    assert_eq!((r[0].rewards[0].status.as_str(), r[0].rewards[0].given_at.is_some()), ("given", true));
    assert!(matches!(referrals::set_reward_given(&db, "nope", true).await.unwrap_err(), CoreError::NotFound { .. }));
}
