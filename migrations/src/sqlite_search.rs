//! SQLite-only: the FTS5 search index over contacts and companies, and the triggers that keep
//! it in sync inside the database itself (so every writer — app, CLI, import — updates it).
//!
//! One FTS row per live (not deleted) contact or company, keyed by the row's `rowid`. Each
//! trigger simply rebuilds the affected rows from the source tables.

const TOKENIZE: &str = "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'";

/// Phone numbers are stored in E.164; index every digit suffix of four or more digits so any
/// tail of the number ("7946 0958", "555 0123", "0958") finds it by prefix.
fn phone_tokens(col: &str) -> String {
    (2..=13)
        .map(|k| format!("CASE WHEN length({col}) >= {} THEN substr({col}, {k}) ELSE '' END", k + 3))
        .collect::<Vec<_>>()
        .join(" || ' ' || ")
}

pub fn reindex_contacts(filter: &str) -> String {
    format!("{}\n         {}", unindex_contacts(filter), index_contacts(filter, ""))
}

/// Removes the search rows of the contacts matching `filter` (on `contacts c`).
pub fn unindex_contacts(filter: &str) -> String {
    format!("DELETE FROM contacts_fts WHERE rowid IN (SELECT rowid FROM contacts c WHERE {filter});")
}

/// Adds the search rows of the live contacts matching `filter`, then `tail` (e.g. an ORDER BY).
pub fn index_contacts(filter: &str, tail: &str) -> String {
    let phones = phone_tokens("phone");
    format!(
        "INSERT INTO contacts_fts(rowid, name, emails, phones, company, tags, notes)
         SELECT c.rowid,
                c.first_name || ' ' || c.last_name || ' ' || coalesce(c.title, ''),
                (SELECT group_concat(email, ' ') FROM contact_emails WHERE contact_id = c.id),
                (SELECT group_concat({phones}, ' ') FROM contact_phones WHERE contact_id = c.id),
                (SELECT name FROM companies WHERE id = c.company_id AND deleted_at IS NULL),
                (SELECT group_concat(t.name, ' ') FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id),
                c.notes
           FROM contacts c WHERE ({filter}) AND c.deleted_at IS NULL{tail};"
    )
}

pub fn reindex_companies(filter: &str) -> String {
    format!("{}\n         {}", unindex_companies(filter), index_companies(filter, ""))
}

/// Removes the search rows of the companies matching `filter` (on `companies c`).
pub fn unindex_companies(filter: &str) -> String {
    format!("DELETE FROM companies_fts WHERE rowid IN (SELECT rowid FROM companies c WHERE {filter});")
}

/// Adds the search rows of the live companies matching `filter`, then `tail`.
pub fn index_companies(filter: &str, tail: &str) -> String {
    let phone = phone_tokens("c.phone");
    format!(
        "INSERT INTO companies_fts(rowid, name, domain, phone, tags, notes)
         SELECT c.rowid, c.name || ' ' || coalesce(c.industry, '') || ' ' || coalesce(c.city, ''),
                c.domain,
                {phone},
                (SELECT group_concat(t.name, ' ') FROM company_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.company_id = c.id),
                c.notes
           FROM companies c WHERE ({filter}) AND c.deleted_at IS NULL{tail};"
    )
}

fn trigger(name: &str, event: &str, table: &str, body: &str) -> String {
    format!("CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {body} END;")
}

const TRIGGERS: &[&str] = &[
    "contacts_fts_ai", "contacts_fts_au", "contacts_fts_ad",
    "contact_emails_fts_ai", "contact_emails_fts_au", "contact_emails_fts_ad",
    "contact_phones_fts_ai", "contact_phones_fts_au", "contact_phones_fts_ad",
    "contact_tags_fts_ai", "contact_tags_fts_ad",
    "companies_fts_ai", "companies_fts_au", "companies_fts_ad",
    "company_tags_fts_ai", "company_tags_fts_ad", "tags_fts_au",
];

/// The statements that create the search index and its triggers.
pub fn create_statements() -> Vec<String> {
    let mut s = vec![
        format!("CREATE VIRTUAL TABLE contacts_fts USING fts5(name, emails, phones, company, tags, notes, {TOKENIZE})"),
        format!("CREATE VIRTUAL TABLE companies_fts USING fts5(name, domain, phone, tags, notes, {TOKENIZE})"),
    ];
    s.extend(trigger_statements());
    s
}

/// The triggers alone (bulk writers drop them, write, rebuild the index and put them back).
pub fn trigger_statements() -> Vec<String> {
    let contact_cols = "UPDATE OF first_name, last_name, title, company_id, notes, deleted_at";
    let company_cols = "UPDATE OF name, industry, city, domain, phone, notes, deleted_at";
    let mut s = vec![
        trigger("contacts_fts_ai", "INSERT", "contacts", &reindex_contacts("c.id = NEW.id")),
        trigger("contacts_fts_au", contact_cols, "contacts", &reindex_contacts("c.id = NEW.id")),
        trigger("contacts_fts_ad", "DELETE", "contacts", "DELETE FROM contacts_fts WHERE rowid = OLD.rowid;"),
        trigger("companies_fts_ai", "INSERT", "companies", &reindex_companies("c.id = NEW.id")),
        trigger(
            "companies_fts_au",
            company_cols,
            "companies",
            &(reindex_companies("c.id = NEW.id") + &reindex_contacts("c.company_id = NEW.id")),
        ),
        trigger("companies_fts_ad", "DELETE", "companies", "DELETE FROM companies_fts WHERE rowid = OLD.rowid;"),
        trigger(
            "tags_fts_au",
            "UPDATE OF name",
            "tags",
            &(reindex_contacts("c.id IN (SELECT contact_id FROM contact_tags WHERE tag_id = NEW.id)")
                + &reindex_companies("c.id IN (SELECT company_id FROM company_tags WHERE tag_id = NEW.id)")),
        ),
    ];
    for table in ["contact_emails", "contact_phones"] {
        s.push(trigger(&format!("{table}_fts_ai"), "INSERT", table, &reindex_contacts("c.id = NEW.contact_id")));
        s.push(trigger(
            &format!("{table}_fts_au"),
            "UPDATE",
            table,
            &(reindex_contacts("c.id = OLD.contact_id") + &reindex_contacts("c.id = NEW.contact_id")),
        ));
        s.push(trigger(&format!("{table}_fts_ad"), "DELETE", table, &reindex_contacts("c.id = OLD.contact_id")));
    }
    s.push(trigger("contact_tags_fts_ai", "INSERT", "contact_tags", &reindex_contacts("c.id = NEW.contact_id")));
    s.push(trigger("contact_tags_fts_ad", "DELETE", "contact_tags", &reindex_contacts("c.id = OLD.contact_id")));
    s.push(trigger("company_tags_fts_ai", "INSERT", "company_tags", &reindex_companies("c.id = NEW.company_id")));
    s.push(trigger("company_tags_fts_ad", "DELETE", "company_tags", &reindex_companies("c.id = OLD.company_id")));
    debug_assert_eq!(s.len(), TRIGGERS.len());
    s
}

/// The statements that remove the triggers only.
pub fn drop_trigger_statements() -> Vec<String> {
    TRIGGERS.iter().map(|t| format!("DROP TRIGGER IF EXISTS {t}")).collect()
}

/// The statements that remove the search index and its triggers.
pub fn drop_statements() -> Vec<String> {
    let mut s = drop_trigger_statements();
    s.push("DROP TABLE IF EXISTS contacts_fts".into());
    s.push("DROP TABLE IF EXISTS companies_fts".into());
    s
}
