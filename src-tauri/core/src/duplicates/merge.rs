//! Merging duplicates into one survivor, in one transaction, recording what changed.

use crate::history::{self, ActionKind};
use super::candidates::{load_records, Records};
use super::snapshot::{company_get, company_set, contact_get, contact_set, field_columns, DealLink, Moved, MovedChild, Snapshot, COMPANY_COLUMNS, CONTACT_COLUMNS};
use super::{MergeInput, MergeRecord, RecordKind};
use crate::common::{new_id, now};
use crate::entities::{company, contact, lifecycle_change};
use crate::error::{CoreError, CoreResult};
use crate::lifecycle::LifecycleStage;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Set};
use std::collections::{BTreeMap, HashSet};

pub(crate) fn kind_str(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Contact => "contact",
        RecordKind::Company => "company",
    }
}

/// Points every row of `table` whose `column` is one of `from` at `to`; returns what moved.
pub(crate) async fn move_rows<C: ConnectionTrait>(db: &C, table: &str, column: &str, from: &[String], to: &str, skip: &[String]) -> CoreResult<Vec<Moved>> {
    let mut q = Query::select();
    q.column("id").column(column.to_string()).from(table.to_string()).and_where(Expr::col(column.to_string()).is_in(from.iter().cloned()));
    if !skip.is_empty() {
        q.and_where(Expr::col("id").is_not_in(skip.iter().cloned()));
    }
    let mut moved = Vec::new();
    for r in db.query_all(&q).await? {
        moved.push(Moved { table: table.into(), column: column.into(), id: r.try_get_by_index(0)?, from: r.try_get_by_index(1)? });
    }
    if !moved.is_empty() {
        let mut u = Query::update();
        u.table(table.to_string()).value(column.to_string(), to).and_where(Expr::col(column.to_string()).is_in(from.iter().cloned()));
        if !skip.is_empty() {
            u.and_where(Expr::col("id").is_not_in(skip.iter().cloned()));
        }
        db.execute(&u).await?;
    }
    Ok(moved)
}

fn choices_into(input: &MergeInput, ids: &[String]) -> CoreResult<BTreeMap<&'static str, usize>> {
    let mut taken: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut fields_seen = HashSet::new();
    for (i, ch) in input.choices.iter().enumerate() {
        let cols = field_columns(input.kind, &ch.field).ok_or_else(|| {
            let names: Vec<&str> = match input.kind {
                RecordKind::Contact => super::snapshot::CONTACT_FIELDS.iter().map(|f| f.0).collect(),
                RecordKind::Company => super::snapshot::COMPANY_FIELDS.iter().map(|f| f.0).collect(),
            };
            CoreError::invalid(&format!("choices.{i}.field"), "unknown_field", format!("“{}” is not a field chosen when merging {} records; use one of {}.", ch.field, kind_str(input.kind), names.join(", ")))
        })?;
        if !fields_seen.insert(ch.field.as_str()) {
            return Err(CoreError::invalid(&format!("choices.{i}.field"), "duplicate", format!("The field “{}” is chosen twice.", ch.field)));
        }
        let from = ids.iter().position(|id| *id == ch.from_id).ok_or_else(|| {
            CoreError::invalid(&format!("choices.{i}.from_id"), "not_in_merge", format!("The value of “{}” must come from one of the merged records; {} is not one of them.", ch.field, ch.from_id))
        })?;
        for c in cols {
            taken.insert(c, from);
        }
    }
    Ok(taken)
}

/// Records the survivor's columns that change (before and after).
fn diff(snap: &mut Snapshot, cols: &[&str], get_old: impl Fn(&str) -> Option<String>, new: &BTreeMap<String, Option<String>>) {
    for c in cols {
        if let Some(v) = new.get(*c) {
            let old = get_old(c);
            if old != *v {
                snap.before.insert(c.to_string(), old);
                snap.after.insert(c.to_string(), v.clone());
            }
        }
    }
}

