//! E-mail templates with merge fields, the custom merge fields (a name and the value every
//! e-mail gets, e.g. `{{booking_link}}`), and rendering a template for one contact: subject,
//! plain text and HTML, with the fields that had no value flagged.

pub mod merge;

use crate::common::{new_id, now, EntityRef};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::validate::{Validator, MAX_LONG, MAX_NAME, MAX_SHORT};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub subject: String,
    pub body: String,
    /// The merge fields it uses (keys, in order of first use).
    pub fields: Vec<String>,
    /// Sequence steps and broadcasts that use it.
    pub used_by: u32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TemplateInput {
    pub name: String,
    pub subject: String,
    pub body: String,
}

/// A custom merge field: `{{key}}` becomes `value` in every e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CustomField {
    pub id: String,
    pub key: String,
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CustomFieldInput {
    pub key: String,
    pub label: String,
    pub value: String,
}

/// A field the editor offers: its key and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MergeFieldInfo {
    pub key: String,
    pub label: String,
    pub custom: bool,
}

/// A template filled in for one contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Fields that were empty for this contact and have no fallback (`{{company|your team}}`).
    pub missing: Vec<String>,
    pub to_address: Option<String>,
    pub to_name: String,
}

/// What a contact's e-mail is filled with.
pub(crate) struct Recipient {
    pub contact: EntityRef,
    pub address: Option<String>,
    pub values: BTreeMap<String, String>,
    pub time_zone: Option<String>,
}

async fn custom_keys<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<String>> {
    Ok(merge_fields(db).await?.into_iter().map(|f| f.key).collect())
}

pub async fn merge_fields<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<CustomField>> {
    let q = Query::select()
        .columns(["id", "key", "label", "value"])
        .from("merge_fields")
        .order_by("position", Order::Asc)
        .order_by("key", Order::Asc)
        .to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&q).await? {
        out.push(CustomField { id: r.try_get_by_index(0)?, key: r.try_get_by_index(1)?, label: r.try_get_by_index(2)?, value: r.try_get_by_index(3)? });
    }
    Ok(out)
}

/// Every field a template may use: the built-in ones, then the custom ones.
pub async fn fields<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<MergeFieldInfo>> {
    let mut out: Vec<MergeFieldInfo> = merge::BUILT_IN.iter().map(|(k, l)| MergeFieldInfo { key: k.to_string(), label: l.to_string(), custom: false }).collect();
    out.extend(merge_fields(db).await?.into_iter().map(|f| MergeFieldInfo { key: f.key, label: f.label, custom: true }));
    Ok(out)
}

fn check_text(v: &mut Validator, field: &str, text: &str, known: &[String]) -> Vec<merge::Placeholder> {
    match merge::placeholders(text, known) {
        Ok(p) => p,
        Err(p) => {
            v.add(field, p.code, p.message);
            vec![]
        }
    }
}

async fn validated<C: ConnectionTrait>(db: &C, input: &TemplateInput, except: Option<&str>) -> CoreResult<TemplateInput> {
    let known = custom_keys(db).await?;
    let mut v = Validator::new();
    let name = v.required("name", &input.name, MAX_NAME);
    let subject = v.required("subject", &input.subject, MAX_SHORT);
    let body = v.required("body", &input.body, MAX_LONG);
    if subject.contains('\n') || subject.contains('\r') {
        v.add("subject", "line_break", "A subject is one line.");
    }
    check_text(&mut v, "subject", &subject, &known);
    check_text(&mut v, "body", &body, &known);
    if !name.is_empty() && list(db).await?.iter().any(|t| t.name.eq_ignore_ascii_case(&name) && Some(t.id.as_str()) != except) {
        v.add("name", "duplicate", format!("A template named “{name}” already exists."));
    }
    v.finish()?;
    Ok(TemplateInput { name, subject, body })
}

/// The keys a subject and body use, in order of first use (read loosely: a stored template
/// was checked when saved).
fn used_fields(subject: &str, body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for text in [subject, body] {
        for part in text.split("{{").skip(1) {
            if let Some((inner, _)) = part.split_once("}}") {
                let key = inner.split('|').next().unwrap_or("").trim().to_lowercase();
                if !key.is_empty() && !out.contains(&key) {
                    out.push(key);
                }
            }
        }
    }
    out
}

