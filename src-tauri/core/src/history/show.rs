//! The change log in words: each logged row becomes a [`HistoryChange`] with the fields that
//! changed, ids replaced by names.

use super::HistoryAction;
use crate::error::CoreResult;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, Order};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Changed,
    Removed,
}

/// One row written by an action.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct HistoryChange {
    pub table: String,
    pub record_id: String,
    pub kind: ChangeKind,
    /// What the row is, in words: "Contact Anna Berg", "E-mail anna@berg.se", "Tag VIP".
    pub what: String,
    /// For a change: the fields that changed (internal ones left out).
    pub fields: Vec<FieldChange>,
    /// The row's currency, for its amounts (`value_minor` …, in minor units).
    pub currency: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct FieldChange {
    pub field: String,
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Kept for undo, never shown: bookkeeping and values derived from other rows.
const HIDDEN: &[&str] = &[
    "id", "created_at", "updated_at", "version", "rank", "name_key", "position", "stage_entered_at",
    "last_contacted_at", "next_follow_up_at",
];

/// Rows that are themselves a history (the stage a record moved to shows on the record).
const SILENT_TABLES: &[&str] = &["lifecycle_changes", "deal_stage_changes"];

/// The name of a record from its JSON row.
pub(crate) fn subject_of(table: &str, json: &str) -> String {
    let Ok(Value::Object(m)) = serde_json::from_str::<Value>(json) else { return String::new() };
    let s = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("").trim().to_string();
    match table {
        "contacts" => format!("{} {}", s("first_name"), s("last_name")).trim().to_string(),
        "deals" => s("title"),
        "activities" => s("subject"),
        "contact_emails" => s("email"),
        "contact_phones" => s("phone"),
        _ => s("name"),
    }
}

fn noun(table: &str) -> &'static str {
    match table {
        "contacts" => "Contact",
        "companies" => "Company",
        "deals" => "Deal",
        "activities" => "Activity",
        "contact_emails" => "E-mail",
        "contact_phones" => "Phone",
        "contact_tags" | "company_tags" | "deal_tags" | "tags" => "Tag",
        "deal_contacts" => "Contact on the deal",
        "deal_lines" => "Line",
        "consents" => "Consent",
        "lead_sources" => "Lead source",
        "lost_reasons" => "Lost reason",
        "pipelines" => "Pipeline",
        "pipeline_stages" => "Stage",
        "tiers" => "Tier",
        "personas" => "Persona",
        "segments" => "Segment",
        "email_templates" => "E-mail template",
        "merge_fields" => "Merge field",
        "sequences" => "Sequence",
        "sequence_steps" => "Step",
        "sequence_triggers" => "Trigger",
        "broadcasts" => "Broadcast",
        "holidays" => "Holiday",
        _ => "Record",
    }
}

