//! The history rows of the bench: a stage change with its change log, undoing it (Ctrl/Cmd+Z), a
//! contact's history card and the first page of the History screen, on the reference data.
//! Every edit is undone again, so the bench leaves the contacts as they were.

use super::{time, Row};
use hearth_core::history::{self, HistoryQuery};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::{contacts, CoreResult, DatabaseConnection};
use std::time::{Duration, Instant};

pub async fn rows(db: &DatabaseConnection, iterations: usize, ids: &[String], out: &mut Vec<Row>) -> CoreResult<()> {
    let runs = iterations.min(50).max(3);
    let (mut edits, mut undos): (Vec<Duration>, Vec<Duration>) = (Vec::new(), Vec::new());
    for i in 0..runs {
        let id = &ids[i % ids.len()];
        let now = contacts::get(db, id).await?.lifecycle_stage;
        let to = if now == LifecycleStage::Loyalty { LifecycleStage::Retention } else { LifecycleStage::Loyalty };
        let t = Instant::now();
        contacts::set_stage(db, id, to).await?;
        edits.push(t.elapsed());
        let t = Instant::now();
        history::undo_last(db).await?;
        undos.push(t.elapsed());
    }
    out.push(Row::new("move a contact to another stage (with its change log)", edits));
    out.push(Row::new("undo the last change (Ctrl/Cmd+Z)", undos));
    let record = |i: usize| HistoryQuery {
        entity: Some("contacts".into()),
        record_id: Some(ids[i % ids.len()].clone()),
        limit: Some(200),
        ..Default::default()
    };
    let ours = time(iterations, |i| {
        let q = record(i);
        async move { history::list(db, &q).await }
    })
    .await?;
    out.push(Row::new("a contact's history card", ours));
    let q = HistoryQuery { limit: Some(50), ..Default::default() };
    let ours = time(iterations, |_| history::list(db, &q)).await?;
    out.push(Row::new("History screen, first 50 actions", ours));
    Ok(())
}

/// Rescoring every contact (fit rules in one pass over the contacts, engagement over all their
/// activities), as the app does daily for the decay. Budget: 5 s at 100k contacts, 1M activities.
pub async fn scoring_rows(db: &DatabaseConnection, out: &mut Vec<Row>) -> CoreResult<()> {
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        hearth_core::scoring::rescore_all(db, chrono::Utc::now()).await?;
        times.push(t.elapsed());
    }
    out.push(Row::new("rescore every contact (lead score)", times).budget(5_000.0));
    let set: Vec<hearth_core::scoring::ScoreRuleInput> = hearth_core::scoring::rules::list(db)
        .await?
        .into_iter()
        .map(|r| hearth_core::scoring::ScoreRuleInput { name: r.name, condition: r.condition, points: r.points + 1, enabled: r.enabled })
        .collect();
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        hearth_core::scoring::preview(db, &set, chrono::Utc::now()).await?;
        times.push(t.elapsed());
    }
    out.push(Row::new("rules editor preview (current and edited rules over everyone)", times));
    let q = hearth_core::contacts::ContactQuery { sort: hearth_core::contacts::ContactSort::Score, direction: hearth_core::common::SortDirection::Desc, limit: Some(100), ..Default::default() };
    let ours = time(20, |_| hearth_core::contacts::list(db, &q)).await?;
    out.push(Row::new("contact list, first page (by score)", ours));
    Ok(())
}
