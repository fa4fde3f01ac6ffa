//! Pipelines and their stages. Every pipeline has open stages in the order of the sales
//! conversation, then one Won and one Lost stage. Stages can be renamed, reordered, added and
//! removed (its deals go to a stage the person picks), and may set a "rotting" threshold.

use crate::history::{self, ActionKind};
use crate::common::{new_id, now};
use crate::entities::{deal, pipeline, pipeline_stage};
use crate::error::{CoreError, CoreResult};
use crate::validate::{Validator, MAX_NAME};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    Open,
    Won,
    Lost,
}

impl StageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Open => "open",
            StageKind::Won => "won",
            StageKind::Lost => "lost",
        }
    }

    pub fn parse(s: &str) -> StageKind {
        match s {
            "won" => StageKind::Won,
            "lost" => StageKind::Lost,
            _ => StageKind::Open,
        }
    }
}

/// The default pipeline: the stages of a sales conversation, with win probabilities (%) and
/// how many days in the stage before a deal needs attention.
pub const DEFAULT_STAGES: [(&str, i32, Option<i32>, StageKind); 7] = [
    ("Prospecting", 10, Some(14), StageKind::Open),
    ("Needs & qualification", 20, Some(14), StageKind::Open),
    ("Demo / presentation", 40, Some(10), StageKind::Open),
    ("Proposal", 60, Some(10), StageKind::Open),
    ("Negotiation", 80, Some(7), StageKind::Open),
    ("Won", 100, None, StageKind::Won),
    ("Lost", 0, None, StageKind::Lost),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Stage {
    pub id: String,
    pub pipeline_id: String,
    pub name: String,
    pub position: i32,
    pub kind: StageKind,
    /// Win probability in percent, the default of every deal in the stage.
    pub probability: i32,
    /// Days in the stage after which an open deal is flagged; none = never.
    pub rotting_days: Option<i32>,
    /// Live deals in the stage.
    pub deal_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Pipeline {
    pub id: String,
    pub name: String,
    pub position: i32,
    pub stages: Vec<Stage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct StageInput {
    pub name: String,
    pub probability: i32,
    pub rotting_days: Option<i32>,
}

pub(crate) fn stage_of(m: pipeline_stage::Model, deal_count: u32) -> Stage {
    Stage {
        id: m.id,
        pipeline_id: m.pipeline_id,
        name: m.name,
        position: m.position,
        kind: StageKind::parse(&m.kind),
        probability: m.probability,
        rotting_days: m.rotting_days,
        deal_count,
    }
}

async fn insert_stages<C: ConnectionTrait>(db: &C, pipeline_id: &str) -> CoreResult<()> {
    let t = now();
    let rows = DEFAULT_STAGES.iter().enumerate().map(|(i, (name, p, rot, kind))| pipeline_stage::ActiveModel {
        id: Set(new_id()),
        pipeline_id: Set(pipeline_id.to_string()),
        name: Set(name.to_string()),
        position: Set(i as i32),
        kind: Set(kind.as_str().to_string()),
        probability: Set(*p),
        rotting_days: Set(*rot),
        created_at: Set(t),
        updated_at: Set(t),
    });
    pipeline_stage::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// Creates the default "Sales" pipeline when there is none (first start).
pub async fn ensure_default<C: ConnectionTrait + TransactionTrait>(db: &C) -> CoreResult<()> {
    if pipeline::Entity::find().count(db).await? == 0 {
        create(db, "Sales").await?;
    }
    Ok(())
}

fn clean_name(name: &str) -> CoreResult<String> {
    let mut v = Validator::new();
    let name = v.required("name", name, MAX_NAME);
    v.finish()?;
    Ok(name)
}

/// A new pipeline with the default stages.
pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, name: &str) -> CoreResult<Pipeline> {
    let name = clean_name(name)?;
    let position = pipeline::Entity::find().count(db).await? as i32;
    let id = new_id();
    let t = now();
    let act = history::begin(db, ActionKind::Create, "pipelines", Some(&id)).await?;
    let txn = &*act;
    pipeline::ActiveModel {
        id: Set(id.clone()),
        name: Set(name),
        position: Set(position),
        created_at: Set(t),
        updated_at: Set(t),
    }
    .insert(txn)
    .await?;
    insert_stages(txn, &id).await?;
    act.commit().await?;
    get(db, &id).await
}

pub async fn rename<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, name: &str) -> CoreResult<Pipeline> {
    let name = clean_name(name)?;
    let mut m: pipeline::ActiveModel = find(db, id).await?.into();
    let act = history::begin(db, ActionKind::Update, "pipelines", Some(id)).await?;
    m.name = Set(name);
    m.updated_at = Set(now());
    m.update(&*act).await?;
    act.commit().await?;
    get(db, id).await
}

/// Deletes a pipeline that holds no deals (not even in the trash), and never the last one.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let p = find(db, id).await?;
    if pipeline::Entity::find().count(db).await? <= 1 {
        return Err(CoreError::conflict("Hearth needs at least one pipeline; add another before deleting this one."));
    }
    let deals = deal::Entity::find().filter(deal::Column::PipelineId.eq(id)).count(db).await?;
    if deals > 0 {
        return Err(CoreError::conflict(format!(
            "“{}” still holds {deals} deal(s) (counting the trash); move or delete them first.",
            p.name
        )));
    }
    let act = history::begin(db, ActionKind::Delete, "pipelines", Some(id)).await?;
    pipeline::Entity::delete_by_id(id.to_string()).exec(&*act).await?;
    act.commit().await
}

pub(crate) async fn find<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<pipeline::Model> {
    pipeline::Entity::find_by_id(id.to_string()).one(db).await?.ok_or_else(|| CoreError::not_found("pipeline", id))
}

pub(crate) async fn find_stage<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<pipeline_stage::Model> {
    pipeline_stage::Entity::find_by_id(id.to_string()).one(db).await?.ok_or_else(|| CoreError::not_found("stage", id))
}

pub(crate) async fn stage_models<C: ConnectionTrait>(db: &C, pipeline_id: &str) -> CoreResult<Vec<pipeline_stage::Model>> {
    Ok(pipeline_stage::Entity::find()
        .filter(pipeline_stage::Column::PipelineId.eq(pipeline_id))
        .order_by_asc(pipeline_stage::Column::Position)
        .all(db)
        .await?)
}

/// Live deals per stage of one pipeline.
async fn stage_counts<C: ConnectionTrait>(db: &C, pipeline_id: &str) -> CoreResult<Vec<(String, i64)>> {
    let q = Query::select()
        .column("stage_id")
        .expr(Expr::col("id").count())
        .from("deals")
        .and_where(Expr::col("pipeline_id").eq(pipeline_id))
        .and_where(Expr::col("deleted_at").is_null())
        .group_by_col("stage_id")
        .to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&q).await? {
        out.push((r.try_get_by_index(0)?, r.try_get_by_index(1)?));
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<Pipeline> {
    let p = find(db, id).await?;
    let counts = stage_counts(db, id).await?;
    let stages = stage_models(db, id)
        .await?
        .into_iter()
        .map(|s| {
            let n = counts.iter().find(|(sid, _)| *sid == s.id).map_or(0, |c| c.1);
            stage_of(s, n as u32)
        })
        .collect();
    Ok(Pipeline { id: p.id, name: p.name, position: p.position, stages })
}

pub async fn list<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<Pipeline>> {
    let mut out = Vec::new();
    for p in pipeline::Entity::find().order_by_asc(pipeline::Column::Position).all(db).await? {
        out.push(get(db, &p.id).await?);
    }
    Ok(out)
}

fn validate_stage(kind: StageKind, input: &StageInput) -> CoreResult<StageInput> {
    let mut v = Validator::new();
    let name = v.required("name", &input.name, MAX_NAME);
    if !(0..=100).contains(&input.probability) {
        v.add("probability", "out_of_range", "A probability is between 0 and 100 %.");
    }
    match kind {
        StageKind::Won if input.probability != 100 => v.add("probability", "fixed", "A won deal is always 100 %."),
        StageKind::Lost if input.probability != 0 => v.add("probability", "fixed", "A lost deal is always 0 %."),
        _ => {}
    }
    if let Some(d) = input.rotting_days {
        if kind != StageKind::Open {
            v.add("rotting_days", "closed_stage", "Only open stages can flag deals that sit too long.");
        } else if !(1..=3650).contains(&d) {
            v.add("rotting_days", "out_of_range", "Between 1 and 3650 days, or empty for never.");
        }
    }
    v.finish()?;
    Ok(StageInput { name, probability: input.probability, rotting_days: input.rotting_days })
}

/// Adds an open stage after the last open one (before Won and Lost).
pub async fn stage_create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pipeline_id: &str,
    input: StageInput,
) -> CoreResult<Pipeline> {
    find(db, pipeline_id).await?;
    let input = validate_stage(StageKind::Open, &input)?;
    let stages = stage_models(db, pipeline_id).await?;
    let open = stages.iter().filter(|s| s.kind == "open").count();
    let act = history::begin(db, ActionKind::Update, "pipelines", None).await?;
    let txn = &*act;
    let t = now();
    pipeline_stage::ActiveModel {
        id: Set(new_id()),
        pipeline_id: Set(pipeline_id.to_string()),
        name: Set(input.name),
        position: Set(open as i32),
        kind: Set(StageKind::Open.as_str().to_string()),
        probability: Set(input.probability),
        rotting_days: Set(input.rotting_days),
        created_at: Set(t),
        updated_at: Set(t),
    }
    .insert(txn)
    .await?;
    for (i, s) in stages.into_iter().filter(|s| s.kind != "open").enumerate() {
        let mut m: pipeline_stage::ActiveModel = s.into();
        m.position = Set((open + 1 + i) as i32);
        m.update(txn).await?;
    }
    act.commit().await?;
    get(db, pipeline_id).await
}

/// Renames a stage or changes its probability or rotting threshold. Deals without their own
/// probability follow the stage's new one.
pub async fn stage_update<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, input: StageInput) -> CoreResult<Stage> {
    let s = find_stage(db, id).await?;
    let input = validate_stage(StageKind::parse(&s.kind), &input)?;
    let pipeline_id = s.pipeline_id.clone();
    let mut m: pipeline_stage::ActiveModel = s.into();
    m.name = Set(input.name);
    m.probability = Set(input.probability);
    m.rotting_days = Set(input.rotting_days);
    m.updated_at = Set(now());
    let act = history::begin(db, ActionKind::Update, "pipelines", None).await?;
    m.update(&*act).await?;
    act.commit().await?;
    get(db, &pipeline_id).await?.stages.into_iter().find(|s| s.id == id).ok_or_else(|| CoreError::not_found("stage", id))
}

