//! Consent per contact and purpose (a history: the newest entry per purpose is the current
//! state) and the one question every sending or scheduling feature asks: may we contact them?

use crate::history::{self, ActionKind};
use super::{Consent, ConsentInput, ConsentState, Permission, Purpose};
use crate::common::{new_id, now};
use crate::entities::contact;
use crate::error::{CoreError, CoreResult};
use crate::validate::Validator;
use chrono::SubsecRound;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, Order};

/// Longest source accepted ("Web form", "In person", …), in characters.
pub const MAX_SOURCE: usize = 200;
/// Longest wording accepted, in characters.
pub const MAX_WORDING: usize = 5_000;

/// A contact that is live (not in the trash), or not found.
pub(crate) async fn live_contact<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<contact::Model> {
    contact::Entity::find_by_id(id.to_string())
        .one(db)
        .await?
        .filter(|c| c.deleted_at.is_none())
        .ok_or_else(|| CoreError::not_found("contact", id))
}

/// Every consent entry of a contact, newest first.
pub(crate) async fn history<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<Vec<Consent>> {
    let q = Query::select()
        .columns(["id", "purpose", "granted", "source", "wording", "recorded_at"])
        .from("consents")
        .and_where(Expr::col("contact_id").eq(contact_id))
        .order_by("recorded_at", Order::Desc)
        .order_by("id", Order::Desc)
        .to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&q).await? {
        let purpose: String = r.try_get_by_index(1)?;
        // A purpose this version does not know (written by a newer one) is left out of the state.
        let Some(purpose) = Purpose::parse(&purpose) else { continue };
        out.push(Consent {
            id: r.try_get_by_index(0)?,
            purpose,
            granted: r.try_get_by_index(2)?,
            source: r.try_get_by_index(3)?,
            wording: r.try_get_by_index(4)?,
            recorded_at: r.try_get_by_index(5)?,
        });
    }
    Ok(out)
}

fn state(do_not_contact: bool, history: Vec<Consent>) -> ConsentState {
    let current = Purpose::ALL
        .into_iter()
        .filter_map(|p| history.iter().find(|c| c.purpose == p).cloned())
        .collect();
    ConsentState { do_not_contact, current, history }
}

pub async fn consents(db: &DatabaseConnection, contact_id: &str) -> CoreResult<ConsentState> {
    let c = live_contact(db, contact_id).await?;
    Ok(state(c.do_not_contact, history(db, contact_id).await?))
}

pub async fn record_consent(db: &DatabaseConnection, contact_id: &str, input: &ConsentInput) -> CoreResult<ConsentState> {
    let c = live_contact(db, contact_id).await?;
    let mut v = Validator::new();
    let source = input.source.trim().to_string();
    if source.is_empty() {
        v.add("source", "required", "Say where this was given or withdrawn, e.g. “Web form” or “In person”.");
    } else {
        v.max_len("source", &source, MAX_SOURCE);
    }
    let wording = v.optional("wording", &input.wording, MAX_WORDING);
    let at = now();
    v.date("recorded_at", &input.recorded_at);
    if input.recorded_at.is_some_and(|t| t > at) {
        v.add("recorded_at", "in_future", "A consent can only be recorded for a moment that has already happened.");
    }
    v.finish()?;
    let recorded_at = input.recorded_at.map(|t| t.trunc_subsecs(3)).unwrap_or(at);
    let insert = Query::insert()
        .into_table("consents")
        .columns(["id", "contact_id", "purpose", "granted", "source", "wording", "recorded_at"])
        .values_panic([
            new_id().into(),
            contact_id.into(),
            input.purpose.as_str().into(),
            input.granted.into(),
            source.into(),
            wording.into(),
            recorded_at.into(),
        ])
        .to_owned();
    let act = history::begin(db, ActionKind::Update, "contacts", Some(contact_id)).await?;
    act.execute(&insert).await?;
    act.commit().await?;
    Ok(state(c.do_not_contact, history(db, contact_id).await?))
}

/// Do-not-contact always refuses; marketing e-mail, the newsletter and text messages also need
/// a current granted consent; phone calls are allowed unless consent to them was withdrawn.
pub async fn may_contact(db: &DatabaseConnection, contact_id: &str, purpose: Purpose) -> CoreResult<Permission> {
    let c = live_contact(db, contact_id).await?;
    let name = crate::contacts::display_name(&c.first_name, &c.last_name);
    if c.do_not_contact {
        return Ok(Permission { allowed: false, reason: Some(format!("{name} asked not to be contacted.")) });
    }
    let current = history(db, contact_id).await?.into_iter().find(|h| h.purpose == purpose);
    Ok(match current {
        Some(h) if h.granted => Permission { allowed: true, reason: None },
        Some(h) => Permission {
            allowed: false,
            reason: Some(format!("{name} withdrew consent to {} on {}.", purpose.words(), h.recorded_at.format("%Y-%m-%d"))),
        },
        None if purpose.needs_consent() => {
            Permission { allowed: false, reason: Some(format!("No consent to {} on record.", purpose.words())) }
        }
        None => Permission { allowed: true, reason: None },
    })
}
