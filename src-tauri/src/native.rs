//! What commands need from the running shell (events, native dialogs), behind a trait object
//! so the commands stay free of the runtime type parameter (tauri-specta cannot register
//! generic commands) while the real app and the mock runtime of the IPC tests both provide it.

use crate::commands::backups::DatabaseProblemEvent;
use crate::commands::imports::ImportProgressEvent;
use hearth_core::import::ImportProgress;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;
use tauri_specta::Event;

/// Called once with the picked path, or `None` when the user cancelled.
pub type Picked = Box<dyn FnOnce(Option<String>) + Send>;

pub trait Native: Send + Sync {
    fn import_progress(&self, p: ImportProgress);
    /// The open dialog for a file to import.
    fn pick_import_file(&self, done: Picked);
    fn pick_save_file(&self, suggested_name: &str, done: Picked);
    fn pick_folder(&self, title: &str, done: Picked);
    /// Tells the window that the database cannot be used any more.
    fn database_problem(&self, message: String);
    /// A native OS notification (follow-ups due).
    fn notify(&self, title: &str, body: &str);
    /// Tells the window the schedule changed something.
    fn schedule_ran(&self, report: crate::scheduler::RunReport);
    /// Closes Hearth (its exit work runs: the last snapshot) and starts it again.
    fn restart(&self);
}

pub struct NativeApp<R: Runtime>(pub AppHandle<R>);

fn path_of(p: Option<tauri_plugin_dialog::FilePath>) -> Option<String> {
    p.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string())
}

impl<R: Runtime> Native for NativeApp<R> {
    fn import_progress(&self, p: ImportProgress) {
        let _ = ImportProgressEvent(p).emit(&self.0);
    }

    fn pick_import_file(&self, done: Picked) {
        self.0
            .dialog()
            .file()
            .set_title("Choose a file to import")
            .add_filter("Spreadsheets and contacts", &["csv", "tsv", "txt", "xlsx", "vcf", "vcard"])
            .add_filter("All files", &["*"])
            .pick_file(move |p| done(path_of(p)));
    }

    fn pick_save_file(&self, suggested_name: &str, done: Picked) {
        let mut dialog = self.0.dialog().file().set_title("Save as").set_file_name(suggested_name);
        if let Some((_, ext)) = suggested_name.rsplit_once('.') {
            dialog = dialog.add_filter(ext.to_uppercase(), &[ext]);
        }
        dialog.save_file(move |p| done(path_of(p)));
    }

    fn pick_folder(&self, title: &str, done: Picked) {
        self.0.dialog().file().set_title(title).pick_folder(move |p| done(path_of(p)));
    }

    fn database_problem(&self, message: String) {
        let _ = DatabaseProblemEvent { message }.emit(&self.0);
    }

    fn notify(&self, title: &str, body: &str) {
        use tauri::Manager;
        // Without the plugin (the IPC tests' mock app) there is nothing to show it with.
        if let Some(n) = self.0.try_state::<tauri_plugin_notification::Notification<R>>() {
            if let Err(e) = n.builder().title(title).body(body).show() {
                crate::applog::write(&format!("notification not shown: {e}"));
            }
        }
        if let Ok(path) = std::env::var("HEARTH_TEST_NOTIFY_LOG") {
            use std::io::Write;
            if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
                let _ = writeln!(f, "{title}\t{}", body.replace('\n', " | "));
            }
        }
    }

    fn schedule_ran(&self, report: crate::scheduler::RunReport) {
        let _ = crate::commands::sequences::ScheduleEvent(report).emit(&self.0);
    }

    fn restart(&self) {
        self.0.request_restart();
    }
}
