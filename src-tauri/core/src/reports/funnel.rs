//! The lifecycle funnel and the pipeline funnel.
//!
//! **Lifecycle funnel.** The contacts added in the period (live, in the segment). A contact has
//! *reached* a stage when it was added at that stage or later, or moved to that stage or a later
//! one before the period's end (a skipped stage counts as reached when a later one is). The
//! *conversion* from one stage to the next is reached(next) ÷ reached(stage); *of all added* is
//! reached ÷ added; the *median days* are between the first time a contact reached the previous
//! stage and the first time it reached this one, over the contacts that reached both.
//!
//! **Pipeline funnel.** The deals added to the pipeline in the period (live, with a contact in
//! the segment when one is chosen). A deal has reached a stage when its stage history (or its
//! current stage) shows that stage or a later one in the pipeline's order; *Won* counts the won
//! deals. *Days in stage* is the mean time deals spent in the stage each time they entered it
//! (until their next move, their close, or now when they are still there).

use super::stats::{col, days_between, drill, figure, median, pct, row, section, t, text};
use super::{ChartKind, Ctx, DrillKind, Report, ReportName, Unit};
use crate::conversion::Period;
use crate::error::{CoreError, CoreResult};
use crate::lifecycle::LifecycleStage;
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// Per contact added in the period: its id and the first time it reached each stage (index 0
/// is Reach, the time it was added).
pub(crate) async fn reached<C: ConnectionTrait>(db: &C, ctx: &Ctx, p: Period) -> CoreResult<Vec<(String, [Option<String>; 5])>> {
    let (from, to) = (t(p.from), t(p.to));
    let added = format!("c.deleted_at IS NULL AND c.created_at >= {from} AND c.created_at < {to} AND ({})", ctx.cond);
    // The contacts and their moves as plain rows (both read from indexes), put together here:
    // grouping them in SQL cost three times as much.
    let contacts = format!("SELECT c.id AS c0, c.created_at AS c1, c.lifecycle_stage AS c2 FROM contacts c WHERE {added}");
    let moves = format!(
        "SELECT l.contact_id AS c0, l.to_stage AS c1, l.changed_at AS c2, l.from_stage IS NULL AS c3 FROM contacts c \
         JOIN lifecycle_changes l ON l.contact_id = c.id AND l.changed_at < {to} WHERE {added}"
    );
    let (contacts, moves) = tokio::try_join!(crate::sqlite::packed_rows(db, &contacts, 3), crate::sqlite::packed_rows(db, &moves, 4))?;
    let ord = |s: &str| LifecycleStage::ALL.iter().position(|x| x.as_str() == s).unwrap_or(0);
    // Per contact: the first time at each stage or later (index 1..4), the stage it was added at.
    let mut seen: HashMap<String, ([Option<String>; 5], Option<usize>)> = HashMap::new();
    for m in moves {
        let e = seen.entry(text(&m, 0)).or_default();
        let (k, at) = (ord(&text(&m, 1)), text(&m, 2));
        if text(&m, 3) == "1" {
            e.1 = Some(e.1.map_or(k, |x: usize| x.max(k)));
        }
        for slot in e.0.iter_mut().take(k + 1).skip(1) {
            if slot.as_ref().is_none_or(|s| at < *s) {
                *slot = Some(at.clone());
            }
        }
    }
    let mut out = Vec::with_capacity(contacts.len());
    for r in contacts {
        let (id, created) = (text(&r, 0), text(&r, 1));
        let found = seen.remove(&id);
        // The stage it was added at: its first recorded stage, or today's when it never moved.
        let start = match &found {
            Some((_, Some(k))) => *k,
            Some((_, None)) => 0,
            None => ord(&text(&r, 2)),
        };
        let mut times = found.map(|f| f.0).unwrap_or_default();
        times[0] = Some(created.clone());
        for slot in times.iter_mut().take(start + 1).skip(1) {
            *slot = Some(created.clone());
        }
        out.push((id, times));
    }
    Ok(out)
}

