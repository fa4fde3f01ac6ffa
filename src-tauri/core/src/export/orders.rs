//! The orders list as exported: one row per order line, the order's cells (number, date, buyer,
//! currency, status, refund, notes) on each of its lines, under the headers the orders import
//! reads — so an export imports back as the same orders (matched by their number).

use super::lists::CHUNK;
use super::sink::{format_money, Sink};
use crate::criteria::lit;
use crate::error::CoreResult;
use crate::orders::{time, OrderQuery, OrderStatus};
use sea_orm::ConnectionTrait;

pub const ORDER_COLUMNS: [&str; 14] = [
    "Order number", "Order date", "Customer email", "Customer external id", "Company", "Product", "SKU", "Quantity", "Unit price",
    "Discount", "Currency", "Status", "Refunded amount", "Notes",
];

/// Columns written as numbers in XLSX (Quantity, Unit price, Refunded amount).
pub const ORDER_NUMERIC: [usize; 3] = [7, 8, 12];

fn filter(q: &OrderQuery) -> String {
    let mut conds = vec!["1 = 1".to_string()];
    if let Some(c) = &q.contact_id {
        conds.push(format!("o.contact_id = {}", lit(c)));
    }
    if let Some(c) = &q.company_id {
        conds.push(format!("o.company_id = {}", lit(c)));
    }
    if let Some(s) = q.status {
        conds.push(format!("o.status = {}", lit(s.as_str())));
    }
    if let Some(f) = q.from {
        conds.push(format!("julianday(o.ordered_at) >= julianday({})", lit(&f.to_rfc3339())));
    }
    if let Some(t) = q.to {
        conds.push(format!("julianday(o.ordered_at) < julianday({})", lit(&t.to_rfc3339())));
    }
    conds.join(" AND ")
}

/// Every order matching `query` (paging ignored), oldest first, a line per row.
pub(crate) async fn orders<C: ConnectionTrait>(db: &C, query: &OrderQuery, sink: &mut (dyn Sink + Send)) -> CoreResult<u32> {
    sink.header(&ORDER_COLUMNS)?;
    let sql = format!("SELECT o.id AS c0 FROM orders o WHERE {} ORDER BY o.ordered_at, o.number", filter(query));
    let ids: Vec<String> = crate::sqlite::packed_rows(db, &sql, 1).await?.into_iter().filter_map(|r| r[0].clone()).collect();
    let mut n = 0;
    for chunk in ids.chunks(CHUNK) {
        let list = chunk.iter().map(|i| lit(i)).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT ifnull(o.external_id, o.number) AS c0, o.ordered_at AS c1, \
             (SELECT e.email FROM contact_emails e WHERE e.contact_id = o.contact_id ORDER BY e.is_primary DESC, e.position LIMIT 1) AS c2, \
             c.external_id AS c3, k.name AS c4, l.name AS c5, p.sku AS c6, l.quantity AS c7, l.unit_price_minor AS c8, l.discount_percent AS c9, \
             o.currency AS c10, o.status AS c11, o.refunded_minor AS c12, o.note AS c13 \
             FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN contacts c ON c.id = o.contact_id \
             LEFT JOIN companies k ON k.id = o.company_id LEFT JOIN products p ON p.id = l.product_id \
             WHERE o.id IN ({list}) ORDER BY o.ordered_at, o.number, l.position"
        );
        for r in crate::sqlite::packed_rows(db, &sql, 14).await? {
            let g = |i: usize| r[i].clone().unwrap_or_default();
            let currency = g(10);
            let minor = |i: usize| g(i).parse::<i64>().unwrap_or(0);
            let when = time(r[1].clone()).map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()).unwrap_or_else(|| g(1));
            let discount = minor(9);
            let refunded = minor(12);
            let status = match OrderStatus::parse(&g(11)) {
                Some(OrderStatus::Paid) => "paid",
                Some(OrderStatus::PartlyRefunded) => "partially refunded",
                Some(OrderStatus::Refunded) => "refunded",
                None => "",
            };
            sink.row(&[
                g(0),
                when,
                g(2),
                g(3),
                g(4),
                g(5),
                g(6),
                g(7),
                format_money(minor(8), &currency),
                if discount > 0 { format!("{discount}%") } else { String::new() },
                currency.clone(),
                status.to_string(),
                if refunded > 0 { format_money(refunded, &currency) } else { String::new() },
                g(13),
            ])?;
            n += 1;
        }
    }
    Ok(n)
}
