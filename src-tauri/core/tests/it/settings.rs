//! Regional formats (the default currency and the date order imports fall back on) and moving
//! the data folder.

use crate::common;
use hearth_core::data_folder;
use hearth_core::import::{self, ImportKind, ImportOptions, MatchBy, OnMatch};
use hearth_core::pipelines;
use hearth_core::deals::{self, DealInput, NewDeal};
use hearth_core::regional::{self, Clock, DateOrder, RegionalInput, WeekStart};
use hearth_core::{meta, open_database, CoreError, DatabaseConnection};
use sea_orm::{ConnectionTrait, Statement};
use std::sync::atomic::AtomicBool;

fn input(currency: &str) -> RegionalInput {
    RegionalInput {
        currency: currency.into(),
        locale: "en-US".into(),
        date_order: DateOrder::MonthDayYear,
        clock: Clock::H12,
        week_start: WeekStart::Sunday,
    }
}

async fn deal(db: &DatabaseConnection, currency: &str) {
    let p = pipelines::list(db).await.unwrap().remove(0);
    deals::create(db, NewDeal { pipeline_id: p.id, stage_id: None, deal: DealInput::titled("Deal", 1000, currency) }).await.unwrap();
}

fn field(e: CoreError) -> String {
    match e {
        CoreError::Validation { errors } => errors[0].field.clone(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_currency_is_inferred_until_chosen_and_a_bad_choice_changes_nothing() {
    let db = common::db().await;
    let r = regional::get(&db).await.unwrap();
    assert_eq!((r.chosen.currency.as_str(), r.saved), ("EUR", false), "no deals: EUR");
    assert_eq!((r.chosen.locale.as_str(), r.chosen.date_order, r.chosen.week_start), ("", DateOrder::System, WeekStart::System));
    deal(&db, "USD").await;
    deal(&db, "USD").await;
    deal(&db, "GBP").await;
    assert_eq!(regional::currency(&db).await.unwrap(), "USD", "the deals' usual currency");

    let saved = regional::set(&db, RegionalInput { currency: "chf".into(), ..input("") }).await.unwrap();
    assert!(saved.saved);
    assert_eq!(saved.chosen.currency, "CHF", "upper-cased");
    assert_eq!(regional::get(&db).await.unwrap(), saved, "read back as saved");

    assert_eq!(field(regional::set(&db, input("XYZ")).await.unwrap_err()), "currency");
    assert_eq!(field(regional::set(&db, RegionalInput { locale: "Swiss German".into(), ..input("EUR") }).await.unwrap_err()), "locale");
    assert_eq!(regional::get(&db).await.unwrap(), saved, "refused choices leave the saved one");
    let stored = meta::get(&db, regional::KEY).await.unwrap().unwrap();
    assert!(stored.contains("\"CHF\"") && stored.contains("month_day_year"), "{stored}");
}

async fn import_deals(db: &DatabaseConnection, csv: &str) -> Vec<(String, Option<chrono::NaiveDate>)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deals.csv");
    std::fs::write(&path, csv).unwrap();
    let info = import::open_file(db, ImportKind::Deals, &path, None).await.unwrap();
    let opts = ImportOptions {
        kind: ImportKind::Deals,
        path: path.display().to_string(),
        sheet: None,
        mapping: info.suggested,
        on_match: OnMatch::Update,
        match_by: vec![MatchBy::ExternalId],
        tags: vec![],
    };
    import::run(db, &opts, &|_| {}, &AtomicBool::new(false)).await.unwrap();
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), "SELECT currency, expected_close FROM deals ORDER BY title"))
        .await
        .unwrap();
    rows.iter().map(|r| (r.try_get_by_index(0).unwrap(), r.try_get_by_index(1).unwrap())).collect()
}

#[tokio::test]
async fn imports_take_the_default_currency_and_read_ambiguous_dates_in_the_chosen_order() {
    let csv = "Title,Value,Expected close\nA,100,03/04/2026\nB,200,05/06/2026\n";
    let d = |s: &str| Some(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());

    let db = common::db().await;
    let got = import_deals(&db, csv).await;
    assert_eq!(got, vec![("EUR".into(), d("2026-04-03")), ("EUR".into(), d("2026-06-05"))], "unset: day first, EUR");

    let db = common::db().await;
    regional::set(&db, input("USD")).await.unwrap();
    let got = import_deals(&db, csv).await;
    assert_eq!(got, vec![("USD".into(), d("2026-03-04")), ("USD".into(), d("2026-05-06"))], "month-day-year: month first");

    let db = common::db().await;
    regional::set(&db, input("USD")).await.unwrap();
    let telling = "Title,Value,Expected close\nA,100,03/04/2026\nB,200,25/06/2026\n";
    let got = import_deals(&db, telling).await;
    assert_eq!(got[0].1, d("2026-04-03"), "a day over 12 in the column decides, whatever the setting");
}

async fn file_db(dir: &std::path::Path) -> (std::path::PathBuf, DatabaseConnection) {
    let path = dir.join(data_folder::FILE_NAME);
    let db = open_database(&path).await.unwrap();
    common::create_jane(&db).await;
    (path, db)
}

