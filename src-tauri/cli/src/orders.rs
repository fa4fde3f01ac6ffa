//! `hearth-cli products …` and `hearth-cli orders …`: the catalogue, orders (list, one order,
//! record one, refund), a customer's purchases.

use crate::output::{cut, print_json};
use crate::sequences::contact_by_email;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use hearth_core::orders::{self, OrderInput, OrderLineInput, OrderQuery, OrderStatus};
use hearth_core::products;
use hearth_core::{CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum OrdersCommand {
    /// Orders, newest first (`--email` for one customer's, `--status paid|partly_refunded|refunded`).
    List {
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// One order by number, with its lines and subscriptions.
    Show { number: u32 },
    /// Record an order: `--item SKU` or `--item SKU:QUANTITY` (repeatable), at catalogue prices.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long = "item", required = true)]
        items: Vec<String>,
        #[arg(long)]
        date: Option<DateTime<Utc>>,
    },
    /// Refund part or all of an order (amount in minor units, e.g. 1500 for 15.00).
    Refund {
        number: u32,
        amount_minor: i64,
        #[arg(long)]
        reason: Option<String>,
    },
    /// A customer's purchases: orders, first and last, spent per currency, subscriptions.
    Purchases { email: String },
}

/// The catalogue.
pub async fn products_list(db: &DatabaseConnection, json: bool) -> Result<(), CoreError> {
    let list = products::list(db).await?;
    if json {
        print_json(&list);
        return Ok(());
    }
    println!("{:<12}  {:<28}  {:>12}  {:<8}  {:<20}", "SKU", "NAME", "PRICE", "BILLING", "UPGRADES TO");
    for p in &list {
        let billing = p.interval.map(|i| i.as_str()).unwrap_or("one-off");
        let price = format!("{} {}", orders::fmt_minor(p.price_minor), p.currency);
        println!("{:<12}  {:<28}  {:>12}  {:<8}  {:<20}", cut(&p.sku, 12), cut(&p.name, 28), price, billing, p.upgrade_to.as_ref().map(|u| cut(&u.name, 20)).unwrap_or_default());
    }
    Ok(())
}

async fn by_number(db: &DatabaseConnection, number: u32) -> Result<String, CoreError> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let r = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT id FROM orders WHERE number = ?", [(number as i64).into()])).await?;
    match r {
        Some(r) => Ok(r.try_get_by_index(0)?),
        None => Err(CoreError::not_found("order", &number.to_string())),
    }
}

fn print_order(o: &orders::Order) {
    let s = &o.summary;
    let who = s.contact.as_ref().or(s.company.as_ref()).map(|e| e.name.clone()).unwrap_or_default();
    println!("Order {} · {} · {} · {} {} ({})", s.number, s.ordered_at.format("%Y-%m-%d"), who, orders::fmt_minor(s.total_minor), s.currency, s.status.as_str());
    for l in &o.lines {
        println!("  {:>4} × {:<30} {:>10} {:>4}%  {:>10}", l.quantity, cut(&l.name, 30), orders::fmt_minor(l.unit_price_minor), l.discount_percent, orders::fmt_minor(l.total_minor));
    }
    for sub in &o.subscriptions {
        println!("  subscription: {} from {} renews {}", sub.product.name, sub.started_at.format("%Y-%m-%d"), sub.renews_at.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default());
    }
}

pub async fn run(db: &DatabaseConnection, json: bool, command: OrdersCommand) -> Result<(), CoreError> {
    match command {
        OrdersCommand::List { email, status, limit } => {
            let contact_id = match email {
                Some(e) => Some(contact_by_email(db, &e).await?),
                None => None,
            };
            let status = match status {
                Some(s) => Some(OrderStatus::parse(&s).ok_or_else(|| CoreError::invalid("status", "unknown", format!("“{s}” is not a status: paid, partly_refunded or refunded.")))?),
                None => None,
            };
            let page = orders::list(db, &OrderQuery { contact_id, status, limit: Some(limit), ..Default::default() }).await?;
            if json {
                print_json(&page);
                return Ok(());
            }
            println!("{} order(s).", page.total);
            for o in &page.items {
                let who = o.contact.as_ref().or(o.company.as_ref()).map(|e| e.name.clone()).unwrap_or_default();
                println!("{:>6}  {}  {:<24}  {:>10} {}  {:<15}  {}", o.number, o.ordered_at.format("%Y-%m-%d"), cut(&who, 24), orders::fmt_minor(o.total_minor), o.currency, o.status.as_str(), cut(&o.items, 40));
            }
            Ok(())
        }
        OrdersCommand::Show { number } => {
            let o = orders::get(db, &by_number(db, number).await?).await?;
            if json {
                print_json(&o);
            } else {
                print_order(&o);
            }
            Ok(())
        }
        OrdersCommand::Add { email, items, date } => {
            let contact_id = contact_by_email(db, &email).await?;
            let mut lines = Vec::new();
            let mut currency = None;
            for (i, item) in items.iter().enumerate() {
                let (sku, qty) = match item.rsplit_once(':') {
                    Some((s, q)) => (s, q.parse::<i32>().map_err(|_| CoreError::invalid(&format!("item.{i}"), "bad_quantity", format!("“{q}” is not a quantity.")))?),
                    None => (item.as_str(), 1),
                };
                let id = products::find_by_sku_or_name(db, sku).await?.ok_or_else(|| CoreError::not_found("product", sku))?;
                let p = products::get(db, &id).await?;
                currency.get_or_insert(p.currency.clone());
                lines.push(OrderLineInput { product_id: Some(p.id), name: p.name, quantity: qty, unit_price_minor: p.price_minor, discount_percent: 0 });
            }
            let input = OrderInput { contact_id: Some(contact_id), company_id: None, deal_id: None, ordered_at: date, currency: currency.unwrap_or_else(|| "EUR".into()), lines, note: None };
            let o = orders::create(db, &input).await?;
            if json {
                print_json(&o);
            } else {
                print_order(&o);
            }
            Ok(())
        }
        OrdersCommand::Refund { number, amount_minor, reason } => {
            let o = orders::refund(db, &by_number(db, number).await?, amount_minor, reason).await?;
            if json {
                print_json(&o);
            } else {
                print_order(&o);
            }
            Ok(())
        }
        OrdersCommand::Purchases { email } => {
            let p = orders::purchases(db, &contact_by_email(db, &email).await?, false).await?;
            if json {
                print_json(&p);
                return Ok(());
            }
            let spent: Vec<String> = p.spent.iter().map(|a| format!("{} {}", orders::fmt_minor(a.amount_minor), a.currency)).collect();
            println!("{} paid order(s), first {}, last {}; spent {}.", p.orders, p.first_at.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or("-".into()), p.last_at.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or("-".into()), spent.join(", "));
            for s in &p.subscriptions {
                println!("  {} since {}{}", s.product.name, s.started_at.format("%Y-%m-%d"), s.cancelled_at.map(|c| format!(", cancelled {}", c.format("%Y-%m-%d"))).unwrap_or_default());
            }
            Ok(())
        }
    }
}
