//! Importing survey answers (CSAT 1–5, NPS 0–10): one row per answer, the contact found by
//! e-mail or external id. An answer already recorded (same contact, survey, score and time) is
//! skipped, so importing a file twice adds nothing. Recent answers set off their follow-up
//! (ticket or task) as recorded ones do; answers older than
//! [`crate::surveys::IMPORT_FOLLOW_UP_DAYS`] days set off none (see
//! [`crate::surveys::insert_imported`]). Undoing the import deletes the answers, the tickets
//! they opened and (to the trash) the tasks they created.

use super::rows::Row;
use super::write::Writer;
use super::{fields, RowIssue};
use crate::error::CoreResult;
use crate::surveys::{SurveyInput, SurveyKind, SurveySource};
use crate::validate::{MAX_LONG, MAX_NAME};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::ConnectionTrait;
use std::collections::{BTreeSet, HashSet};

#[derive(Debug, Clone)]
pub struct SurveyRec {
    pub contact_email: Option<String>,
    pub contact_external_id: Option<String>,
    pub kind: SurveyKind,
    pub score: i32,
    pub comment: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// The survey a score column's header names ("NPS", "How likely … recommend", "CSAT").
fn kind_of_header(h: &str) -> Option<SurveyKind> {
    let h = fields::norm(h);
    if h.contains("csat") || h.contains("satisf") {
        Some(SurveyKind::Csat)
    } else if h.contains("nps") || h.contains("recommend") || h.contains("promoter") {
        Some(SurveyKind::Nps)
    } else {
        None
    }
}

/// Reads one answer (`None` when the row has no usable score).
pub(super) fn survey(r: &mut Row) -> Option<SurveyRec> {
    let header = r.ctx.col("score").and_then(|c| r.ctx.headers.get(c).cloned()).unwrap_or_default();
    let kind = match r.get("kind") {
        Some(k) => match SurveyKind::parse(k).or_else(|| kind_of_header(k)) {
            Some(k) => Some(k),
            None => {
                r.issue("kind", format!("“{k}” is not a survey (csat or nps)."));
                None
            }
        },
        None => match kind_of_header(&header) {
            Some(k) => Some(k),
            None => {
                r.issue("kind", "Say which survey the score is from: a column with csat or nps.");
                None
            }
        },
    };
    let score = match r.get("score") {
        None => {
            r.issue("score", "The score is missing.");
            None
        }
        Some(v) => match v.trim().parse::<f64>() {
            Ok(x) if x.fract() == 0.0 && x.abs() < 1e6 => Some(x as i32),
            _ => {
                r.issue("score", format!("“{v}” is not a score (a whole number)."));
                None
            }
        },
    };
    if let (Some(k), Some(s)) = (kind, score) {
        let (lo, hi) = k.range();
        if !(lo..=hi).contains(&s) {
            r.issue("score", format!("A {} score is from {lo} to {hi} ({s} given).", k.label()));
        }
    }
    let comment = r.text("comment", MAX_LONG);
    let answered_at = r.date("answered_at");
    let contact_email = r.email("contact_email");
    let contact_external_id = r.text("contact_external_id", MAX_NAME);
    if contact_email.is_none() && contact_external_id.is_none() && r.issues.is_empty() {
        r.issue("contact_email", "The row names no contact (an e-mail or an external id).");
    }
    Some(SurveyRec { contact_email, contact_external_id, kind: kind?, score: score?, comment, answered_at })
}

/// The answers already recorded, as keys (contact, survey, score, time).
pub async fn recorded<C: ConnectionTrait>(db: &C) -> CoreResult<HashSet<String>> {
    let sql = "SELECT contact_id AS c0, kind AS c1, score AS c2, answered_at AS c3 FROM survey_responses WHERE contact_id IS NOT NULL";
    let mut out = HashSet::new();
    for r in crate::sqlite::packed_rows(db, sql, 4).await? {
        let at = r[3].as_deref().and_then(|t| crate::orders::time(Some(t.to_string())).or_else(|| parse_stored(t)));
        if let (Some(c), Some(k), Some(s), Some(at)) = (&r[0], &r[1], &r[2], at) {
            out.insert(format!("{c}|{k}|{s}|{}", at.timestamp_micros()));
        }
    }
    Ok(out)
}

/// A timestamp as SQLite holds it ("2026-03-01 10:00:00 +00:00" and the like).
fn parse_stored(t: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f %:z").ok().map(|d| d.with_timezone(&Utc))
}

/// The key of an answer, to find it recorded already.
pub fn key(contact: &str, s: &SurveyRec) -> Option<String> {
    s.answered_at.map(|at| format!("{contact}|{}|{}|{}", s.kind.as_str(), s.score, at.timestamp_micros()))
}

/// Writes one answer (and, when recent, its follow-up); lists what it created in the import.
pub async fn create<C: ConnectionTrait>(db: &C, w: &mut Writer, contact: &str, s: &SurveyRec) -> CoreResult<Option<RowIssue>> {
    let input = SurveyInput {
        contact_id: contact.to_string(),
        kind: s.kind,
        score: s.score,
        comment: s.comment.clone(),
        answered_at: s.answered_at,
        source: SurveySource::Import,
    };
    let (clean, name) = match crate::surveys::validated(db, &input).await {
        Ok(v) => v,
        Err(e) => return Ok(Some(RowIssue { field: "row".into(), column: None, message: e.to_string() })),
    };
    let id = crate::surveys::insert_imported(db, &clean, &name, w.now).await?;
    w.item("survey_response", &id, "created", None);
    w.touched_contacts.insert(contact.to_string());
    Ok(None)
}

/// Undoes the survey answers of import `import_id`; returns their contacts (to score again).
pub async fn undo<C: ConnectionTrait>(db: &C, import_id: &str) -> CoreResult<Vec<String>> {
    let items = Query::select()
        .column("record_id")
        .from("import_items")
        .and_where(Expr::col("import_id").eq(import_id))
        .and_where(Expr::col("entity").eq("survey_response"))
        .to_owned();
    let ids: Vec<String> = db.query_all(&items).await?.iter().filter_map(|r| r.try_get_by_index(0).ok()).collect();
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut contacts = BTreeSet::new();
    let mut tickets = Vec::new();
    let mut tasks = Vec::new();
    for chunk in ids.chunks(500) {
        let q = Query::select()
            .columns(["contact_id", "ticket_id", "activity_id"])
            .from("survey_responses")
            .and_where(Expr::col("id").is_in(chunk.to_vec()))
            .to_owned();
        for r in db.query_all(&q).await? {
            contacts.extend(r.try_get_by_index::<Option<String>>(0)?);
            tickets.extend(r.try_get_by_index::<Option<String>>(1)?);
            tasks.extend(r.try_get_by_index::<Option<String>>(2)?);
        }
        db.execute(&Query::delete().from_table("survey_responses").and_where(Expr::col("id").is_in(chunk.to_vec())).to_owned()).await?;
    }
    for chunk in tickets.chunks(500) {
        db.execute(&Query::delete().from_table("ticket_notes").and_where(Expr::col("ticket_id").is_in(chunk.to_vec())).to_owned()).await?;
        db.execute(&Query::delete().from_table("tickets").and_where(Expr::col("id").is_in(chunk.to_vec())).to_owned()).await?;
    }
    let t = crate::common::now();
    for chunk in tasks.chunks(500) {
        let q = Query::update()
            .table("activities")
            .value("deleted_at", t)
            .and_where(Expr::col("id").is_in(chunk.to_vec()))
            .and_where(Expr::col("deleted_at").is_null())
            .to_owned();
        db.execute(&q).await?;
    }
    for c in &contacts {
        crate::activities::refresh_contact_touches(db, c).await?;
    }
    Ok(contacts.into_iter().collect())
}