fn label(field: &str) -> String {
    let known = match field {
        "company_id" => "Company",
        "lead_source_id" | "source_id" => "Lead source",
        "referred_by_id" => "Referred by",
        "stage_id" => "Stage",
        "pipeline_id" => "Pipeline",
        "lost_reason_id" => "Lost reason",
        "contact_id" => "Contact",
        "deal_id" => "Deal",
        "value_minor" => "Value",
        "unit_price_minor" => "Unit price",
        "deleted_at" => "Trash",
        "do_not_contact" => "Do not contact",
        "lifecycle_stage" => "Lifecycle stage",
        "budget_minor" => "Budget",
        "timeline_on" => "Buying by",
        "need_level" => "Need",
        "need_note" => "What they need",
        "score_override" => "Score set by hand",
        "score_override_reason" => "Why set by hand",
        "persona_id" => "Persona",
        "filter_json" => "Rule",
        "follow_up_days" => "Follow up within (days)",
        "channels_json" => "Preferred channels",
        "template_id" => "Template",
        "template_b_id" => "Template B",
        "default_sequence_id" => "Default sequence",
        "delay_days" => "Wait (days)",
        "on_date" => "Date",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    let words = field.replace('_', " ");
    let mut c = words.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// The table whose names an id field refers to, and the expression of the name.
fn reference(field: &str) -> Option<(&'static str, &'static str)> {
    Some(match field {
        "company_id" => ("companies", "name"),
        "contact_id" | "referred_by_id" => ("contacts", "trim(first_name || ' ' || last_name)"),
        "deal_id" => ("deals", "title"),
        "tag_id" => ("tags", "name"),
        "lead_source_id" | "source_id" => ("lead_sources", "name"),
        "lost_reason_id" => ("lost_reasons", "name"),
        "stage_id" | "from_stage_id" | "to_stage_id" => ("pipeline_stages", "name"),
        "pipeline_id" => ("pipelines", "name"),
        "persona_id" => ("personas", "name"),
        "template_id" | "template_b_id" => ("email_templates", "name"),
        "sequence_id" | "default_sequence_id" => ("sequences", "name"),
        "segment_id" => ("segments", "name"),
        _ => return None,
    })
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

type Names = HashMap<(&'static str, String), String>;

fn shown(field: &str, v: Option<&Value>, names: &Names) -> Option<String> {
    let t = text(v?)?;
    if field == "deleted_at" {
        return Some("In the trash".into());
    }
    if let Some((table, _)) = reference(field) {
        return Some(names.get(&(table, t.clone())).cloned().unwrap_or_else(|| "(deleted)".into()));
    }
    if field == "do_not_contact" || field == "is_primary" || field == "bounced" || field == "granted" {
        return Some(if t == "1" || t == "true" { "Yes".into() } else { "No".into() });
    }
    Some(t)
}

struct Raw {
    action_id: i64,
    table: String,
    record_id: String,
    before: Option<Map<String, Value>>,
    after: Option<Map<String, Value>>,
}

fn object(s: Option<String>) -> Option<Map<String, Value>> {
    match serde_json::from_str::<Value>(&s?) {
        Ok(Value::Object(m)) => Some(m),
        _ => None,
    }
}

async fn load_names<C: ConnectionTrait>(db: &C, raws: &[Raw]) -> CoreResult<Names> {
    let mut wanted: HashMap<&'static str, (&'static str, HashSet<String>)> = HashMap::new();
    for r in raws {
        for m in [&r.before, &r.after].into_iter().flatten() {
            for (k, v) in m {
                if let (Some((table, expr)), Some(id)) = (reference(k), v.as_str()) {
                    wanted.entry(table).or_insert((expr, HashSet::new())).1.insert(id.to_string());
                }
            }
        }
    }
    let mut names = Names::new();
    for (table, (expr, ids)) in wanted {
        let ids: Vec<String> = ids.into_iter().collect();
        for chunk in ids.chunks(500) {
            let q = Query::select()
                .column("id")
                .expr(Expr::cust(expr))
                .from(table)
                .and_where(Expr::col("id").is_in(chunk.iter().cloned()))
                .to_owned();
            for row in db.query_all(&q).await? {
                let id: String = row.try_get_by_index(0)?;
                let name: Option<String> = row.try_get_by_index(1)?;
                names.insert((table, id), name.unwrap_or_default());
            }
        }
    }
    Ok(names)
}

fn describe(raw: &Raw, names: &Names) -> Option<HistoryChange> {
    if SILENT_TABLES.contains(&raw.table.as_str()) {
        return None;
    }
    let row = raw.after.as_ref().or(raw.before.as_ref())?;
    let mut what_name = subject_of(&raw.table, &Value::Object(row.clone()).to_string());
    for key in ["tag_id", "contact_id"] {
        if what_name.is_empty() && raw.table != "activities" && raw.table != "consents" {
            if let Some(n) = shown(key, row.get(key), names) {
                what_name = n;
            }
        }
    }
    if raw.table == "consents" {
        what_name = format!("{} {}", row.get("purpose").and_then(text).unwrap_or_default(), shown("granted", row.get("granted"), names).map(|g| if g == "Yes" { "given" } else { "withdrawn" }).unwrap_or(""));
    }
    let what = format!("{} {what_name}", noun(&raw.table)).trim().to_string();
    let (kind, fields) = match (&raw.before, &raw.after) {
        (None, Some(_)) => (ChangeKind::Added, vec![]),
        (Some(_), None) => (ChangeKind::Removed, vec![]),
        (Some(b), Some(a)) => {
            let mut fields = vec![];
            for (k, av) in a {
                let bv = b.get(k).unwrap_or(&Value::Null);
                if bv == av || HIDDEN.contains(&k.as_str()) {
                    continue;
                }
                fields.push(FieldChange { field: k.clone(), label: label(k), before: shown(k, Some(bv), names), after: shown(k, Some(av), names) });
            }
            (ChangeKind::Changed, fields)
        }
        (None, None) => return None,
    };
    if kind == ChangeKind::Changed && fields.is_empty() {
        return None;
    }
    let currency = row.get("currency").or_else(|| row.get("budget_currency")).and_then(text);
    Some(HistoryChange { table: raw.table.clone(), record_id: raw.record_id.clone(), kind, what, fields, currency })
}

/// What import `import_id` wrote about record `id` of table `e`, in words: "Contact created
/// by this import", "Contact updated by this import", "Activity imported: Intro call".
pub(crate) async fn imported<C: ConnectionTrait>(db: &C, import_id: &str, e: &str, id: &str) -> CoreResult<Vec<HistoryChange>> {
    let Some(items) = super::imported_items(e, id) else { return Ok(vec![]) };
    let sql = format!(
        "SELECT i.entity AS c0, i.record_id AS c1, i.action AS c2, (SELECT a.subject FROM activities a WHERE a.id = i.record_id) AS c3 \
         FROM import_items i WHERE i.import_id = {} AND ({items}) ORDER BY i.rowid",
        crate::criteria::lit(import_id)
    );
    let mut out = Vec::new();
    for r in crate::sqlite::packed_rows(db, &sql, 4).await? {
        let (Some(entity), Some(record_id), Some(action)) = (r[0].clone(), r[1].clone(), r[2].clone()) else { continue };
        let (table, what) = match entity.as_str() {
            "activity" => ("activities", format!("Activity imported: {}", r[3].clone().unwrap_or_default())),
            other => {
                let table = match other {
                    "contact" => "contacts",
                    "company" => "companies",
                    _ => "deals",
                };
                let verb = if action == "created" { "created" } else { "updated" };
                (table, format!("{} {verb} by this import", noun(table)))
            }
        };
        let kind = if action == "created" { ChangeKind::Added } else { ChangeKind::Changed };
        out.push(HistoryChange { table: table.into(), record_id, kind, what, fields: vec![], currency: None });
    }
    Ok(out)
}

/// Reads the changes of `actions` (only those of `record`, when given; at most `per_action`
/// each) and puts them into the actions in words.
pub(crate) async fn attach_changes<C: ConnectionTrait>(
    db: &C,
    actions: &mut [HistoryAction],
    record: Option<(&str, &str)>,
    per_action: usize,
) -> CoreResult<()> {
    if actions.is_empty() {
        return Ok(());
    }
    let mut q = Query::select();
    q.columns(["action_id", "table_name", "record_id", "before_json", "after_json"])
        .from("history_changes")
        .and_where(Expr::col("action_id").is_in(actions.iter().map(|a| a.id)));
    if let Some((e, id)) = record {
        q.and_where(Expr::col("owner_entity").eq(e)).and_where(Expr::col("owner_id").eq(id));
    }
    q.order_by("id", Order::Asc);
    let mut raws = Vec::new();
    let mut per: HashMap<i64, usize> = HashMap::new();
    for r in db.query_all(&q).await? {
        let action_id: i64 = r.try_get_by_index(0)?;
        let n = per.entry(action_id).or_default();
        if *n >= per_action {
            if let Some(a) = actions.iter_mut().find(|a| a.id == action_id) {
                a.more_changes += 1;
            }
            continue;
        }
        *n += 1;
        raws.push(Raw {
            action_id,
            table: r.try_get_by_index(1)?,
            record_id: r.try_get_by_index(2)?,
            before: object(r.try_get_by_index(3)?),
            after: object(r.try_get_by_index(4)?),
        });
    }
    let names = load_names(db, &raws).await?;
    let index: HashMap<i64, usize> = actions.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    for raw in &raws {
        if let (Some(i), Some(change)) = (index.get(&raw.action_id), describe(raw, &names)) {
            actions[*i].changes.push(change);
        }
    }
    Ok(())
}
