//! Small hand-made datasets for the report tests, written as raw rows so every time is chosen
//! (the domain's writers stamp "now").

use hearth_core::DatabaseConnection;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

pub async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute_raw(Statement::from_string(DbBackend::Sqlite, sql.to_string())).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
}

fn q(v: Option<&str>) -> String {
    v.map(|s| format!("'{}'", s.replace('\'', "''"))).unwrap_or_else(|| "NULL".into())
}

fn ts(day: &str) -> String {
    if day.contains('T') { day.to_string() } else { format!("{day}T00:00:00.000+00:00") }
}

pub async fn source(db: &DatabaseConnection, name: &str) -> String {
    let rows = hearth_core::sqlite::packed_rows(db, &format!("SELECT id AS c0 FROM lead_sources WHERE name = '{name}'"), 1).await.unwrap();
    if let Some(r) = rows.first() {
        return r[0].clone().unwrap();
    }
    let id = format!("src-{name}");
    exec(db, &format!("INSERT INTO lead_sources (id, name, name_key, position, created_at, updated_at) VALUES ('{id}', '{name}', '{}', 99, '2020-01-01', '2020-01-01')", name.to_lowercase())).await;
    id
}

/// A contact added on `created` at `stage` (its creation recorded unless `legacy`).
pub async fn contact(db: &DatabaseConnection, id: &str, created: &str, stage: &str, source: Option<&str>, owner: Option<&str>, legacy: bool) {
    exec(
        db,
        &format!(
            "INSERT INTO contacts (id, first_name, last_name, lifecycle_stage, lead_source_id, owner, created_at, updated_at) VALUES ('{id}', '{id}', 'Test', '{stage}', {}, {}, '{c}', '{c}')",
            q(source),
            q(owner),
            c = ts(created)
        ),
    )
    .await;
    if !legacy {
        change(db, id, None, stage, created).await;
    }
}

pub async fn change(db: &DatabaseConnection, contact: &str, from: Option<&str>, to: &str, at: &str) {
    exec(
        db,
        &format!("INSERT INTO lifecycle_changes (id, contact_id, from_stage, to_stage, changed_at) VALUES ('{contact}-{to}-{at}', '{contact}', {}, '{to}', '{}')", q(from), ts(at)),
    )
    .await;
    exec(db, &format!("UPDATE contacts SET lifecycle_stage = '{to}' WHERE id = '{contact}'")).await;
}

pub async fn order(db: &DatabaseConnection, number: i64, contact: &str, at: &str, currency: &str, total: i64, refunded: i64) {
    let status = if refunded == 0 { "paid" } else if refunded >= total { "refunded" } else { "partly_refunded" };
    exec(
        db,
        &format!(
            "INSERT INTO orders (id, number, contact_id, ordered_at, status, currency, total_minor, refunded_minor, created_at, updated_at) \
             VALUES ('o{number}', {number}, '{contact}', '{a}', '{status}', '{currency}', {total}, {refunded}, '{a}', '{a}')",
            a = ts(at)
        ),
    )
    .await;
}

/// Recomputes the purchase figures the domain keeps on every order write.
pub async fn refresh_stats(db: &DatabaseConnection) {
    exec(db, "DELETE FROM customer_stats").await;
    exec(db, "DELETE FROM customer_revenue").await;
    exec(db, "DELETE FROM paid_orders").await;
    exec(db, &hearth_migrations::PAID_ORDERS_FILL.replace("{who}", "1 = 1")).await;
    exec(
        db,
        "INSERT INTO customer_stats (contact_id, orders, first_order_at, last_order_at) SELECT contact_id, count(*), min(ordered_at), max(ordered_at) \
         FROM orders WHERE contact_id IS NOT NULL AND status <> 'refunded' GROUP BY contact_id",
    )
    .await;
    exec(
        db,
        "INSERT INTO customer_revenue (contact_id, currency, orders, net_minor) SELECT contact_id, currency, count(*) FILTER (WHERE status <> 'refunded'), \
         sum(total_minor - refunded_minor) FROM orders WHERE contact_id IS NOT NULL GROUP BY contact_id, currency HAVING count(*) FILTER (WHERE status <> 'refunded') > 0",
    )
    .await;
}

