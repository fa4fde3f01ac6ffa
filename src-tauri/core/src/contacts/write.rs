//! Creating, editing, deleting (reversibly) and restoring contacts.

use super::{read::get, ContactDetail, ContactInput};
use crate::common::{new_id, now, Address};
use crate::entities::{company, contact, lead_source, lifecycle_change};
use crate::history::{self, ActionKind};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use crate::error::{CoreError, CoreResult};
use crate::lifecycle::LifecycleStage;
use crate::tags;
use crate::validate::{Validator, MAX_LONG, MAX_NAME, MAX_SHORT};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};

/// A validated, normalised contact form.
struct Clean {
    first_name: String,
    last_name: String,
    title: Option<String>,
    company_id: Option<String>,
    emails: Vec<(String, Option<String>, bool)>,
    phones: Vec<(String, Option<String>, bool)>,
    address: Address,
    time_zone: Option<String>,
    owner: Option<String>,
    notes: Option<String>,
    tags: Vec<String>,
    stage: LifecycleStage,
    lead_source_id: Option<String>,
    referred_by_id: Option<String>,
    do_not_contact: bool,
}

/// Makes exactly one entry primary: the flagged one, or the first when none is flagged.
fn one_primary<T>(v: &mut Validator, field: &str, rows: &mut [(String, T, bool)]) {
    match rows.iter().filter(|r| r.2).count() {
        0 => {
            if let Some(first) = rows.first_mut() {
                first.2 = true;
            }
        }
        1 => {}
        _ => v.add(field, "several_primary", "Only one entry can be primary."),
    }
}

async fn validate<C: ConnectionTrait>(db: &C, input: &ContactInput, self_id: Option<&str>) -> CoreResult<Clean> {
    let mut v = Validator::new();
    let first_name = input.first_name.trim().to_string();
    let last_name = input.last_name.trim().to_string();
    if first_name.is_empty() && last_name.is_empty() {
        v.add("first_name", "required", "Enter a first or last name.");
    }
    v.max_len("first_name", &first_name, MAX_NAME);
    v.max_len("last_name", &last_name, MAX_NAME);
    let title = v.optional("title", &input.title, MAX_SHORT);
    let address = input.address.validated(&mut v);

    if input.emails.len() > 20 {
        v.add("emails", "too_many", "At most 20 e-mail addresses.");
    }
    let mut emails = Vec::new();
    for (i, e) in input.emails.iter().enumerate() {
        let email = v.email(&format!("emails.{i}.email"), &e.email);
        let label = v.optional(&format!("emails.{i}.label"), &e.label, 50);
        if emails.iter().any(|(x, _, _)| *x == email) {
            v.add(&format!("emails.{i}.email"), "duplicate", "This address is already listed.");
        }
        emails.push((email, label, e.is_primary));
    }
    one_primary(&mut v, "emails", &mut emails);

    if input.phones.len() > 20 {
        v.add("phones", "too_many", "At most 20 phone numbers.");
    }
    let mut phones = Vec::new();
    for (i, p) in input.phones.iter().enumerate() {
        let phone = v.phone(&format!("phones.{i}.phone"), &p.phone, address.country_code());
        let label = v.optional(&format!("phones.{i}.label"), &p.label, 50);
        if phones.iter().any(|(x, _, _)| *x == phone) {
            v.add(&format!("phones.{i}.phone"), "duplicate", "This number is already listed.");
        }
        phones.push((phone, label, p.is_primary));
    }
    one_primary(&mut v, "phones", &mut phones);

    let time_zone = v.time_zone("time_zone", &input.time_zone);
    let owner = v.optional("owner", &input.owner, MAX_NAME);
    let notes = v.optional("notes", &input.notes, MAX_LONG);
    let tags = tags::clean_names(&mut v, "tags", &input.tags);

    let company_id = crate::validate::clean(&input.company_id);
    if let Some(id) = &company_id {
        let found = company::Entity::find_by_id(id.clone()).filter(company::Column::DeletedAt.is_null()).one(db).await?;
        if found.is_none() {
            v.add("company_id", "unknown_id", "This company does not exist (it may have been deleted).");
        }
    }
    let lead_source_id = crate::validate::clean(&input.lead_source_id);
    let mut is_referral = false;
    if let Some(id) = &lead_source_id {
        match lead_source::Entity::find_by_id(id.clone()).one(db).await? {
            Some(s) => is_referral = s.is_referral,
            None => v.add("lead_source_id", "unknown_id", "This lead source does not exist."),
        }
    }
    let referred_by_id = crate::validate::clean(&input.referred_by_id);
    if let Some(id) = &referred_by_id {
        if Some(id.as_str()) == self_id {
            v.add("referred_by_id", "self_reference", "A contact cannot refer themselves.");
        } else if lead_source_id.is_some() && !is_referral {
            v.add("referred_by_id", "not_referral", "Only contacts whose source is a referral have a referrer.");
        } else {
            let found = contact::Entity::find_by_id(id.clone()).filter(contact::Column::DeletedAt.is_null()).one(db).await?;
            if found.is_none() {
                v.add("referred_by_id", "unknown_id", "The referring contact does not exist.");
            }
        }
    }
    v.finish()?;
    Ok(Clean {
        first_name,
        last_name,
        title,
        company_id,
        emails,
        phones,
        address,
        time_zone,
        owner,
        notes,
        tags,
        stage: input.lifecycle_stage,
        lead_source_id,
        referred_by_id,
        do_not_contact: input.do_not_contact,
    })
}

