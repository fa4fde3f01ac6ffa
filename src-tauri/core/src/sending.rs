//! The owner's sending rules, shared by sequences and broadcasts: the frequency cap per
//! contact, quiet hours, the owner's time zone and holidays; and the e-mail server settings
//! (the password is not here: it lives in the OS keychain, see `mail::secrets`).

use crate::common::{new_id, now};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::meta;
use crate::sequences::timing::Rules;
use crate::validate::{Validator, MAX_NAME, MAX_SHORT};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde::{Deserialize, Serialize};

const CAP_COUNT: &str = "sending.cap_count";
const CAP_DAYS: &str = "sending.cap_days";
const QUIET: &str = "sending.quiet";
const OWNER_TZ: &str = "sending.owner_time_zone";
const OPEN_DAYS: &str = "sending.open_days";

/// Monday to Friday.
fn weekdays() -> Vec<bool> {
    vec![true, true, true, true, true, false, false]
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SendingRules {
    /// At most this many marketing e-mails to one contact …
    pub cap_count: u32,
    /// … within this many days (0 turns the cap off).
    pub cap_days: u32,
    /// No e-mails or calls between these minutes of the contact's day (`null`: none).
    pub quiet_start: Option<u16>,
    pub quiet_end: Option<u16>,
    /// IANA name (Europe/Oslo): holidays and contacts without a zone use it.
    pub owner_time_zone: String,
    /// The business's open days, Monday first (7 entries): "business days" in sequence delays
    /// count only these (less holidays). Monday to Friday unless chosen.
    #[serde(default = "weekdays")]
    pub open_days: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Holiday {
    pub id: String,
    pub on_date: NaiveDate,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HolidayInput {
    pub on_date: NaiveDate,
    pub name: String,
}

pub async fn rules_get<C: ConnectionTrait>(db: &C) -> CoreResult<SendingRules> {
    let num = |v: Option<String>, d: u32| v.and_then(|s| s.parse().ok()).unwrap_or(d);
    let quiet = meta::get(db, QUIET).await?;
    let (quiet_start, quiet_end) = match quiet.as_deref() {
        Some("") => (None, None),
        Some(s) => match s.split_once('-').map(|(a, b)| (a.parse().ok(), b.parse().ok())) {
            Some((Some(a), Some(b))) => (Some(a), Some(b)),
            _ => (Some(20 * 60), Some(8 * 60)),
        },
        None => (Some(20 * 60), Some(8 * 60)),
    };
    Ok(SendingRules {
        cap_count: num(meta::get(db, CAP_COUNT).await?, 1),
        cap_days: num(meta::get(db, CAP_DAYS).await?, 7),
        quiet_start,
        quiet_end,
        owner_time_zone: meta::get(db, OWNER_TZ).await?.unwrap_or_else(|| "UTC".into()),
        open_days: match meta::get(db, OPEN_DAYS).await?.as_deref() {
            Some(s) if s.len() == 7 && s.contains('1') => s.chars().map(|c| c == '1').collect(),
            _ => weekdays(),
        },
    })
}

pub async fn rules_set<C: ConnectionTrait>(db: &C, r: &SendingRules) -> CoreResult<SendingRules> {
    let mut v = Validator::new();
    if r.cap_count > 100 {
        v.add("cap_count", "out_of_range", "At most 100 e-mails.");
    }
    if r.cap_days > 365 {
        v.add("cap_days", "out_of_range", "At most 365 days.");
    }
    match (r.quiet_start, r.quiet_end) {
        (None, None) => {}
        (Some(a), Some(b)) if a < 1440 && b < 1440 && a != b => {}
        (Some(_), Some(_)) => v.add("quiet_start", "invalid_hours", "Quiet hours need a start and an end that differ, each between 00:00 and 23:59."),
        _ => v.add("quiet_start", "invalid_hours", "Quiet hours need both a start and an end."),
    }
    if r.open_days.len() != 7 {
        v.add("open_days", "invalid_days", "Give the seven days of the week, Monday first.");
    } else if !r.open_days.contains(&true) {
        v.add("open_days", "no_open_day", "Choose at least one day the business is open.");
    }
    let tz = v.time_zone("owner_time_zone", &Some(r.owner_time_zone.clone()));
    if tz.is_none() {
        v.add("owner_time_zone", "required", "Choose your time zone.");
    }
    v.finish()?;
    meta::set(db, CAP_COUNT, &r.cap_count.to_string()).await?;
    meta::set(db, CAP_DAYS, &r.cap_days.to_string()).await?;
    let quiet = match (r.quiet_start, r.quiet_end) {
        (Some(a), Some(b)) => format!("{a}-{b}"),
        _ => String::new(),
    };
    meta::set(db, QUIET, &quiet).await?;
    meta::set(db, OWNER_TZ, tz.as_deref().unwrap_or("UTC")).await?;
    meta::set(db, OPEN_DAYS, &r.open_days.iter().map(|d| if *d { '1' } else { '0' }).collect::<String>()).await?;
    rules_get(db).await
}

/// The owner's time zone, set once from the app's (the UI knows it) unless chosen already.
pub async fn adopt_time_zone<C: ConnectionTrait>(db: &C, tz: &str) -> CoreResult<()> {
    if meta::get(db, OWNER_TZ).await?.is_none() && tz.parse::<chrono_tz::Tz>().is_ok() {
        meta::set(db, OWNER_TZ, tz).await?;
    }
    Ok(())
}

pub async fn holidays<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<Holiday>> {
    let q = Query::select().columns(["id", "on_date", "name"]).from("holidays").order_by("on_date", Order::Asc).to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&q).await? {
        out.push(Holiday { id: r.try_get_by_index(0)?, on_date: r.try_get_by_index(1)?, name: r.try_get_by_index(2)? });
    }
    Ok(out)
}

/// Writes a holiday without an action (the demo).
pub(crate) async fn insert_holiday<C: ConnectionTrait>(db: &C, on: NaiveDate, name: &str) -> CoreResult<()> {
    let t = now();
    let q = Query::insert()
        .into_table("holidays")
        .columns(["id", "on_date", "name", "created_at", "updated_at"])
        .values_panic([new_id().into(), on.into(), name.into(), t.into(), t.into()])
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

pub async fn holiday_add<C: ConnectionTrait + TransactionTrait>(db: &C, input: &HolidayInput) -> CoreResult<Vec<Holiday>> {
    let mut v = Validator::new();
    let name = v.required("name", &input.name, MAX_NAME);
    if holidays(db).await?.iter().any(|h| h.on_date == input.on_date) {
        v.add("on_date", "duplicate", format!("{} is a holiday already.", input.on_date.format("%Y-%m-%d")));
    }
    v.finish()?;
    let act = history::begin(db, ActionKind::Create, "holidays", None).await?;
    insert_holiday(&*act, input.on_date, &name).await?;
    act.describe(&name).await?;
    act.commit().await?;
    holidays(db).await
}

pub async fn holiday_delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<Vec<Holiday>> {
    let h = holidays(db).await?.into_iter().find(|h| h.id == id).ok_or_else(|| CoreError::not_found("holiday", id))?;
    let act = history::begin(db, ActionKind::Delete, "holidays", Some(id)).await?;
    act.execute(&Query::delete().from_table("holidays").and_where(Expr::col("id").eq(id)).to_owned()).await?;
    act.describe(&h.name).await?;
    act.commit().await?;
    holidays(db).await
}

/// The rules as the scheduler uses them.
pub async fn rules<C: ConnectionTrait>(db: &C) -> CoreResult<Rules> {
    let r = rules_get(db).await?;
    Ok(Rules {
        cap_count: r.cap_count,
        cap_days: r.cap_days,
        quiet: r.quiet_start.zip(r.quiet_end),
        holidays: holidays(db).await?.into_iter().map(|h| h.on_date).collect(),
        owner_tz: r.owner_time_zone.parse().unwrap_or(chrono_tz::Tz::UTC),
        open_days: r.open_days.iter().enumerate().filter(|(_, open)| **open).fold(0u8, |bits, (i, _)| bits | 1 << i),
    })
}

/// How the connection to the mail server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// STARTTLS on the submission port (587).
    StartTls,
    /// TLS from the start (465).
    Tls,
    /// No encryption (a server on this machine or the local network only).
    None,
}

/// Where e-mails go out (the password is kept in the OS keychain, not here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// Empty: the server needs no login.
    pub username: String,
    pub from_name: String,
    pub from_email: String,
    pub signature: String,
}

const SMTP: &str = "smtp.settings";

/// The server settings, or `None` when e-mail sending is not set up (e-mail steps then become
/// tasks with a mailto: link).
pub async fn smtp_get<C: ConnectionTrait>(db: &C) -> CoreResult<Option<SmtpSettings>> {
    let Some(json) = meta::get(db, SMTP).await? else { return Ok(None) };
    let mut s: SmtpSettings = serde_json::from_str(&json).map_err(|e| CoreError::Storage { message: format!("the e-mail settings are unreadable: {e}") })?;
    s.signature = meta::get(db, crate::templates::SIGNATURE).await?.unwrap_or_default();
    Ok(Some(s))
}

pub fn smtp_validated(s: &SmtpSettings) -> CoreResult<SmtpSettings> {
    let mut v = Validator::new();
    let host = v.required("host", &s.host, MAX_NAME);
    if host.contains(char::is_whitespace) || host.contains('/') || host.contains(':') {
        v.add("host", "invalid_host", "A host name such as smtp.example.com (no “smtp://”, no port).");
    }
    if s.port == 0 {
        v.add("port", "invalid_port", "A port between 1 and 65535 (usually 587 or 465).");
    }
    let username = s.username.trim().to_string();
    v.max_len("username", &username, MAX_NAME);
    let from_name = s.from_name.trim().to_string();
    v.max_len("from_name", &from_name, MAX_NAME);
    let from_email = v.email("from_email", &s.from_email);
    let signature = s.signature.trim_end().to_string();
    v.max_len("signature", &signature, MAX_SHORT * 4);
    v.finish()?;
    Ok(SmtpSettings { host, port: s.port, security: s.security, username, from_name, from_email, signature })
}

pub async fn smtp_set<C: ConnectionTrait>(db: &C, s: &SmtpSettings) -> CoreResult<SmtpSettings> {
    let clean = smtp_validated(s)?;
    let json = serde_json::to_string(&SmtpSettings { signature: String::new(), ..clean.clone() }).unwrap_or_default();
    meta::set(db, SMTP, &json).await?;
    meta::set(db, crate::templates::SIGNATURE, &clean.signature).await?;
    Ok(clean)
}

/// Turns e-mail sending off (e-mail steps become tasks with a mailto: link again).
pub async fn smtp_clear<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    db.execute(&Query::delete().from_table("app_meta").and_where(Expr::col("key").eq(SMTP)).to_owned()).await?;
    Ok(())
}
