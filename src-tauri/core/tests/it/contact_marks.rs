//! `contact_marks` (each contact's latest reply, latest conversion, first move to a customer
//! stage and whether they were added as a customer; kept by triggers for the reports) against a
//! count made in Rust from the raw rows after every kind of write.

use super::reports_fixture::*;
use crate::common::db;
use hearth_core::DatabaseConnection;
use std::collections::BTreeMap;

/// contact → (replied, converted, customer since, added as a customer)
type Marks = BTreeMap<String, (Option<String>, Option<String>, Option<String>, bool)>;

async fn rows(db: &DatabaseConnection, sql: &str, n: usize) -> Vec<Vec<Option<String>>> {
    hearth_core::sqlite::packed_rows(db, sql, n).await.unwrap()
}

/// The marks as the definition says, from every row.
async fn expected(db: &DatabaseConnection) -> Marks {
    let mut out = Marks::new();
    let live: Vec<String> = rows(db, "SELECT id AS c0 FROM contacts", 1).await.into_iter().filter_map(|r| r[0].clone()).collect();
    let mut later = |id: Option<String>, at: Option<String>, reply: bool| {
        let (Some(id), Some(at)) = (id, at) else { return };
        if !live.contains(&id) {
            return;
        }
        let e = out.entry(id).or_insert((None, None, None, false));
        let slot = if reply { &mut e.0 } else { &mut e.1 };
        if slot.as_ref().is_none_or(|s| *s < at) {
            *slot = Some(at);
        }
    };
    for r in rows(db, "SELECT contact_id AS c0, occurred_at AS c1, kind AS c2, outcome AS c3, deleted_at AS c4 FROM activities", 5).await {
        if r[2].as_deref() == Some("email") && r[3].as_deref().is_some_and(|o| o.eq_ignore_ascii_case("replied")) && r[4].is_none() {
            later(r[0].clone(), r[1].clone(), true);
        }
    }
    let moves = rows(db, "SELECT contact_id AS c0, changed_at AS c1, from_stage AS c2 FROM lifecycle_changes WHERE to_stage IN ('retention', 'loyalty')", 3).await;
    for r in &moves {
        later(r[0].clone(), r[1].clone(), false);
    }
    for r in rows(db, "SELECT dc.contact_id AS c0, d.closed_at AS c1, d.status AS c2, d.deleted_at AS c3 FROM deal_contacts dc JOIN deals d ON d.id = dc.deal_id", 4).await {
        if r[2].as_deref() == Some("won") && r[3].is_none() {
            later(r[0].clone(), r[1].clone(), false);
        }
    }
    for r in &moves {
        if let Some(e) = r[0].as_ref().and_then(|id| out.get_mut(id)) {
            let at = r[1].clone().unwrap();
            if e.2.as_ref().is_none_or(|s| at < *s) {
                e.2 = Some(at);
            }
            e.3 |= r[2].is_none();
        }
    }
    out
}

async fn kept(db: &DatabaseConnection) -> Marks {
    let sql = "SELECT contact_id AS c0, replied_at AS c1, converted_at AS c2, customer_since AS c3, added_customer AS c4 FROM contact_marks \
               WHERE replied_at IS NOT NULL OR converted_at IS NOT NULL OR customer_since IS NOT NULL";
    rows(db, sql, 5).await.into_iter().map(|r| (r[0].clone().unwrap(), (r[1].clone(), r[2].clone(), r[3].clone(), r[4].as_deref() == Some("1")))).collect()
}

