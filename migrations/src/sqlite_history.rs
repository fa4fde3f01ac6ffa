//! SQLite: the triggers that write the change log (`history_changes`). Every insert, update and
//! delete on a recorded table leaves one row with the record as JSON before and after, tied to
//! the action that is open in the writing transaction (`history_open`, a one-row table the
//! domain crate fills at the start of an action and empties before committing).
//!
//! The triggers are generated from the live table definitions (`PRAGMA table_info`), so a later
//! migration that adds a column only has to call [`create_statements`] again.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbErr, Statement};

/// A recorded table: its key columns, and the record whose history a row belongs to
/// (`owner` table and the column holding its id).
pub struct Recorded {
    pub table: &'static str,
    pub key: &'static [&'static str],
    pub owner: &'static str,
    pub owner_column: &'static str,
}

const fn rec(table: &'static str, key: &'static [&'static str], owner: &'static str, owner_column: &'static str) -> Recorded {
    Recorded { table, key, owner, owner_column }
}

pub const RECORDED: &[Recorded] = &[
    rec("contacts", &["id"], "contacts", "id"),
    rec("contact_emails", &["id"], "contacts", "contact_id"),
    rec("contact_phones", &["id"], "contacts", "contact_id"),
    rec("contact_tags", &["contact_id", "tag_id"], "contacts", "contact_id"),
    rec("lifecycle_changes", &["id"], "contacts", "contact_id"),
    rec("consents", &["id"], "contacts", "contact_id"),
    rec("companies", &["id"], "companies", "id"),
    rec("company_tags", &["company_id", "tag_id"], "companies", "company_id"),
    rec("activities", &["id"], "activities", "id"),
    rec("deals", &["id"], "deals", "id"),
    rec("deal_contacts", &["deal_id", "contact_id"], "deals", "deal_id"),
    rec("deal_tags", &["deal_id", "tag_id"], "deals", "deal_id"),
    rec("deal_lines", &["id"], "deals", "deal_id"),
    rec("deal_stage_changes", &["id"], "deals", "deal_id"),
    rec("tags", &["id"], "tags", "id"),
    rec("lead_sources", &["id"], "lead_sources", "id"),
    rec("lost_reasons", &["id"], "lost_reasons", "id"),
    rec("pipelines", &["id"], "pipelines", "id"),
    rec("pipeline_stages", &["id"], "pipelines", "pipeline_id"),
    // From migration 9 on (earlier migrations skip tables that do not exist yet).
    rec("tiers", &["id"], "tiers", "id"),
    rec("personas", &["id"], "personas", "id"),
    rec("segments", &["id"], "segments", "id"),
    // From migration 10 on.
    rec("email_templates", &["id"], "email_templates", "id"),
    rec("merge_fields", &["id"], "merge_fields", "id"),
    rec("sequences", &["id"], "sequences", "id"),
    rec("sequence_steps", &["id"], "sequences", "sequence_id"),
    rec("sequence_triggers", &["id"], "sequences", "sequence_id"),
    rec("broadcasts", &["id"], "broadcasts", "id"),
    rec("holidays", &["id"], "holidays", "id"),
    // From migration 11 on.
    rec("products", &["id"], "products", "id"),
    rec("product_addons", &["product_id", "addon_id"], "products", "product_id"),
    rec("orders", &["id"], "orders", "id"),
    rec("order_lines", &["id"], "orders", "order_id"),
    rec("subscriptions", &["id"], "subscriptions", "id"),
    rec("onboarding_templates", &["id"], "onboarding_templates", "id"),
    rec("onboarding_template_items", &["id"], "onboarding_templates", "template_id"),
    rec("onboardings", &["id"], "onboardings", "id"),
    rec("onboarding_items", &["onboarding_id", "activity_id"], "onboardings", "onboarding_id"),
    rec("service_levels", &["tier"], "service_levels", "tier"),
    rec("tickets", &["id"], "tickets", "id"),
    rec("ticket_notes", &["id"], "tickets", "ticket_id"),
    rec("survey_responses", &["id"], "survey_responses", "id"),
    rec("reviews", &["id"], "reviews", "id"),
    rec("referral_rewards", &["id"], "referral_rewards", "id"),
    rec("contact_rhythms", &["contact_id"], "contacts", "contact_id"),
    // From migration 12 on.
    rec("goals", &["id"], "goals", "id"),
];

/// The recorded table named `table`.
pub fn recorded(table: &str) -> Option<&'static Recorded> {
    RECORDED.iter().find(|r| r.table == table)
}

/// Milliseconds since 1970 in SQLite's clock.
const NOW_MS: &str = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";

fn json_of(row: &str, columns: &[String]) -> String {
    let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', {row}.\"{c}\"")).collect();
    format!("json_object({})", pairs.join(", "))
}

fn key_of(row: &str, key: &[&str]) -> String {
    key.iter().map(|k| format!("{row}.\"{k}\"")).collect::<Vec<_>>().join(" || '/' || ")
}

fn triggers(r: &Recorded, columns: &[String]) -> [String; 3] {
    let t = r.table;
    let insert = "INSERT INTO history_changes (action_id, at_ms, table_name, record_id, owner_entity, owner_id, before_json, after_json)";
    let open = "(SELECT action_id FROM history_open)";
    let (old, new) = (json_of("OLD", columns), json_of("NEW", columns));
    let owner = |row: &str| format!("{row}.\"{}\"", r.owner_column);
    [
        format!(
            "CREATE TRIGGER history_{t}_ai AFTER INSERT ON \"{t}\" BEGIN {insert} VALUES ({open}, {NOW_MS}, '{t}', {}, '{}', {}, NULL, {new}); END;",
            key_of("NEW", r.key),
            r.owner,
            owner("NEW")
        ),
        // A write that changes nothing (same values) leaves no entry.
        format!(
            "CREATE TRIGGER history_{t}_au AFTER UPDATE ON \"{t}\" BEGIN {insert} SELECT {open}, {NOW_MS}, '{t}', {}, '{}', {}, b, a \
             FROM (SELECT {old} AS b, {new} AS a) WHERE b IS NOT a; END;",
            key_of("NEW", r.key),
            r.owner,
            owner("NEW")
        ),
        format!(
            "CREATE TRIGGER history_{t}_ad AFTER DELETE ON \"{t}\" BEGIN {insert} VALUES ({open}, {NOW_MS}, '{t}', {}, '{}', {}, {old}, NULL); END;",
            key_of("OLD", r.key),
            r.owner,
            owner("OLD")
        ),
    ]
}

/// The column names of `table`, in order.
pub async fn columns<C: ConnectionTrait>(db: &C, table: &str) -> Result<Vec<String>, DbErr> {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid")))
        .await?;
    rows.iter().map(|r| r.try_get_by_index::<String>(0)).collect()
}

/// The statements that (re)create every change-log trigger from the tables as they are now.
pub async fn create_statements<C: ConnectionTrait>(db: &C) -> Result<Vec<String>, DbErr> {
    let mut out = drop_statements();
    for r in RECORDED {
        let columns = columns(db, r.table).await?;
        // A table a later migration creates: its triggers come with that migration.
        if !columns.is_empty() {
            out.extend(triggers(r, &columns));
        }
    }
    Ok(out)
}

pub fn drop_statements() -> Vec<String> {
    RECORDED
        .iter()
        .flat_map(|r| ["ai", "au", "ad"].map(|s| format!("DROP TRIGGER IF EXISTS history_{}_{s}", r.table)))
        .collect()
}
