//! `touch_days`: calls, e-mails and meetings per day, kind and owner (the touched contact's
//! owner, "" for none), kept by SQLite triggers on every write to activities and on a contact's
//! owner changing or the contact being deleted — so the activity report reads a few thousand
//! rows instead of every activity of the period. SQLite only (team mode will keep it another way).

const COUNTED: &str = "('call', 'email', 'meeting')";

fn owner(row: &str) -> String {
    format!("coalesce((SELECT owner FROM contacts WHERE id = {row}.contact_id), '')")
}

fn counted(row: &str) -> String {
    format!("{row}.deleted_at IS NULL AND {row}.kind IN {COUNTED}")
}

/// Moves the counts of contact `NEW`/`OLD`'s touches from owner `from` to owner `to` (SQL).
fn move_owner(contact: &str, from: &str, to: &str) -> String {
    let mine = format!("FROM activities a WHERE a.contact_id = {contact}.id AND a.deleted_at IS NULL AND a.kind IN {COUNTED}");
    format!(
        "UPDATE touch_days SET n = n - (SELECT count(*) {mine} AND substr(a.occurred_at, 1, 10) = touch_days.day AND a.kind = touch_days.kind) \
           WHERE owner = {from} AND EXISTS (SELECT 1 {mine} AND substr(a.occurred_at, 1, 10) = touch_days.day AND a.kind = touch_days.kind); \
         INSERT INTO touch_days (day, kind, owner, n) SELECT substr(a.occurred_at, 1, 10), a.kind, {to}, count(*) {mine} GROUP BY 1, 2 \
           ON CONFLICT (day, kind, owner) DO UPDATE SET n = n + excluded.n;"
    )
}

pub fn trigger_statements() -> Vec<String> {
    let add = |row: &str| {
        format!(
            "INSERT INTO touch_days (day, kind, owner, n) SELECT substr({row}.occurred_at, 1, 10), {row}.kind, {}, 1 WHERE {} \
             ON CONFLICT (day, kind, owner) DO UPDATE SET n = n + 1;",
            owner(row),
            counted(row)
        )
    };
    let remove = |row: &str| {
        format!(
            "UPDATE touch_days SET n = n - 1 WHERE {} AND day = substr({row}.occurred_at, 1, 10) AND kind = {row}.kind AND owner = {};",
            counted(row),
            owner(row)
        )
    };
    vec![
        format!("CREATE TRIGGER touch_days_ai AFTER INSERT ON activities BEGIN {} END;", add("NEW")),
        format!("CREATE TRIGGER touch_days_ad AFTER DELETE ON activities BEGIN {} END;", remove("OLD")),
        format!(
            "CREATE TRIGGER touch_days_au AFTER UPDATE OF occurred_at, kind, deleted_at, contact_id ON activities BEGIN {} {} END;",
            remove("OLD"),
            add("NEW")
        ),
        format!(
            "CREATE TRIGGER touch_days_owner AFTER UPDATE OF owner ON contacts WHEN OLD.owner IS NOT NEW.owner BEGIN {} END;",
            move_owner("NEW", "coalesce(OLD.owner, '')", "coalesce(NEW.owner, '')")
        ),
        // The contact's touches are deleted with it (after it is gone, they count as "no owner").
        format!("CREATE TRIGGER touch_days_contact_bd BEFORE DELETE ON contacts BEGIN {} END;", move_owner("OLD", "coalesce(OLD.owner, '')", "''")),
    ]
}

pub fn drop_trigger_statements() -> Vec<String> {
    ["touch_days_ai", "touch_days_ad", "touch_days_au", "touch_days_owner", "touch_days_contact_bd"].iter().map(|t| format!("DROP TRIGGER IF EXISTS {t};")).collect()
}

/// Counts every touch again (after a bulk write with the triggers dropped).
pub fn recount_statements() -> Vec<String> {
    vec![
        "DELETE FROM touch_days;".into(),
        format!(
            "INSERT INTO touch_days (day, kind, owner, n) SELECT substr(a.occurred_at, 1, 10), a.kind, coalesce(c.owner, ''), count(*) \
             FROM activities a LEFT JOIN contacts c ON c.id = a.contact_id WHERE a.deleted_at IS NULL AND a.kind IN {COUNTED} GROUP BY 1, 2, 3;"
        ),
    ]
}