struct Funnel {
    reached: [u32; 5],
    median_days: [Option<f64>; 5],
}

fn summarise(rows: &[(String, [Option<String>; 5])]) -> Funnel {
    let mut reached = [0u32; 5];
    let mut median_days = [None; 5];
    for k in 0..5 {
        reached[k] = rows.iter().filter(|(_, ts)| ts[k].is_some()).count() as u32;
        if k > 0 {
            let mut gaps: Vec<f64> = rows
                .iter()
                .filter_map(|(_, ts)| days_between(ts[k - 1].as_deref()?, ts[k].as_deref()?))
                .map(|d| d.max(0.0))
                .collect();
            median_days[k] = median(&mut gaps).map(super::stats::round1);
        }
    }
    Funnel { reached, median_days }
}

const ADDED: &str = "Contacts added in the period (live, in the segment).";
const CUSTOMERS: &str = "Of the contacts added in the period, those that reached Customer (or Loyal customer) by its end.";
const LEAD_TO_CUSTOMER: &str = "Contacts added in the period that became customers by its end ÷ contacts added in the period.";
const DAYS_TO_CUSTOMER: &str = "Median days from being added to first becoming a customer, over the period's new contacts that became customers.";

pub async fn lifecycle<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let (rows_now, rows_before) = tokio::try_join!(reached(db, ctx, ctx.period), reached(db, ctx, ctx.previous))?;
    let (now, before) = (summarise(&rows_now), summarise(&rows_before));
    let mut r = ctx.shell(ReportName::Funnel, "How the contacts added in the period moved through the lifecycle, and how long each step took.");
    let total_days = |rows: &[(String, [Option<String>; 5])]| {
        let mut v: Vec<f64> = rows.iter().filter_map(|(_, ts)| days_between(ts[0].as_deref()?, ts[3].as_deref()?)).map(|d| d.max(0.0)).collect();
        median(&mut v).map(super::stats::round1)
    };
    let f = |f: &Funnel, k: usize| f.reached[k] as f64;
    r.figures = vec![
        figure("added", "Contacts added", Unit::Count, Some(f(&now, 0)), Some(f(&before, 0)), ADDED),
        figure("customers", "Became customers", Unit::Count, Some(f(&now, 3)), Some(f(&before, 3)), CUSTOMERS),
        figure("lead_to_customer", "Lead to customer", Unit::Percent, pct(f(&now, 3), f(&now, 0)), pct(f(&before, 3), f(&before, 0)), LEAD_TO_CUSTOMER),
        figure("days_to_customer", "Days to become a customer", Unit::Days, total_days(&rows_now), total_days(&rows_before), DAYS_TO_CUSTOMER),
    ];
    r.figures[0].drill = drill(DrillKind::Contacts, "funnel:0");
    r.figures[1].drill = drill(DrillKind::Contacts, "funnel:3");
    let columns = vec![
        col("reached", "Reached", Unit::Count, "Contacts added in the period that reached this stage (or a later one) by its end."),
        col("previous_period", "Reached, previous period", Unit::Count, "The same count for the previous period's new contacts."),
        col("step", "From the stage before", Unit::Percent, "Reached this stage ÷ reached the stage before."),
        col("of_all", "Of all added", Unit::Percent, "Reached this stage ÷ contacts added."),
        col("median_days", "Median days from the stage before", Unit::Days, "Median days between first reaching the stage before and first reaching this one."),
    ];
    let rows = LifecycleStage::ALL
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let step = if k == 0 { None } else { pct(f(&now, k), f(&now, k - 1)) };
            let mut x = row(s.as_str(), s.label(), vec![Some(f(&now, k)), Some(f(&before, k)), step, pct(f(&now, k), f(&now, 0)), now.median_days[k]]);
            x.drills[0] = drill(DrillKind::Contacts, format!("funnel:{k}"));
            x
        })
        .collect();
    let rows = if now.reached[0] == 0 { vec![] } else { rows };
    r.sections.push(section("stages", "Lifecycle stages", ChartKind::Funnel, &["reached"], columns, rows, "No contacts were added in this period. Add or import contacts, or pick a longer period."));
    if now.reached[0] == 0 {
        r.empty = Some("No contacts were added in this period. Add or import contacts, or pick a longer period.".into());
    }
    Ok(r)
}

