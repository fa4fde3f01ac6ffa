//! Hearth CRM domain crate: no Tauri here. One module per aggregate; free functions over a
//! sea-orm connection; DTOs derive `specta::Type`; errors are the typed [`CoreError`].

pub mod activities;
pub mod backups;
pub mod broadcasts;
mod bulk;
pub mod calendar;
pub mod common;
pub mod companies;
pub mod contacts;
pub mod conversion;
pub mod criteria;
pub mod data_folder;
pub mod deals;
pub mod demo;
pub mod duplicates;
mod demo_after_sale;
mod demo_audience;
mod demo_feedback;
mod demo_deals;
mod demo_history;
mod demo_hygiene;
mod demo_sequences;
pub mod entities;
pub mod error;
pub mod export;
pub mod fuzzing;
pub mod generate;
pub mod history;
pub mod hygiene;
pub mod import;
pub mod lead_sources;
pub mod lifecycle;
pub mod lost_reasons;
pub mod mail;
pub mod meta;
pub mod onboarding;
pub mod orders;
pub mod outbox;
pub mod personas;
pub mod pipelines;
pub mod privacy;
pub mod products;
pub mod referrals;
pub mod regional;
pub mod reports;
pub mod scoring;
pub mod search;
pub mod segments;
pub mod sending;
pub mod sequences;
pub mod sqlite;
pub mod suggestions;
pub mod surveys;
pub mod tags;
pub mod templates;
pub mod tickets;
pub mod tiers;
pub mod upkeep;
pub mod validate;

pub use error::{CoreError, CoreResult, DbProblem, FieldError};
pub use sea_orm::DatabaseConnection;

/// Opens the database file (creating and migrating it as needed) and seeds first-start data.
/// A file written by a newer Hearth is refused untouched; a damaged one is reported as
/// [`DbProblem::Damaged`]; before a migration changes an existing database, it is snapshotted.
pub async fn open_database(path: &std::path::Path) -> CoreResult<DatabaseConnection> {
    let db = sqlite::open_file(path).await?;
    match prepare(&db, path).await {
        Ok(()) => Ok(db),
        Err(e) => {
            db.close().await.ok();
            Err(damage_aware(e, path))
        }
    }
}

async fn prepare(db: &DatabaseConnection, path: &std::path::Path) -> CoreResult<()> {
    let applied = sqlite::applied_migrations(db).await?;
    let known = sqlite::known_migrations();
    sqlite::refuse_newer(db, &applied, &known).await?;
    if !applied.is_empty() && applied.len() < known.len() {
        backups::take(db, path, backups::SnapshotReason::BeforeMigration, chrono::Utc::now()).await?;
    }
    sqlite::migrate(db).await?;
    // Written only when it changes: opening must not count as a change (automatic snapshots
    // are taken when data changed).
    if meta::get(db, meta::APP_VERSION).await?.as_deref() != Some(env!("CARGO_PKG_VERSION")) {
        meta::set(db, meta::APP_VERSION, env!("CARGO_PKG_VERSION")).await?;
    }
    history::clear_stale(db).await?;
    seed(db).await
}

/// A storage error that comes from a damaged file, said as such.
fn damage_aware(e: CoreError, path: &std::path::Path) -> CoreError {
    match &e {
        CoreError::Storage { message } if sqlite::is_damage_message(message) => {
            CoreError::database(
                DbProblem::Damaged,
                format!("The database at {} is damaged ({message}).", path.display()),
            )
        }
        _ => e,
    }
}

/// The same, in memory (tests).
pub async fn open_memory_database() -> CoreResult<DatabaseConnection> {
    let db = sqlite::open_in_memory().await?;
    seed(&db).await?;
    Ok(db)
}

/// First-start lists: lead sources, lost reasons and the default pipeline.
/// The default lead sources, lost reasons and pipeline, on first start (never in the history:
/// nobody did it). Opening an already seeded database writes nothing.
async fn seed(db: &DatabaseConnection) -> CoreResult<()> {
    use sea_orm::{EntityTrait, PaginatorTrait, TransactionTrait};
    let empty = entities::lead_source::Entity::find().count(db).await? == 0
        || entities::lost_reason::Entity::find().count(db).await? == 0
        || entities::pipeline::Entity::find().count(db).await? == 0
        || scoring::rules::list(db).await?.is_empty()
        || tiers::rules(db).await?.is_empty();
    if !empty {
        return Ok(());
    }
    let txn = db.begin().await?;
    history::quiet(&txn).await?;
    lead_sources::ensure_defaults(&txn).await?;
    lost_reasons::ensure_defaults(&txn).await?;
    pipelines::ensure_default(&txn).await?;
    scoring::rules::ensure_defaults(&txn).await?;
    tiers::ensure_defaults(&txn).await?;
    history::resume(&txn).await?;
    txn.commit().await?;
    Ok(())
}
