//! The Tauri shell: opens the database, registers the typed commands, starts the window.
//! All behaviour lives in `hearth_core`; commands here only adapt it to IPC.

pub mod applog;
pub mod commands;
pub mod links;
pub mod menu;
pub mod perf;
pub mod safekeeping;
pub mod memory;
pub mod native;
pub mod rendering;
pub mod scheduler;

#[global_allocator]
static ALLOCATOR: memory::CountingAllocator = memory::CountingAllocator;

use hearth_core::backups::AutoBackup;
use hearth_core::sqlite::DbLock;
use hearth_core::{CoreError, DatabaseConnection};
use std::path::{Path, PathBuf};
use tauri::{Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// Shared state of the running app.
pub struct AppState {
    /// The open database, or why it cannot be used (damaged, newer, in use, being restored).
    db: std::sync::RwLock<Result<DatabaseConnection, CoreError>>,
    pub db_path: PathBuf,
    /// The system's app-data folder when the database was found through it (and so may be
    /// moved from Settings); `None` when `--db` or `HEARTH_DB` named the file.
    pub data_home: Option<PathBuf>,
    /// The running import, if any, and its cancel flag.
    pub imports: commands::imports::ImportJobs,
    /// Events and native dialogs (set once the app is built).
    pub native: std::sync::OnceLock<std::sync::Arc<dyn native::Native>>,
    /// Automatic snapshots (`None` until started, and while a restore replaces the file).
    pub backups: tokio::sync::Mutex<Option<AutoBackup>>,
    /// Why the last automatic snapshot failed (shown on the Backups screen).
    pub backup_error: std::sync::Mutex<Option<String>>,
    /// Keeps a second Hearth off this database while the app runs.
    lock: std::sync::Mutex<Option<DbLock>>,
    /// The mail server's password: the OS keychain, or this session's memory without one.
    pub secrets: std::sync::Arc<hearth_core::mail::secrets::KeychainOrMemory>,
    /// Wakes the schedule at once (after an enrolment, a completed step, "Send now").
    pub scheduler: tokio::sync::Notify,
    /// One schedule run (and so one sender) at a time.
    pub sending: tokio::sync::Mutex<()>,
    /// Follow-ups due up to here have been announced.
    pub notified_until: std::sync::Mutex<Option<chrono::DateTime<chrono::Utc>>>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, db_path: PathBuf) -> Self {
        Self::opened(Ok(db), db_path)
    }

    /// The app without a usable database: its screens say why and offer what can be done.
    pub fn unusable(problem: CoreError, db_path: PathBuf) -> Self {
        Self::opened(Err(problem), db_path)
    }

    fn opened(db: Result<DatabaseConnection, CoreError>, db_path: PathBuf) -> Self {
        AppState {
            db: std::sync::RwLock::new(db),
            db_path,
            data_home: None,
            imports: Default::default(),
            native: Default::default(),
            backups: Default::default(),
            backup_error: Default::default(),
            lock: Default::default(),
            secrets: Default::default(),
            scheduler: Default::default(),
            sending: Default::default(),
            notified_until: Default::default(),
        }
    }

    /// Runs the schedule soon (it wakes from its sleep).
    pub fn poke_scheduler(&self) {
        self.scheduler.notify_one();
    }

    /// The database, or the reason it cannot be used right now.
    pub fn db(&self) -> Result<DatabaseConnection, CoreError> {
        self.db.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn set_db(&self, db: Result<DatabaseConnection, CoreError>) {
        *self.db.write().unwrap_or_else(|p| p.into_inner()) = db;
    }

    pub fn with_data_home(mut self, dir: Option<PathBuf>) -> Self {
        self.data_home = dir;
        self
    }

    pub fn with_lock(self, lock: DbLock) -> Self {
        *self.lock.lock().unwrap_or_else(|p| p.into_inner()) = Some(lock);
        self
    }

    /// Connects the state to a running app (real or mock) for events and dialogs.
    pub fn with_app<R: Runtime>(self, app: tauri::AppHandle<R>) -> Self {
        let _ = self.native.set(std::sync::Arc::new(native::NativeApp(app)));
        self
    }
}

/// The one registry of commands (and, later, events). Generic over the runtime so the real
/// app and the mock runtime in tests share it.
pub fn specta_builder<R: Runtime>() -> tauri_specta::Builder<R> {
    use commands::*;
    tauri_specta::Builder::<R>::new().commands(tauri_specta::collect_commands![
        app::app_status,
        app::demo_load,
        app::start_empty,
        app::perf_mark,
        app::app_memory,
        contacts::contacts_list,
        contacts::contact_get,
        contacts::contact_create,
        contacts::contact_update,
        contacts::contact_set_stage,
        contacts::contact_delete,
        contacts::contact_restore,
        companies::companies_list,
        companies::company_get,
        companies::company_create,
        companies::company_update,
        companies::company_delete,
        companies::company_restore,
        companies::industries_list,
        activities::activity_create,
        activities::activity_update,
        activities::activity_set_done,
        activities::activity_delete,
        activities::activity_restore,
        activities::timeline,
        activities::today,
        search::search,
        settings::lead_sources_list,
        settings::lead_source_create,
        settings::lead_source_update,
        settings::lead_source_delete,
        settings::tags_list,
        settings::owners_list,
        settings::user_name_get,
        settings::user_name_set,
        settings::regional_get,
        settings::regional_set,
        settings::regional_currencies,
        settings::data_folder_get,
        settings::data_folder_pick,
        settings::data_folder_move,
        app::app_restart,
        deals::deals_board,
        deals::deals_column,
        deals::deals_list,
        deals::deals_for_contact,
        deals::deals_for_company,
        deals::deal_get,
        deals::deal_history,
        deals::deal_create,
        deals::deal_update,
        deals::deal_move,
        deals::deal_delete,
        deals::deal_restore,
        pipelines::pipelines_list,
        pipelines::pipeline_create,
        pipelines::pipeline_rename,
        pipelines::pipeline_delete,
        pipelines::stage_create,
        pipelines::stage_update,
        pipelines::stages_reorder,
        pipelines::stage_delete,
        pipelines::lost_reasons_list,
        pipelines::lost_reason_create,
        pipelines::lost_reason_update,
        pipelines::lost_reason_delete,
        files::pick_open_file,
        files::pick_save_file,
        imports::import_open,
        imports::import_preview,
        imports::import_run,
        imports::import_cancel,
        imports::imports_list,
        imports::import_undo,
        imports::import_save_rejects,
        imports::import_mappings,
        imports::import_mapping_save,
        imports::import_mapping_delete,
        exports::export_list,
        exports::export_all,
        exports::export_file_name,
        hygiene::duplicates_find,
        hygiene::duplicates_of_contact,
        hygiene::duplicates_of_company,
        hygiene::merge_candidates,
        hygiene::merge_records,
        hygiene::merge_undo,
        hygiene::merges_list,
        hygiene::quality_overview,
        hygiene::quality_set_stale_days,
        hygiene::quality_rows,
        hygiene::quality_bulk,
        hygiene::email_set_bounced,
        privacy::consents_get,
        privacy::consent_record,
        privacy::may_contact,
        privacy::contact_export_data,
        privacy::contact_erase,
        privacy::audit_log,
        backups::backups_list,
        backups::backup_settings,
        backups::backup_now,
        backups::backup_folder_set,
        backups::backup_folder_pick,
        backups::backup_restore,
        backups::backup_newest_good,
        history::history_list,
        history::history_undo,
        history::history_undo_last,
        history::history_settings,
        history::history_retention_set,
        scoring::score_card,
        scoring::score_override_set,
        scoring::score_rules_list,
        scoring::score_rule_create,
        scoring::score_rule_update,
        scoring::score_rule_delete,
        scoring::score_thresholds,
        scoring::score_thresholds_set,
        scoring::score_rules_preview,
        scoring::score_rules_save,
        scoring::qualification_get,
        scoring::contact_qualify,
        segments::criteria_fields,
        segments::segments_list,
        segments::segments_names,
        segments::segment_get,
        segments::segment_create,
        segments::segment_update,
        segments::segment_delete,
        segments::segment_count,
        segments::segments_conversion,
        segments::segment_member_ids,
        personas::personas_list,
        personas::persona_create,
        personas::persona_update,
        personas::persona_delete,
        personas::personas_reorder,
        personas::contact_persona_get,
        personas::contact_persona_set,
        personas::personas_conversion,
        tiers::tiers_list,
        tiers::tier_update,
        tiers::tier_preview,
        tiers::tiers_conversion,
        tiers::contact_tier,
        products::products_list,
        products::product_create,
        products::product_update,
        products::product_set_archived,
        orders::orders_list,
        orders::order_get,
        orders::order_create,
        orders::order_refund,
        orders::order_delete,
        orders::subscription_cancel,
        orders::purchases_of,
        orders::purchase_rules_get,
        orders::purchase_rules_set,
        onboarding::onboarding_templates,
        onboarding::onboarding_template_create,
        onboarding::onboarding_template_update,
        onboarding::onboarding_template_delete,
        onboarding::onboardings_of_contact,
        tickets::tickets_list,
        tickets::ticket_get,
        tickets::ticket_create,
        tickets::ticket_update,
        tickets::ticket_set_status,
        tickets::ticket_add_note,
        tickets::service_levels,
        tickets::service_level_set,
        surveys::survey_record,
        surveys::surveys_list,
        surveys::survey_scores,
        surveys::survey_send,
        surveys::survey_rules_get,
        surveys::survey_rules_set,
        referrals::reviews_list,
        referrals::review_add,
        referrals::review_delete,
        referrals::referrers_list,
        referrals::reward_add,
        referrals::reward_set_given,
        reports::reports_catalog,
        reports::report_run,
        reports::report_records,
        reports::report_save_csv,
        reports::report_save_png,
        reports::goals_list,
        reports::goal_create,
        reports::goal_update,
        reports::goal_delete,
        reports::goal_baseline,
        suggestions::suggestions_for,
        suggestions::opportunities_list,
        suggestions::product_rules_list,
        suggestions::suggestion_to_deal,
        suggestions::at_risk_list,
        suggestions::rhythm_get,
        suggestions::rhythm_set,
        templates::templates_list,
        templates::template_create,
        templates::template_update,
        templates::template_archive,
        templates::template_preview,
        templates::merge_fields_all,
        templates::merge_fields_list,
        templates::merge_field_save,
        templates::merge_field_delete,
        sequences::sequences_list,
        sequences::sequence_names,
        sequences::sequence_get,
        sequences::sequence_create,
        sequences::sequence_update,
        sequences::sequence_delete,
        sequences::sequence_report,
        sequences::sequence_enrol,
        sequences::enrolments_list,
        sequences::enrolment_set,
        sequences::sequence_steps_due,
        sequences::sequence_step_complete,
        sequences::sequence_step_skip,
        sequences::scheduler_run_now,
        outbox::outbox_list,
        outbox::outbox_message,
        outbox::outbox_act,
        outbox::broadcasts_list,
        outbox::broadcast_create,
        outbox::broadcast_delete,
        outbox::broadcast_preview,
        outbox::broadcast_send,
        sending::sending_rules_get,
        sending::sending_rules_set,
        sending::owner_time_zone_adopt,
        sending::holidays_list,
        sending::holiday_add,
        sending::holiday_delete,
        sending::smtp_get,
        sending::smtp_set,
        sending::smtp_clear,
        sending::smtp_test,
        sending::calendar_feed_path,
        sending::calendar_export,
    ])
    .events(tauri_specta::collect_events![imports::ImportProgressEvent, backups::DatabaseProblemEvent, sequences::ScheduleEvent, menu::MenuCommand])
}

/// Writes the TypeScript bindings for every command and type.
pub fn export_bindings(path: &Path) -> Result<(), String> {
    specta_builder::<tauri::Wry>()
        .dangerously_cast_bigints_to_number()
        .disable_serde_phases()
        .export(
            specta_typescript::Typescript::default().header("// Generated by `cargo xtask bindings`. Do not edit by hand.\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

/// Where the database lives: `--db`, then `HEARTH_DB`, then the folder chosen in Settings,
/// then the OS app-data folder.
pub fn resolve_db_path(flag: Option<PathBuf>, app_data_dir: impl FnOnce() -> Option<PathBuf>) -> PathBuf {
    resolve_db(flag, app_data_dir).0
}

/// The database's path and, when it was found through the app-data folder, that folder.
pub fn resolve_db(flag: Option<PathBuf>, app_data_dir: impl FnOnce() -> Option<PathBuf>) -> (PathBuf, Option<PathBuf>) {
    if let Some(p) = flag.or_else(|| std::env::var_os("HEARTH_DB").filter(|v| !v.is_empty()).map(PathBuf::from)) {
        return (p, None);
    }
    match app_data_dir() {
        Some(home) => (hearth_core::data_folder::db_path(&home), Some(home)),
        None => (PathBuf::from(hearth_core::data_folder::FILE_NAME), None),
    }
}

/// How the app starts: normally, or (`--perf-minimal`) as a bare window that only reports
/// when it has painted — the baseline start-up figures are compared with.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    PerfMinimal,
}

pub fn run(db_flag: Option<PathBuf>, mode: Mode) {
    let builder = specta_builder::<tauri::Wry>();
    let mut app = tauri::Builder::default();
    if mode == Mode::Normal {
        // First: a second launch hands over to the running Hearth (its window comes to the
        // front) and exits. Linux finds the running one on the session D-Bus; without a bus
        // both run (and the second finds the database in use).
        app = app.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| menu::bring_to_front(app)));
    }
    let app = app
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        // Size, position, maximized and full screen, saved when the window closes and put
        // back when it opens (in the app's config folder, `.window-state.json`).
        .plugin(tauri_plugin_window_state::Builder::new().with_state_flags(tauri_plugin_window_state::StateFlags::all() - tauri_plugin_window_state::StateFlags::VISIBLE).build())
        .menu(menu::build)
        .on_menu_event(menu::chosen)
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let mut window = app.config().app.windows.first().cloned().unwrap_or_default();
            if mode == Mode::PerfMinimal {
                window.url = WebviewUrl::App("minimal.html".into());
            } else {
                if let Some(dir) = applog::folder(app.path().app_log_dir().ok()) {
                    applog::init(&dir);
                }
                let (path, home) = resolve_db(db_flag, || app.path().app_data_dir().ok());
                let state = safekeeping::open(path).with_data_home(home);
                app.manage(state.with_app(app.handle().clone()));
                safekeeping::start_background(app.handle().clone());
                scheduler::start(app.handle().clone());
                safekeeping::exit_on_signals(app.handle().clone());
            }
            let mut w = WebviewWindowBuilder::from_config(app.handle(), &window)?
                .on_navigation(links::on_navigation)
                .on_new_window(|url, _| {
                    links::on_navigation(&url);
                    tauri::webview::NewWindowResponse::Deny
                });
            if perf::enabled() && mode == Mode::Normal {
                // Start-up is measured to the first painted contacts list.
                w = w.initialization_script("if (!location.hash || location.hash === '#/') location.hash = '#/contacts';");
            }
            w.build()?;
            Ok(())
        })
        .build(tauri::generate_context!("tauri.conf.json"))
        .expect("error while starting Hearth");
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            safekeeping::on_exit(handle);
            applog::write("closed");
        }
    });
}