/// Live templates (not archived), by name.
pub async fn list<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<Template>> {
    let sql = "SELECT t.id, t.name, t.subject, t.body, t.updated_at, \
               (SELECT count(*) FROM sequence_steps s WHERE s.template_id = t.id OR s.template_b_id = t.id) \
               + (SELECT count(*) FROM broadcasts b WHERE b.template_id = t.id) \
               FROM email_templates t WHERE t.archived_at IS NULL ORDER BY t.name COLLATE NOCASE";
    let rows = db.query_all_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await?;
    let mut out = Vec::new();
    for r in rows {
        let subject: String = r.try_get_by_index(2)?;
        let body: String = r.try_get_by_index(3)?;
        out.push(Template {
            id: r.try_get_by_index(0)?,
            name: r.try_get_by_index(1)?,
            fields: used_fields(&subject, &body),
            subject,
            body,
            updated_at: r.try_get_by_index(4)?,
            used_by: r.try_get_by_index::<i64>(5)? as u32,
        });
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<Template> {
    list(db).await?.into_iter().find(|t| t.id == id).ok_or_else(|| CoreError::not_found("template", id))
}

/// Writes a template without an action (the demo).
pub(crate) async fn insert<C: ConnectionTrait>(db: &C, clean: &TemplateInput) -> CoreResult<String> {
    let id = new_id();
    let t = now();
    let q = Query::insert()
        .into_table("email_templates")
        .columns(["id", "name", "subject", "body", "created_at", "updated_at"])
        .values_panic([id.clone().into(), clean.name.clone().into(), clean.subject.clone().into(), clean.body.clone().into(), t.into(), t.into()])
        .to_owned();
    db.execute(&q).await?;
    Ok(id)
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: &TemplateInput) -> CoreResult<Template> {
    let clean = validated(db, input, None).await?;
    let act = history::begin(db, ActionKind::Create, "email_templates", None).await?;
    let id = insert(&*act, &clean).await?;
    act.describe(&clean.name).await?;
    act.commit().await?;
    get(db, &id).await
}

pub async fn update<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, input: &TemplateInput) -> CoreResult<Template> {
    get(db, id).await?;
    let clean = validated(db, input, Some(id)).await?;
    let act = history::begin(db, ActionKind::Update, "email_templates", Some(id)).await?;
    let q = Query::update()
        .table("email_templates")
        .values([("name", clean.name.clone().into()), ("subject", clean.subject.into()), ("body", clean.body.into()), ("updated_at", now().into())])
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    act.execute(&q).await?;
    act.describe(&clean.name).await?;
    act.commit().await?;
    get(db, id).await
}

/// Archives a template (kept for the e-mails and reports that name it); refused while a
/// sequence step or a draft broadcast uses it.
pub async fn archive<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let t = get(db, id).await?;
    if t.used_by > 0 {
        return Err(CoreError::conflict(format!("“{}” is used by {} sequence step(s) or broadcast(s): change those first.", t.name, t.used_by)));
    }
    let act = history::begin(db, ActionKind::Delete, "email_templates", Some(id)).await?;
    let q = Query::update().table("email_templates").value("archived_at", now()).and_where(Expr::col("id").eq(id)).to_owned();
    act.execute(&q).await?;
    act.describe(&t.name).await?;
    act.commit().await
}

fn merge_validated(input: &CustomFieldInput, existing: &[CustomField], except: Option<&str>) -> CoreResult<CustomFieldInput> {
    let mut v = Validator::new();
    let key = v.required("key", &input.key, 40).to_lowercase();
    let label = v.required("label", &input.label, MAX_NAME);
    let value = input.value.trim().to_string();
    v.max_len("value", &value, MAX_SHORT);
    if !key.is_empty() && !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        v.add("key", "invalid_key", "Use letters, digits and _ only (e.g. booking_link).");
    }
    if merge::BUILT_IN.iter().any(|(k, _)| *k == key) {
        v.add("key", "built_in", format!("{{{{{key}}}}} is a built-in field."));
    }
    if existing.iter().any(|f| f.key == key && Some(f.id.as_str()) != except) {
        v.add("key", "duplicate", format!("{{{{{key}}}}} exists already."));
    }
    v.finish()?;
    Ok(CustomFieldInput { key, label, value })
}

pub async fn merge_field_save<C: ConnectionTrait + TransactionTrait>(db: &C, id: Option<&str>, input: &CustomFieldInput) -> CoreResult<Vec<CustomField>> {
    let existing = merge_fields(db).await?;
    if let Some(id) = id {
        if !existing.iter().any(|f| f.id == id) {
            return Err(CoreError::not_found("merge field", id));
        }
    }
    let clean = merge_validated(input, &existing, id)?;
    let t = now();
    let act = history::begin(db, if id.is_some() { ActionKind::Update } else { ActionKind::Create }, "merge_fields", id).await?;
    match id {
        Some(id) => {
            let q = Query::update()
                .table("merge_fields")
                .values([("key", clean.key.clone().into()), ("label", clean.label.into()), ("value", clean.value.into()), ("updated_at", t.into())])
                .and_where(Expr::col("id").eq(id))
                .to_owned();
            act.execute(&q).await?;
        }
        None => {
            let q = Query::insert()
                .into_table("merge_fields")
                .columns(["id", "key", "label", "value", "position", "created_at", "updated_at"])
                .values_panic([new_id().into(), clean.key.clone().into(), clean.label.into(), clean.value.into(), (existing.len() as i32).into(), t.into(), t.into()])
                .to_owned();
            act.execute(&q).await?;
        }
    }
    act.describe(&format!("{{{{{}}}}}", clean.key)).await?;
    act.commit().await?;
    merge_fields(db).await
}

