//! The board (columns with counts, sums and their first cards), a column's further pages, and
//! the sortable list. All read the same card statement under the same filters.

use super::{Attention, Board, BoardColumn, CardPage, DealCard, DealFilter, DealQuery, DealSort, MoneyTotal};
use crate::common::{now, page_limit, EntityRef};
use crate::entities::pipeline_stage;
use crate::error::CoreResult;
use crate::pipelines::{stage_of, StageKind};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Alias, Cond, Expr, ExprTrait, Func, JoinType, Query, SelectStatement};
use sea_orm::{ConnectionTrait, EntityTrait, QueryResult};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Cards sent with each column on first load; the column pages through the rest as it scrolls.
pub const FIRST_CARDS: u32 = 30;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BoardQuery {
    pub pipeline_id: String,
    pub filter: DealFilter,
    /// Cards per column on first load (default 30, at most 500).
    pub cards_per_column: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ColumnQuery {
    pub stage_id: String,
    pub filter: DealFilter,
    pub offset: u32,
    pub limit: Option<u32>,
}

/// "Has a task or meeting planned from now on?" for the deal `d`.
fn planned(at: DateTime<Utc>) -> Expr {
    Expr::cust_with_values(
        "EXISTS (SELECT 1 FROM activities a WHERE a.deal_id = d.id AND a.deleted_at IS NULL AND \
         ((a.kind = 'task' AND a.completed_at IS NULL AND a.due_at >= ?) OR (a.kind = 'meeting' AND a.occurred_at >= ?)))",
        [at, at],
    )
}

/// Open deals past their stage's rotting threshold.
fn rotting(stages: &[pipeline_stage::Model], at: DateTime<Utc>) -> Cond {
    let mut any = Cond::any();
    for s in stages.iter().filter(|s| s.kind == "open") {
        if let Some(days) = s.rotting_days {
            any = any.add(
                Expr::col(("d", "stage_id"))
                    .eq(s.id.as_str())
                    .and(Expr::col(("d", "stage_entered_at")).lt(at - Duration::days(days as i64))),
            );
        }
    }
    // An empty `any` is false in sea-query, which is what "no thresholds" means.
    any
}

fn attention(stages: &[pipeline_stage::Model], at: DateTime<Utc>) -> Cond {
    Cond::all()
        .add(Expr::col(("d", "status")).eq("open"))
        .add(Cond::any().add(rotting(stages, at)).add(planned(at).not()))
}

fn like_pattern(text: &str) -> String {
    let escaped = text.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

fn filter_cond(f: &DealFilter, stages: &[pipeline_stage::Model], at: DateTime<Utc>) -> Cond {
    let mut c = Cond::all().add(Expr::col(("d", "deleted_at")).is_null());
    if let Some(t) = crate::validate::clean(&f.text) {
        let p = like_pattern(&t);
        c = c.add(
            Cond::any()
                .add(Expr::expr(Func::lower(Expr::col(("d", "title")))).like(sea_orm::sea_query::LikeExpr::new(p.clone()).escape('\\')))
                .add(Expr::expr(Func::lower(Expr::col(("co", "name")))).like(sea_orm::sea_query::LikeExpr::new(p).escape('\\'))),
        );
    }
    if let Some(o) = crate::validate::clean(&f.owner) {
        c = c.add(Expr::col(("d", "owner")).eq(o));
    }
    if let Some(tag) = crate::validate::clean(&f.tag) {
        let sub = Query::select()
            .column(("dt", "deal_id"))
            .from_as("deal_tags", "dt")
            .join_as(JoinType::InnerJoin, "tags", "t", Expr::col(("t", "id")).equals(("dt", "tag_id")))
            .and_where(Expr::col(("t", "name_key")).eq(tag.to_lowercase()))
            .to_owned();
        c = c.add(Expr::col(("d", "id")).in_subquery(sub));
    }
    if let Some(from) = f.close_from {
        c = c.add(Expr::col(("d", "expected_close")).gte(from));
    }
    if let Some(to) = f.close_to {
        c = c.add(Expr::col(("d", "expected_close")).lte(to));
    }
    if let Some(s) = f.status {
        c = c.add(Expr::col(("d", "status")).eq(s.as_str()));
    }
    if let Some(id) = crate::validate::clean(&f.company_id) {
        c = c.add(Expr::col(("d", "company_id")).eq(id));
    }
    if let Some(id) = crate::validate::clean(&f.contact_id) {
        let sub = Query::select().column("deal_id").from("deal_contacts").and_where(Expr::col("contact_id").eq(id)).to_owned();
        c = c.add(Expr::col(("d", "id")).in_subquery(sub));
    }
    if f.attention_only {
        c = c.add(attention(stages, at));
    }
    c
}

fn join_company(q: &mut SelectStatement) {
    q.join_as(
        JoinType::LeftJoin,
        "companies",
        "co",
        Expr::col(("co", "id")).equals(("d", "company_id")).and(Expr::col(("co", "deleted_at")).is_null()),
    );
}

fn join_stage(q: &mut SelectStatement) {
    q.join_as(JoinType::InnerJoin, "pipeline_stages", "s", Expr::col(("s", "id")).equals(("d", "stage_id")));
}

/// Deals joined with their stage and company (the card statement starts here).
fn from_deals() -> SelectStatement {
    let mut q = Query::select().from_as("deals", "d").to_owned();
    join_stage(&mut q);
    join_company(&mut q);
    q
}

/// Deals joined only with what the filter needs (counts, sums and page ids): the company's
/// name only when searching text.
fn from_filtered(f: &DealFilter) -> SelectStatement {
    let mut q = Query::select().from_as("deals", "d").to_owned();
    if crate::validate::clean(&f.text).is_some() {
        join_company(&mut q);
    }
    q
}

/// The card statement under `cond` (order and paging are the caller's).
pub fn select_cards(cond: Cond, at: DateTime<Utc>) -> SelectStatement {
    let mut q = from_deals();
    q.columns([
        ("d", "id"),
        ("d", "title"),
        ("d", "stage_id"),
        ("s", "name"),
        ("d", "status"),
        ("d", "company_id"),
        ("co", "name"),
        ("k", "id"),
        ("k", "first_name"),
        ("k", "last_name"),
        ("d", "owner"),
        ("d", "value_minor"),
        ("d", "currency"),
        ("d", "expected_close"),
    ])
    .expr(Expr::cust("COALESCE(d.probability, s.probability)"))
    .columns([("d", "stage_entered_at")])
    .column(("s", "rotting_days"))
    .expr_as(planned(at), Alias::new("planned"))
    .columns([("d", "rank"), ("d", "version"), ("d", "updated_at")])
    .expr(Expr::col(("d", "probability")).is_not_null())
    .expr(Expr::cust("(SELECT cs.total FROM contact_scores cs WHERE cs.contact_id = k.id)"))
    .join_as(
        JoinType::LeftJoin,
        "deal_contacts",
        "dc",
        Expr::col(("dc", "deal_id")).equals(("d", "id")).and(Expr::col(("dc", "position")).eq(0)),
    )
    .join_as(
        JoinType::LeftJoin,
        "contacts",
        "k",
        Expr::col(("k", "id")).equals(("dc", "contact_id")).and(Expr::col(("k", "deleted_at")).is_null()),
    )
    .cond_where(cond);
    q
}

fn card_of(r: &QueryResult, at: DateTime<Utc>, t: crate::scoring::Thresholds) -> CoreResult<DealCard> {
    let contact_score: Option<i32> = r.try_get_by_index(22)?;
    let company_id: Option<String> = r.try_get_by_index(5)?;
    let company_name: Option<String> = r.try_get_by_index(6)?;
    let contact_id: Option<String> = r.try_get_by_index(7)?;
    let first: Option<String> = r.try_get_by_index(8)?;
    let last: Option<String> = r.try_get_by_index(9)?;
    let status = StageKind::parse(&r.try_get_by_index::<String>(4)?);
    let entered: DateTime<Utc> = r.try_get_by_index(15)?;
    let rotting_days: Option<i32> = r.try_get_by_index(16)?;
    let planned: bool = r.try_get_by_index(17)?;
    let open = status == StageKind::Open;
    Ok(DealCard {
        id: r.try_get_by_index(0)?,
        title: r.try_get_by_index(1)?,
        stage_id: r.try_get_by_index(2)?,
        stage_name: r.try_get_by_index(3)?,
        status,
        company: company_id.zip(company_name).map(|(id, name)| EntityRef { id, name }),
        contact: contact_id.map(|id| EntityRef {
            id,
            name: format!("{} {}", first.unwrap_or_default(), last.unwrap_or_default()).trim().to_string(),
        }),
        contact_score,
        contact_temperature: contact_score.map(|s| crate::scoring::temperature(s, t)),
        owner: r.try_get_by_index(10)?,
        value_minor: r.try_get_by_index(11)?,
        currency: r.try_get_by_index(12)?,
        expected_close: r.try_get_by_index(13)?,
        probability: r.try_get_by_index(14)?,
        probability_overridden: r.try_get_by_index(21)?,
        days_in_stage: Ord::max((at - entered).num_days(), 0) as i32,
        attention: Attention {
            rotting: open && rotting_days.is_some_and(|d| entered < at - Duration::days(d as i64)),
            no_next_activity: open && !planned,
        },
        rank: r.try_get_by_index(18)?,
        version: r.try_get_by_index(19)?,
        updated_at: r.try_get_by_index(20)?,
    })
}

async fn cards<C: ConnectionTrait>(db: &C, q: &SelectStatement, at: DateTime<Utc>) -> CoreResult<Vec<DealCard>> {
    let t = crate::scoring::thresholds(db).await?;
    db.query_all(q).await?.iter().map(|r| card_of(r, at, t)).collect()
}

async fn count<C: ConnectionTrait>(db: &C, f: &DealFilter, cond: Cond) -> CoreResult<u32> {
    let mut q = from_filtered(f);
    q.expr(Expr::cust("count(*)")).cond_where(cond);
    Ok(match db.query_one(&q).await? {
        Some(r) => r.try_get_by_index::<i64>(0)? as u32,
        None => 0,
    })
}

async fn all_stages<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<pipeline_stage::Model>> {
    Ok(pipeline_stage::Entity::find().all(db).await?)
}

/// The board of one pipeline: every stage's column with its count, value sums (per currency,
/// plain and weighted by probability), how many need attention, and its first cards.
pub async fn board<C: ConnectionTrait>(db: &C, query: &BoardQuery) -> CoreResult<Board> {
    let at = now();
    let pipeline = crate::pipelines::find(db, &query.pipeline_id).await?;
    let stages = crate::pipelines::stage_models(db, &pipeline.id).await?;
    let cond = filter_cond(&query.filter, &stages, at).add(Expr::col(("d", "pipeline_id")).eq(pipeline.id.as_str()));
    // Per stage and currency: count, value, and the value of deals with their own probability
    // weighted by it; deals following the stage are weighted by the stage's probability here.
    let mut sums = from_filtered(&query.filter);
    sums.column(("d", "stage_id"))
        .column(("d", "currency"))
        .expr(Expr::cust("count(*)"))
        .expr(Expr::col(("d", "value_minor")).sum())
        .expr(Expr::cust("sum(CASE WHEN d.probability IS NULL THEN d.value_minor ELSE 0 END)"))
        .expr(Expr::cust("sum(CASE WHEN d.probability IS NULL THEN 0 ELSE d.value_minor * d.probability END)"))
        .expr(Expr::case(attention(&stages, at), 1).finally(0).sum())
        .cond_where(cond.clone())
        .group_by_col(("d", "stage_id"))
        .group_by_col(("d", "currency"));
    #[derive(Default)]
    struct Acc {
        count: i64,
        attention: i64,
        totals: Vec<(String, i128, i128)>,
    }
    let mut acc: HashMap<String, Acc> = HashMap::new();
    for r in db.query_all(&sums).await? {
        let stage: String = r.try_get_by_index(0)?;
        let currency: String = r.try_get_by_index(1)?;
        let n: i64 = r.try_get_by_index(2)?;
        let total: i64 = r.try_get_by_index(3)?;
        let following: i64 = r.try_get_by_index(4)?;
        let own_weighted: i64 = r.try_get_by_index(5)?;
        let attention: i64 = r.try_get_by_index(6)?;
        let probability = stages.iter().find(|s| s.id == stage).map_or(0, |s| s.probability);
        let a = acc.entry(stage).or_default();
        a.count += n;
        a.attention += attention;
        let weighted = following as i128 * probability as i128 + own_weighted as i128;
        match a.totals.iter_mut().find(|t| t.0 == currency) {
            Some(t) => {
                t.1 += total as i128;
                t.2 += weighted;
            }
            None => a.totals.push((currency, total as i128, weighted)),
        }
    }
    let per_column = Ord::min(query.cards_per_column.unwrap_or(FIRST_CARDS), 500) as u64;
    let mut columns = Vec::new();
    for s in &stages {
        let a = acc.remove(&s.id).unwrap_or_default();
        let mut q = from_filtered(&query.filter);
        q.column(("d", "id"))
            .cond_where(cond.clone().add(Expr::col(("d", "stage_id")).eq(s.id.as_str())))
            .order_by(("d", "rank"), sea_orm::Order::Asc)
            .order_by(("d", "id"), sea_orm::Order::Asc)
            .limit(per_column);
        let first = if a.count > 0 { cards_by_ids(db, &q, at).await? } else { vec![] };
        let mut totals: Vec<MoneyTotal> = a
            .totals
            .into_iter()
            .map(|(currency, t, w)| MoneyTotal {
                currency,
                total_minor: t as i64,
                weighted_minor: ((w + 50) / 100) as i64,
            })
            .collect();
        totals.sort_by(|x, y| y.total_minor.cmp(&x.total_minor));
        columns.push(BoardColumn {
            stage: stage_of(s.clone(), a.count as u32),
            count: a.count as u32,
            totals,
            attention_count: a.attention as u32,
            cards: first,
        });
    }
    Ok(Board { pipeline_id: pipeline.id, pipeline_name: pipeline.name, columns })
}

/// The cards of a page picked as ids first (so the joins run for the page's rows only), in
/// the ids' order.
async fn cards_by_ids<C: ConnectionTrait>(db: &C, ids_query: &SelectStatement, at: DateTime<Utc>) -> CoreResult<Vec<DealCard>> {
    let mut ids: Vec<String> = Vec::new();
    for r in db.query_all(ids_query).await? {
        ids.push(r.try_get_by_index(0)?);
    }
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let q = select_cards(Cond::all().add(Expr::col(("d", "id")).is_in(ids.clone())), at);
    let mut found: HashMap<String, DealCard> = cards(db, &q, at).await?.into_iter().map(|c| (c.id.clone(), c)).collect();
    Ok(ids.into_iter().filter_map(|id| found.remove(&id)).collect())
}

/// A further page of one column, in board order.
pub async fn column<C: ConnectionTrait>(db: &C, query: &ColumnQuery) -> CoreResult<CardPage> {
    let at = now();
    let stage = crate::pipelines::find_stage(db, &query.stage_id).await?;
    let stages = crate::pipelines::stage_models(db, &stage.pipeline_id).await?;
    let cond = filter_cond(&query.filter, &stages, at).add(Expr::col(("d", "stage_id")).eq(stage.id.as_str()));
    let total = count(db, &query.filter, cond.clone()).await?;
    let mut q = from_filtered(&query.filter);
    q.column(("d", "id"))
        .cond_where(cond)
        .order_by(("d", "rank"), sea_orm::Order::Asc)
        .order_by(("d", "id"), sea_orm::Order::Asc)
        .limit(page_limit(query.limit))
        .offset(query.offset as u64);
    Ok(CardPage { cards: cards_by_ids(db, &q, at).await?, total, offset: query.offset })
}

/// The list's filter and order over deal ids (no paging).
fn list_ids(query: &DealQuery, stages: &[pipeline_stage::Model], at: DateTime<Utc>) -> (Cond, SelectStatement) {
    let mut cond = filter_cond(&query.filter, stages, at);
    if let Some(p) = crate::validate::clean(&query.pipeline_id) {
        cond = cond.add(Expr::col(("d", "pipeline_id")).eq(p));
    }
    let mut q = from_filtered(&query.filter);
    q.column(("d", "id")).cond_where(cond.clone());
    let o = query.direction.order();
    match query.sort {
        DealSort::Title => q.order_by_expr(Func::lower(Expr::col(("d", "title"))).into(), o.clone()),
        DealSort::Value => q.order_by(("d", "value_minor"), o.clone()),
        DealSort::ExpectedClose => q.order_by(("d", "expected_close"), o.clone()),
        DealSort::Stage => {
            join_stage(&mut q);
            q.order_by(("s", "position"), o.clone()).order_by(("d", "rank"), o.clone())
        }
        DealSort::Updated => q.order_by(("d", "updated_at"), o.clone()),
        DealSort::Created => q.order_by(("d", "created_at"), o.clone()),
    };
    q.order_by(("d", "id"), o);
    (cond, q)
}

/// Every matching deal's id in the list's order, without paging (for exports).
pub async fn ids_statement<C: ConnectionTrait>(db: &C, query: &DealQuery) -> CoreResult<SelectStatement> {
    let stages = all_stages(db).await?;
    Ok(list_ids(query, &stages, now()).1)
}

/// The sortable list of deals (one pipeline or all).
pub async fn list<C: ConnectionTrait>(db: &C, query: &DealQuery) -> CoreResult<CardPage> {
    let at = now();
    let stages = all_stages(db).await?;
    let (cond, mut q) = list_ids(query, &stages, at);
    let total = count(db, &query.filter, cond).await?;
    q.limit(page_limit(query.limit)).offset(query.offset as u64);
    Ok(CardPage { cards: cards_by_ids(db, &q, at).await?, total, offset: query.offset })
}