/// The pipeline the report is about: the asked one or the first.
pub(crate) async fn pipeline_of<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<(String, String)> {
    let rows = crate::sqlite::packed_rows(db, "SELECT id AS c0, name AS c1 FROM pipelines ORDER BY position, created_at", 2).await?;
    let pick = match ctx.pipeline_id.as_deref() {
        Some(id) => rows.into_iter().find(|r| r[0].as_deref() == Some(id)).ok_or_else(|| CoreError::not_found("pipeline", id))?,
        None => rows.into_iter().next().ok_or_else(|| CoreError::not_found("pipeline", "first"))?,
    };
    Ok((text(&pick, 0), text(&pick, 1)))
}

pub(crate) struct Stage {
    pub id: String,
    pub name: String,
    pub kind: String,
}

pub(crate) struct PipelineFunnel {
    pub stages: Vec<Stage>,
    /// Per funnel stage (open stages, then won): the deals that reached it.
    pub reached: Vec<Vec<String>>,
    pub days_in: Vec<Option<f64>>,
    pub now_in: Vec<u32>,
    pub added: u32,
}

pub(crate) async fn pipeline_funnel<C: ConnectionTrait>(db: &C, ctx: &Ctx, pipeline_id: &str, p: Period) -> CoreResult<PipelineFunnel> {
    let pid = crate::criteria::lit(pipeline_id);
    let sql = format!("SELECT id AS c0, name AS c1, kind AS c2 FROM pipeline_stages WHERE pipeline_id = {pid} AND kind <> 'lost' ORDER BY kind = 'won', position");
    let stages: Vec<Stage> = crate::sqlite::packed_rows(db, &sql, 3).await?.into_iter().map(|r| Stage { id: text(&r, 0), name: text(&r, 1), kind: text(&r, 2) }).collect();
    let pos: HashMap<&str, usize> = stages.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let deals_where = format!("d.pipeline_id = {pid} AND d.deleted_at IS NULL AND d.created_at >= {} AND d.created_at < {} AND ({})", t(p.from), t(p.to), ctx.deal_in());
    let deals_sql = format!("SELECT d.id AS c0, d.status AS c1, d.stage_id AS c2, d.closed_at AS c3 FROM deals d WHERE {deals_where}");
    let changes_sql = format!(
        "SELECT s.deal_id AS c0, s.to_stage_id AS c1, s.changed_at AS c2 FROM deals d JOIN deal_stage_changes s ON s.deal_id = d.id WHERE {deals_where}"
    );
    let (deals, changes) = tokio::try_join!(crate::sqlite::packed_rows(db, &deals_sql, 4), crate::sqlite::packed_rows(db, &changes_sql, 3))?;
    let mut by_deal: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for c in changes {
        by_deal.entry(text(&c, 0)).or_default().push((text(&c, 1), text(&c, 2)));
    }
    for h in by_deal.values_mut() {
        h.sort_by(|a, b| a.1.cmp(&b.1));
    }
    let n = stages.len();
    let mut reached = vec![Vec::new(); n];
    let mut spent: Vec<Vec<f64>> = vec![Vec::new(); n];
    let mut now_in = vec![0u32; n];
    let now = super::stats::stamp(ctx.now);
    for d in &deals {
        let (id, status, stage, closed) = (text(d, 0), text(d, 1), text(d, 2), d[3].clone());
        let hist = by_deal.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        let mut top: Option<usize> = pos.get(stage.as_str()).copied().filter(|_| status != "lost");
        for (i, (s, at)) in hist.iter().enumerate() {
            if let Some(&k) = pos.get(s.as_str()) {
                top = Some(top.map_or(k, |x| x.max(k)));
                let end = hist.get(i + 1).map(|h| h.1.clone()).or_else(|| closed.clone()).unwrap_or_else(|| now.clone());
                if stages[k].kind == "open" {
                    if let Some(days) = days_between(at, &end) {
                        spent[k].push(days.max(0.0));
                    }
                }
            }
        }
        if status == "won" {
            top = Some(n.saturating_sub(1));
        } else if top == Some(n.saturating_sub(1)) && stages.last().is_some_and(|s| s.kind == "won") {
            top = Some(n.saturating_sub(2));
        }
        if let Some(top) = top {
            for list in reached.iter_mut().take(top + 1) {
                list.push(id.clone());
            }
        }
        if status == "open" {
            if let Some(&k) = pos.get(stage.as_str()) {
                now_in[k] += 1;
            }
        }
    }
    let days_in = spent.iter().map(|v| super::stats::mean(v).map(super::stats::round1)).collect();
    Ok(PipelineFunnel { stages, reached, days_in, now_in, added: deals.len() as u32 })
}

