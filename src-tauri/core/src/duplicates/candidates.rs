//! The records of a merge side by side: each mergeable field's values and what would move.

use super::snapshot::{company_get, contact_get, field_columns, COMPANY_FIELDS, CONTACT_FIELDS};
use super::{DuplicateRecord, MergeCandidates, MergeField, RecordKind};
use crate::contacts::display_name;
use crate::entities::{company, contact};
use crate::error::{CoreError, CoreResult};
use crate::lifecycle::LifecycleStage;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

pub(crate) const MAX_RECORDS: usize = 10;

pub(crate) enum Records {
    Contacts(Vec<contact::Model>),
    Companies(Vec<company::Model>),
}

fn noun(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Contact => "contact",
        RecordKind::Company => "company",
    }
}

/// Checks the ids (2–10, distinct) and reads the live records in the order given.
/// `survivor_field` names the field an unknown first id is reported on (the survivor of a merge).
pub(crate) async fn load_records<C: ConnectionTrait>(db: &C, kind: RecordKind, ids: &[String], field: &str, survivor_field: Option<&str>) -> CoreResult<Records> {
    if ids.len() < 2 {
        return Err(CoreError::invalid(field, "too_few", format!("Choose at least two {} records to merge.", noun(kind))));
    }
    if ids.len() > MAX_RECORDS {
        return Err(CoreError::invalid(field, "too_many", format!("Merge at most {MAX_RECORDS} records at once ({} given).", ids.len())));
    }
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            return Err(CoreError::invalid(field, "self_merge", format!("The {} {id} is listed twice: a record cannot be merged with itself.", noun(kind))));
        }
    }
    let unknown = |id: &String| {
        let field = if Some(id) == ids.first() { survivor_field.unwrap_or(field) } else { field };
        CoreError::invalid(field, "unknown_id", format!("There is no {} with id {id} (it may be in the trash or merged already).", noun(kind)))
    };
    match kind {
        RecordKind::Contact => {
            let found = contact::Entity::find()
                .filter(contact::Column::Id.is_in(ids.iter().cloned()))
                .filter(contact::Column::DeletedAt.is_null())
                .all(db)
                .await?;
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                out.push(found.iter().find(|m| &m.id == id).cloned().ok_or_else(|| unknown(id))?);
            }
            Ok(Records::Contacts(out))
        }
        RecordKind::Company => {
            let found = company::Entity::find()
                .filter(company::Column::Id.is_in(ids.iter().cloned()))
                .filter(company::Column::DeletedAt.is_null())
                .all(db)
                .await?;
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                out.push(found.iter().find(|m| &m.id == id).cloned().ok_or_else(|| unknown(id))?);
            }
            Ok(Records::Companies(out))
        }
    }
}

async fn count<C: ConnectionTrait>(db: &C, q: SelectStatement) -> CoreResult<i64> {
    Ok(match db.query_one(&q).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => 0,
    })
}

fn count_of(table: &str, col: &str, id: &str, live: bool) -> SelectStatement {
    let mut q = Query::select();
    q.expr(Expr::col(col.to_string()).count()).from(table.to_string()).and_where(Expr::col(col.to_string()).eq(id));
    if live {
        q.and_where(Expr::col("deleted_at").is_null());
    }
    q.to_owned()
}

fn plural(n: i64, one: &str, many: &str) -> Option<String> {
    match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        _ => Some(format!("{n} {many}")),
    }
}

