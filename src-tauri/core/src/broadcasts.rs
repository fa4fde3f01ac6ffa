//! Broadcasts: a one-off e-mail (a newsletter, an announcement) from a template to a segment,
//! under the same rules as sequences — only contacts with the consent it needs (marketing
//! e-mail or the newsletter) and an address, never one who asked not to be contacted, and each
//! within the frequency cap (postponed, not dropped).

use crate::common::{new_id, now, EntityRef};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::sequences::{run, timing};
use crate::templates;
use crate::privacy::Purpose;
use crate::validate::{Validator, MAX_NAME};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionSession, TransactionTrait};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Broadcast {
    pub id: String,
    pub name: String,
    pub template: EntityRef,
    pub segment: EntityRef,
    /// The consent it needs: marketing e-mail, or the newsletter.
    pub purpose: Purpose,
    /// draft or sent.
    pub status: String,
    pub queued: u32,
    pub skipped: u32,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BroadcastInput {
    pub name: String,
    pub template_id: String,
    pub segment_id: String,
    /// marketing_email or newsletter (recipients need that consent).
    pub purpose: Purpose,
}

/// Who a broadcast would reach now, and who not and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BroadcastPreview {
    pub members: u32,
    pub will_send: u32,
    pub do_not_contact: u32,
    pub no_address: u32,
    pub no_consent: u32,
    /// Merge fields some recipients have no value for (and no fallback): (field, how many).
    pub missing: Vec<(String, u32)>,
    /// When the last one goes, the cap postponing some.
    pub last_at: Option<DateTime<Utc>>,
}

fn lit(s: &str) -> String {
    crate::criteria::lit(s)
}