async fn contacts_in(path: &std::path::Path) -> i64 {
    let db = open_database(path).await.unwrap();
    let n = meta::live_count(&db, "contacts").await.unwrap() as i64;
    db.close().await.unwrap();
    n
}

#[tokio::test]
async fn moving_the_data_copies_it_records_the_folder_and_keeps_the_old_file_aside() {
    let root = tempfile::tempdir().unwrap();
    let home = root.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let (path, db) = file_db(&home).await;
    hearth_core::backups::set_folder(&path, Some(root.path().join("snaps").to_str().unwrap())).unwrap();
    assert_eq!(data_folder::db_path(&home), path, "nothing chosen: the default folder");

    let target = root.path().join("elsewhere");
    let moved = data_folder::move_to(&db, &path, &home, target.to_str().unwrap()).await.unwrap();
    let new_path = target.join(data_folder::FILE_NAME);
    assert_eq!(moved.database, new_path.display().to_string());
    assert_eq!(data_folder::db_path(&home), new_path, "the next start opens the copy");
    assert_eq!(hearth_core::backups::folder(&new_path), root.path().join("snaps"), "the snapshot folder choice moved along");
    assert!(!target.join("hearth.db.moving").exists(), "no half-written copy left");
    db.close().await.unwrap();
    data_folder::retire(&path);
    assert!(!path.exists() && home.join("hearth.db.moved").exists(), "the old file is kept under another name");
    assert_eq!(contacts_in(&new_path).await, 1, "the copy holds the data");

    let described = data_folder::describe(&new_path, Some(&home));
    assert!(!described.uses_default && described.movable && described.size_bytes > 0, "{described:?}");
    assert!(!data_folder::describe(&new_path, None).movable, "a file named at start is not moved from Settings");

    // Back to the default folder: the record is removed.
    let db = open_database(&new_path).await.unwrap();
    data_folder::move_to(&db, &new_path, &home, home.to_str().unwrap()).await.unwrap();
    assert!(!home.join(data_folder::POINTER).exists());
    assert_eq!(data_folder::db_path(&home), home.join(data_folder::FILE_NAME));
    db.close().await.unwrap();
}

#[tokio::test]
async fn a_move_to_an_unusable_folder_is_refused_and_changes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let home = root.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let (path, db) = file_db(&home).await;
    let code = |e: CoreError| match e {
        CoreError::Validation { errors } => errors[0].code.clone(),
        other => panic!("expected a validation error, got {other:?}"),
    };
    assert_eq!(code(data_folder::move_to(&db, &path, &home, "").await.unwrap_err()), "required");
    assert_eq!(code(data_folder::move_to(&db, &path, &home, "relative/dir").await.unwrap_err()), "not_absolute");
    assert_eq!(code(data_folder::move_to(&db, &path, &home, home.to_str().unwrap()).await.unwrap_err()), "same_folder");
    let taken = root.path().join("taken");
    std::fs::create_dir_all(&taken).unwrap();
    std::fs::write(taken.join(data_folder::FILE_NAME), b"someone else's").unwrap();
    assert_eq!(code(data_folder::move_to(&db, &path, &home, taken.to_str().unwrap()).await.unwrap_err()), "holds_database");
    assert_eq!(std::fs::read(taken.join(data_folder::FILE_NAME)).unwrap(), b"someone else's", "left untouched");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = root.path().join("locked");
        std::fs::create_dir_all(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
        // Root may write anywhere; the refusal is only observable as another user.
        if std::fs::write(locked.join("probe"), b"").is_err() {
            let e = data_folder::move_to(&db, &path, &home, locked.to_str().unwrap()).await.unwrap_err();
            assert!(matches!(e, CoreError::Storage { .. }), "{e:?}");
        }
    }
    assert!(!home.join(data_folder::POINTER).exists(), "no folder recorded");
    assert_eq!(data_folder::db_path(&home), path);
    assert_eq!(meta::live_count(&db, "contacts").await.unwrap(), 1, "the data is as it was");
}

#[tokio::test]
async fn open_days_are_kept_with_the_sending_rules_and_at_least_one_is_needed() {
    use hearth_core::sending;
    let db = common::db().await;
    let r = sending::rules_get(&db).await.unwrap();
    assert_eq!(r.open_days, vec![true, true, true, true, true, false, false], "Monday to Friday by default");
    let closed = sending::SendingRules { open_days: vec![false; 7], ..r.clone() };
    assert_eq!(field(sending::rules_set(&db, &closed).await.unwrap_err()), "open_days");
    let short = sending::SendingRules { open_days: vec![true; 3], ..r.clone() };
    assert_eq!(field(sending::rules_set(&db, &short).await.unwrap_err()), "open_days");
    assert_eq!(sending::rules_get(&db).await.unwrap(), r, "refused: unchanged");
    let shop = sending::SendingRules { open_days: vec![false, true, true, true, true, true, false], ..r };
    assert_eq!(sending::rules_set(&db, &shop).await.unwrap().open_days, shop.open_days);
    assert_eq!(sending::rules(&db).await.unwrap().open_days, 0b0111110, "Tuesday to Saturday for the scheduler");
}