pub(crate) async fn merge(db: &DatabaseConnection, input: &MergeInput) -> CoreResult<MergeRecord> {
    if input.merged_ids.is_empty() {
        return Err(CoreError::invalid("merged_ids", "required", "Choose at least one other record to merge into the survivor."));
    }
    if input.merged_ids.contains(&input.survivor_id) {
        return Err(CoreError::invalid("merged_ids", "self_merge", format!("A record cannot be merged with itself: {} is the survivor.", input.survivor_id)));
    }
    let mut ids = vec![input.survivor_id.clone()];
    ids.extend(input.merged_ids.iter().cloned());
    let taken = choices_into(input, &ids)?;
    let t = now();
    let id = new_id();
    let table = match input.kind {
        RecordKind::Contact => "contacts",
        RecordKind::Company => "companies",
    };
    let act = history::begin_with(db, ActionKind::Merge, table, Some(&input.survivor_id), Some(("merge", &id))).await?;
    let txn = &*act;
    let recs = load_records(txn, input.kind, &ids, "merged_ids", Some("survivor_id")).await?;
    let merged = &input.merged_ids;
    let mut snap = Snapshot::default();
    let survivor = &input.survivor_id;
    match recs {
        Records::Contacts(v) => merge_contacts(txn, &v, &taken, merged, &mut snap, t).await?,
        Records::Companies(v) => merge_companies(txn, &v, &taken, merged, &mut snap, t).await?,
    }
    trash(txn, input.kind, merged, t).await?;
    let json = serde_json::to_string(&snap).map_err(|e| CoreError::Storage { message: e.to_string() })?;
    let merged_json = serde_json::to_string(merged).map_err(|e| CoreError::Storage { message: e.to_string() })?;
    let ins = Query::insert()
        .into_table("merges")
        .columns(["id", "entity", "survivor_id", "merged_ids_json", "snapshot_json", "merged_at"])
        .values_panic([id.clone().into(), kind_str(input.kind).into(), survivor.clone().into(), merged_json.into(), json.into(), t.into()])
        .to_owned();
    txn.execute(&ins).await?;
    let detail = format!(
        "merge {id}: {} {} records into {survivor}; {} links moved, {} e-mails/phones moved, {} tags added",
        merged.len(),
        kind_str(input.kind),
        snap.moved.len() + snap.deal_links.len(),
        snap.children.len(),
        snap.tags_added.len()
    );
    audit(txn, "merge", input.kind, &detail, t).await?;
    act.commit().await?;
    super::undo::record(db, &id).await
}

pub(crate) async fn audit<C: ConnectionTrait>(db: &C, action: &str, kind: RecordKind, detail: &str, at: DateTime<Utc>) -> CoreResult<()> {
    let ins = Query::insert()
        .into_table("audit_log")
        .columns(["id", "action", "entity", "detail", "at"])
        .values_panic([new_id().into(), action.into(), kind_str(kind).into(), detail.into(), at.into()])
        .to_owned();
    db.execute(&ins).await?;
    Ok(())
}

async fn trash<C: ConnectionTrait>(db: &C, kind: RecordKind, ids: &[String], t: DateTime<Utc>) -> CoreResult<()> {
    let table = match kind {
        RecordKind::Contact => "contacts",
        RecordKind::Company => "companies",
    };
    let u = Query::update().table(table).value("deleted_at", t).and_where(Expr::col("id").is_in(ids.iter().cloned())).to_owned();
    db.execute(&u).await?;
    Ok(())
}

fn stage_rank(s: &str) -> usize {
    LifecycleStage::parse(s).and_then(|st| LifecycleStage::ALL.iter().position(|x| *x == st)).unwrap_or(0)
}