pub async fn stages(db: &DatabaseConnection) -> (String, Vec<(String, String)>) {
    let rows = hearth_core::sqlite::packed_rows(db, "SELECT s.pipeline_id AS c0, s.id AS c1, s.name AS c2 FROM pipeline_stages s JOIN pipelines p ON p.id = s.pipeline_id ORDER BY p.position, s.position", 3)
        .await
        .unwrap();
    let pid = rows[0][0].clone().unwrap();
    (pid.clone(), rows.into_iter().filter(|r| r[0].as_deref() == Some(pid.as_str())).map(|r| (r[1].clone().unwrap(), r[2].clone().unwrap())).collect())
}

pub struct Deal<'a> {
    pub id: &'a str,
    pub status: &'a str,
    pub stage: &'a str,
    pub owner: Option<&'a str>,
    pub value: i64,
    pub currency: &'a str,
    pub created: &'a str,
    pub closed: Option<&'a str>,
    pub expected: Option<&'a str>,
    pub probability: Option<i64>,
    pub lost_reason: Option<&'a str>,
}

pub async fn deal(db: &DatabaseConnection, pipeline: &str, d: Deal<'_>) {
    exec(
        db,
        &format!(
            "INSERT INTO deals (id, title, pipeline_id, stage_id, status, owner, value_minor, currency, expected_close, probability, lost_reason_id, rank, stage_entered_at, closed_at, version, created_at, updated_at) \
             VALUES ('{id}', 'Deal {id}', '{pipeline}', '{stage}', '{status}', {owner}, {value}, '{cur}', {exp}, {prob}, {reason}, 1, '{c}', {closed}, 1, '{c}', '{c}')",
            id = d.id,
            stage = d.stage,
            status = d.status,
            owner = q(d.owner),
            value = d.value,
            cur = d.currency,
            exp = q(d.expected),
            prob = d.probability.map(|p| p.to_string()).unwrap_or_else(|| "NULL".into()),
            reason = q(d.lost_reason),
            c = ts(d.created),
            closed = q(d.closed.map(ts).as_deref())
        ),
    )
    .await;
}

pub async fn moved(db: &DatabaseConnection, deal: &str, stage: &str, name: &str, status: &str, at: &str) {
    exec(
        db,
        &format!(
            "INSERT INTO deal_stage_changes (id, deal_id, to_stage_id, to_stage_name, to_status, changed_at) VALUES ('{deal}-{stage}', '{deal}', '{stage}', '{name}', '{status}', '{}')",
            ts(at)
        ),
    )
    .await;
}

pub async fn product(db: &DatabaseConnection, id: &str, price: i64, interval: &str) {
    exec(
        db,
        &format!(
            "INSERT INTO products (id, sku, name, kind, billing_interval, price_minor, currency, created_at, updated_at) VALUES ('{id}', '{id}', '{id}', 'recurring', '{interval}', {price}, 'EUR', '2020-01-01', '2020-01-01')"
        ),
    )
    .await;
}

pub async fn subscription(db: &DatabaseConnection, id: &str, contact: &str, product: &str, started: &str, cancelled: Option<&str>) {
    exec(
        db,
        &format!(
            "INSERT INTO subscriptions (id, contact_id, product_id, started_at, cancelled_at, created_at, updated_at) VALUES ('{id}', '{contact}', '{product}', '{s}', {}, '{s}', '{s}')",
            q(cancelled.map(ts).as_deref()),
            s = ts(started)
        ),
    )
    .await;
}

pub async fn answer(db: &DatabaseConnection, id: &str, kind: &str, score: i64, at: &str) {
    exec(db, &format!("INSERT INTO survey_responses (id, kind, score, source, answered_at, created_at) VALUES ('{id}', '{kind}', {score}, 'manual', '{a}', '{a}')", a = ts(at))).await;
}

#[allow(clippy::too_many_arguments)]
pub async fn ticket(db: &DatabaseConnection, n: i64, opened: &str, first_due: Option<&str>, first: Option<&str>, solve_due: Option<&str>, solved: Option<&str>) {
    exec(
        db,
        &format!(
            "INSERT INTO tickets (id, number, subject, category, priority, status, channel, opened_at, first_response_due_at, first_response_at, resolution_due_at, solved_at, created_at, updated_at) \
             VALUES ('t{n}', {n}, 'Ticket {n}', 'question', 'normal', 'open', 'email', '{o}', {}, {}, {}, {}, '{o}', '{o}')",
            q(first_due.map(ts).as_deref()),
            q(first.map(ts).as_deref()),
            q(solve_due.map(ts).as_deref()),
            q(solved.map(ts).as_deref()),
            o = ts(opened)
        ),
    )
    .await;
}
