//! The deal rows of the bench: the board's first load, a stage move, a deep page of one column
//! and the list sorted by value, all on the first (default) pipeline.
//!
//! The move row writes: it moves a sample of open deals to the next open stage and back (each
//! move naming the deal's current version, as the board does), and afterwards puts every deal
//! back where it was, so the data stays alike from run to run (each moved deal keeps two more
//! history rows). It only runs on data the generator wrote.

use super::{time, Row};
use hearth_core::common::SortDirection;
use hearth_core::deals::{self, BoardQuery, ColumnQuery, DealMove, DealQuery, DealSort};
use hearth_core::generate::GENERATOR_KEY;
use hearth_core::pipelines::{self, StageKind};
use hearth_core::{meta, CoreResult, DatabaseConnection};
use std::cell::RefCell;

/// Budgets (p95, ms) of the deal rows that have one.
pub const BOARD_BUDGET_MS: f64 = 50.0;
pub const MOVE_BUDGET_MS: f64 = 5.0;

/// How deep the column page reads (capped at half the column on small data).
const DEEP_OFFSET: u32 = 5_000;

/// One sample deal of the move row: where it lives, where it goes, and its current version.
struct Moving {
    id: String,
    home: String,
    away: String,
    version: i32,
    at_home: bool,
}

async fn move_once(db: &DatabaseConnection, state: &RefCell<Vec<Moving>>, i: usize) -> CoreResult<()> {
    let (id, stage_id, version) = {
        let s = state.borrow();
        let m = &s[i % s.len()];
        (m.id.clone(), if m.at_home { m.away.clone() } else { m.home.clone() }, m.version)
    };
    let moved = deals::move_deal(db, DealMove {
        deal_id: id,
        stage_id,
        after_id: None,
        expected_version: version,
        lost_reason_id: None,
        lost_note: None,
    })
    .await?;
    let mut s = state.borrow_mut();
    let n = s.len();
    let m = &mut s[i % n];
    m.version = moved.version;
    m.at_home = !m.at_home;
    Ok(())
}

pub async fn rows(db: &DatabaseConnection, iterations: usize, out: &mut Vec<Row>) -> CoreResult<()> {
    let Some(pipeline) = pipelines::list(db).await?.into_iter().next() else { return Ok(()) };
    let open: Vec<_> = pipeline.stages.iter().filter(|s| s.kind == StageKind::Open).collect();
    let open_deals: u32 = open.iter().map(|s| s.deal_count).sum();
    let total: u32 = pipeline.stages.iter().map(|s| s.deal_count).sum();
    if total == 0 {
        eprintln!("no deals in {}: the deal rows are skipped", pipeline.name);
        return Ok(());
    }

    let q = BoardQuery { pipeline_id: pipeline.id.clone(), ..Default::default() };
    let ours = time(iterations, |_| deals::board(db, &q)).await?;
    out.push(Row::new(&format!("deal board, first load ({open_deals} open deals)"), ours).budget(BOARD_BUDGET_MS));

    let generated = meta::get(db, GENERATOR_KEY).await?.is_some();
    if generated && open.len() > 1 && open_deals > 0 {
        // Deals spread over the open columns, taken from each column's first page.
        let board = deals::board(db, &BoardQuery { pipeline_id: pipeline.id.clone(), cards_per_column: Some(500), ..Default::default() }).await?;
        let columns: Vec<_> = board.columns.iter().filter(|c| c.stage.kind == StageKind::Open).collect();
        let mut sample = Vec::new();
        for row in 0..500 {
            for (k, col) in columns.iter().enumerate() {
                if let Some(c) = col.cards.get(row * 2) {
                    let away = open[(k + 1) % open.len()].id.clone();
                    sample.push(Moving { id: c.id.clone(), home: col.stage.id.clone(), away, version: c.version, at_home: true });
                }
            }
        }
        sample.truncate(iterations.max(20));
        let state = RefCell::new(sample);
        let ours = time(iterations, |i| move_once(db, &state, i)).await?;
        out.push(Row::new("deal stage move (to the next open stage and back)", ours).budget(MOVE_BUDGET_MS));
        // Put every deal back where it was.
        let away: Vec<usize> = state.borrow().iter().enumerate().filter(|(_, m)| !m.at_home).map(|(i, _)| i).collect();
        for i in away {
            move_once(db, &state, i).await?;
        }
    } else if !generated {
        eprintln!("not generated data: the deal stage move row (which writes) is skipped");
    }

    let biggest = pipeline.stages.iter().max_by_key(|s| s.deal_count).expect("a pipeline has stages");
    let offset = DEEP_OFFSET.min(biggest.deal_count / 2);
    let q = ColumnQuery { stage_id: biggest.id.clone(), offset, limit: Some(50), ..Default::default() };
    let ours = time(iterations, |_| deals::column(db, &q)).await?;
    out.push(Row::new(&format!("deal column page (offset {offset} of {} in {})", biggest.deal_count, biggest.name), ours));

    let q = DealQuery {
        pipeline_id: Some(pipeline.id.clone()),
        sort: DealSort::Value,
        direction: SortDirection::Desc,
        limit: Some(100),
        ..Default::default()
    };
    let ours = time(iterations, |_| deals::list(db, &q)).await?;
    out.push(Row::new(&format!("deal list, first page (all {total}, by value)"), ours));
    Ok(())
}
