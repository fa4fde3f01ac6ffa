//! Personas: named profiles of typical customers (who they are, what they want, what hurts,
//! how they like to be reached). A contact gets one by hand (`contacts.persona_id`, an edit of
//! the contact, in its history) or, without one, from the first persona whose rule it matches.
//! The persona in effect is kept with the contact's score (`contact_scores.persona_id`).

use crate::common::{new_id, now};
use crate::conversion::{self, Conversion, Period};
use crate::criteria::{self, Filter};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::validate::{Validator, MAX_LONG, MAX_NAME};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ContactChannel {
    Email,
    Phone,
    TextMessage,
    Meeting,
    InPerson,
    Social,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Persona {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub goals: Option<String>,
    pub pain_points: Option<String>,
    /// How they like to be reached, most preferred first.
    pub channels: Vec<ContactChannel>,
    /// Contacts without a persona chosen by hand get this one when they match (first persona first).
    pub filter: Option<Filter>,
    pub position: i32,
    /// Contacts with this persona now, and how many of them were given it by hand.
    pub members: u32,
    pub by_hand: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PersonaInput {
    pub name: String,
    pub description: Option<String>,
    pub goals: Option<String>,
    pub pain_points: Option<String>,
    pub channels: Vec<ContactChannel>,
    pub filter: Option<Filter>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PersonaConversion {
    pub persona_id: String,
    pub conversion: Conversion,
}

/// A contact's persona and how it was given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ContactPersona {
    pub persona: Option<crate::common::EntityRef>,
    /// Chosen by hand (else given by the persona's rule, or none).
    pub by_hand: bool,
}

fn channels_of(json: Option<&str>) -> Vec<ContactChannel> {
    json.and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default()
}

pub async fn list<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<Persona>> {
    let sql = "SELECT p.id AS c0, p.name AS c1, p.description AS c2, p.goals AS c3, p.pain_points AS c4, p.channels_json AS c5, \
               p.filter_json AS c6, p.position AS c7 FROM personas p ORDER BY p.position, p.id";
    let rows = crate::sqlite::packed_rows(db, sql, 8).await?;
    if rows.is_empty() {
        return Ok(vec![]);
    }
    // Members through the persona indexes, one pass each (not a count per persona).
    let count = |sql: &'static str| async move {
        let mut m = std::collections::HashMap::new();
        for r in crate::sqlite::packed_rows(db, sql, 2).await? {
            if let [Some(id), Some(n)] = &r[..] {
                m.insert(id.clone(), n.parse::<u32>().unwrap_or(0));
            }
        }
        CoreResult::Ok(m)
    };
    let members = count(
        "SELECT cs.persona_id AS c0, count(*) AS c1 FROM contact_scores cs JOIN contacts c ON c.id = cs.contact_id \
         WHERE cs.persona_id IS NOT NULL AND c.deleted_at IS NULL GROUP BY cs.persona_id",
    )
    .await?;
    let by_hand = count("SELECT persona_id AS c0, count(*) AS c1 FROM contacts WHERE persona_id IS NOT NULL AND deleted_at IS NULL GROUP BY persona_id").await?;
    let mut out = Vec::new();
    for r in rows {
        let id = r[0].clone().unwrap_or_default();
        out.push(Persona {
            name: r[1].clone().unwrap_or_default(),
            description: r[2].clone(),
            goals: r[3].clone(),
            pain_points: r[4].clone(),
            channels: channels_of(r[5].as_deref()),
            filter: r[6].as_deref().map(criteria::from_json).transpose()?,
            position: r[7].as_deref().and_then(|v| v.parse().ok()).unwrap_or(0),
            members: members.get(&id).copied().unwrap_or(0),
            by_hand: by_hand.get(&id).copied().unwrap_or(0),
            id,
        });
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<Persona> {
    list(db).await?.into_iter().find(|p| p.id == id).ok_or_else(|| CoreError::not_found("persona", id))
}

async fn validated<C: ConnectionTrait>(db: &C, input: &PersonaInput, except: Option<&str>) -> CoreResult<PersonaInput> {
    let mut v = Validator::new();
    let name = v.required("name", &input.name, MAX_NAME);
    let description = v.optional("description", &input.description, MAX_LONG);
    let goals = v.optional("goals", &input.goals, MAX_LONG);
    let pain_points = v.optional("pain_points", &input.pain_points, MAX_LONG);
    let mut channels = Vec::new();
    for c in &input.channels {
        if !channels.contains(c) {
            channels.push(*c);
        }
    }
    if input.filter.as_ref().is_some_and(|f| f.rules.is_empty()) {
        v.add("filter", "required", "Add a condition, or leave the persona to be given by hand only.");
    }
    if !name.is_empty() && list(db).await?.iter().any(|p| p.name.to_lowercase() == name.to_lowercase() && Some(p.id.as_str()) != except) {
        v.add("name", "duplicate", format!("A persona named “{name}” already exists."));
    }
    v.finish()?;
    let filter = match &input.filter {
        Some(f) => Some(criteria::check(db, f, criteria::Context::Persona).await?),
        None => None,
    };
    Ok(PersonaInput { name, description, goals, pain_points, channels, filter })
}

fn values(p: &PersonaInput) -> Vec<(&'static str, Expr)> {
    vec![
        ("name", Expr::val(p.name.clone())),
        ("description", Expr::val(p.description.clone())),
        ("goals", Expr::val(p.goals.clone())),
        ("pain_points", Expr::val(p.pain_points.clone())),
        ("channels_json", Expr::val(serde_json::to_string(&p.channels).unwrap_or_else(|_| "[]".into()))),
        ("filter_json", Expr::val(p.filter.as_ref().map(criteria::to_json))),
        ("updated_at", Expr::val(now())),
    ]
}

/// Writes a persona without an action (the demo and the generator, which keep no history).
pub(crate) async fn insert<C: ConnectionTrait>(db: &C, clean: &PersonaInput, position: i32) -> CoreResult<String> {
    let id = new_id();
    let mut cols: Vec<&str> = vec!["id", "position", "created_at"];
    let mut vals: Vec<Expr> = vec![Expr::val(id.clone()), Expr::val(position), Expr::val(now())];
    for (c, v) in values(clean) {
        cols.push(c);
        vals.push(v);
    }
    db.execute(&Query::insert().into_table("personas").columns(cols).values_panic(vals).to_owned()).await?;
    Ok(id)
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: &PersonaInput) -> CoreResult<Persona> {
    let clean = validated(db, input, None).await?;
    let position = list(db).await?.iter().map(|p| p.position + 1).max().unwrap_or(0);
    let act = history::begin(db, ActionKind::Create, "personas", None).await?;
    let id = insert(&*act, &clean, position).await?;
    act.about(&id).await?;
    act.commit().await?;
    get(db, &id).await
}

pub async fn update<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, input: &PersonaInput) -> CoreResult<Persona> {
    get(db, id).await?;
    let clean = validated(db, input, Some(id)).await?;
    let act = history::begin(db, ActionKind::Update, "personas", Some(id)).await?;
    act.execute(&Query::update().table("personas").values(values(&clean)).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    act.commit().await?;
    get(db, id).await
}

/// Deletes a persona; contacts given it by hand lose it (in the same undoable action). A
/// segment or tier that names it must be changed first.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let p = get(db, id).await?;
    if let Some(user) = crate::segments::named_by(db, "persona", id).await? {
        return Err(CoreError::conflict(format!("“{}” is used by {user}: change that first.", p.name)));
    }
    let act = history::begin(db, ActionKind::Delete, "personas", Some(id)).await?;
    act.execute(&Query::update().table("contacts").value("persona_id", Option::<String>::None).and_where(Expr::col("persona_id").eq(id)).to_owned())
        .await?;
    act.execute(&Query::delete().from_table("personas").and_where(Expr::col("id").eq(id)).to_owned()).await?;
    act.commit().await?;
    Ok(())
}

/// Puts the personas in this order (the first matching rule wins).
pub async fn reorder<C: ConnectionTrait + TransactionTrait>(db: &C, ids: &[String]) -> CoreResult<Vec<Persona>> {
    let now_ids: Vec<String> = list(db).await?.into_iter().map(|p| p.id).collect();
    let mut sorted = ids.to_vec();
    sorted.sort();
    let mut expected = now_ids.clone();
    expected.sort();
    if sorted != expected {
        return Err(CoreError::invalid("ids", "mismatch", "Give every persona once, in the new order."));
    }
    let act = history::begin(db, ActionKind::Update, "personas", None).await?;
    for (i, id) in ids.iter().enumerate() {
        act.execute(&Query::update().table("personas").value("position", i as i32).and_where(Expr::col("id").eq(id.as_str())).to_owned()).await?;
    }
    act.describe("Order of the personas").await?;
    act.commit().await?;
    list(db).await
}

/// Gives a contact a persona by hand (`None`: back to the personas' rules).
pub async fn set_for_contact<C: ConnectionTrait + TransactionTrait>(db: &C, contact_id: &str, persona_id: Option<&str>) -> CoreResult<ContactPersona> {
    crate::contacts::find_live(db, contact_id).await?;
    if let Some(p) = persona_id {
        get(db, p).await?;
    }
    let act = history::begin(db, ActionKind::Update, "contacts", Some(contact_id)).await?;
    act.execute(
        &Query::update()
            .table("contacts")
            .value("persona_id", persona_id.map(str::to_string))
            .and_where(Expr::col("id").eq(contact_id))
            .to_owned(),
    )
    .await?;
    act.commit().await?;
    of_contact(db, contact_id).await
}

pub async fn of_contact<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<ContactPersona> {
    let sql = format!(
        "SELECT c.persona_id AS c0, p.id AS c1, p.name AS c2 FROM contacts c \
         LEFT JOIN personas p ON p.id = coalesce(c.persona_id, (SELECT cs.persona_id FROM contact_scores cs WHERE cs.contact_id = c.id)) \
         WHERE c.id = {} AND c.deleted_at IS NULL",
        criteria::lit(contact_id)
    );
    let rows = crate::sqlite::packed_rows(db, &sql, 3).await?;
    let row = rows.into_iter().next().ok_or_else(|| CoreError::not_found("contact", contact_id))?;
    let persona = match (&row[1], &row[2]) {
        (Some(id), Some(name)) => Some(crate::common::EntityRef { id: id.clone(), name: name.clone() }),
        _ => None,
    };
    Ok(ContactPersona { persona, by_hand: row[0].is_some() })
}

/// The SQL expression giving contact `c`'s persona in effect (chosen by hand, else by rule), in
/// a query that joins the contact's company as `co`.
pub(crate) async fn case_sql<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<String> {
    // The rules only (no member counts: this runs with every edit).
    let sql = "SELECT id AS c0, filter_json AS c1 FROM personas WHERE filter_json IS NOT NULL ORDER BY position, id";
    let mut parts = Vec::new();
    for r in crate::sqlite::packed_rows(db, sql, 2).await? {
        if let [Some(id), Some(json)] = &r[..] {
            let f = criteria::from_json(json)?;
            parts.push(format!("WHEN {} THEN {}", criteria::compile_joined(db, &f, now).await?, criteria::lit(id)));
        }
    }
    Ok(if parts.is_empty() { "c.persona_id".into() } else { format!("coalesce(c.persona_id, CASE {} END)", parts.join(" ")) })
}

/// Each persona's measured conversion over `period`.
pub async fn conversion<C: ConnectionTrait>(db: &C, period: Period) -> CoreResult<Vec<PersonaConversion>> {
    let period = period.checked()?;
    let key = "(SELECT cs.persona_id FROM contact_scores cs WHERE cs.contact_id = c.id)";
    let found = conversion::by_group(db, key, "1", period).await?;
    Ok(list(db)
        .await?
        .into_iter()
        .map(|p| PersonaConversion {
            conversion: found.iter().find(|(g, _)| *g == p.id).map(|(_, c)| *c).unwrap_or_default(),
            persona_id: p.id,
        })
        .collect())
}
