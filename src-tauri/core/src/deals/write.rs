//! Creating, editing, moving, trashing and restoring deals. Every write bumps the deal's
//! version; a move or edit that names an older version is refused, so two windows (or a stale
//! board) cannot overwrite each other.

use super::check::validate;
use super::{DealDetail, DealInput, DealMove, NewDeal};
use crate::common::{new_id, now};
use crate::entities::{contact, deal, deal_contact, deal_line, deal_stage_change, lost_reason, pipeline_stage};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::lifecycle::LifecycleStage;
use crate::pipelines::{find_stage, StageKind};
use crate::validate::{Validator, MAX_LONG};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};

async fn user_name<C: ConnectionTrait>(db: &C) -> CoreResult<Option<String>> {
    crate::meta::get(db, crate::meta::USER_NAME).await
}

fn apply(m: &mut deal::ActiveModel, c: &DealInput) {
    m.title = Set(c.title.clone());
    m.company_id = Set(c.company_id.clone());
    m.owner = Set(c.owner.clone());
    m.value_minor = Set(c.value_minor);
    m.currency = Set(c.currency.clone());
    m.expected_close = Set(c.expected_close);
    m.probability = Set(c.probability);
    m.source_id = Set(c.source_id.clone());
    m.next_step = Set(c.next_step.clone());
    m.notes = Set(c.notes.clone());
}

async fn write_children<C: ConnectionTrait>(db: &C, id: &str, c: &DealInput) -> CoreResult<()> {
    // Only what changes is written, so the history shows the contacts and lines that changed.
    let have = deal_contact::Entity::find().filter(deal_contact::Column::DealId.eq(id)).all(db).await?;
    let gone: Vec<String> = have.iter().filter(|h| !c.contact_ids.contains(&h.contact_id)).map(|h| h.contact_id.clone()).collect();
    if !gone.is_empty() {
        deal_contact::Entity::delete_many()
            .filter(deal_contact::Column::DealId.eq(id))
            .filter(deal_contact::Column::ContactId.is_in(gone))
            .exec(db)
            .await?;
    }
    for (i, cid) in c.contact_ids.iter().enumerate() {
        match have.iter().find(|h| &h.contact_id == cid) {
            Some(h) if h.position == i as i32 => {}
            Some(_) => {
                deal_contact::Entity::update_many()
                    .col_expr(deal_contact::Column::Position, Expr::value(i as i32))
                    .filter(deal_contact::Column::DealId.eq(id))
                    .filter(deal_contact::Column::ContactId.eq(cid.as_str()))
                    .exec(db)
                    .await?;
            }
            None => {
                deal_contact::ActiveModel { deal_id: Set(id.to_string()), contact_id: Set(cid.clone()), position: Set(i as i32) }
                    .insert(db)
                    .await?;
            }
        }
    }
    let mut lines = deal_line::Entity::find().filter(deal_line::Column::DealId.eq(id)).all(db).await?;
    for (i, l) in c.lines.iter().enumerate() {
        let same = lines.iter().position(|h| {
            (&h.name, h.quantity, h.unit_price_minor, h.discount_percent) == (&l.name, l.quantity, l.unit_price_minor, l.discount_percent)
        });
        match same.map(|k| lines.remove(k)) {
            Some(h) if h.position == i as i32 => {}
            Some(h) => {
                deal_line::Entity::update_many()
                    .col_expr(deal_line::Column::Position, Expr::value(i as i32))
                    .filter(deal_line::Column::Id.eq(h.id))
                    .exec(db)
                    .await?;
            }
            None => {
                deal_line::ActiveModel {
                    id: Set(new_id()),
                    deal_id: Set(id.to_string()),
                    name: Set(l.name.clone()),
                    quantity: Set(l.quantity),
                    unit_price_minor: Set(l.unit_price_minor),
                    discount_percent: Set(l.discount_percent),
                    position: Set(i as i32),
                    product_id: Set(None),
                }
                .insert(db)
                .await?;
            }
        }
    }
    if !lines.is_empty() {
        deal_line::Entity::delete_many().filter(deal_line::Column::Id.is_in(lines.into_iter().map(|l| l.id))).exec(db).await?;
    }
    crate::tags::set_deal_tags(db, id, &c.tags).await
}

