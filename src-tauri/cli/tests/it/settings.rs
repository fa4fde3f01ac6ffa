//! `hearth-cli settings`: regional formats, and the data folder chosen in the app.

use crate::common::*;
use std::process::Command;

#[test]
fn regional_formats_are_shown_changed_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let shown = json(cli(&db, &["settings", "show", "--json"]));
    assert_eq!((shown["regional"]["chosen"]["currency"].as_str(), shown["regional"]["saved"].as_bool()), (Some("EUR"), Some(false)));
    assert_eq!(shown["data_folder"]["movable"], false, "named with --db");

    let set = json(cli(&db, &["settings", "regional", "--currency", "usd", "--locale", "en_US", "--date-order", "mdy", "--clock", "12", "--json"]));
    let chosen = &set["regional"]["chosen"];
    assert_eq!((chosen["currency"].as_str(), chosen["locale"].as_str(), chosen["date_order"].as_str(), chosen["clock"].as_str()), (Some("USD"), Some("en-US"), Some("month_day_year"), Some("h12")));
    assert_eq!(chosen["week_start"], "system", "left out: unchanged");

    let (code, err) = failed(&cli(&db, &["settings", "regional", "--currency", "dollars"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("is not a currency code"), "{err}");
    let text = text(cli(&db, &["settings", "show"]));
    assert!(text.contains("Default currency: USD") && text.contains("Language and region: en-US"), "{text}");
}

#[test]
#[cfg(target_os = "linux")]
fn without_a_named_database_it_opens_the_folder_the_app_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let home = data.join("app.hearthcrm.desktop");
    let chosen = dir.path().join("chosen");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(home.join("data-folder"), format!("{}\n", chosen.display())).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_hearth-cli"))
            .env_remove("HEARTH_DB")
            .env("XDG_DATA_HOME", &data)
            .env("HOME", dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let shown = json(run(&["settings", "show", "--json"]));
    assert_eq!(shown["data_folder"]["database"], chosen.join("hearth.db").display().to_string());
    assert_eq!((shown["data_folder"]["movable"].as_bool(), shown["data_folder"]["uses_default"].as_bool()), (Some(true), Some(false)));
    assert!(chosen.join("hearth.db").exists() && !home.join("hearth.db").exists(), "the database is in the chosen folder");
}
