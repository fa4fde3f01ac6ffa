//! Surveys: CSAT (1–5) and NPS (0–10). Asked by e-mail from a template (through the outbox),
//! answers recorded by hand or imported. A low score opens a ticket or a follow-up task; a high
//! score can ask for a review or a referral (a task) — both set in [`SurveyRules`].

use crate::common::{new_id, now, EntityRef};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::orders::time;
use crate::tickets::{self, TicketCategory, TicketChannel, TicketInput, TicketPriority};
use crate::validate::{Validator, MAX_LONG};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionSession, TransactionTrait};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SurveyKind {
    /// Customer satisfaction, 1 to 5.
    Csat,
    /// Net promoter score, 0 to 10.
    Nps,
}

impl SurveyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyKind::Csat => "csat",
            SurveyKind::Nps => "nps",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csat" => Some(SurveyKind::Csat),
            "nps" => Some(SurveyKind::Nps),
            _ => None,
        }
    }
    pub fn range(self) -> (i32, i32) {
        match self {
            SurveyKind::Csat => (1, 5),
            SurveyKind::Nps => (0, 10),
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SurveyKind::Csat => "CSAT",
            SurveyKind::Nps => "NPS",
        }
    }
    /// Unhappy: CSAT 1–2, NPS 0–6 (a detractor).
    pub fn is_low(self, score: i32) -> bool {
        match self {
            SurveyKind::Csat => score <= 2,
            SurveyKind::Nps => score <= 6,
        }
    }
    /// Delighted: CSAT 5, NPS 9–10 (a promoter).
    pub fn is_high(self, score: i32) -> bool {
        match self {
            SurveyKind::Csat => score >= 5,
            SurveyKind::Nps => score >= 9,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LowScoreAction {
    Ticket,
    Task,
    Nothing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum HighScoreAction {
    ReviewRequest,
    ReferralRequest,
    Nothing,
}

/// What a score sets off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SurveyRules {
    pub on_low: LowScoreAction,
    pub on_high: HighScoreAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SurveySource {
    Manual,
    Email,
    Import,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SurveyInput {
    pub contact_id: String,
    pub kind: SurveyKind,
    pub score: i32,
    pub comment: Option<String>,
    /// When they answered; now when absent.
    pub answered_at: Option<DateTime<Utc>>,
    pub source: SurveySource,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SurveyResponse {
    pub id: String,
    pub contact: Option<EntityRef>,
    pub kind: SurveyKind,
    pub score: i32,
    pub comment: Option<String>,
    pub source: String,
    pub answered_at: DateTime<Utc>,
    /// The ticket a low score opened, or the task it created.
    pub ticket_id: Option<String>,
    pub activity_id: Option<String>,
    /// What it set off, in words ("Opened ticket 12", "Asked for a review").
    pub follow_up: Option<String>,
}

/// A contact's latest scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ContactScores {
    pub nps: Option<i32>,
    pub csat: Option<i32>,
    pub responses: Vec<SurveyResponse>,
}

const RULES_LOW: &str = "surveys.on_low";
const RULES_HIGH: &str = "surveys.on_high";

pub async fn rules<C: ConnectionTrait>(db: &C) -> CoreResult<SurveyRules> {
    let low = match crate::meta::get(db, RULES_LOW).await?.as_deref() {
        Some("task") => LowScoreAction::Task,
        Some("nothing") => LowScoreAction::Nothing,
        _ => LowScoreAction::Ticket,
    };
    let high = match crate::meta::get(db, RULES_HIGH).await?.as_deref() {
        Some("referral_request") => HighScoreAction::ReferralRequest,
        Some("nothing") => HighScoreAction::Nothing,
        _ => HighScoreAction::ReviewRequest,
    };
    Ok(SurveyRules { on_low: low, on_high: high })
}

pub async fn set_rules<C: ConnectionTrait>(db: &C, r: &SurveyRules) -> CoreResult<SurveyRules> {
    let low = match r.on_low {
        LowScoreAction::Ticket => "ticket",
        LowScoreAction::Task => "task",
        LowScoreAction::Nothing => "nothing",
    };
    let high = match r.on_high {
        HighScoreAction::ReviewRequest => "review_request",
        HighScoreAction::ReferralRequest => "referral_request",
        HighScoreAction::Nothing => "nothing",
    };
    crate::meta::set(db, RULES_LOW, low).await?;
    crate::meta::set(db, RULES_HIGH, high).await?;
    rules(db).await
}

async fn contact_name<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<Option<String>> {
    let sql = "SELECT trim(first_name || ' ' || last_name) FROM contacts WHERE id = ? AND deleted_at IS NULL";
    Ok(match db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [id.into()])).await? {
        Some(r) => Some(r.try_get_by_index(0)?),
        None => None,
    })
}

/// Checks an answer: a live contact, a score in the survey's range.
pub(crate) async fn validated<C: ConnectionTrait>(db: &C, input: &SurveyInput) -> CoreResult<(SurveyInput, String)> {
    let mut v = Validator::new();
    let name = contact_name(db, &input.contact_id).await?;
    if name.is_none() {
        v.add("contact_id", "not_found", "This contact no longer exists.");
    }
    let (lo, hi) = input.kind.range();
    if !(lo..=hi).contains(&input.score) {
        v.add("score", "out_of_range", format!("A {} score is from {lo} to {hi} ({} given).", input.kind.label(), input.score));
    }
    let comment = v.optional("comment", &input.comment, MAX_LONG);
    v.date("answered_at", &input.answered_at);
    v.finish()?;
    Ok((SurveyInput { comment, ..input.clone() }, name.unwrap_or_default()))
}

async fn task<C: ConnectionTrait>(db: &C, contact_id: &str, subject: &str, body: &str, due: DateTime<Utc>) -> CoreResult<String> {
    crate::activities::tasks::insert_task(db, contact_id, subject, body, due, due).await
}

/// Writes a checked answer and what its score sets off, inside the caller's action.
pub(crate) async fn insert<C: ConnectionTrait>(db: &C, s: &SurveyInput, name: &str, at: DateTime<Utc>) -> CoreResult<String> {
    insert_with(db, s, name, at, true).await
}

/// Imported answers older than this (days before the import) set off no follow-up.
pub const IMPORT_FOLLOW_UP_DAYS: i64 = 30;

/// Writes a checked answer from an import, inside the import's transaction. A recent answer
/// (at most [`IMPORT_FOLLOW_UP_DAYS`] days old) sets off its follow-up (ticket or task) as a
/// recorded one does; a historic one sets off **nothing**: no ticket or task is created for
/// last year's scores. Returns the answer's id.
pub(crate) async fn insert_imported<C: ConnectionTrait>(db: &C, s: &SurveyInput, name: &str, at: DateTime<Utc>) -> CoreResult<String> {
    let recent = s.answered_at.is_none_or(|d| at - d <= Duration::days(IMPORT_FOLLOW_UP_DAYS));
    insert_with(db, s, name, at, recent).await
}

async fn insert_with<C: ConnectionTrait>(db: &C, s: &SurveyInput, name: &str, at: DateTime<Utc>, set_off: bool) -> CoreResult<String> {
    let id = new_id();
    let answered = s.answered_at.unwrap_or(at);
    let r = rules(db).await?;
    let label = format!("{} {}", s.kind.label(), s.score);
    let about = s.comment.clone().map(|c| format!("“{c}”")).unwrap_or_else(|| "No comment given.".into());
    let (mut ticket_id, mut activity_id, mut follow_up) = (None, None, None);
    if set_off && s.kind.is_low(s.score) {
        match r.on_low {
            LowScoreAction::Ticket => {
                let t = TicketInput {
                    subject: format!("Low {label} from {name}"),
                    description: Some(about.clone()),
                    category: TicketCategory::Success,
                    priority: TicketPriority::High,
                    channel: TicketChannel::Email,
                    contact_id: Some(s.contact_id.clone()),
                    company_id: None,
                    opened_at: Some(at),
                };
                let tid = tickets::insert(db, &t, Some(&id), at).await?;
                let n: i64 = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT number FROM tickets WHERE id = ?", [tid.clone().into()])).await?.map(|r| r.try_get_by_index(0)).transpose()?.unwrap_or(0);
                follow_up = Some(format!("Opened ticket {n}"));
                ticket_id = Some(tid);
            }
            LowScoreAction::Task => {
                activity_id = Some(task(db, &s.contact_id, &format!("Follow up on a low {label} from {name}"), &about, at + Duration::days(1)).await?);
                follow_up = Some("Follow-up task for tomorrow".into());
            }
            LowScoreAction::Nothing => {}
        }
    } else if set_off && s.kind.is_high(s.score) {
        let ask = match r.on_high {
            HighScoreAction::ReviewRequest => Some(("Ask for a review", "Asked for a review")),
            HighScoreAction::ReferralRequest => Some(("Ask for a referral", "Asked for a referral")),
            HighScoreAction::Nothing => None,
        };
        if let Some((subject, words)) = ask {
            activity_id = Some(task(db, &s.contact_id, &format!("{subject}: {name} gave {label}"), &about, at + Duration::days(2)).await?);
            follow_up = Some(format!("{words} (task)"));
        }
    }
    let made_task = activity_id.is_some();
    let q = Query::insert()
        .into_table("survey_responses")
        .columns(["id", "contact_id", "kind", "score", "comment", "source", "answered_at", "ticket_id", "activity_id", "follow_up", "created_at"])
        .values_panic([
            id.clone().into(),
            s.contact_id.clone().into(),
            s.kind.as_str().into(),
            s.score.into(),
            s.comment.clone().into(),
            (match s.source {
                SurveySource::Manual => "manual",
                SurveySource::Email => "email",
                SurveySource::Import => "import",
            })
            .into(),
            answered.into(),
            ticket_id.into(),
            activity_id.into(),
            follow_up.into(),
            now().into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    if made_task {
        crate::activities::touches::refresh_contact_touches(db, &s.contact_id).await?;
    }
    Ok(id)
}

/// Records an answer (one undoable action with the ticket or task it sets off).
pub async fn record<C: ConnectionTrait + TransactionTrait>(db: &C, input: &SurveyInput, at: DateTime<Utc>) -> CoreResult<SurveyResponse> {
    let (s, name) = validated(db, input).await?;
    let act = history::begin(db, ActionKind::Create, "survey_responses", None).await?;
    let id = insert(&*act, &s, &name, at).await?;
    act.about(&id).await?;
    act.describe(&format!("{} {} from {name}", s.kind.label(), s.score)).await?;
    act.commit().await?;
    get(db, &id).await
}

const SELECT: &str = "SELECT s.id AS c0, s.contact_id AS c1, trim(c.first_name || ' ' || c.last_name) AS c2, s.kind AS c3, s.score AS c4, s.comment AS c5, \
    s.source AS c6, s.answered_at AS c7, s.ticket_id AS c8, s.activity_id AS c9, s.follow_up AS c10 FROM survey_responses s LEFT JOIN contacts c ON c.id = s.contact_id";

async fn fetch<C: ConnectionTrait>(db: &C, tail: &str) -> CoreResult<Vec<SurveyResponse>> {
    let sql = format!("{SELECT} {tail}");
    Ok(crate::sqlite::packed_rows(db, &sql, 11)
        .await?
        .into_iter()
        .map(|r| SurveyResponse {
            id: r[0].clone().unwrap_or_default(),
            contact: r[1].clone().map(|id| EntityRef { id, name: r[2].clone().unwrap_or_default() }),
            kind: SurveyKind::parse(r[3].as_deref().unwrap_or("")).unwrap_or(SurveyKind::Nps),
            score: r[4].as_deref().and_then(|v| v.parse().ok()).unwrap_or(0),
            comment: r[5].clone(),
            source: r[6].clone().unwrap_or_default(),
            answered_at: time(r[7].clone()).unwrap_or_default(),
            ticket_id: r[8].clone(),
            activity_id: r[9].clone(),
            follow_up: r[10].clone(),
        })
        .collect())
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<SurveyResponse> {
    fetch(db, &format!("WHERE s.id = {}", crate::criteria::lit(id))).await?.pop().ok_or_else(|| CoreError::not_found("survey response", id))
}

/// The latest answers (all contacts, or one kind), newest first.
pub async fn list<C: ConnectionTrait>(db: &C, kind: Option<SurveyKind>, limit: u32) -> CoreResult<Vec<SurveyResponse>> {
    let cond = kind.map(|k| format!("WHERE s.kind = '{}'", k.as_str())).unwrap_or_default();
    fetch(db, &format!("{cond} ORDER BY s.answered_at DESC, s.rowid DESC LIMIT {}", limit.clamp(1, 5000))).await
}

pub async fn of_contact<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<ContactScores> {
    let responses = fetch(db, &format!("WHERE s.contact_id = {} ORDER BY s.answered_at DESC, s.rowid DESC", crate::criteria::lit(contact_id))).await?;
    let latest = |k: SurveyKind| responses.iter().find(|r| r.kind == k).map(|r| r.score);
    Ok(ContactScores { nps: latest(SurveyKind::Nps), csat: latest(SurveyKind::Csat), responses })
}

/// What asking by e-mail did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SurveySendReport {
    pub queued: u32,
    pub do_not_contact: u32,
    pub no_address: u32,
    /// Asked the same survey today already.
    pub already_asked: u32,
}

/// Asks contacts for a score by e-mail: the template (which says how to answer, e.g. "reply
/// with a number from 0 to 10") goes through the outbox, once a day at most per survey and
/// contact, never to one who asked not to be contacted. A service e-mail: no marketing consent
/// needed, no unsubscribe line.
pub async fn send<C: ConnectionTrait + TransactionTrait>(db: &C, contact_ids: &[String], kind: SurveyKind, template_id: &str, at: DateTime<Utc>) -> CoreResult<SurveySendReport> {
    let t = crate::templates::get(db, template_id).await.map_err(|_| CoreError::invalid("template_id", "unknown", "Choose the template to send."))?;
    if contact_ids.is_empty() {
        return Err(CoreError::invalid("contact_ids", "required", "Choose who to ask."));
    }
    let smtp = crate::sending::smtp_get(db).await?;
    let domain = crate::sequences::run::id_domain(smtp.as_ref());
    let mut rep = SurveySendReport::default();
    let txn = db.begin().await?;
    for chunk in contact_ids.chunks(500) {
        let recipients = crate::templates::recipients(&txn, chunk).await?;
        if recipients.len() < chunk.iter().collect::<std::collections::HashSet<_>>().len() {
            return Err(CoreError::invalid("contact_ids", "not_found", "Some of these contacts no longer exist."));
        }
        for r in recipients {
            let dnc = txn
                .query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT do_not_contact FROM contacts WHERE id = ?", [r.contact.id.clone().into()]))
                .await?
                .map(|x| x.try_get_by_index::<bool>(0))
                .transpose()?
                .unwrap_or(false);
            if dnc {
                rep.do_not_contact += 1;
                continue;
            }
            if r.address.is_none() {
                rep.no_address += 1;
                continue;
            }
            let key = format!("survey:{}:{}:{}", kind.as_str(), r.contact.id, at.format("%Y-%m-%d"));
            let seen = txn.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT 1 FROM outbox WHERE key = ?", [key.clone().into()])).await?;
            if seen.is_some() {
                rep.already_asked += 1;
                continue;
            }
            let rendered = crate::templates::render(&t.subject, &t.body, &r, false);
            crate::sequences::run::queue_email(&txn, &key, &r, &rendered, at, &format!("{} survey", kind.label()), None, None, &domain, None).await?;
            rep.queued += 1;
        }
    }
    txn.commit().await?;
    Ok(rep)
}