/// Puts the open stages in the given order (Won and Lost stay last). `ids` must name every
/// open stage of the pipeline exactly once.
pub async fn stages_reorder<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pipeline_id: &str,
    ids: Vec<String>,
) -> CoreResult<Pipeline> {
    find(db, pipeline_id).await?;
    let stages = stage_models(db, pipeline_id).await?;
    let open: Vec<&pipeline_stage::Model> = stages.iter().filter(|s| s.kind == "open").collect();
    let mut given = ids.clone();
    given.sort();
    given.dedup();
    let mut expected: Vec<String> = open.iter().map(|s| s.id.clone()).collect();
    expected.sort();
    if given.len() != ids.len() || given != expected {
        return Err(CoreError::invalid(
            "ids",
            "not_a_permutation",
            "The new order must list every open stage of this pipeline exactly once.",
        ));
    }
    let act = history::begin(db, ActionKind::Update, "pipelines", None).await?;
    let txn = &*act;
    let t = now();
    for (i, id) in ids.iter().enumerate() {
        let s = stages.iter().find(|s| &s.id == id).expect("checked above").clone();
        let mut m: pipeline_stage::ActiveModel = s.into();
        m.position = Set(i as i32);
        m.updated_at = Set(t);
        m.update(txn).await?;
    }
    act.commit().await?;
    get(db, pipeline_id).await
}

