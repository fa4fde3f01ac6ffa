//! Segments: saved filters over contacts ("Hot leads in Oslo", "Customers without a follow-up").
//! Only the filter is stored; members are computed from the data each time, so a segment is
//! always current. A segment is a list view (the contacts list filtered by it), a target for
//! bulk actions, and a condition in other filters ("in segment …").

use crate::common::{new_id, now};
use crate::conversion::{self, Conversion, Period};
use crate::criteria::{self, Filter, Rule};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::validate::{Validator, MAX_NAME, MAX_SHORT};
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Segment {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub filter: Filter,
    /// Live contacts matching now.
    pub members: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SegmentInput {
    pub name: String,
    pub description: Option<String>,
    pub filter: Filter,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SegmentConversion {
    pub segment_id: String,
    pub conversion: Conversion,
}

/// How many live contacts match `sql` (a condition over `c`).
pub(crate) async fn count_where<C: ConnectionTrait>(db: &C, cond: &str) -> CoreResult<u32> {
    let sql = format!("SELECT count(*) FROM contacts c WHERE c.deleted_at IS NULL AND ({cond})");
    let row = db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await?;
    Ok(match row {
        Some(r) => r.try_get_by_index::<i64>(0)? as u32,
        None => 0,
    })
}

async fn stored<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<(String, String, Option<String>, Filter)>> {
    let sql = "SELECT id AS c0, name AS c1, description AS c2, filter_json AS c3 FROM segments ORDER BY position, name";
    let mut out = Vec::new();
    for r in crate::sqlite::packed_rows(db, sql, 4).await? {
        if let [Some(id), Some(name), description, Some(json)] = &r[..] {
            out.push((id.clone(), name.clone(), description.clone(), criteria::from_json(json)?));
        }
    }
    Ok(out)
}

/// Every segment's id and name, without counting (pick-lists).
pub async fn names<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<crate::common::EntityRef>> {
    Ok(stored(db).await?.into_iter().map(|(id, name, _, _)| crate::common::EntityRef { id, name }).collect())
}

/// Every segment's id, name and SQL condition over the contact `c`, read once and not counted
/// (the reports that compare segments).
pub async fn conditions<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<(String, String, String)>> {
    let now = Utc::now();
    let mut out = Vec::new();
    for (id, name, _, filter) in stored(db).await? {
        let cond = criteria::compile(db, &filter, now).await?;
        out.push((id, name, cond));
    }
    Ok(out)
}

/// Every segment with its member count (each counted now).
pub async fn list<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<Segment>> {
    let now = Utc::now();
    let mut out = Vec::new();
    for (id, name, description, filter) in stored(db).await? {
        let members = count_where(db, &criteria::compile(db, &filter, now).await?).await?;
        out.push(Segment { id, name, description, filter, members });
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<Segment> {
    let (id, name, description, filter) =
        stored(db).await?.into_iter().find(|s| s.0 == id).ok_or_else(|| CoreError::not_found("segment", id))?;
    let members = count_where(db, &criteria::compile(db, &filter, Utc::now()).await?).await?;
    Ok(Segment { id, name, description, filter, members })
}

/// The segment with this name (any case), or with this id.
pub async fn find<C: ConnectionTrait>(db: &C, name_or_id: &str) -> CoreResult<Segment> {
    let key = name_or_id.trim().to_lowercase();
    let found = stored(db).await?.into_iter().find(|s| s.0 == name_or_id.trim() || s.1.to_lowercase() == key);
    match found {
        Some(s) => get(db, &s.0).await,
        None => Err(CoreError::not_found("segment", name_or_id)),
    }
}

/// The SQL condition (over the contact `c`) of a stored segment, for the contacts list.
pub async fn condition<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<String> {
    let s = stored(db).await?.into_iter().find(|s| s.0 == id).ok_or_else(|| CoreError::not_found("segment", id))?;
    criteria::compile(db, &s.3, Utc::now()).await
}

/// The ids of a segment's members (for a bulk action on all of them), at most `limit`.
pub async fn member_ids<C: ConnectionTrait>(db: &C, id: &str, limit: u32) -> CoreResult<Vec<String>> {
    let cond = condition(db, id).await?;
    let sql = format!("SELECT c.id AS c0 FROM contacts c WHERE c.deleted_at IS NULL AND ({cond}) ORDER BY c.id LIMIT {limit}");
    Ok(crate::sqlite::packed_rows(db, &sql, 1).await?.into_iter().filter_map(|r| r.into_iter().next().flatten()).collect())
}

/// How many contacts a filter matches now (the editor's live count). The filter is checked
/// first, so its problems show while editing. `editing`: the segment being edited.
pub async fn count<C: ConnectionTrait>(db: &C, filter: &Filter, editing: Option<&str>) -> CoreResult<u32> {
    let clean = criteria::check(db, filter, criteria::Context::Segment(editing)).await?;
    count_where(db, &criteria::compile(db, &clean, Utc::now()).await?).await
}

async fn validated<C: ConnectionTrait>(db: &C, input: &SegmentInput, except: Option<&str>) -> CoreResult<SegmentInput> {
    let mut v = Validator::new();
    let name = v.required("name", &input.name, MAX_NAME);
    let description = v.optional("description", &input.description, MAX_SHORT);
    if !name.is_empty() && stored(db).await?.iter().any(|s| s.1.to_lowercase() == name.to_lowercase() && Some(s.0.as_str()) != except) {
        v.add("name", "duplicate", format!("A segment named “{name}” already exists."));
    }
    if input.filter.rules.is_empty() {
        v.add("filter", "required", "Add at least one condition.");
    }
    v.finish()?;
    let filter = criteria::check(db, &input.filter, criteria::Context::Segment(except)).await?;
    Ok(SegmentInput { name, description, filter })
}

/// Writes a segment without an action (the demo and the generator keep no history).
pub(crate) async fn insert<C: ConnectionTrait>(db: &C, clean: &SegmentInput) -> CoreResult<String> {
    let id = new_id();
    let position = stored(db).await?.len() as i32;
    let t = now();
    let q = Query::insert()
        .into_table("segments")
        .columns(["id", "name", "description", "filter_json", "position", "created_at", "updated_at"])
        .values_panic([
            id.clone().into(),
            clean.name.clone().into(),
            clean.description.clone().into(),
            criteria::to_json(&clean.filter).into(),
            position.into(),
            t.into(),
            t.into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    Ok(id)
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: &SegmentInput) -> CoreResult<Segment> {
    let clean = validated(db, input, None).await?;
    let act = history::begin(db, ActionKind::Create, "segments", None).await?;
    let id = insert(&*act, &clean).await?;
    act.about(&id).await?;
    act.commit().await?;
    get(db, &id).await
}

pub async fn update<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, input: &SegmentInput) -> CoreResult<Segment> {
    get(db, id).await?;
    let clean = validated(db, input, Some(id)).await?;
    let act = history::begin(db, ActionKind::Update, "segments", Some(id)).await?;
    let q = Query::update()
        .table("segments")
        .values([
            ("name", clean.name.into()),
            ("description", clean.description.into()),
            ("filter_json", criteria::to_json(&clean.filter).into()),
            ("updated_at", now().into()),
        ])
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    act.execute(&q).await?;
    act.commit().await?;
    get(db, id).await
}

/// Deletes a segment (undoable); one that another segment, a tier or a persona names must be
/// freed first.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let s = get(db, id).await?;
    if let Some(user) = named_by(db, "segment", id).await? {
        return Err(CoreError::conflict(format!("“{}” is used by {user}: change that first.", s.name)));
    }
    let act = history::begin(db, ActionKind::Delete, "segments", Some(id)).await?;
    act.execute(&Query::delete().from_table("segments").and_where(Expr::col("id").eq(id)).to_owned()).await?;
    act.commit().await?;
    Ok(())
}

fn mentions(filter: &Filter, field: &str, value: &str) -> bool {
    fn walk(rules: &[Rule], field: &str, value: &str) -> bool {
        rules.iter().any(|r| match r {
            Rule::Condition { field: f, values, .. } => f == field && values.iter().any(|v| v == value),
            Rule::Group { rules, .. } => walk(rules, field, value),
        })
    }
    walk(&filter.rules, field, value)
}

/// Which segment, tier or persona has a condition on `field` naming `value`, in words.
pub(crate) async fn named_by<C: ConnectionTrait>(db: &C, field: &str, value: &str) -> CoreResult<Option<String>> {
    if let Some(s) = stored(db).await?.into_iter().find(|s| s.0 != value && mentions(&s.3, field, value)) {
        return Ok(Some(format!("the segment “{}”", s.1)));
    }
    if let Some((t, _)) = crate::tiers::rules(db).await?.into_iter().find(|(_, f)| f.as_ref().is_some_and(|f| mentions(f, field, value))) {
        return Ok(Some(format!("tier {}", t.letter())));
    }
    if let Some(p) = crate::personas::list(db).await?.into_iter().find(|p| p.filter.as_ref().is_some_and(|f| mentions(f, field, value))) {
        return Ok(Some(format!("the persona “{}”", p.name)));
    }
    Ok(None)
}

/// Each segment's measured conversion over `period` (its current members' leads).
pub async fn conversion<C: ConnectionTrait>(db: &C, period: Period) -> CoreResult<Vec<SegmentConversion>> {
    let period = period.checked()?;
    let now = Utc::now();
    let mut out = Vec::new();
    for (id, _, _, filter) in stored(db).await? {
        let cond = criteria::compile(db, &filter, now).await?;
        out.push(SegmentConversion { segment_id: id, conversion: conversion::of(db, &cond, period).await? });
    }
    Ok(out)
}