async fn merge_contacts<C: ConnectionTrait>(db: &C, recs: &[contact::Model], taken: &BTreeMap<&'static str, usize>, merged: &[String], snap: &mut Snapshot, t: DateTime<Utc>) -> CoreResult<()> {
    let s = &recs[0];
    let sid = s.id.clone();
    let mut new: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (col, &from) in taken {
        new.insert(col.to_string(), contact_get(&recs[from], col));
    }
    if !taken.contains_key("lifecycle_stage") {
        // The furthest along of the records.
        let best = recs.iter().max_by_key(|r| stage_rank(&r.lifecycle_stage)).map_or(s.lifecycle_stage.clone(), |r| r.lifecycle_stage.clone());
        new.insert("lifecycle_stage".into(), Some(best));
    }
    if s.external_id.is_none() {
        new.insert("external_id".into(), recs[1..].iter().find_map(|r| r.external_id.clone()));
    }
    // A survivor referred by one of the merged records would refer to itself.
    let referrer = new.get("referred_by_id").cloned().unwrap_or_else(|| s.referred_by_id.clone());
    if referrer.as_ref().is_some_and(|r| merged.contains(r) || *r == sid) {
        new.insert("referred_by_id".into(), None);
    }
    let mut all_ids = vec![sid.clone()];
    all_ids.extend(merged.iter().cloned());
    for (table, column) in [
        ("activities", "contact_id"),
        ("lifecycle_changes", "contact_id"),
        ("consents", "contact_id"),
        ("orders", "contact_id"),
        ("subscriptions", "contact_id"),
        ("onboardings", "contact_id"),
        ("tickets", "contact_id"),
        ("survey_responses", "contact_id"),
        ("reviews", "contact_id"),
        ("referral_rewards", "referrer_id"),
        ("referral_rewards", "referred_id"),
    ] {
        snap.moved.extend(move_rows(db, table, column, merged, &sid, &[]).await?);
    }
    snap.moved.extend(move_rows(db, "contacts", "referred_by_id", merged, &sid, &all_ids).await?);
    move_children(db, &sid, merged, snap).await?;
    move_deal_links(db, &sid, merged, snap).await?;
    add_tags(db, "contact_tags", "contact_id", &sid, merged, snap).await?;

    let old_stage = s.lifecycle_stage.clone();
    let new_stage = new.get("lifecycle_stage").cloned().flatten().unwrap_or_else(|| old_stage.clone());
    new.insert("updated_at".into(), Some(t.to_rfc3339()));
    diff(snap, CONTACT_COLUMNS, |c| contact_get(s, c), &new);
    let mut m: contact::ActiveModel = s.clone().into();
    for (col, v) in &snap.after {
        contact_set(&mut m, col, v.clone())?;
    }
    m.update(db).await?;
    if new_stage != old_stage {
        let id = new_id();
        let to = LifecycleStage::parse(&new_stage).unwrap_or(LifecycleStage::Reach);
        lifecycle_change::ActiveModel { id: Set(id.clone()), contact_id: Set(sid.clone()), from_stage: Set(Some(old_stage)), to_stage: Set(to.as_str().into()), changed_at: Set(t) }
            .insert(db)
            .await?;
        snap.stage_change_id = Some(id);
    }
    // The survivor's last touch and next follow-up now count the moved activities.
    crate::activities::refresh_contact_touches(db, &sid).await?;
    let after = contact::Entity::find_by_id(sid.clone()).one(db).await?.ok_or_else(|| CoreError::not_found("contact", &sid))?;
    for col in ["last_contacted_at", "next_follow_up_at"] {
        let (old, now_v) = (contact_get(s, col), contact_get(&after, col));
        if old != now_v {
            snap.before.insert(col.into(), old);
            snap.after.insert(col.into(), now_v);
        }
    }
    Ok(())
}

/// Unites e-mails and phones: the merged records' addresses the survivor lacks move to it
/// (after its own, not primary unless it had none); the ones it has stay with the merged record.
async fn move_children<C: ConnectionTrait>(db: &C, sid: &str, merged: &[String], snap: &mut Snapshot) -> CoreResult<()> {
    for (table, col) in [("contact_emails", "email"), ("contact_phones", "phone")] {
        let bounced = table == "contact_emails";
        let mut q = Query::select();
        q.columns(["id", "contact_id", col, "label", "is_primary", "position"]).from(table);
        if bounced {
            q.column("bounced");
        }
        q.and_where(Expr::col("contact_id").is_in(std::iter::once(sid.to_string()).chain(merged.iter().cloned())));
        let mut rows = Vec::new();
        for r in db.query_all(&q).await? {
            rows.push(MovedChild {
                table: table.into(),
                id: r.try_get_by_index(0)?,
                from: r.try_get_by_index(1)?,
                value: r.try_get_by_index(2)?,
                label: r.try_get_by_index(3)?,
                is_primary: r.try_get_by_index(4)?,
                position: r.try_get_by_index(5)?,
                bounced: if bounced { r.try_get_by_index(6)? } else { false },
            });
        }
        let order = |id: &str| merged.iter().position(|m| m == id).unwrap_or(usize::MAX);
        rows.sort_by(|a, b| order(&a.from).cmp(&order(&b.from)).then(a.position.cmp(&b.position)));
        let (own, theirs): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.from == sid);
        let mut have: HashSet<String> = own.iter().map(|r| r.value.trim().to_lowercase()).collect();
        let mut next = own.iter().map(|r| r.position + 1).max().unwrap_or(0);
        let mut need_primary = !own.iter().any(|r| r.is_primary);
        for r in theirs {
            if !have.insert(r.value.trim().to_lowercase()) {
                continue;
            }
            let u = Query::update()
                .table(table)
                .value("contact_id", sid)
                .value("position", next)
                .value("is_primary", need_primary)
                .and_where(Expr::col("id").eq(r.id.as_str()))
                .to_owned();
            db.execute(&u).await?;
            need_primary = false;
            next += 1;
            snap.children.push(r);
        }
    }
    Ok(())
}