#[tokio::test]
async fn the_kept_marks_follow_every_write() {
    let db = db().await;
    contact(&db, "P", "2026-01-01", "reach", None, None, false).await;
    contact(&db, "Q", "2026-01-01", "reach", None, None, false).await;
    for (id, who, outcome, day) in [("r1", "P", "replied", "05"), ("r2", "P", "sent", "06"), ("r3", "Q", "Replied", "07")] {
        exec(&db, &format!("INSERT INTO activities (id, kind, subject, contact_id, occurred_at, outcome, created_at, updated_at) VALUES ('{id}', 'email', 'x', '{who}', '2026-01-{day}T10:00:00+00:00', '{outcome}', '2026-01-01', '2026-01-01')")).await;
    }
    change(&db, "Q", Some("reach"), "retention", "2026-02-01").await;
    let (p, st) = stages(&db).await;
    let won = st.iter().find(|s| s.1.starts_with("Won")).unwrap().0.clone();
    let deal_row = Deal { id: "dw", status: "won", stage: &won, owner: None, value: 100, currency: "EUR", created: "2026-01-01", closed: Some("2026-03-01"), expected: None, probability: None, lost_reason: None };
    deal(&db, &p, deal_row).await;
    let first = expected(&db).await;
    assert_eq!(first.get("Q").map(|m| (m.1.clone(), m.2.clone(), m.3)), Some((Some("2026-02-01T00:00:00.000+00:00".to_string()), Some("2026-02-01T00:00:00.000+00:00".to_string()), false)), "Q's move to customer");
    assert_eq!(kept(&db).await, first);
    for step in [
        "INSERT INTO deal_contacts (deal_id, contact_id, position) VALUES ('dw', 'P', 0)",
        "INSERT INTO deal_contacts (deal_id, contact_id, position) VALUES ('dw', 'Q', 1)",
        "UPDATE activities SET outcome = 'sent' WHERE id = 'r1'",
        "UPDATE activities SET outcome = 'REPLIED', occurred_at = '2026-01-20T10:00:00+00:00' WHERE id = 'r2'",
        "UPDATE activities SET deleted_at = '2026-02-01' WHERE id = 'r3'",
        "UPDATE activities SET deleted_at = NULL WHERE id = 'r3'",
        "UPDATE activities SET contact_id = 'Q' WHERE id = 'r2'",
        "UPDATE activities SET kind = 'call' WHERE id = 'r3'",
        "INSERT INTO lifecycle_changes (id, contact_id, from_stage, to_stage, changed_at) VALUES ('m9', 'P', 'retention', 'loyalty', '2026-04-01T00:00:00.000+00:00')",
        "UPDATE lifecycle_changes SET contact_id = 'Q' WHERE id = 'm9'",
        "DELETE FROM lifecycle_changes WHERE id = 'm9'",
        "INSERT INTO lifecycle_changes (id, contact_id, from_stage, to_stage, changed_at) VALUES ('m8', 'Q', NULL, 'loyalty', '2026-01-15T00:00:00.000+00:00')",
        "UPDATE lifecycle_changes SET changed_at = '2026-01-16T00:00:00.000+00:00' WHERE id = 'm8'",
        "UPDATE deals SET status = 'open', closed_at = NULL WHERE id = 'dw'",
        "UPDATE deals SET status = 'won', closed_at = '2026-05-01T00:00:00.000+00:00' WHERE id = 'dw'",
        "UPDATE deals SET deleted_at = '2026-05-02' WHERE id = 'dw'",
        "UPDATE deals SET deleted_at = NULL WHERE id = 'dw'",
        "DELETE FROM deal_contacts WHERE contact_id = 'P'",
        "DELETE FROM activities WHERE id = 'r2'",
        "DELETE FROM deals WHERE id = 'dw'",
        "DELETE FROM contacts WHERE id = 'Q'",
    ] {
        exec(&db, step).await;
        assert_eq!(kept(&db).await, expected(&db).await, "after {step}");
    }
    // Something was kept along the way and is gone with its rows: the test did not compare
    // two empty lists only.
    exec(&db, "INSERT INTO activities (id, kind, subject, contact_id, occurred_at, outcome, created_at, updated_at) VALUES ('r5', 'email', 'x', 'P', '2026-06-01T10:00:00+00:00', 'replied', '2026-01-01', '2026-01-01')").await;
    assert_eq!(kept(&db).await.get("P").map(|m| m.0.clone()), Some(Some("2026-06-01T10:00:00+00:00".to_string())));
}