/// Removes a custom field; refused while a template uses it.
pub async fn merge_field_delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<Vec<CustomField>> {
    let f = merge_fields(db).await?.into_iter().find(|f| f.id == id).ok_or_else(|| CoreError::not_found("merge field", id))?;
    let users: Vec<String> = list(db).await?.into_iter().filter(|t| t.fields.contains(&f.key)).map(|t| t.name).collect();
    if !users.is_empty() {
        return Err(CoreError::conflict(format!("{{{{{}}}}} is used by {}: take it out of them first.", f.key, users.join(", "))));
    }
    let act = history::begin(db, ActionKind::Delete, "merge_fields", Some(id)).await?;
    act.execute(&Query::delete().from_table("merge_fields").and_where(Expr::col("id").eq(id)).to_owned()).await?;
    act.describe(&format!("{{{{{}}}}}", f.key)).await?;
    act.commit().await?;
    merge_fields(db).await
}

/// The values of a contact's merge fields, and their e-mail address (the primary one that has
/// not bounced).
pub(crate) async fn recipients<C: ConnectionTrait>(db: &C, contact_ids: &[String]) -> CoreResult<Vec<Recipient>> {
    if contact_ids.is_empty() {
        return Ok(vec![]);
    }
    let owner = crate::meta::get(db, crate::meta::USER_NAME).await?.unwrap_or_default();
    let signature = crate::meta::get(db, SIGNATURE).await?.unwrap_or_default();
    let custom = merge_fields(db).await?;
    let ids = contact_ids.iter().map(|i| crate::criteria::lit(i)).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT c.id AS c0, c.first_name AS c1, c.last_name AS c2, c.title AS c3, c.city AS c4, c.country AS c5, co.name AS c6, \
           (SELECT e.email FROM contact_emails e WHERE e.contact_id = c.id AND e.bounced = 0 ORDER BY e.is_primary DESC, e.position LIMIT 1) AS c7, \
           c.time_zone AS c8 \
         FROM contacts c LEFT JOIN companies co ON co.id = c.company_id AND co.deleted_at IS NULL \
         WHERE c.deleted_at IS NULL AND c.id IN ({ids})"
    );
    let mut out = Vec::new();
    for r in crate::sqlite::packed_rows(db, &sql, 9).await? {
        let get = |i: usize| r[i].clone().unwrap_or_default();
        let name = crate::contacts::display_name(&get(1), &get(2));
        let mut values = BTreeMap::new();
        for (k, i) in [("first_name", 1), ("last_name", 2), ("title", 3), ("city", 4), ("country", 5), ("company", 6), ("email", 7)] {
            values.insert(k.to_string(), get(i));
        }
        values.insert("full_name".into(), name.clone());
        values.insert("owner_name".into(), owner.clone());
        values.insert("signature".into(), signature.clone());
        values.insert("unsubscribe".into(), merge::UNSUBSCRIBE_LINE.into());
        for f in &custom {
            values.insert(f.key.clone(), f.value.clone());
        }
        out.push(Recipient { contact: EntityRef { id: get(0), name }, address: r[7].clone(), values, time_zone: r[8].clone() });
    }
    Ok(out)
}

/// The owner's e-mail signature (`{{signature}}`).
pub const SIGNATURE: &str = "email.signature";

/// A template's subject and body filled for a recipient. Marketing e-mails end with the
/// unsubscribe line unless the template places `{{unsubscribe}}` itself.
pub(crate) fn render(subject: &str, body: &str, r: &Recipient, marketing: bool) -> Rendered {
    let (subject, mut missing) = merge::fill(subject, &r.values);
    let (mut text, more) = merge::fill(body, &r.values);
    for m in more {
        if !missing.contains(&m) {
            missing.push(m);
        }
    }
    if marketing && !body.contains("{{unsubscribe") {
        text = format!("{}\n\n{}", text.trim_end(), merge::UNSUBSCRIBE_LINE);
    }
    let html = merge::html_of(&text);
    Rendered { subject: subject.trim().to_string(), text, html, missing, to_address: r.address.clone(), to_name: r.contact.name.clone() }
}

/// A template as one contact would get it (the editor's preview): unsaved text may be passed.
pub async fn preview<C: ConnectionTrait>(db: &C, input: &TemplateInput, contact_id: &str) -> CoreResult<Rendered> {
    let known = custom_keys(db).await?;
    let mut v = Validator::new();
    check_text(&mut v, "subject", &input.subject, &known);
    check_text(&mut v, "body", &input.body, &known);
    v.finish()?;
    let r = recipients(db, &[contact_id.to_string()]).await?.into_iter().next().ok_or_else(|| CoreError::not_found("contact", contact_id))?;
    Ok(render(&input.subject, &input.body, &r, true))
}
