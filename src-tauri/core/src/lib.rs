//! Hearth CRM domain crate: no Tauri here. One module per aggregate; free functions over a
//! sea-orm connection; DTOs derive `specta::Type`; errors are the typed [`CoreError`].

pub mod activities;
mod bulk;
pub mod common;
pub mod companies;
pub mod contacts;
pub mod deals;
pub mod demo;
pub mod duplicates;
mod demo_deals;
mod demo_hygiene;
pub mod entities;
pub mod error;
pub mod export;
pub mod generate;
pub mod hygiene;
pub mod import;
pub mod lead_sources;
pub mod lifecycle;
pub mod lost_reasons;
pub mod meta;
pub mod pipelines;
pub mod privacy;
pub mod search;
pub mod sqlite;
pub mod tags;
pub mod validate;

pub use error::{CoreError, CoreResult, FieldError};
pub use sea_orm::DatabaseConnection;

/// Opens the database file (creating and migrating it as needed) and seeds first-start data.
pub async fn open_database(path: &std::path::Path) -> CoreResult<DatabaseConnection> {
    let db = sqlite::open(path).await?;
    seed(&db).await?;
    Ok(db)
}

/// The same, in memory (tests).
pub async fn open_memory_database() -> CoreResult<DatabaseConnection> {
    let db = sqlite::open_in_memory().await?;
    seed(&db).await?;
    Ok(db)
}

/// First-start lists: lead sources, lost reasons and the default pipeline.
async fn seed(db: &DatabaseConnection) -> CoreResult<()> {
    lead_sources::ensure_defaults(db).await?;
    lost_reasons::ensure_defaults(db).await?;
    pipelines::ensure_default(db).await
}
