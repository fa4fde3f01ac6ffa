//! The nurturing schedule inside the app: every minute (and at once after a change) the
//! sequences' due steps run, the outbox sends what is due when the mail server can be
//! reached, the calendar file of follow-ups is brought up to date, and follow-ups that just
//! fell due raise an OS notification. On start it catches up: steps that fell due while the
//! app was closed are due now, and e-mails found half-sent become "uncertain".

use crate::{applog, AppState};
use chrono::{DateTime, Duration, Utc};
use hearth_core::outbox::FlushReport;
use hearth_core::sequences::TickReport;
use hearth_core::{calendar, mail, outbox, sequences, CoreResult};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager, Runtime};

const EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// What one run did (shown by "Send now" and sent to the window as an event).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RunReport {
    pub tick: TickReport,
    /// `null` when e-mail sending is not set up.
    pub flush: Option<FlushReport>,
    /// Stay-in-touch reminders raised (missed rhythms).
    #[serde(default)]
    pub reminders: u32,
}

impl RunReport {
    fn changed(&self) -> bool {
        let t = &self.tick;
        let f = self.flush.clone().unwrap_or_default();
        t.enrolled + t.exited + t.emails_queued + t.emails_held + t.steps_due + t.skipped + t.finished + f.sent + f.failed + f.cancelled + f.uncertain + self.reminders > 0
    }
}

/// The calendar file Hearth keeps up to date beside the database (subscribe to it); none for
/// a database that is not a file (the IPC tests' in-memory one).
pub fn calendar_path(db_path: &Path) -> Option<PathBuf> {
    (db_path != Path::new(":memory:")).then(|| db_path.with_file_name("hearth-calendar.ics"))
}

/// Starts the schedule (after the window is up).
pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        if let Ok(db) = state.db() {
            // Whatever was being sent when the app last stopped may have gone out.
            match outbox::recover(&db, Utc::now(), Duration::zero()).await {
                Ok(0) => {}
                Ok(n) => applog::write(&format!("outbox: {n} e-mail(s) found half-sent, marked uncertain")),
                Err(e) => applog::write(&format!("outbox recovery failed: {}", applog::kind(&e))),
            }
        }
        loop {
            if let Err(e) = run_once(&state).await {
                applog::write(&format!("schedule run failed: {}", applog::kind(&e)));
            }
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                _ = state.scheduler.notified() => {}
            }
        }
    });
}

/// One run: steps, sending, calendar, notifications. One at a time.
pub async fn run_once(state: &AppState) -> CoreResult<RunReport> {
    let _one = state.sending.lock().await;
    let db = state.db()?;
    let now = Utc::now();
    let tick = sequences::tick(&db, now).await?;
    let flush = match mail::from_settings(&db, state.secrets.as_ref()).await? {
        None => None,
        Some(Err(e)) => Some(FlushReport { problem: Some(e.message), ..Default::default() }),
        Some(Ok(m)) => Some(outbox::flush(&db, &m, now, 50).await?),
    };
    if let Some(p) = flush.as_ref().and_then(|f| f.problem.as_ref()) {
        applog::write(&format!("outbox: not sending now ({})", p.split(':').next().unwrap_or("problem")));
    }
    let reminders = hearth_core::suggestions::raise_rhythm_reminders(&db, now).await?;
    let report = RunReport { tick, flush, reminders };
    if let Some(path) = calendar_path(&state.db_path) {
        if let Err(e) = calendar::export(&db, now).await.and_then(|text| calendar::write_file(&path, &text)) {
            applog::write(&format!("calendar file not written: {}", applog::kind(&e)));
        }
    }
    notify_due(state, &db, now).await?;
    if report.changed() {
        if let Some(n) = state.native.get() {
            n.schedule_ran(report.clone());
        }
    }
    Ok(report)
}

/// One notification for the follow-ups that fell due since the last run (on the first run:
/// what is due now).
async fn notify_due(state: &AppState, db: &hearth_core::DatabaseConnection, now: DateTime<Utc>) -> CoreResult<()> {
    let since = {
        let mut last = state.notified_until.lock().unwrap_or_else(|p| p.into_inner());
        let since = last.unwrap_or(now - Duration::days(1));
        *last = Some(now);
        since
    };
    let mut titles: Vec<String> = sequences::due_steps(db, now, None)
        .await?
        .into_iter()
        .filter(|s| s.due_at > since)
        .map(|s| match s.kind {
            sequences::StepKind::Call => format!("Call {}", s.contact.name),
            _ => format!("{} ({})", s.title, s.contact.name),
        })
        .collect();
    titles.extend(hearth_core::activities::due_between(db, since, now).await?.into_iter().map(|a| match a.contact {
        Some(c) => format!("{} ({})", a.subject, c.name),
        None => a.subject,
    }));
    if titles.is_empty() {
        return Ok(());
    }
    let title = if titles.len() == 1 { "A follow-up is due".to_string() } else { format!("{} follow-ups are due", titles.len()) };
    let mut body = titles.iter().take(3).cloned().collect::<Vec<_>>().join("\n");
    if titles.len() > 3 {
        body.push_str(&format!("\n…and {} more on the Today screen", titles.len() - 3));
    }
    if let Some(n) = state.native.get() {
        n.notify(&title, &body);
    }
    Ok(())
}
