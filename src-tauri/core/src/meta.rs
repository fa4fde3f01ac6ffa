//! Application metadata kept in the database: whether the first-start choice was made, the
//! owner's name, and counts for the status bar.

use crate::entities::app_meta;
use crate::error::CoreResult;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};

pub const ONBOARDED: &str = "onboarded";
pub const DEMO_LOADED: &str = "demo_loaded";
/// The name of the person using this copy of Hearth (recorded as "by whom" in histories).
pub const USER_NAME: &str = "user_name";
/// The version of Hearth that last opened the database (named when an older Hearth refuses it).
pub const APP_VERSION: &str = "app_version";

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct AppStatus {
    /// True until the person chose "Load a demo business" or "Start empty" on an empty database.
    pub needs_onboarding: bool,
    pub demo_loaded: bool,
    pub contact_count: u32,
    pub company_count: u32,
    pub schema_version: u32,
    pub version: String,
}

pub async fn get<C: ConnectionTrait>(db: &C, key: &str) -> CoreResult<Option<String>> {
    Ok(app_meta::Entity::find_by_id(key.to_string()).one(db).await?.map(|m| m.value))
}

pub async fn set<C: ConnectionTrait>(db: &C, key: &str, value: &str) -> CoreResult<()> {
    app_meta::Entity::insert(app_meta::ActiveModel { key: Set(key.into()), value: Set(value.into()) })
        .on_conflict(OnConflict::column(app_meta::Column::Key).update_column(app_meta::Column::Value).to_owned())
        .exec(db)
        .await?;
    Ok(())
}

/// How many live rows `table` (contacts or companies) has, from the counter the database keeps.
pub async fn live_count<C: ConnectionTrait>(db: &C, table: &str) -> CoreResult<u32> {
    let q = Query::select().column("n").from("live_counts").and_where(Expr::col("name").eq(table)).to_owned();
    match db.query_one(&q).await? {
        Some(r) => Ok(std::cmp::max(r.try_get_by_index::<i64>(0)?, 0) as u32),
        None => Ok(0),
    }
}

pub async fn status<C: ConnectionTrait>(db: &C) -> CoreResult<AppStatus> {
    let contact_count = live_count(db, "contacts").await?;
    let company_count = live_count(db, "companies").await?;
    let onboarded = get(db, ONBOARDED).await?.is_some();
    Ok(AppStatus {
        needs_onboarding: !onboarded && contact_count == 0 && company_count == 0,
        demo_loaded: get(db, DEMO_LOADED).await?.is_some(),
        contact_count,
        company_count,
        schema_version: hearth_migrations::schema_version() as u32,
        version: env!("CARGO_PKG_VERSION").to_string(),
    })
}

/// Records the "Start empty" choice so the first-start screen is not shown again.
pub async fn start_empty<C: ConnectionTrait>(db: &C) -> CoreResult<AppStatus> {
    set(db, ONBOARDED, "empty").await?;
    status(db).await
}

/// Everyone who owns a contact or a company, for the owner filter and picker.
pub async fn owners<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<String>> {
    // The contacts' owners are read by skipping from one owner to the next in the live-owner
    // index (a handful of index seeks), not by reading 100k contacts. Plain SQL that PostgreSQL
    // runs as well.
    let sql = "WITH RECURSIVE o(owner) AS ( \
                 SELECT MIN(owner) FROM contacts WHERE deleted_at IS NULL AND owner IS NOT NULL \
                 UNION ALL \
                 SELECT (SELECT MIN(c.owner) FROM contacts c WHERE c.deleted_at IS NULL AND c.owner > o.owner) FROM o WHERE o.owner IS NOT NULL) \
               SELECT owner FROM o WHERE owner IS NOT NULL \
               UNION SELECT owner FROM companies WHERE deleted_at IS NULL AND owner IS NOT NULL ORDER BY 1";
    let rows = db.query_all_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await?;
    rows.iter().map(|r| r.try_get_by_index(0).map_err(Into::into)).collect()
}

/// Sets (or, when blank, clears) the name recorded as "by whom" in histories.
pub async fn set_user_name<C: ConnectionTrait>(db: &C, name: &str) -> CoreResult<()> {
    let mut v = crate::validate::Validator::new();
    let name = v.optional("name", &Some(name.to_string()), crate::validate::MAX_NAME);
    v.finish()?;
    match name {
        Some(n) => set(db, USER_NAME, &n).await,
        None => {
            app_meta::Entity::delete_by_id(USER_NAME.to_string()).exec(db).await?;
            Ok(())
        }
    }
}
