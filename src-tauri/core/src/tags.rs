//! Free-form tags shared by contacts and companies (case-insensitive, created on first use).

use crate::common::{new_id, now};
use crate::entities::tag;
use crate::error::CoreResult;
use crate::validate::Validator;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const MAX_TAG: usize = 50;
pub const MAX_TAGS: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TagCount {
    pub name: String,
    pub contacts: u32,
    pub companies: u32,
}

/// Trims and de-duplicates tag names (case-insensitively), validating each.
pub fn clean_names(v: &mut Validator, field: &str, names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if names.len() > MAX_TAGS {
        v.add(field, "too_many", format!("At most {MAX_TAGS} tags."));
    }
    for (i, raw) in names.iter().enumerate() {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            continue;
        }
        v.max_len(&format!("{field}.{i}"), &name, MAX_TAG);
        if !out.iter().any(|o| o.to_lowercase() == name.to_lowercase()) {
            out.push(name);
        }
    }
    out
}

/// The ids of these tags, creating the ones that do not exist yet.
pub(crate) async fn ensure<C: ConnectionTrait>(db: &C, names: &[String]) -> CoreResult<Vec<String>> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        let key = name.to_lowercase();
        match tag::Entity::find().filter(tag::Column::NameKey.eq(&key)).one(db).await? {
            Some(t) => ids.push(t.id),
            None => {
                let id = new_id();
                tag::Entity::insert(tag::ActiveModel {
                    id: Set(id.clone()),
                    name: Set(name.clone()),
                    name_key: Set(key),
                    created_at: Set(now()),
                })
                .exec(db)
                .await?;
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

pub async fn set_contact_tags<C: ConnectionTrait>(db: &C, contact_id: &str, names: &[String]) -> CoreResult<()> {
    let ids = ensure(db, names).await?;
    replace_links(db, "contact_tags", "contact_id", contact_id, ids).await
}

pub async fn set_company_tags<C: ConnectionTrait>(db: &C, company_id: &str, names: &[String]) -> CoreResult<()> {
    let ids = ensure(db, names).await?;
    replace_links(db, "company_tags", "company_id", company_id, ids).await
}

pub async fn set_deal_tags<C: ConnectionTrait>(db: &C, deal_id: &str, names: &[String]) -> CoreResult<()> {
    let ids = ensure(db, names).await?;
    replace_links(db, "deal_tags", "deal_id", deal_id, ids).await
}

/// Makes `owner_id`'s tags exactly `ids`, touching only the links that change (so the history
/// shows the tags added and removed, not every tag again).
async fn replace_links<C: ConnectionTrait>(db: &C, table: &'static str, owner: &'static str, owner_id: &str, ids: Vec<String>) -> CoreResult<()> {
    let q = Query::select().column("tag_id").from(table).and_where(Expr::col(owner).eq(owner_id)).to_owned();
    let mut have = std::collections::HashSet::new();
    for r in db.query_all(&q).await? {
        have.insert(r.try_get_by_index::<String>(0)?);
    }
    let gone: Vec<&String> = have.iter().filter(|t| !ids.contains(t)).collect();
    if !gone.is_empty() {
        let del = Query::delete()
            .from_table(table)
            .and_where(Expr::col(owner).eq(owner_id))
            .and_where(Expr::col("tag_id").is_in(gone.into_iter().cloned()))
            .to_owned();
        db.execute(&del).await?;
    }
    let new: Vec<String> = ids.into_iter().filter(|t| !have.contains(t)).collect();
    if !new.is_empty() {
        let mut ins = Query::insert();
        ins.into_table(table).columns([owner, "tag_id"]);
        for tag_id in new {
            ins.values_panic([owner_id.into(), tag_id.into()]);
        }
        db.execute(&ins).await?;
    }
    Ok(())
}

/// Tag names per owner id, for a page of contacts (`contact_tags`) or companies (`company_tags`).
pub async fn names_for<C: ConnectionTrait>(
    db: &C,
    link_table: &'static str,
    owner_col: &'static str,
    ids: &[String],
) -> CoreResult<HashMap<String, Vec<String>>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(map);
    }
    let q = Query::select()
        .column((link_table, owner_col))
        .column(("tags", "name"))
        .from(link_table)
        .inner_join("tags", Expr::col(("tags", "id")).equals((link_table, "tag_id")))
        .and_where(Expr::col((link_table, owner_col)).is_in(ids.iter().cloned()))
        .order_by(("tags", "name_key"), sea_orm::Order::Asc)
        .to_owned();
    for row in db.query_all(&q).await? {
        let owner: String = row.try_get_by_index(0)?;
        let name: String = row.try_get_by_index(1)?;
        map.entry(owner).or_default().push(name);
    }
    Ok(map)
}

pub async fn list<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<TagCount>> {
    // Per tag: its links (a range of the link table's tag index) minus the links of rows in the
    // trash (found through the trash indexes). Checking every link's row for liveness read most
    // of the contacts table at 100k contacts.
    let sql = "SELECT t.name,
        (SELECT count(*) FROM contact_tags ct WHERE ct.tag_id = t.id)
          - (SELECT count(*) FROM contacts c WHERE c.deleted_at IS NOT NULL
               AND EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = c.id AND ct.tag_id = t.id)),
        (SELECT count(*) FROM company_tags ct WHERE ct.tag_id = t.id)
          - (SELECT count(*) FROM companies c WHERE c.deleted_at IS NOT NULL
               AND EXISTS (SELECT 1 FROM company_tags ct WHERE ct.company_id = c.id AND ct.tag_id = t.id))
        FROM tags t ORDER BY t.name_key";
    let rows = db.query_all_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await?;
    rows.iter()
        .map(|r| {
            Ok(TagCount {
                name: r.try_get_by_index(0)?,
                contacts: r.try_get_by_index::<i64>(1)? as u32,
                companies: r.try_get_by_index::<i64>(2)? as u32,
            })
        })
        .collect()
}
