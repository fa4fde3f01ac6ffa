//! The contacts list: one page at a time, filtered and sorted in the database.

use super::display_name;
use crate::common::{page_limit, EntityRef, SortDirection};
use crate::error::CoreResult;
use crate::lifecycle::LifecycleStage;
use crate::sqlite::{text_filter, SearchIndex};
use crate::validate::format_phone;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{JoinType, Alias, Cond, Expr, ExprTrait, NullOrdering, Query, SelectStatement};
use sea_orm::{ConnectionTrait, Order};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ContactSort {
    #[default]
    Name,
    Company,
    Stage,
    LastContacted,
    NextFollowUp,
    Created,
    Updated,
    /// The lead score in effect (an override, else the computed score), unscored last.
    Score,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ContactFilter {
    pub text: Option<String>,
    pub stage: Option<LifecycleStage>,
    pub lead_source_id: Option<String>,
    pub tag: Option<String>,
    pub owner: Option<String>,
    pub company_id: Option<String>,
    /// Members of this saved segment.
    pub segment_id: Option<String>,
    pub temperature: Option<crate::scoring::Temperature>,
    pub tier: Option<crate::tiers::TierId>,
    pub persona_id: Option<String>,
    /// A lead score (in effect) of at least this.
    pub min_score: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ContactQuery {
    pub filter: ContactFilter,
    pub sort: ContactSort,
    pub direction: SortDirection,
    pub offset: u32,
    /// Rows per page: 100 when absent, at most 500.
    pub limit: Option<u32>,
}

/// One row of the contacts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ContactRow {
    pub id: String,
    pub display_name: String,
    pub title: Option<String>,
    pub company: Option<EntityRef>,
    pub primary_email: Option<String>,
    pub primary_phone: Option<String>,
    pub lifecycle_stage: LifecycleStage,
    pub lead_source: Option<String>,
    pub owner: Option<String>,
    pub tags: Vec<String>,
    pub do_not_contact: bool,
    pub last_contacted_at: Option<DateTime<Utc>>,
    pub next_follow_up_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The lead score in effect (override, else computed); `None` until first scored.
    pub score: Option<i32>,
    pub temperature: Option<crate::scoring::Temperature>,
    /// The priority tier (A, B, C), if the tiers' rules give one.
    pub tier: Option<crate::tiers::TierId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ContactPage {
    pub rows: Vec<ContactRow>,
    /// How many contacts match the filter in all.
    pub total: u32,
    pub offset: u32,
}

/// How the page of a tag-filtered list finds the tag's contacts. The count always goes from the
/// tag to its contacts; for the page, SQLite cannot know which of these is cheaper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagPlan {
    /// Look up each of the tag's contacts, then sort them: costs one probe per tagged contact.
    Members,
    /// Walk the contacts in the sort's order and keep the tagged ones until the page is full:
    /// costs about (offset + limit) × live / tagged probes. Wins for common tags near the top.
    InOrder,
}

/// Chooses the cheaper [`TagPlan`] from how many contacts match and how many are live.
pub fn tag_plan(query: &ContactQuery, matching: i64, live: i64) -> TagPlan {
    let wanted = i64::from(query.offset) + page_limit(query.limit) as i64;
    if query.filter.tag.is_some() && matching > 0 && wanted.saturating_mul(live) < matching.saturating_mul(matching) {
        TagPlan::InOrder
    } else {
        TagPlan::Members
    }
}

/// `ct.tag_id = (the id of this tag)`: a scalar comparison, so SQLite searches the link table's
/// tag index (with `IN (subquery)` it scanned the whole link table to count).
fn link_has_tag(tag: &str) -> Expr {
    let id = Query::select().column("id").from("tags").and_where(Expr::col("name_key").eq(tag.to_lowercase())).to_owned();
    Expr::col(("ct", "tag_id")).eq(Expr::SubQuery(None, Box::new(id.into())))
}

/// The SQL conditions (over `c`) of the filters that need the database to be written: a
/// segment's rules, the temperature thresholds.
pub async fn extra_conditions<C: ConnectionTrait>(db: &C, f: &ContactFilter) -> CoreResult<Vec<String>> {
    use crate::criteria::{cond, CritOp, Filter};
    let mut rules = Vec::new();
    if let Some(t) = f.temperature {
        let t = match t {
            crate::scoring::Temperature::Hot => "hot",
            crate::scoring::Temperature::Warm => "warm",
            crate::scoring::Temperature::Cold => "cold",
        };
        rules.push(cond("temperature", CritOp::AnyOf, &[t]));
    }
    if let Some(t) = f.tier {
        rules.push(cond("tier", CritOp::AnyOf, &[t.as_str()]));
    }
    if let Some(p) = crate::validate::clean(&f.persona_id) {
        rules.push(cond("persona", CritOp::AnyOf, &[&p]));
    }
    if let Some(n) = f.min_score {
        rules.push(cond("score", CritOp::AtLeast, &[&n.to_string()]));
    }
    let mut out = Vec::new();
    if !rules.is_empty() {
        out.push(crate::criteria::compile(db, &Filter::all(rules), chrono::Utc::now()).await?);
    }
    if let Some(s) = crate::validate::clean(&f.segment_id) {
        out.push(crate::segments::condition(db, &s).await?);
    }
    Ok(out)
}

fn condition(f: &ContactFilter, plan: TagPlan, extra: &[String]) -> Cond {
    let mut c = Cond::all().add(Expr::col(("c", "deleted_at")).is_null());
    for e in extra {
        c = c.add(Expr::cust(format!("({e})")));
    }
    if let Some(s) = f.stage {
        c = c.add(Expr::col(("c", "lifecycle_stage")).eq(s.as_str()));
    }
    if let Some(s) = crate::validate::clean(&f.lead_source_id) {
        c = c.add(Expr::col(("c", "lead_source_id")).eq(s));
    }
    if let Some(o) = crate::validate::clean(&f.owner) {
        c = c.add(Expr::col(("c", "owner")).eq(o));
    }
    if let Some(co) = crate::validate::clean(&f.company_id) {
        c = c.add(Expr::col(("c", "company_id")).eq(co));
    }
    if let Some(tag) = crate::validate::clean(&f.tag) {
        let mut members = Query::select()
            .column(("ct", "contact_id"))
            .from_as("contact_tags", "ct")
            .and_where(link_has_tag(&tag))
            .to_owned();
        c = c.add(match plan {
            TagPlan::Members => Expr::col(("c", "id")).in_subquery(members),
            TagPlan::InOrder => Expr::exists(members.and_where(Expr::col(("ct", "contact_id")).equals(("c", "id"))).to_owned()),
        });
    }
    if let Some(text) = f.text.as_deref().and_then(|t| text_filter(SearchIndex::Contacts, "c", t)) {
        c = c.add(text);
    }
    c
}

fn page_statement(query: &ContactQuery, cond: Cond) -> SelectStatement {
    let mut q = Query::select();
    q.columns([
        ("c", "id"),
        ("c", "first_name"),
        ("c", "last_name"),
        ("c", "title"),
        ("c", "company_id"),
    ])
    .column(("co", "name"))
    .expr_as(
        Expr::cust("(SELECT e.email FROM contact_emails e WHERE e.contact_id = c.id AND e.is_primary LIMIT 1)"),
        Alias::new("primary_email"),
    )
    .expr_as(
        Expr::cust("(SELECT p.phone FROM contact_phones p WHERE p.contact_id = c.id AND p.is_primary LIMIT 1)"),
        Alias::new("primary_phone"),
    )
    .columns([("c", "lifecycle_stage")])
    .column(("ls", "name"))
    .columns([
        ("c", "owner"),
        ("c", "do_not_contact"),
        ("c", "last_contacted_at"),
        ("c", "next_follow_up_at"),
        ("c", "created_at"),
        ("c", "updated_at"),
    ])
    .expr(Expr::cust(SCORE))
    .expr(Expr::cust("(SELECT cs.tier FROM contact_scores cs WHERE cs.contact_id = c.id)"))
    .from_as("contacts", "c")
    .join_as(JoinType::LeftJoin, 
        "companies",
        "co",
        Cond::all()
            .add(Expr::col(("co", "id")).equals(("c", "company_id")))
            .add(Expr::col(("co", "deleted_at")).is_null()),
    )
    .join_as(JoinType::LeftJoin, "lead_sources", "ls", Expr::col(("ls", "id")).equals(("c", "lead_source_id")))
    .and_where(Expr::col(("c", "id")).in_subquery(page_ids(query, cond)));
    order(&mut q, query.sort, query.direction);
    q
}

/// The ids of one page, chosen from narrow rows first: the joins and per-row lookups of the
/// outer select then run for the page's rows only, whatever plan SQLite picks for the sort.
fn page_ids(query: &ContactQuery, cond: Cond) -> SelectStatement {
    let mut q = Query::select();
    q.column(("c", "id")).from_as("contacts", "c");
    if query.sort == ContactSort::Company {
        q.join_as(
            JoinType::LeftJoin,
            "companies",
            "co",
            Cond::all()
                .add(Expr::col(("co", "id")).equals(("c", "company_id")))
                .add(Expr::col(("co", "deleted_at")).is_null()),
        );
    }
    q.cond_where(cond);
    if query.sort == ContactSort::Score {
        // Walks the score index in order (every live contact has a score row: each write
        // scores its contacts, and the app scores any that are missing when it starts).
        q.join_as(JoinType::InnerJoin, "contact_scores", "cs", Expr::col(("cs", "contact_id")).equals(("c", "id")));
        let o = query.direction.order();
        q.order_by(("cs", "total"), o.clone()).order_by(("cs", "contact_id"), o);
    } else {
        order(&mut q, query.sort, query.direction);
    }
    q.limit(page_limit(query.limit)).offset(query.offset as u64);
    q
}

/// The score in effect of contact `c` (`contact_scores.total` holds an override when there is one).
const SCORE: &str = "(SELECT cs.total FROM contact_scores cs WHERE cs.contact_id = c.id)";

fn order(q: &mut SelectStatement, sort: ContactSort, dir: SortDirection) {
    let o = dir.order();
    let nulls = NullOrdering::Last;
    match sort {
        ContactSort::Name => {
            q.order_by(("c", "last_name"), o.clone()).order_by(("c", "first_name"), o.clone());
        }
        ContactSort::Company => {
            q.order_by_with_nulls(("co", "name"), o.clone(), nulls).order_by(("c", "last_name"), Order::Asc);
        }
        ContactSort::Stage => {
            let rank = Expr::cust(
                "CASE c.lifecycle_stage WHEN 'reach' THEN 1 WHEN 'acquisition' THEN 2 WHEN 'conversion' THEN 3 \
                 WHEN 'retention' THEN 4 ELSE 5 END",
            );
            q.order_by_expr(rank, o.clone()).order_by(("c", "last_name"), Order::Asc);
        }
        ContactSort::LastContacted => {
            q.order_by_with_nulls(("c", "last_contacted_at"), o.clone(), nulls);
        }
        ContactSort::NextFollowUp => {
            q.order_by_with_nulls(("c", "next_follow_up_at"), o.clone(), nulls);
        }
        ContactSort::Created => {
            q.order_by(("c", "created_at"), o.clone());
        }
        ContactSort::Updated => {
            q.order_by(("c", "updated_at"), o.clone());
        }
        ContactSort::Score => {
            q.order_by_expr_with_nulls(Expr::cust(SCORE), o.clone(), nulls);
        }
    }
    q.order_by(("c", "id"), o);
}

/// The statement answering, in one round trip, how many contacts match a filter and how many
/// are live in all (the live count chooses the [`TagPlan`]). The benchmark runs the same one on
/// raw SQLite.
///
/// With only a tag as filter, the matches are the tag's links (one range of the tag's index)
/// minus the links of contacts in the trash (few, found through the trash index): counting the
/// live tagged contacts directly would look up every one of them.
pub fn count_statement(query: &ContactQuery, extra: &[String]) -> SelectStatement {
    let live = Query::select().column("n").from("live_counts").and_where(Expr::col("name").eq("contacts")).to_owned();
    let live = Expr::SubQuery(None, Box::new(live.into()));
    let only_tag = ContactFilter { tag: None, ..query.filter.clone() } == ContactFilter::default();
    let Some(tag) = crate::validate::clean(&query.filter.tag).filter(|_| only_tag) else {
        return Query::select()
            .expr(Expr::col(("c", "id")).count())
            .expr(live)
            .from_as("contacts", "c")
            .cond_where(condition(&query.filter, TagPlan::Members, extra))
            .to_owned();
    };
    let links = Query::select()
        .expr(Expr::col(("ct", "contact_id")).count())
        .from_as("contact_tags", "ct")
        .and_where(link_has_tag(&tag))
        .to_owned();
    let trashed = Query::select()
        .expr(Expr::col(("c", "id")).count())
        .from_as("contacts", "c")
        .and_where(Expr::col(("c", "deleted_at")).is_not_null())
        .and_where(Expr::exists(
            Query::select()
                .expr(Expr::val(1))
                .from_as("contact_tags", "ct")
                .and_where(Expr::col(("ct", "contact_id")).equals(("c", "id")))
                .and_where(link_has_tag(&tag))
                .to_owned(),
        ))
        .to_owned();
    Query::select()
        .expr(Expr::SubQuery(None, Box::new(links.into())).sub(Expr::SubQuery(None, Box::new(trashed.into()))))
        .expr(live)
        .to_owned()
}

/// Every matching contact's id in the list's order, without paging (exports read the rows in
/// chunks of these ids instead of paging with growing offsets).
pub async fn ids_statement<C: ConnectionTrait>(db: &C, query: &ContactQuery) -> CoreResult<SelectStatement> {
    let extra = extra_conditions(db, &query.filter).await?;
    let mut q = page_ids(query, condition(&query.filter, TagPlan::Members, &extra));
    q.reset_limit().reset_offset();
    Ok(q)
}

/// The statement reading one page, its tag filter (if any) following `plan`.
pub fn page_statement_with(query: &ContactQuery, plan: TagPlan, extra: &[String]) -> SelectStatement {
    page_statement(query, condition(&query.filter, plan, extra))
}

pub async fn list<C: ConnectionTrait>(db: &C, query: &ContactQuery) -> CoreResult<ContactPage> {
    let extra = extra_conditions(db, &query.filter).await?;
    // Unfiltered, the total is the counter the database keeps; filtered, it is counted.
    let (total, live): (i64, i64) = if query.filter == ContactFilter::default() {
        let live = i64::from(crate::meta::live_count(db, "contacts").await?);
        (live, live)
    } else {
        match db.query_one(&count_statement(query, &extra)).await? {
            Some(r) => (r.try_get_by_index(0)?, r.try_get_by_index::<Option<i64>>(1)?.unwrap_or(0)),
            None => (0, 0),
        }
    };
    if total == 0 || i64::from(query.offset) >= total {
        return Ok(ContactPage { rows: vec![], total: total as u32, offset: query.offset });
    }
    let q = page_statement_with(query, tag_plan(query, total, live), &extra);
    let thresholds = crate::scoring::thresholds(db).await?;
    let mut rows = Vec::new();
    for r in db.query_all(&q).await? {
        let first: String = r.try_get_by_index(1)?;
        let last: String = r.try_get_by_index(2)?;
        let company_id: Option<String> = r.try_get_by_index(4)?;
        let company_name: Option<String> = r.try_get_by_index(5)?;
        let stage: String = r.try_get_by_index(8)?;
        rows.push(ContactRow {
            id: r.try_get_by_index(0)?,
            display_name: display_name(&first, &last),
            title: r.try_get_by_index(3)?,
            company: company_id.zip(company_name).map(|(id, name)| EntityRef { id, name }),
            primary_email: r.try_get_by_index(6)?,
            primary_phone: r.try_get_by_index::<Option<String>>(7)?.map(|p| format_phone(&p)),
            lifecycle_stage: LifecycleStage::parse(&stage).unwrap_or(LifecycleStage::Reach),
            lead_source: r.try_get_by_index(9)?,
            owner: r.try_get_by_index(10)?,
            tags: vec![],
            do_not_contact: r.try_get_by_index(11)?,
            last_contacted_at: r.try_get_by_index(12)?,
            next_follow_up_at: r.try_get_by_index(13)?,
            created_at: r.try_get_by_index(14)?,
            updated_at: r.try_get_by_index(15)?,
            score: r.try_get_by_index(16)?,
            temperature: None,
            tier: r.try_get_by_index::<Option<String>>(17)?.as_deref().and_then(crate::tiers::TierId::parse),
        });
        if let Some(row) = rows.last_mut() {
            row.temperature = row.score.map(|s| crate::scoring::temperature(s, thresholds));
        }
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut tags = crate::tags::names_for(db, "contact_tags", "contact_id", &ids).await?;
    for row in &mut rows {
        row.tags = tags.remove(&row.id).unwrap_or_default();
    }
    Ok(ContactPage { rows, total: total as u32, offset: query.offset })
}
