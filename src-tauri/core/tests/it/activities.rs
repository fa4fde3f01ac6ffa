use crate::common;

use chrono::{Duration, Utc};
use common::*;
use hearth_core::activities::{self, ActivityInput, ActivityKind, TimelineQuery, TodayQuery};
use hearth_core::contacts;
use hearth_core::CoreError;

fn input(kind: ActivityKind, contact: &str, subject: &str) -> ActivityInput {
    ActivityInput {
        kind,
        subject: subject.into(),
        body: None,
        contact_id: Some(contact.into()),
        company_id: None,
        deal_id: None,
        occurred_at: None,
        due_at: None,
        duration_minutes: None,
        outcome: None,
    }
}

#[tokio::test]
async fn logging_keeps_touch_dates_true() {
    let db = db().await;
    let acme = company(&db, "Acme").await;
    let mut j = jane();
    j.company_id = Some(acme.clone());
    let c = contacts::create(&db, j).await.unwrap();
    assert_eq!(c.last_contacted_at, None);
    let two_days_ago = Utc::now() - Duration::days(2);
    let mut call = input(ActivityKind::Call, &c.id, "Intro call");
    call.occurred_at = Some(two_days_ago);
    let call = activities::create(&db, call).await.unwrap();
    assert_eq!(call.company.as_ref().map(|x| x.id.as_str()), Some(acme.as_str()), "company taken from the contact");
    let due = Utc::now() + Duration::days(3);
    let mut task = input(ActivityKind::Task, &c.id, "Send quote");
    task.due_at = Some(due);
    let task = activities::create(&db, task).await.unwrap();
    let c2 = contacts::get(&db, &c.id).await.unwrap();
    assert_eq!(c2.last_contacted_at.unwrap().timestamp_millis(), two_days_ago.timestamp_millis());
    assert_eq!(c2.next_follow_up_at.unwrap().timestamp_millis(), due.timestamp_millis());
    activities::set_done(&db, &task.id, true).await.unwrap();
    assert_eq!(contacts::get(&db, &c.id).await.unwrap().next_follow_up_at, None);
    activities::delete(&db, &call.id).await.unwrap();
    assert_eq!(contacts::get(&db, &c.id).await.unwrap().last_contacted_at, None);
    // A note is not a touch.
    activities::create(&db, input(ActivityKind::Note, &c.id, "Likes rye")).await.unwrap();
    assert_eq!(contacts::get(&db, &c.id).await.unwrap().last_contacted_at, None);
    let tl = activities::timeline(&db, &TimelineQuery { contact_id: Some(c.id.clone()), ..Default::default() }).await.unwrap();
    assert_eq!(tl.items.iter().map(|a| a.subject.as_str()).collect::<Vec<_>>(), ["Likes rye", "Send quote"]);
    let company_tl = activities::timeline(&db, &TimelineQuery { company_id: Some(acme), ..Default::default() }).await.unwrap();
    assert_eq!(company_tl.items.len(), 2);
}

#[tokio::test]
async fn bad_activities_are_refused() {
    let db = db().await;
    let c = create_jane(&db).await;
    let mut task = input(ActivityKind::Task, &c.id, " ");
    task.duration_minutes = Some(-5);
    task.occurred_at = Some(Utc::now() + Duration::days(365 * 500));
    let CoreError::Validation { errors } = activities::create(&db, task).await.unwrap_err() else { panic!() };
    let got: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(got, [("subject", "required"), ("occurred_at", "out_of_range"), ("due_at", "required"), ("duration_minutes", "out_of_range")]);
    let mut orphan = input(ActivityKind::Call, "missing", "Hello");
    orphan.contact_id = None;
    assert!(matches!(activities::create(&db, orphan).await, Err(CoreError::Validation { .. })));
    let note = activities::create(&db, input(ActivityKind::Call, &c.id, "Hi")).await.unwrap();
    assert!(matches!(activities::set_done(&db, &note.id, true).await, Err(CoreError::Validation { .. })));
}

#[tokio::test]
async fn today_groups_tasks() {
    let db = db().await;
    let c = create_jane(&db).await;
    let start = Utc::now() - Duration::hours(1);
    let end = start + Duration::days(1);
    for (subject, due) in [("late", start - Duration::days(2)), ("now", start + Duration::hours(2)), ("soon", end + Duration::days(2)), ("far", end + Duration::days(30))] {
        let mut t = input(ActivityKind::Task, &c.id, subject);
        t.due_at = Some(due);
        activities::create(&db, t).await.unwrap();
    }
    let today = activities::today(&db, &TodayQuery { day_start: start, day_end: end }).await.unwrap();
    let s = |v: &Vec<activities::Activity>| v.iter().map(|a| a.subject.clone()).collect::<Vec<_>>();
    assert_eq!((s(&today.overdue), s(&today.due_today), s(&today.upcoming)), (vec!["late".into()], vec!["now".into()], vec!["soon".into()]));
    assert_eq!(today.overdue[0].contact.as_ref().unwrap().name, "Jane Doe");
    contacts::delete(&db, &c.id).await.unwrap();
    let today = activities::today(&db, &TodayQuery { day_start: start, day_end: end }).await.unwrap();
    assert!(today.overdue.is_empty(), "a deleted contact's tasks leave Today");
}