fn apply(m: &mut contact::ActiveModel, c: &Clean) {
    m.first_name = Set(c.first_name.clone());
    m.last_name = Set(c.last_name.clone());
    m.title = Set(c.title.clone());
    m.company_id = Set(c.company_id.clone());
    m.time_zone = Set(c.time_zone.clone());
    m.owner = Set(c.owner.clone());
    m.notes = Set(c.notes.clone());
    m.lifecycle_stage = Set(c.stage.as_str().to_string());
    m.lead_source_id = Set(c.lead_source_id.clone());
    m.referred_by_id = Set(c.referred_by_id.clone());
    m.do_not_contact = Set(c.do_not_contact);
    m.street = Set(c.address.street.clone());
    m.city = Set(c.address.city.clone());
    m.region = Set(c.address.region.clone());
    m.postal_code = Set(c.address.postal_code.clone());
    m.country = Set(c.address.country.clone());
}

async fn write_children<C: ConnectionTrait>(db: &C, id: &str, c: &Clean) -> CoreResult<()> {
    // Rows that stay keep their id (and an address marked as bounced stays marked), so the
    // history shows only the addresses and numbers that changed.
    sync_rows(db, "contact_emails", "email", id, &c.emails).await?;
    sync_rows(db, "contact_phones", "phone", id, &c.phones).await?;
    tags::set_contact_tags(db, id, &c.tags).await
}

/// Makes a contact's e-mail or phone rows (`table`, value column `column`) exactly `wanted`
/// (value, label, primary; in order), updating the rows whose value stays.
async fn sync_rows<C: ConnectionTrait>(
    db: &C,
    table: &'static str,
    column: &'static str,
    contact_id: &str,
    wanted: &[(String, Option<String>, bool)],
) -> CoreResult<()> {
    let q = Query::select()
        .columns(["id", column, "label", "is_primary", "position"])
        .from(table)
        .and_where(Expr::col("contact_id").eq(contact_id))
        .to_owned();
    let mut have: Vec<(String, String, Option<String>, bool, i32)> = Vec::new();
    for r in db.query_all(&q).await? {
        have.push((r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?, r.try_get_by_index(3)?, r.try_get_by_index(4)?));
    }
    let mut kept = std::collections::HashSet::new();
    for (i, (value, label, primary)) in wanted.iter().enumerate() {
        match have.iter().find(|h| &h.1 == value && !kept.contains(&h.0)) {
            Some(h) => {
                kept.insert(h.0.clone());
                if (&h.2, h.3, h.4) != (label, *primary, i as i32) {
                    let q = Query::update()
                        .table(table)
                        .value("label", label.clone())
                        .value("is_primary", *primary)
                        .value("position", i as i32)
                        .and_where(Expr::col("id").eq(h.0.as_str()))
                        .to_owned();
                    db.execute(&q).await?;
                }
            }
            None => {
                let q = Query::insert()
                    .into_table(table)
                    .columns(["id", "contact_id", column, "label", "is_primary", "position"])
                    .values_panic([new_id().into(), contact_id.into(), value.clone().into(), label.clone().into(), (*primary).into(), (i as i32).into()])
                    .to_owned();
                db.execute(&q).await?;
            }
        }
    }
    let gone: Vec<String> = have.into_iter().map(|h| h.0).filter(|id| !kept.contains(id)).collect();
    if !gone.is_empty() {
        db.execute(&Query::delete().from_table(table).and_where(Expr::col("id").is_in(gone)).to_owned()).await?;
    }
    Ok(())
}