async fn move_deal_links<C: ConnectionTrait>(db: &C, sid: &str, merged: &[String], snap: &mut Snapshot) -> CoreResult<()> {
    let q = Query::select()
        .columns(["deal_id", "contact_id", "position"])
        .from("deal_contacts")
        .and_where(Expr::col("contact_id").is_in(std::iter::once(sid.to_string()).chain(merged.iter().cloned())))
        .to_owned();
    let mut rows: Vec<(String, String, i32)> = Vec::new();
    for r in db.query_all(&q).await? {
        rows.push((r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?));
    }
    let order = |id: &str| if id == sid { 0 } else { 1 + merged.iter().position(|m| m == id).unwrap_or(usize::MAX - 1) };
    rows.sort_by(|a, b| order(&a.1).cmp(&order(&b.1)).then(a.0.cmp(&b.0)));
    let mut on: HashSet<String> = HashSet::new();
    for (deal, from, position) in rows {
        if from == sid {
            on.insert(deal);
            continue;
        }
        let dropped = !on.insert(deal.clone());
        let cond = Expr::col("deal_id").eq(deal.as_str()).and(Expr::col("contact_id").eq(from.as_str()));
        if dropped {
            db.execute(&Query::delete().from_table("deal_contacts").cond_where(cond).to_owned()).await?;
        } else {
            db.execute(&Query::update().table("deal_contacts").value("contact_id", sid).cond_where(cond).to_owned()).await?;
        }
        snap.deal_links.push(DealLink { deal_id: deal, from, position, dropped });
    }
    Ok(())
}

async fn add_tags<C: ConnectionTrait>(db: &C, table: &str, owner: &str, sid: &str, merged: &[String], snap: &mut Snapshot) -> CoreResult<()> {
    let q = Query::select().column(owner.to_string()).column("tag_id").from(table.to_string()).and_where(Expr::col(owner.to_string()).is_in(std::iter::once(sid.to_string()).chain(merged.iter().cloned()))).to_owned();
    let mut have = HashSet::new();
    let mut theirs = Vec::new();
    for r in db.query_all(&q).await? {
        let (o, tag): (String, String) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?);
        if o == sid {
            have.insert(tag);
        } else {
            theirs.push(tag);
        }
    }
    theirs.sort();
    for tag in theirs {
        if have.insert(tag.clone()) {
            let ins = Query::insert().into_table(table.to_string()).columns([owner.to_string(), "tag_id".to_string()]).values_panic([sid.into(), tag.clone().into()]).to_owned();
            db.execute(&ins).await?;
            snap.tags_added.push(tag);
        }
    }
    Ok(())
}

async fn merge_companies<C: ConnectionTrait>(db: &C, recs: &[company::Model], taken: &BTreeMap<&'static str, usize>, merged: &[String], snap: &mut Snapshot, t: DateTime<Utc>) -> CoreResult<()> {
    let s = &recs[0];
    let sid = s.id.clone();
    let mut new: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (col, &from) in taken {
        new.insert(col.to_string(), company_get(&recs[from], col));
    }
    if s.external_id.is_none() {
        new.insert("external_id".into(), recs[1..].iter().find_map(|r| r.external_id.clone()));
    }
    for (table, column) in [
        ("contacts", "company_id"),
        ("deals", "company_id"),
        ("activities", "company_id"),
        ("orders", "company_id"),
        ("subscriptions", "company_id"),
        ("tickets", "company_id"),
    ] {
        snap.moved.extend(move_rows(db, table, column, merged, &sid, &[]).await?);
    }
    add_tags(db, "company_tags", "company_id", &sid, merged, snap).await?;
    new.insert("updated_at".into(), Some(t.to_rfc3339()));
    diff(snap, COMPANY_COLUMNS, |c| company_get(s, c), &new);
    let mut m: company::ActiveModel = s.clone().into();
    for (col, v) in &snap.after {
        company_set(&mut m, col, v.clone())?;
    }
    m.update(db).await?;
    Ok(())
}
