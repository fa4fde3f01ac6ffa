//! The import history, undo, the rejected rows as CSV, and saved mappings.

use super::run::{index_filters, kind_str};
use super::update::{Before, CompanyFields, ContactFields, DealFields};
use super::{ActionCounts, ImportKind, ImportRecord, ImportStatus, Mapping, SavedMapping};
use crate::common::{new_id, now};
use crate::entities::{company, contact, deal};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::sqlite;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryResult, Set};
use std::path::Path;

pub async fn audit<C: ConnectionTrait>(db: &C, action: &str, entity: &str, detail: &str) -> CoreResult<()> {
    let q = Query::insert()
        .into_table("audit_log")
        .columns(["id", "action", "entity", "detail", "at"])
        .values_panic([new_id().into(), action.into(), entity.into(), detail.into(), now().into()])
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

fn parse_kind(s: &str) -> ImportKind {
    match s {
        "companies" => ImportKind::Companies,
        "deals" => ImportKind::Deals,
        "activities" => ImportKind::Activities,
        "orders" => ImportKind::Orders,
        "survey_responses" => ImportKind::SurveyResponses,
        _ => ImportKind::Contacts,
    }
}

fn select_imports() -> SelectStatement {
    Query::select()
        .columns(["id", "kind", "file_name", "status", "created_count", "updated_count", "skipped_count", "rejected_count", "started_at", "finished_at", "undone_at"])
        .from("imports")
        .to_owned()
}

fn record(r: &QueryResult) -> CoreResult<ImportRecord> {
    let n = |i: usize| -> CoreResult<u32> { Ok(std::cmp::max(r.try_get_by_index::<i64>(i)?, 0) as u32) };
    Ok(ImportRecord {
        id: r.try_get_by_index(0)?,
        kind: parse_kind(&r.try_get_by_index::<String>(1)?),
        file_name: r.try_get_by_index(2)?,
        status: if r.try_get_by_index::<String>(3)? == "undone" { ImportStatus::Undone } else { ImportStatus::Done },
        counts: ActionCounts { create: n(4)?, update: n(5)?, skip: n(6)?, reject: n(7)? },
        started_at: r.try_get_by_index(8)?,
        finished_at: r.try_get_by_index(9)?,
        undone_at: r.try_get_by_index(10)?,
    })
}

pub async fn history<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<ImportRecord>> {
    let mut q = select_imports();
    q.order_by("started_at", Order::Desc).order_by("id", Order::Desc);
    db.query_all(&q).await?.iter().map(record).collect()
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<ImportRecord> {
    let mut q = select_imports();
    q.and_where(Expr::col("id").eq(id));
    let r = db.query_one(&q).await?.ok_or_else(|| CoreError::not_found("import", id))?;
    record(&r)
}

fn table(entity: &str) -> Option<&'static str> {
    Some(match entity {
        "contact" => "contacts",
        "company" => "companies",
        "deal" => "deals",
        "activity" => "activities",
        _ => return None,
    })
}

async fn delete_in<C: ConnectionTrait>(db: &C, table: &str, owner: Option<(&str, &str)>, col: &str, values: &[String]) -> CoreResult<()> {
    if values.is_empty() {
        return Ok(());
    }
    let mut q = Query::delete();
    q.from_table(table.to_string()).and_where(Expr::col(col.to_string()).is_in(values.iter().cloned()));
    if let Some((c, v)) = owner {
        q.and_where(Expr::col(c.to_string()).eq(v));
    }
    db.execute(&q).await?;
    Ok(())
}

fn bad_json(e: serde_json::Error) -> CoreError {
    CoreError::Storage { message: format!("an import item cannot be read: {e}") }
}

async fn restore<C: ConnectionTrait>(db: &C, entity: &str, id: &str, b: Before, at: DateTime<Utc>) -> CoreResult<()> {
    match entity {
        "contact" => {
            let f: ContactFields = serde_json::from_value(b.fields).map_err(bad_json)?;
            if let Some(m) = contact::Entity::find_by_id(id.to_string()).one(db).await? {
                let mut a: contact::ActiveModel = m.into();
                a.first_name = Set(f.first_name);
                a.last_name = Set(f.last_name);
                a.title = Set(f.title);
                a.company_id = Set(f.company_id);
                a.time_zone = Set(f.time_zone);
                a.owner = Set(f.owner);
                a.notes = Set(f.notes);
                a.lifecycle_stage = Set(f.lifecycle_stage);
                a.lead_source_id = Set(f.lead_source_id);
                a.do_not_contact = Set(f.do_not_contact);
                a.street = Set(f.street);
                a.city = Set(f.city);
                a.region = Set(f.region);
                a.postal_code = Set(f.postal_code);
                a.country = Set(f.country);
                a.external_id = Set(f.external_id);
                a.updated_at = Set(at);
                a.update(db).await?;
            }
            delete_in(db, "contact_emails", Some(("contact_id", id)), "email", &b.emails).await?;
            delete_in(db, "contact_phones", Some(("contact_id", id)), "phone", &b.phones).await?;
            delete_in(db, "contact_tags", Some(("contact_id", id)), "tag_id", &b.tags).await?;
            delete_in(db, "consents", None, "id", &b.consents).await?;
            delete_in(db, "lifecycle_changes", None, "id", &b.history).await?;
        }
        "company" => {
            let f: CompanyFields = serde_json::from_value(b.fields).map_err(bad_json)?;
            if let Some(m) = company::Entity::find_by_id(id.to_string()).one(db).await? {
                let mut a: company::ActiveModel = m.into();
                a.name = Set(f.name);
                a.domain = Set(f.domain);
                a.industry = Set(f.industry);
                a.size_band = Set(f.size_band);
                a.phone = Set(f.phone);
                a.owner = Set(f.owner);
                a.notes = Set(f.notes);
                a.street = Set(f.street);
                a.city = Set(f.city);
                a.region = Set(f.region);
                a.postal_code = Set(f.postal_code);
                a.country = Set(f.country);
                a.external_id = Set(f.external_id);
                a.updated_at = Set(at);
                a.update(db).await?;
            }
            delete_in(db, "company_tags", Some(("company_id", id)), "tag_id", &b.tags).await?;
        }
        "deal" => {
            let f: DealFields = serde_json::from_value(b.fields).map_err(bad_json)?;
            if let Some(m) = deal::Entity::find_by_id(id.to_string()).one(db).await? {
                let version = m.version;
                let mut a: deal::ActiveModel = m.into();
                a.title = Set(f.title);
                a.pipeline_id = Set(f.pipeline_id);
                a.stage_id = Set(f.stage_id);
                a.status = Set(f.status);
                a.company_id = Set(f.company_id);
                a.owner = Set(f.owner);
                a.value_minor = Set(f.value_minor);
                a.currency = Set(f.currency);
                a.expected_close = Set(f.expected_close);
                a.probability = Set(f.probability);
                a.lost_reason_id = Set(f.lost_reason_id);
                a.lost_note = Set(f.lost_note);
                a.notes = Set(f.notes);
                a.rank = Set(f.rank);
                a.stage_entered_at = Set(f.stage_entered_at);
                a.closed_at = Set(f.closed_at);
                a.external_id = Set(f.external_id);
                // A newer version, so a window holding the imported state cannot overwrite it.
                a.version = Set(version + 1);
                a.updated_at = Set(at);
                a.update(db).await?;
            }
            delete_in(db, "deal_tags", Some(("deal_id", id)), "tag_id", &b.tags).await?;
            delete_in(db, "deal_contacts", Some(("deal_id", id)), "contact_id", &b.phones).await?;
            delete_in(db, "deal_stage_changes", None, "id", &b.history).await?;
        }
        _ => {}
    }
    Ok(())
}

pub async fn undo(db: &DatabaseConnection, import_id: &str) -> CoreResult<ImportRecord> {
    let rec = get(db, import_id).await?;
    if rec.status == ImportStatus::Undone {
        let when = rec.undone_at.map(|t| t.format(" on %Y-%m-%d at %H:%M UTC").to_string()).unwrap_or_default();
        return Err(CoreError::conflict(format!("The import of “{}” was already undone{when}.", rec.file_name)));
    }
    let t = now();
    let act = history::begin(db, ActionKind::Undo, "imports", Some(import_id)).await?;
    let txn = &*act;
    history::quiet(txn).await?;
    sqlite::suspend_search_index(txn).await?;
    sqlite::suspend_live_counts(txn).await?;
    let items_of = |entity: &str| {
        Query::select()
            .column("record_id")
            .from("import_items")
            .and_where(Expr::col("import_id").eq(import_id))
            .and_where(Expr::col("entity").eq(entity))
            .and_where(Expr::col("action").eq("created"))
            .to_owned()
    };
    // Contacts whose activities go: their last/next touch is recomputed afterwards.
    let touched = Query::select()
        .distinct()
        .column("contact_id")
        .from("activities")
        .and_where(Expr::col("id").in_subquery(items_of("activity")))
        .and_where(Expr::col("contact_id").is_not_null())
        .to_owned();
    let touched: Vec<String> = txn.query_all(&touched).await?.iter().filter_map(|r| r.try_get_by_index(0).ok()).collect();
    for entity in ["activity", "deal", "contact", "company"] {
        let Some(table) = table(entity) else { continue };
        let q = Query::update()
            .table(table)
            .value("deleted_at", t)
            .and_where(Expr::col("id").in_subquery(items_of(entity)))
            .and_where(Expr::col("deleted_at").is_null())
            .to_owned();
        txn.execute(&q).await?;
    }
    let q = Query::select()
        .columns(["entity", "record_id", "before_json"])
        .from("import_items")
        .and_where(Expr::col("import_id").eq(import_id))
        .and_where(Expr::col("action").eq("updated"))
        .and_where(Expr::col("entity").is_in(["contact", "company", "deal"]))
        .to_owned();
    for r in txn.query_all(&q).await? {
        let entity: String = r.try_get_by_index(0)?;
        let id: String = r.try_get_by_index(1)?;
        let json: Option<String> = r.try_get_by_index(2)?;
        let before: Before = serde_json::from_str(json.as_deref().unwrap_or("{}")).map_err(bad_json)?;
        restore(txn, &entity, &id, before, t).await?;
    }
    // Orders and survey answers are deleted (not trashed), with what followed from them.
    let mut rescore = super::orders_undo::undo(txn, import_id).await?;
    rescore.extend(super::surveys::undo(txn, import_id).await?);
    sqlite::resume_live_counts(txn).await?;
    sqlite::resume_search_index_for(txn, &index_filters(txn, import_id).await?).await?;
    for c in touched {
        crate::activities::refresh_contact_touches(txn, &c).await?;
    }
    let q = Query::update()
        .table("imports")
        .values([("status", "undone".into()), ("undone_at", t.into())])
        .and_where(Expr::col("id").eq(import_id))
        .to_owned();
    txn.execute(&q).await?;
    audit(txn, "import_undo", kind_str(rec.kind), &format!("import {import_id} undone")).await?;
    crate::scoring::refresh_imported(txn, import_id, true).await?;
    if !rescore.is_empty() {
        crate::scoring::refresh(txn, &rescore, t).await?;
    }
    history::resume(txn).await?;
    act.describe(&rec.file_name).await?;
    history::mark_undone_by_reference(txn, "import", import_id, act.id()).await?;
    act.commit().await?;
    get(db, import_id).await
}

/// Escapes a cell as our export does, so a spreadsheet never runs it; the importer removes
/// the apostrophe again.
fn escape(s: &str) -> String {
    crate::export::escape_cell(s).into_owned()
}

pub async fn write_rejects(db: &DatabaseConnection, import_id: &str, path: &Path) -> CoreResult<u32> {
    get(db, import_id).await?;
    let q = Query::select().column("mapping_json").from("imports").and_where(Expr::col("id").eq(import_id)).to_owned();
    let json: String = match db.query_one(&q).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => return Err(CoreError::not_found("import", import_id)),
    };
    let settings: serde_json::Value = serde_json::from_str(&json).map_err(bad_json)?;
    let headers: Vec<String> = serde_json::from_value(settings["headers"].clone()).unwrap_or_default();
    let io = |e: std::io::Error| CoreError::invalid("path", "unwritable", format!("Cannot write {}: {e}.", path.display()));
    let tmp = path.with_extension("csv.part");
    let file = std::fs::File::create(&tmp).map_err(io)?;
    let mut out = csv::Writer::from_writer(std::io::BufWriter::new(file));
    let csv_err = |e: csv::Error| CoreError::invalid("path", "unwritable", format!("Cannot write {}: {e}.", path.display()));
    out.write_record(headers.iter().map(String::as_str).chain(["Reason"])).map_err(csv_err)?;
    let mut written = 0u32;
    let mut after: i64 = 0;
    loop {
        // Pages, so a file with a million rejected rows never sits in memory at once.
        let q = Query::select()
            .columns(["row_number", "reason", "cells_json"])
            .from("import_rejects")
            .and_where(Expr::col("import_id").eq(import_id))
            .and_where(Expr::col("row_number").gt(after))
            .order_by("row_number", Order::Asc)
            .limit(5_000)
            .to_owned();
        let rows = db.query_all(&q).await?;
        if rows.is_empty() {
            break;
        }
        for r in rows {
            after = r.try_get_by_index(0)?;
            let reason: String = r.try_get_by_index(1)?;
            let cells: Vec<String> = serde_json::from_str(&r.try_get_by_index::<String>(2)?).unwrap_or_default();
            let mut line: Vec<String> = (0..headers.len().max(cells.len())).map(|i| escape(cells.get(i).map_or("", String::as_str))).collect();
            line.truncate(headers.len().max(1));
            line.resize(headers.len(), String::new());
            line.push(reason);
            out.write_record(&line).map_err(csv_err)?;
            written += 1;
        }
    }
    out.flush().map_err(io)?;
    drop(out);
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(written)
}