pub(crate) async fn record_change<C: ConnectionTrait>(
    db: &C,
    deal_id: &str,
    from: Option<&pipeline_stage::Model>,
    to: &pipeline_stage::Model,
    by: Option<String>,
    at: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    deal_stage_change::ActiveModel {
        id: Set(new_id()),
        deal_id: Set(deal_id.to_string()),
        from_stage_id: Set(from.map(|s| s.id.clone())),
        from_stage_name: Set(from.map(|s| s.name.clone())),
        to_stage_id: Set(to.id.clone()),
        to_stage_name: Set(to.name.clone()),
        to_status: Set(to.kind.clone()),
        changed_at: Set(at),
        changed_by: Set(by),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Moves the deal's contacts forward in the lifecycle to `stage` (never backwards).
async fn advance_contacts<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    deal_id: &str,
    stage: LifecycleStage,
) -> CoreResult<()> {
    let ids: Vec<String> = deal_contact::Entity::find()
        .select_only()
        .column(deal_contact::Column::ContactId)
        .filter(deal_contact::Column::DealId.eq(deal_id))
        .into_tuple()
        .all(db)
        .await?;
    let rank = |s: &str| LifecycleStage::ALL.iter().position(|x| x.as_str() == s).unwrap_or(0);
    for id in ids {
        let Some(c) = contact::Entity::find_by_id(id.clone()).filter(contact::Column::DeletedAt.is_null()).one(db).await?
        else {
            continue;
        };
        if rank(&c.lifecycle_stage) < rank(stage.as_str()) {
            let t = now();
            let from = c.lifecycle_stage.clone();
            let mut m: contact::ActiveModel = c.into();
            m.lifecycle_stage = Set(stage.as_str().to_string());
            m.updated_at = Set(t);
            m.update(db).await?;
            crate::contacts::record_stage(db, &id, Some(&from), stage, t).await?;
        }
    }
    Ok(())
}

/// The rank for a card placed below `after` (or on top) in `stage_id`'s column. When the gap
/// is used up the column is renumbered first.
async fn rank_for<C: ConnectionTrait>(db: &C, stage_id: &str, deal_id: &str, after_id: Option<&str>) -> CoreResult<f64> {
    for _ in 0..2 {
        let after = match after_id {
            Some(a) => Some(find_live(db, a).await?.rank),
            None => None,
        };
        let mut next = Query::select();
        next.expr(Expr::col("rank").min())
            .from("deals")
            .and_where(Expr::col("stage_id").eq(stage_id))
            .and_where(Expr::col("deleted_at").is_null())
            .and_where(Expr::col("id").ne(deal_id));
        if let Some(lo) = after {
            next.and_where(Expr::col("rank").gt(lo));
        }
        let hi: Option<f64> = match db.query_one(&next).await? {
            Some(r) => r.try_get_by_index(0)?,
            None => None,
        };
        let rank = match (after, hi) {
            (None, None) => 0.0,
            (None, Some(hi)) => hi - 1.0,
            (Some(lo), None) => lo + 1.0,
            (Some(lo), Some(hi)) => lo + (hi - lo) / 2.0,
        };
        let squeezed = after.is_some_and(|lo| rank <= lo) || hi.is_some_and(|hi| rank >= hi);
        if !squeezed {
            return Ok(rank);
        }
        renumber(db, stage_id).await?;
    }
    Err(CoreError::Storage { message: "could not find a place for the card in its column".into() })
}

/// Spreads a column's ranks out again (1, 2, 3 … in the current order).
pub(crate) async fn renumber<C: ConnectionTrait>(db: &C, stage_id: &str) -> CoreResult<()> {
    let ids: Vec<(String, f64)> = deal::Entity::find()
        .select_only()
        .column(deal::Column::Id)
        .column(deal::Column::Rank)
        .filter(deal::Column::StageId.eq(stage_id))
        .order_by_asc(deal::Column::Rank)
        .order_by_asc(deal::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    for (i, (id, _)) in ids.iter().enumerate() {
        let q = Query::update()
            .table("deals")
            .value("rank", (i + 1) as f64)
            .and_where(Expr::col("id").eq(id.as_str()))
            .to_owned();
        db.execute(&q).await?;
    }
    Ok(())
}

/// Creates a deal in an open stage (the pipeline's first when none is named), on top of its
/// column. Its contacts become opportunities if they were earlier in the lifecycle.
pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, new: NewDeal) -> CoreResult<DealDetail> {
    let pipeline = crate::pipelines::find(db, &new.pipeline_id).await?;
    let stages = crate::pipelines::stage_models(db, &pipeline.id).await?;
    let stage = match &new.stage_id {
        Some(id) => stages.iter().find(|s| &s.id == id).cloned().ok_or_else(|| {
            CoreError::invalid("stage_id", "wrong_pipeline", "That stage is not part of this pipeline.")
        })?,
        None => stages.iter().find(|s| s.kind == "open").cloned().ok_or_else(|| CoreError::not_found("stage", "open"))?,
    };
    if stage.kind != "open" {
        return Err(CoreError::invalid("stage_id", "closed_stage", "A new deal starts in an open stage."));
    }
    let clean = validate(db, &new.deal).await?;
    let id = new_id();
    let t = now();
    let by = user_name(db).await?;
    let act = history::begin(db, ActionKind::Create, "deals", Some(&id)).await?;
    let txn = &*act;
    let rank = rank_for(txn, &stage.id, &id, None).await?;
    let mut m = deal::ActiveModel {
        id: Set(id.clone()),
        pipeline_id: Set(pipeline.id.clone()),
        stage_id: Set(stage.id.clone()),
        status: Set("open".into()),
        lost_reason_id: Set(None),
        lost_note: Set(None),
        rank: Set(rank),
        stage_entered_at: Set(t),
        closed_at: Set(None),
        version: Set(1),
        created_at: Set(t),
        updated_at: Set(t),
        deleted_at: Set(None),
        ..Default::default()
    };
    apply(&mut m, &clean);
    m.insert(txn).await?;
    write_children(txn, &id, &clean).await?;
    record_change(txn, &id, None, &stage, by, t).await?;
    advance_contacts(txn, &id, LifecycleStage::Conversion).await?;
    act.commit().await?;
    super::get(db, &id).await
}

pub(crate) async fn find_live<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<deal::Model> {
    deal::Entity::find_by_id(id.to_string())
        .filter(deal::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(|| CoreError::not_found("deal", id))
}

fn stale(d: &deal::Model) -> CoreError {
    CoreError::conflict(format!(
        "“{}” was changed elsewhere since you opened it; nothing was saved. Its current state is shown now.",
        d.title
    ))
}

/// Writes the form's fields (not the stage: that is a move). Refused when `expected_version`
/// is not the deal's current version.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    id: &str,
    expected_version: i32,
    input: DealInput,
) -> CoreResult<DealDetail> {
    let existing = find_live(db, id).await?;
    if existing.version != expected_version {
        return Err(stale(&existing));
    }
    let clean = validate(db, &input).await?;
    let act = history::begin(db, ActionKind::Update, "deals", Some(id)).await?;
    let txn = &*act;
    let mut m: deal::ActiveModel = existing.clone().into();
    apply(&mut m, &clean);
    m.version = Set(existing.version + 1);
    m.updated_at = Set(now());
    let res = deal::Entity::update_many()
        .set(m)
        .filter(deal::Column::Id.eq(id))
        .filter(deal::Column::Version.eq(expected_version))
        .exec(txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(stale(&existing));
    }
    write_children(txn, id, &clean).await?;
    if existing.status == "open" {
        advance_contacts(txn, id, LifecycleStage::Conversion).await?;
    }
    act.commit().await?;
    super::get(db, id).await
}

/// Moves a deal to a stage of its pipeline and a place in the column. Won records the win and
/// makes its contacts customers; Lost needs a reason; a closed deal moved to an open stage is
/// reopened. Moving within a column only changes the order (no history entry).
pub async fn move_deal<C: ConnectionTrait + TransactionTrait>(db: &C, mv: DealMove) -> CoreResult<DealDetail> {
    let d = find_live(db, &mv.deal_id).await?;
    let target = find_stage(db, &mv.stage_id).await?;
    if target.pipeline_id != d.pipeline_id {
        return Err(CoreError::invalid(
            "stage_id",
            "wrong_pipeline",
            format!("“{}” belongs to another pipeline; a deal moves between the stages of its own.", target.name),
        ));
    }
    if d.version != mv.expected_version {
        return Err(stale(&d));
    }
    let kind = StageKind::parse(&target.kind);
    let changes_stage = target.id != d.stage_id;
    let mut v = Validator::new();
    let lost_note = v.optional("lost_note", &mv.lost_note, MAX_LONG);
    let mut lost_reason = None;
    if kind == StageKind::Lost && changes_stage {
        match &mv.lost_reason_id {
            None => v.add("lost_reason_id", "required", "Say why the deal was lost."),
            Some(rid) => match lost_reason::Entity::find_by_id(rid.clone()).one(db).await? {
                Some(r) if !r.archived => lost_reason = Some(r.id),
                Some(_) => v.add("lost_reason_id", "archived", "That reason is archived; pick a current one."),
                None => v.add("lost_reason_id", "not_found", "That lost reason no longer exists."),
            },
        }
    }
    let after = match &mv.after_id {
        Some(a) if a == &d.id => {
            v.add("after_id", "self", "A card cannot be placed after itself.");
            None
        }
        Some(a) => match deal::Entity::find_by_id(a.clone()).filter(deal::Column::DeletedAt.is_null()).one(db).await? {
            Some(x) if x.stage_id == target.id => Some(x.id),
            _ => {
                v.add("after_id", "wrong_column", "The card to place it after is not in that column any more.");
                None
            }
        },
        None => None,
    };
    v.finish()?;
    let t = now();
    let by = user_name(db).await?;
    let act = history::begin(db, ActionKind::StageMove, "deals", Some(&d.id)).await?;
    let txn = &*act;
    let rank = rank_for(txn, &target.id, &d.id, after.as_deref()).await?;
    let mut m = deal::ActiveModel {
        rank: Set(rank),
        version: Set(d.version + 1),
        updated_at: Set(t),
        ..Default::default()
    };
    if changes_stage {
        m.stage_id = Set(target.id.clone());
        m.status = Set(kind.as_str().to_string());
        m.stage_entered_at = Set(t);
        match kind {
            StageKind::Open => {
                m.closed_at = Set(None);
                m.lost_reason_id = Set(None);
                m.lost_note = Set(None);
            }
            StageKind::Won => {
                m.closed_at = Set(Some(if d.status == "won" { d.closed_at.unwrap_or(t) } else { t }));
                m.lost_reason_id = Set(None);
                m.lost_note = Set(None);
            }
            StageKind::Lost => {
                m.closed_at = Set(Some(t));
                m.lost_reason_id = Set(lost_reason);
                m.lost_note = Set(lost_note);
            }
        }
    }
    let res = deal::Entity::update_many()
        .set(m)
        .filter(deal::Column::Id.eq(d.id.as_str()))
        .filter(deal::Column::Version.eq(mv.expected_version))
        .exec(txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(stale(&d));
    }
    if changes_stage {
        let from = find_stage(txn, &d.stage_id).await.ok();
        record_change(txn, &d.id, from.as_ref(), &target, by, t).await?;
        if kind == StageKind::Won {
            advance_contacts(txn, &d.id, LifecycleStage::Retention).await?;
            crate::orders::from_deal(txn, &d.id, t).await?;
        }
    }
    act.commit().await?;
    super::get(db, &d.id).await
}

/// Moves every deal of a stage being removed to `target` (below its cards), recording the
/// move in each live deal's history.
pub(crate) async fn move_all<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    from: &pipeline_stage::Model,
    target: &pipeline_stage::Model,
) -> CoreResult<()> {
    let t = now();
    let by = user_name(db).await?;
    let deals = deal::Entity::find()
        .filter(deal::Column::StageId.eq(from.id.as_str()))
        .order_by_asc(deal::Column::Rank)
        .all(db)
        .await?;
    let top: Option<f64> = deal::Entity::find()
        .select_only()
        .column_as(deal::Column::Rank.max(), "r")
        .filter(deal::Column::StageId.eq(target.id.as_str()))
        .into_tuple::<Option<f64>>()
        .one(db)
        .await?
        .flatten();
    // The target is an open stage (`stage_delete` refuses Won and Lost).
    for (i, d) in deals.into_iter().enumerate() {
        let live = d.deleted_at.is_none();
        let id = d.id.clone();
        let version = d.version;
        let mut m: deal::ActiveModel = d.into();
        m.stage_id = Set(target.id.clone());
        m.status = Set(StageKind::Open.as_str().to_string());
        m.rank = Set(top.unwrap_or(0.0) + 1.0 + i as f64);
        m.stage_entered_at = Set(t);
        m.version = Set(version + 1);
        m.updated_at = Set(t);
        m.update(db).await?;
        if live {
            record_change(db, &id, Some(from), target, by.clone(), t).await?;
        }
    }
    Ok(())
}

/// Moves a deal to the trash (restorable with its history).
pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let d = find_live(db, id).await?;
    let act = history::begin(db, ActionKind::Delete, "deals", Some(id)).await?;
    let q = Query::update()
        .table("deals")
        .value("deleted_at", now())
        .value("version", d.version + 1)
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    act.execute(&q).await?;
    act.commit().await
}

pub async fn restore<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<DealDetail> {
    let d = deal::Entity::find_by_id(id.to_string()).one(db).await?.ok_or_else(|| CoreError::not_found("deal", id))?;
    if d.deleted_at.is_some() {
        let act = history::begin(db, ActionKind::Restore, "deals", Some(id)).await?;
        let q = Query::update()
            .table("deals")
            .value("deleted_at", Option::<chrono::DateTime<chrono::Utc>>::None)
            .value("version", d.version + 1)
            .value("updated_at", now())
            .and_where(Expr::col("id").eq(id))
            .to_owned();
        act.execute(&q).await?;
        act.commit().await?;
    }
    super::get(db, id).await
}