const DEALS_ADDED: &str = "Deals added to the pipeline in the period (live; with a contact in the segment when one is chosen).";
const DEALS_WON: &str = "Of the deals added in the period, those won by now.";
const ADDED_TO_WON: &str = "Deals added in the period that were won ÷ deals added in the period.";

pub async fn pipeline<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let (pid, pname) = pipeline_of(db, ctx).await?;
    let (now, before) = tokio::try_join!(pipeline_funnel(db, ctx, &pid, ctx.period), pipeline_funnel(db, ctx, &pid, ctx.previous))?;
    let mut r = ctx.shell(ReportName::Pipeline, "How far the deals added in the period got through the pipeline's stages, from their stage history.");
    r.title = format!("Pipeline funnel: {pname}");
    let won = |f: &PipelineFunnel| f.reached.last().map_or(0, |v| v.len()) as f64;
    r.figures = vec![
        figure("deals_added", "Deals added", Unit::Count, Some(now.added as f64), Some(before.added as f64), DEALS_ADDED),
        figure("deals_won", "Won", Unit::Count, Some(won(&now)), Some(won(&before)), DEALS_WON),
        figure("added_to_won", "Added to won", Unit::Percent, pct(won(&now), now.added as f64), pct(won(&before), before.added as f64), ADDED_TO_WON),
    ];
    let columns = vec![
        col("reached", "Reached", Unit::Count, "Deals added in the period that reached this stage or a later one."),
        col("step", "From the stage before", Unit::Percent, "Reached this stage ÷ reached the stage before."),
        col("of_all", "Of all added", Unit::Percent, "Reached this stage ÷ deals added."),
        col("days_in", "Days in stage", Unit::Days, "Mean days a deal spent in the stage each time it entered it (until its next move, its close, or now)."),
        col("now_in", "Open in it now", Unit::Count, "Of these deals, the open ones in this stage now."),
    ];
    let mut rows = Vec::new();
    for (k, s) in now.stages.iter().enumerate() {
        let n = now.reached[k].len() as f64;
        let step = if k == 0 { None } else { pct(n, now.reached[k - 1].len() as f64) };
        let days = if s.kind == "open" { now.days_in[k] } else { None };
        let mut x = row(s.id.clone(), s.name.clone(), vec![Some(n), step, pct(n, now.added as f64), days, Some(now.now_in[k] as f64)]);
        x.drills[0] = drill(DrillKind::Deals, format!("pipeline:{pid}:{}", s.id));
        rows.push(x);
    }
    if now.added == 0 {
        rows.clear();
        r.empty = Some("No deals were added to this pipeline in the period. Add deals on the Pipeline screen, or pick a longer period.".into());
    }
    r.sections.push(section("stages", &pname, ChartKind::Funnel, &["reached"], columns, rows, "No deals were added to this pipeline in the period."));
    Ok(r)
}
