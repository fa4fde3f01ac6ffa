//! `contact_marks`: per contact, when they last replied to an e-mail (an e-mail activity logged
//! with the outcome "replied", live), when they last converted (a move to Customer or Loyal
//! customer, or a won live deal they are on), when they first became a customer (their first
//! move to Customer or Loyal customer) and whether they were added as one (a move with no stage
//! before it). Kept by SQLite triggers on activities, lifecycle moves, deals and deal contacts,
//! so the sequence report asks "replied / converted after enrolling?" with one look-up per
//! enrolment instead of three range probes, and the conversion reports read the customers' first
//! moves without grouping every move. SQLite only.

const CUSTOMER: &str = "('retention', 'loyalty')";

fn is_reply(row: &str) -> String {
    format!("({row}.kind = 'email' AND lower({row}.outcome) = 'replied' AND {row}.deleted_at IS NULL)")
}

/// Works the marks out again for the contacts `ids` selects (a `SELECT … AS id`), writing them.
pub fn refresh(ids: &str) -> String {
    format!(
        "INSERT INTO contact_marks (contact_id, replied_at, converted_at, customer_since, added_customer) \
         SELECT x.id, \
           (SELECT max(a.occurred_at) FROM activities a WHERE a.contact_id = x.id AND a.kind = 'email' AND lower(a.outcome) = 'replied' AND a.deleted_at IS NULL), \
           (SELECT max(v) FROM (SELECT max(l.changed_at) AS v FROM lifecycle_changes l WHERE l.contact_id = x.id AND l.to_stage IN {CUSTOMER} \
              UNION ALL SELECT max(d.closed_at) FROM deal_contacts dc JOIN deals d ON d.id = dc.deal_id \
              WHERE dc.contact_id = x.id AND d.status = 'won' AND d.deleted_at IS NULL)), \
           (SELECT min(l.changed_at) FROM lifecycle_changes l WHERE l.contact_id = x.id AND l.to_stage IN {CUSTOMER}), \
           coalesce((SELECT max(l.from_stage IS NULL) FROM lifecycle_changes l WHERE l.contact_id = x.id AND l.to_stage IN {CUSTOMER}), 0) \
         FROM ({ids}) x WHERE x.id IS NOT NULL AND EXISTS (SELECT 1 FROM contacts c WHERE c.id = x.id) \
         ON CONFLICT (contact_id) DO UPDATE SET replied_at = excluded.replied_at, converted_at = excluded.converted_at, \
           customer_since = excluded.customer_since, added_customer = excluded.added_customer;"
    )
}

fn one(row: &str, column: &str) -> String {
    refresh(&format!("SELECT {row}.{column} AS id"))
}

const TRIGGERS: [&str; 9] = ["marks_act_ai", "marks_act_au", "marks_act_ad", "marks_moves_ai", "marks_moves_au", "marks_moves_ad", "marks_deals_au", "marks_deal_contacts_ai", "marks_deal_contacts_ad"];

pub fn trigger_statements() -> Vec<String> {
    let deal_contacts = |row: &str| refresh(&format!("SELECT contact_id AS id FROM deal_contacts WHERE deal_id = {row}.id"));
    vec![
        format!("CREATE TRIGGER marks_act_ai AFTER INSERT ON activities WHEN {} BEGIN {} END;", is_reply("NEW"), one("NEW", "contact_id")),
        format!(
            "CREATE TRIGGER marks_act_au AFTER UPDATE OF kind, outcome, occurred_at, deleted_at, contact_id ON activities WHEN {} OR {} BEGIN {} {} END;",
            is_reply("OLD"),
            is_reply("NEW"),
            one("OLD", "contact_id"),
            one("NEW", "contact_id")
        ),
        format!("CREATE TRIGGER marks_act_ad AFTER DELETE ON activities WHEN {} BEGIN {} END;", is_reply("OLD"), one("OLD", "contact_id")),
        format!("CREATE TRIGGER marks_moves_ai AFTER INSERT ON lifecycle_changes WHEN NEW.to_stage IN {CUSTOMER} BEGIN {} END;", one("NEW", "contact_id")),
        format!("CREATE TRIGGER marks_moves_au AFTER UPDATE ON lifecycle_changes BEGIN {} {} END;", one("OLD", "contact_id"), one("NEW", "contact_id")),
        format!("CREATE TRIGGER marks_moves_ad AFTER DELETE ON lifecycle_changes WHEN OLD.to_stage IN {CUSTOMER} BEGIN {} END;", one("OLD", "contact_id")),
        format!(
            "CREATE TRIGGER marks_deals_au AFTER UPDATE OF status, closed_at, deleted_at ON deals WHEN OLD.status = 'won' OR NEW.status = 'won' BEGIN {} END;",
            deal_contacts("NEW")
        ),
        // A deal deleted for good takes its deal contacts with it: their delete trigger runs.
        format!("CREATE TRIGGER marks_deal_contacts_ai AFTER INSERT ON deal_contacts BEGIN {} END;", one("NEW", "contact_id")),
        format!("CREATE TRIGGER marks_deal_contacts_ad AFTER DELETE ON deal_contacts BEGIN {} END;", one("OLD", "contact_id")),
    ]
}

pub fn drop_trigger_statements() -> Vec<String> {
    TRIGGERS.iter().map(|t| format!("DROP TRIGGER IF EXISTS {t};")).collect()
}

/// Works every contact's marks out again (after a bulk write with the triggers dropped).
pub fn recount_statements() -> Vec<String> {
    vec![
        "DELETE FROM contact_marks;".into(),
        refresh(&format!(
            "SELECT contact_id AS id FROM activities a WHERE {} UNION SELECT contact_id FROM lifecycle_changes WHERE to_stage IN {CUSTOMER} \
             UNION SELECT dc.contact_id FROM deal_contacts dc JOIN deals d ON d.id = dc.deal_id WHERE d.status = 'won' AND d.deleted_at IS NULL",
            is_reply("a")
        )),
    ]
}