/// Removes an open stage; its deals (live and trashed) move to `move_to`, another stage of the
/// same pipeline, and each live deal's history records the move.
pub async fn stage_delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, move_to: &str) -> CoreResult<Pipeline> {
    let s = find_stage(db, id).await?;
    if s.kind != "open" {
        return Err(CoreError::conflict("Won and Lost are part of every pipeline and cannot be removed."));
    }
    let target = find_stage(db, move_to).await?;
    if target.pipeline_id != s.pipeline_id || target.id == s.id || target.kind != "open" {
        return Err(CoreError::invalid(
            "move_to",
            "wrong_stage",
            "Choose another open stage of the same pipeline for the deals in this one.",
        ));
    }
    let stages = stage_models(db, &s.pipeline_id).await?;
    if stages.iter().filter(|x| x.kind == "open").count() <= 1 {
        return Err(CoreError::conflict("A pipeline needs at least one open stage."));
    }
    let act = history::begin(db, ActionKind::Update, "pipelines", None).await?;
    let txn = &*act;
    crate::deals::move_all(txn, &s, &target).await?;
    pipeline_stage::Entity::delete_by_id(s.id.clone()).exec(txn).await?;
    for (i, st) in stages.into_iter().filter(|x| x.id != s.id).enumerate() {
        let mut m: pipeline_stage::ActiveModel = st.into();
        m.position = Set(i as i32);
        m.update(txn).await?;
    }
    act.commit().await?;
    get(db, &s.pipeline_id).await
}
