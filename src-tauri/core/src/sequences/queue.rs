//! Putting a rendered e-mail in the outbox (sequence steps, broadcasts, surveys), and the domain
//! its message id is made in.

use crate::common::{new_id, now};
use crate::error::CoreResult;
use crate::templates::{self, Recipient};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::ConnectionTrait;

/// Puts an e-mail in the outbox; returns its id.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn queue_email<C: ConnectionTrait>(
    db: &C,
    key: &str,
    r: &Recipient,
    rendered: &templates::Rendered,
    send_after: DateTime<Utc>,
    source: &str,
    enrolment_step: Option<&str>,
    broadcast: Option<&str>,
    from_domain: &str,
    purpose: Option<crate::privacy::Purpose>,
) -> CoreResult<String> {
    let id = new_id();
    let t = now();
    let held = !rendered.missing.is_empty();
    let q = Query::insert()
        .into_table("outbox")
        .columns([
            "id", "key", "contact_id", "to_address", "to_name", "subject", "body_text", "body_html", "purpose", "status", "attempts", "send_after",
            "last_error", "message_id", "source", "enrolment_step_id", "broadcast_id", "created_at", "updated_at",
        ])
        .values_panic([
            id.clone().into(),
            key.into(),
            r.contact.id.clone().into(),
            rendered.to_address.clone().unwrap_or_default().into(),
            Some(rendered.to_name.clone()).into(),
            rendered.subject.clone().into(),
            rendered.text.clone().into(),
            rendered.html.clone().into(),
            purpose.map(|p| p.as_str()).into(),
            if held { "held" } else { "queued" }.into(),
            0i32.into(),
            send_after.into(),
            held.then(|| format!("Held for review: {} {} no value for this contact.", fields_words(&rendered.missing), if rendered.missing.len() == 1 { "has" } else { "have" })).into(),
            format!("<{}@{from_domain}>", new_id()).into(),
            Some(source).into(),
            enrolment_step.map(str::to_string).into(),
            broadcast.map(str::to_string).into(),
            t.into(),
            t.into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    Ok(id)
}

fn fields_words(keys: &[String]) -> String {
    keys.iter().map(|k| format!("{{{{{k}}}}}")).collect::<Vec<_>>().join(", ")
}

/// The domain message ids are made in (the sender's, else hearth.local).
pub(crate) fn id_domain(smtp: Option<&crate::sending::SmtpSettings>) -> String {
    smtp.and_then(|s| s.from_email.split_once('@').map(|(_, d)| d.to_string())).unwrap_or_else(|| "hearth.local".into())
}