pub async fn list<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<Broadcast>> {
    let sql = "SELECT b.id, b.name, b.template_id, t.name, b.segment_id, s.name, b.status, b.queued_count, b.skipped_count, b.sent_at, b.created_at, b.purpose \
               FROM broadcasts b LEFT JOIN email_templates t ON t.id = b.template_id LEFT JOIN segments s ON s.id = b.segment_id \
               ORDER BY b.created_at DESC";
    let mut out = Vec::new();
    for r in db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql.to_string())).await? {
        out.push(Broadcast {
            id: r.try_get_by_index(0)?,
            name: r.try_get_by_index(1)?,
            template: EntityRef { id: r.try_get_by_index(2)?, name: r.try_get_by_index::<Option<String>>(3)?.unwrap_or_else(|| "(removed)".into()) },
            segment: EntityRef { id: r.try_get_by_index(4)?, name: r.try_get_by_index::<Option<String>>(5)?.unwrap_or_else(|| "(removed)".into()) },
            status: r.try_get_by_index(6)?,
            queued: r.try_get_by_index::<i64>(7)? as u32,
            skipped: r.try_get_by_index::<i64>(8)? as u32,
            sent_at: r.try_get_by_index(9)?,
            created_at: r.try_get_by_index(10)?,
            purpose: Purpose::parse(&r.try_get_by_index::<String>(11)?).unwrap_or(Purpose::MarketingEmail),
        });
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<Broadcast> {
    list(db).await?.into_iter().find(|b| b.id == id).ok_or_else(|| CoreError::not_found("broadcast", id))
}

async fn validated<C: ConnectionTrait>(db: &C, input: &BroadcastInput) -> CoreResult<BroadcastInput> {
    let mut v = Validator::new();
    let name = v.required("name", &input.name, MAX_NAME);
    if templates::get(db, &input.template_id).await.is_err() {
        v.add("template_id", "unknown", "Choose the template to send.");
    }
    if crate::segments::get(db, &input.segment_id).await.is_err() {
        v.add("segment_id", "unknown", "Choose the segment to send to.");
    }
    if !matches!(input.purpose, Purpose::MarketingEmail | Purpose::Newsletter) {
        v.add("purpose", "not_email", "A broadcast is a marketing e-mail or the newsletter.");
    }
    v.finish()?;
    Ok(BroadcastInput { name, template_id: input.template_id.clone(), segment_id: input.segment_id.clone(), purpose: input.purpose })
}

/// Writes a draft without an action (the demo).
pub(crate) async fn insert<C: ConnectionTrait>(db: &C, clean: &BroadcastInput) -> CoreResult<String> {
    let id = new_id();
    let t = now();
    let q = Query::insert()
        .into_table("broadcasts")
        .columns(["id", "name", "template_id", "segment_id", "purpose", "status", "queued_count", "skipped_count", "created_at", "updated_at"])
        .values_panic([
            id.clone().into(),
            clean.name.clone().into(),
            clean.template_id.clone().into(),
            clean.segment_id.clone().into(),
            clean.purpose.as_str().into(),
            "draft".into(),
            0i32.into(),
            0i32.into(),
            t.into(),
            t.into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    Ok(id)
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: &BroadcastInput) -> CoreResult<Broadcast> {
    let clean = validated(db, input).await?;
    let act = history::begin(db, ActionKind::Create, "broadcasts", None).await?;
    let id = insert(&*act, &clean).await?;
    act.describe(&clean.name).await?;
    act.commit().await?;
    get(db, &id).await
}

/// Removes a draft (a sent broadcast stays, with its e-mails).
pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let b = get(db, id).await?;
    if b.status != "draft" {
        return Err(CoreError::conflict("A sent broadcast stays on record with its e-mails."));
    }
    let act = history::begin(db, ActionKind::Delete, "broadcasts", Some(id)).await?;
    act.execute(&Query::delete().from_table("broadcasts").and_where(Expr::col("id").eq(id)).to_owned()).await?;
    act.describe(&b.name).await?;
    act.commit().await
}

/// The segment's members with what stands in the way of each.
async fn audience<C: ConnectionTrait>(db: &C, b: &Broadcast) -> CoreResult<(Vec<String>, BroadcastPreview)> {
    let ids = crate::segments::member_ids(db, &b.segment.id, 200_000).await?;
    let mut p = BroadcastPreview { members: ids.len() as u32, ..Default::default() };
    let mut ok = Vec::new();
    for chunk in ids.chunks(5_000) {
        let list = chunk.iter().map(|i| lit(i)).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT c.id AS c0, c.do_not_contact AS c1, \
               (SELECT 1 FROM contact_emails m WHERE m.contact_id = c.id AND m.bounced = 0 LIMIT 1) AS c2, \
               (SELECT k.granted FROM consents k WHERE k.contact_id = c.id AND k.purpose = '{purpose}' ORDER BY k.recorded_at DESC LIMIT 1) AS c3 \
             FROM contacts c WHERE c.id IN ({list})",
            purpose = b.purpose.as_str()
        );
        for r in crate::sqlite::packed_rows(db, &sql, 4).await? {
            if r[1].as_deref() == Some("1") {
                p.do_not_contact += 1;
            } else if r[2].is_none() {
                p.no_address += 1;
            } else if r[3].as_deref() != Some("1") {
                p.no_consent += 1;
            } else if let Some(id) = &r[0] {
                ok.push(id.clone());
            }
        }
    }
    p.will_send = ok.len() as u32;
    Ok((ok, p))
}

pub async fn preview<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<BroadcastPreview> {
    let b = get(db, id).await?;
    let (ids, mut p) = audience(db, &b).await?;
    let t = templates::get(db, &b.template.id).await?;
    for chunk in ids.chunks(2_000) {
        for r in templates::recipients(db, chunk).await? {
            for m in templates::render(&t.subject, &t.body, &r, true).missing {
                match p.missing.iter_mut().find(|x| x.0 == m) {
                    Some(x) => x.1 += 1,
                    None => p.missing.push((m, 1)),
                }
            }
        }
    }
    Ok(p)
}

/// Queues the broadcast's e-mails (each within the cap) and marks it sent. Refused while some
/// recipients would get an empty merge field: add a fallback (`{{first_name|there}}`) first.
pub async fn send<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, at: DateTime<Utc>) -> CoreResult<Broadcast> {
    let b = get(db, id).await?;
    if b.status != "draft" {
        return Err(CoreError::conflict(format!("“{}” was sent already.", b.name)));
    }
    let smtp = crate::sending::smtp_get(db).await?;
    if smtp.is_none() {
        return Err(CoreError::invalid("smtp", "not_configured", "Set up e-mail sending first (Settings → E-mail)."));
    }
    let p = preview(db, id).await?;
    if let Some((field, n)) = p.missing.first() {
        return Err(CoreError::invalid(
            "template_id",
            "missing_values",
            format!("{n} recipient(s) have no value for {{{{{field}}}}}: give it a fallback in the template, e.g. {{{{{field}|there}}}}."),
        ));
    }
    if p.will_send == 0 {
        return Err(CoreError::invalid("segment_id", "no_recipients", "No one in this segment can get it (consent, address, do not contact)."));
    }
    let (ids, _) = audience(db, &b).await?;
    let t = templates::get(db, &b.template.id).await?;
    let rules = crate::sending::rules(db).await?;
    let domain = run::id_domain(smtp.as_ref());
    let txn = db.begin().await?;
    let mut queued = 0u32;
    for chunk in ids.chunks(500) {
        for r in templates::recipients(&txn, chunk).await? {
            let rendered = templates::render(&t.subject, &t.body, &r, true);
            let others = run::marketing_times(&txn, &r.contact.id, at, &rules).await?;
            let tz = r.time_zone.as_deref().and_then(|z| z.parse().ok());
            let slot = timing::email_slot(at, tz, timing::Window::ANY, &others, &rules);
            let key = format!("broadcast:{}:{}", b.id, r.contact.id);
            run::queue_email(&txn, &key, &r, &rendered, slot, &format!("Broadcast: {}", b.name), None, Some(&b.id), &domain, Some(b.purpose)).await?;
            queued += 1;
        }
    }
    let q = Query::update()
        .table("broadcasts")
        .values([
            ("status", "sent".into()),
            ("queued_count", (queued as i32).into()),
            ("skipped_count", ((p.members - queued) as i32).into()),
            ("sent_at", at.into()),
            ("updated_at", at.into()),
        ])
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    txn.execute(&q).await?;
    txn.commit().await?;
    get(db, id).await
}