fn saved(r: &QueryResult) -> CoreResult<SavedMapping> {
    let mapping: Mapping = serde_json::from_str(&r.try_get_by_index::<String>(3)?).map_err(bad_json)?;
    Ok(SavedMapping {
        id: r.try_get_by_index(0)?,
        kind: parse_kind(&r.try_get_by_index::<String>(1)?),
        name: r.try_get_by_index(2)?,
        mapping,
        updated_at: r.try_get_by_index(4)?,
    })
}

fn select_mappings() -> SelectStatement {
    Query::select().columns(["id", "kind", "name", "mapping_json", "updated_at"]).from("import_mappings").to_owned()
}

pub async fn mappings<C: ConnectionTrait>(db: &C, kind: ImportKind) -> CoreResult<Vec<SavedMapping>> {
    let mut q = select_mappings();
    q.and_where(Expr::col("kind").eq(kind_str(kind))).order_by("name_key", Order::Asc);
    db.query_all(&q).await?.iter().map(saved).collect()
}

pub async fn save_mapping(db: &DatabaseConnection, kind: ImportKind, name: &str, mapping: &Mapping) -> CoreResult<SavedMapping> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(CoreError::invalid("name", "required", "Give the mapping a name."));
    }
    if name.chars().count() > 100 {
        return Err(CoreError::invalid("name", "too_long", "A mapping's name has at most 100 characters."));
    }
    for c in &mapping.columns {
        if let super::Target::Field { field } = &c.target {
            if !super::fields::is_field(kind, field) {
                return Err(CoreError::invalid("mapping", "unknown_field", format!("“{field}” is not a field of this import (column “{}”).", c.header)));
            }
        }
    }
    let key = name.to_lowercase();
    let json = serde_json::to_string(mapping).map_err(bad_json)?;
    let t = now();
    let mut find = select_mappings();
    find.and_where(Expr::col("kind").eq(kind_str(kind))).and_where(Expr::col("name_key").eq(key.as_str()));
    let id = match db.query_one(&find).await? {
        Some(r) => {
            let id: String = r.try_get_by_index(0)?;
            let q = Query::update()
                .table("import_mappings")
                .values([("name", name.clone().into()), ("mapping_json", json.into()), ("updated_at", t.into())])
                .and_where(Expr::col("id").eq(id.as_str()))
                .to_owned();
            db.execute(&q).await?;
            id
        }
        None => {
            let id = new_id();
            let q = Query::insert()
                .into_table("import_mappings")
                .columns(["id", "kind", "name", "name_key", "mapping_json", "created_at", "updated_at"])
                .values_panic([id.clone().into(), kind_str(kind).into(), name.clone().into(), key.into(), json.into(), t.into(), t.into()])
                .to_owned();
            db.execute(&q).await?;
            id
        }
    };
    let mut q = select_mappings();
    q.and_where(Expr::col("id").eq(id.as_str()));
    let r = db.query_one(&q).await?.ok_or_else(|| CoreError::not_found("mapping", &id))?;
    saved(&r)
}

pub async fn delete_mapping(db: &DatabaseConnection, id: &str) -> CoreResult<()> {
    let q = Query::delete().from_table("import_mappings").and_where(Expr::col("id").eq(id)).to_owned();
    let res = db.execute(&q).await?;
    if res.rows_affected() == 0 {
        return Err(CoreError::not_found("mapping", id));
    }
    Ok(())
}