/// "12 activities, 2 deals, 3 tags" (or "nothing linked").
pub(crate) async fn linked_summary<C: ConnectionTrait>(db: &C, kind: RecordKind, id: &str) -> CoreResult<String> {
    let parts = match kind {
        RecordKind::Contact => {
            let deals = Query::select()
                .expr(Expr::col(("dc", "deal_id")).count())
                .from_as("deal_contacts", "dc")
                .inner_join("deals", Expr::col(("deals", "id")).equals(("dc", "deal_id")))
                .and_where(Expr::col(("dc", "contact_id")).eq(id))
                .and_where(Expr::col(("deals", "deleted_at")).is_null())
                .to_owned();
            [
                plural(count(db, count_of("activities", "contact_id", id, true)).await?, "activity", "activities"),
                plural(count(db, deals).await?, "deal", "deals"),
                plural(count(db, count_of("contact_tags", "contact_id", id, false)).await?, "tag", "tags"),
                plural(count(db, count_of("contact_emails", "contact_id", id, false)).await?, "e-mail", "e-mails"),
                plural(count(db, count_of("contact_phones", "contact_id", id, false)).await?, "phone", "phones"),
            ]
        }
        RecordKind::Company => [
            plural(count(db, count_of("contacts", "company_id", id, true)).await?, "contact", "contacts"),
            plural(count(db, count_of("deals", "company_id", id, true)).await?, "deal", "deals"),
            plural(count(db, count_of("activities", "company_id", id, true)).await?, "activity", "activities"),
            plural(count(db, count_of("company_tags", "company_id", id, false)).await?, "tag", "tags"),
            None,
        ],
    };
    let parts: Vec<String> = parts.into_iter().flatten().collect();
    Ok(if parts.is_empty() { "nothing linked".to_string() } else { parts.join(", ") })
}

async fn name_of<C: ConnectionTrait>(db: &C, table: &str, id: &Option<String>) -> CoreResult<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    let q = Query::select().column("name").from(table.to_string()).and_where(Expr::col("id").eq(id.as_str())).to_owned();
    Ok(match db.query_one(&q).await? {
        Some(r) => Some(r.try_get_by_index(0)?),
        None => Some(id.clone()),
    })
}

fn joined(parts: Vec<Option<String>>) -> Option<String> {
    let v: Vec<String> = parts.into_iter().flatten().collect();
    (!v.is_empty()).then(|| v.join(", "))
}

/// A field's value as the choice shows it (names rather than ids, labels rather than codes).
async fn shown<C: ConnectionTrait>(db: &C, kind: RecordKind, field: &str, get: &(dyn Fn(&str) -> Option<String> + Sync)) -> CoreResult<Option<String>> {
    Ok(match (kind, field) {
        (RecordKind::Contact, "company") => name_of(db, "companies", &get("company_id")).await?,
        (RecordKind::Contact, "lead_source") => name_of(db, "lead_sources", &get("lead_source_id")).await?,
        (RecordKind::Contact, "lifecycle_stage") => get("lifecycle_stage").map(|s| LifecycleStage::parse(&s).map_or(s, |st| st.label().to_string())),
        (RecordKind::Contact, "do_not_contact") => Some(if get("do_not_contact").as_deref() == Some("true") { "Yes" } else { "No" }.into()),
        _ => {
            let cols = field_columns(kind, field).unwrap_or(&[]);
            joined(cols.iter().map(|c| get(c)).collect())
        }
    })
}

pub(crate) fn record_of(r: &Records, i: usize) -> DuplicateRecord {
    match r {
        Records::Contacts(v) => {
            let c = &v[i];
            DuplicateRecord { id: c.id.clone(), name: display_name(&c.first_name, &c.last_name), subtitle: c.title.clone(), created_at: c.created_at }
        }
        Records::Companies(v) => {
            let c = &v[i];
            DuplicateRecord { id: c.id.clone(), name: c.name.clone(), subtitle: c.domain.clone(), created_at: c.created_at }
        }
    }
}

pub(crate) async fn merge_candidates<C: ConnectionTrait>(db: &C, kind: RecordKind, ids: &[String]) -> CoreResult<MergeCandidates> {
    let recs = load_records(db, kind, ids, "ids", None).await?;
    let n = ids.len();
    let fields_list = match kind {
        RecordKind::Contact => CONTACT_FIELDS,
        RecordKind::Company => COMPANY_FIELDS,
    };
    let mut fields = Vec::new();
    for (field, label) in fields_list {
        let mut values = Vec::with_capacity(n);
        for i in 0..n {
            let v = match &recs {
                Records::Contacts(v) => shown(db, kind, field, &|c| contact_get(&v[i], c)).await?,
                Records::Companies(v) => shown(db, kind, field, &|c| company_get(&v[i], c)).await?,
            };
            values.push(v);
        }
        fields.push(MergeField { field: field.to_string(), label: label.to_string(), values });
    }
    let mut linked = Vec::with_capacity(n);
    for id in ids {
        linked.push(linked_summary(db, kind, id).await?);
    }
    Ok(MergeCandidates { kind, records: (0..n).map(|i| record_of(&recs, i)).collect(), fields, linked })
}
