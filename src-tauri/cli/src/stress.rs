//! `hearth-cli write-stream` (hidden): the writer of the crash-safety test. It writes contacts
//! (with an e-mail and a tag, so the search index and link tables are involved), activities and
//! updates, each in its own transaction, and prints one line per write only after it committed
//! (the acknowledgement the test holds it to):
//!
//!     contact <id> <email>
//!     activity <id>
//!     update <contact id> <title>

use hearth_core::activities::{self, ActivityInput, ActivityKind};
use hearth_core::contacts::{self, ContactInput, EmailInput};
use hearth_core::{CoreResult, DatabaseConnection};
use std::io::Write;

pub async fn run(db: &DatabaseConnection, prefix: &str, count: u32) -> CoreResult<()> {
    let mut out = std::io::stdout().lock();
    let mut last_contact: Option<String> = None;
    for i in 0..count {
        match i % 4 {
            0 | 1 => {
                let email = format!("{prefix}-{i}@crash.example");
                let mut c = ContactInput::named("Crash", &format!("{prefix} {i}"));
                c.emails = vec![EmailInput { email: email.clone(), label: None, is_primary: true }];
                c.tags = vec!["crash-test".into()];
                let created = contacts::create(db, c).await?;
                let _ = writeln!(out, "contact {} {email}", created.id);
                last_contact = Some(created.id);
            }
            2 => {
                let Some(id) = &last_contact else { continue };
                let a = activities::create(
                    db,
                    ActivityInput {
                        kind: ActivityKind::Note,
                        subject: format!("Note {prefix} {i}"),
                        body: Some("written by the crash test".into()),
                        contact_id: Some(id.clone()),
                        company_id: None,
                        deal_id: None,
                        occurred_at: None,
                        due_at: None,
                        duration_minutes: None,
                        outcome: None,
                    },
                )
                .await?;
                let _ = writeln!(out, "activity {}", a.id);
            }
            _ => {
                let Some(id) = &last_contact else { continue };
                let mut input = contacts::get(db, id).await?.to_input();
                let title = format!("title-{prefix}-{i}");
                input.title = Some(title.clone());
                contacts::update(db, id, input).await?;
                let _ = writeln!(out, "update {id} {title}");
            }
        }
        let _ = out.flush();
    }
    Ok(())
}