pub(crate) async fn record_stage<C: ConnectionTrait>(
    db: &C,
    contact_id: &str,
    from: Option<&str>,
    to: LifecycleStage,
    at: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    lifecycle_change::ActiveModel {
        id: Set(new_id()),
        contact_id: Set(contact_id.to_string()),
        from_stage: Set(from.map(str::to_string)),
        to_stage: Set(to.as_str().to_string()),
        changed_at: Set(at),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Creates a contact; nothing is written when any field is invalid.
pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: ContactInput) -> CoreResult<ContactDetail> {
    let clean = validate(db, &input, None).await?;
    let id = new_id();
    let t = now();
    let act = history::begin(db, ActionKind::Create, "contacts", Some(&id)).await?;
    let txn = &*act;
    let mut m = contact::ActiveModel {
        id: Set(id.clone()),
        created_at: Set(t),
        updated_at: Set(t),
        deleted_at: Set(None),
        last_contacted_at: Set(None),
        next_follow_up_at: Set(None),
        ..Default::default()
    };
    apply(&mut m, &clean);
    m.insert(txn).await?;
    write_children(txn, &id, &clean).await?;
    record_stage(txn, &id, None, clean.stage, t).await?;
    act.commit().await?;
    get(db, &id).await
}

pub(crate) async fn find_live<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<contact::Model> {
    contact::Entity::find_by_id(id.to_string())
        .filter(contact::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(|| CoreError::not_found("contact", id))
}

/// Replaces a contact's editable fields with the form; a stage change is recorded in history.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    id: &str,
    input: ContactInput,
) -> CoreResult<ContactDetail> {
    let existing = find_live(db, id).await?;
    let clean = validate(db, &input, Some(id)).await?;
    let t = now();
    let old_stage = existing.lifecycle_stage.clone();
    let act = history::begin(db, ActionKind::Update, "contacts", Some(id)).await?;
    let txn = &*act;
    let mut m: contact::ActiveModel = existing.into();
    apply(&mut m, &clean);
    m.updated_at = Set(t);
    m.update(txn).await?;
    write_children(txn, id, &clean).await?;
    if old_stage != clean.stage.as_str() {
        record_stage(txn, id, Some(&old_stage), clean.stage, t).await?;
    }
    act.commit().await?;
    get(db, id).await
}

/// Moves a contact to another lifecycle stage (recorded in its history).
pub async fn set_stage<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    id: &str,
    stage: LifecycleStage,
) -> CoreResult<ContactDetail> {
    let existing = find_live(db, id).await?;
    if existing.lifecycle_stage != stage.as_str() {
        let t = now();
        let from = existing.lifecycle_stage.clone();
        let act = history::begin(db, ActionKind::StageMove, "contacts", Some(id)).await?;
        let txn = &*act;
        let mut m: contact::ActiveModel = existing.into();
        m.lifecycle_stage = Set(stage.as_str().to_string());
        m.updated_at = Set(t);
        m.update(txn).await?;
        record_stage(txn, id, Some(&from), stage, t).await?;
        act.commit().await?;
    }
    get(db, id).await
}

/// Moves a contact to the trash: it disappears from lists, search and Today, and can be
/// restored with everything attached to it.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let existing = find_live(db, id).await?;
    let act = history::begin(db, ActionKind::Delete, "contacts", Some(id)).await?;
    let mut m: contact::ActiveModel = existing.into();
    m.deleted_at = Set(Some(now()));
    m.update(&*act).await?;
    act.commit().await
}

/// Undoes a delete.
pub async fn restore<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<ContactDetail> {
    let existing =
        contact::Entity::find_by_id(id.to_string()).one(db).await?.ok_or_else(|| CoreError::not_found("contact", id))?;
    if existing.deleted_at.is_some() {
        let act = history::begin(db, ActionKind::Restore, "contacts", Some(id)).await?;
        let mut m: contact::ActiveModel = existing.into();
        m.deleted_at = Set(None);
        m.updated_at = Set(now());
        m.update(&*act).await?;
        act.commit().await?;
    }
    get(db, id).await
}
