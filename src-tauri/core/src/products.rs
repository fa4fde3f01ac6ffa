//! The catalogue: products and plans with a SKU and a price (minor units + currency), one-off
//! or recurring (monthly or yearly), a category, the next plan on an upgrade path (Basic → Plus
//! → Pro; a path never loops) and add-ons that complement a product.

use crate::common::{new_id, now, EntityRef};
use crate::deals::check::currency;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::validate::{clean, Validator, MAX_LONG, MAX_NAME};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const MAX_PRICE_MINOR: i64 = 1_000_000_000_00;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BillingInterval {
    Month,
    Year,
}

impl BillingInterval {
    pub fn as_str(self) -> &'static str {
        match self {
            BillingInterval::Month => "month",
            BillingInterval::Year => "year",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "month" | "monthly" => Some(BillingInterval::Month),
            "year" | "yearly" | "annual" => Some(BillingInterval::Year),
            _ => None,
        }
    }
    /// Payments a year.
    pub fn per_year(self) -> i64 {
        match self {
            BillingInterval::Month => 12,
            BillingInterval::Year => 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Product {
    pub id: String,
    pub sku: String,
    pub name: String,
    pub description: Option<String>,
    pub category: Option<String>,
    /// `None`: a one-off purchase; otherwise billed every month or year.
    pub interval: Option<BillingInterval>,
    pub price_minor: i64,
    pub currency: String,
    /// The next plan on its upgrade path.
    pub upgrade_to: Option<EntityRef>,
    /// Add-ons that complement it.
    pub addons: Vec<EntityRef>,
    pub archived: bool,
    pub updated_at: DateTime<Utc>,
}

impl Product {
    /// What a customer pays for it in a year (a one-off: its price once).
    pub fn yearly_minor(&self) -> i64 {
        self.price_minor * self.interval.map(|i| i.per_year()).unwrap_or(1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ProductInput {
    pub sku: String,
    pub name: String,
    pub description: Option<String>,
    pub category: Option<String>,
    pub interval: Option<BillingInterval>,
    pub price_minor: i64,
    pub currency: String,
    pub upgrade_to_id: Option<String>,
    pub addon_ids: Vec<String>,
}

fn rows_to_products(rows: Vec<Vec<Option<String>>>, addons: &HashMap<String, Vec<EntityRef>>) -> Vec<Product> {
    rows.into_iter()
        .map(|r| {
            let g = |i: usize| r[i].clone();
            let id = g(0).unwrap_or_default();
            Product {
                addons: addons.get(&id).cloned().unwrap_or_default(),
                id,
                sku: g(1).unwrap_or_default(),
                name: g(2).unwrap_or_default(),
                description: g(3),
                category: g(4),
                interval: g(5).as_deref().and_then(BillingInterval::parse),
                price_minor: g(6).and_then(|v| v.parse().ok()).unwrap_or(0),
                currency: g(7).unwrap_or_default(),
                upgrade_to: g(8).map(|id| EntityRef { id, name: g(9).unwrap_or_else(|| "(removed)".into()) }),
                archived: g(10).is_some(),
                updated_at: g(11).and_then(|v| DateTime::parse_from_rfc3339(&v).ok()).map(|d| d.with_timezone(&Utc)).unwrap_or_default(),
            }
        })
        .collect()
}

/// The whole catalogue (archived products last), by category and name.
pub async fn list<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<Product>> {
    let sql = "SELECT p.id AS c0, p.sku AS c1, p.name AS c2, p.description AS c3, p.category AS c4, p.billing_interval AS c5, \
               p.price_minor AS c6, p.currency AS c7, p.upgrade_to_id AS c8, u.name AS c9, p.archived_at AS c10, p.updated_at AS c11 \
               FROM products p LEFT JOIN products u ON u.id = p.upgrade_to_id \
               ORDER BY p.archived_at IS NOT NULL, ifnull(p.category, ''), p.name";
    let rows = crate::sqlite::packed_rows(db, sql, 12).await?;
    let mut addons: HashMap<String, Vec<EntityRef>> = HashMap::new();
    let sql = "SELECT a.product_id AS c0, a.addon_id AS c1, p.name AS c2 FROM product_addons a JOIN products p ON p.id = a.addon_id ORDER BY p.name";
    for r in crate::sqlite::packed_rows(db, sql, 3).await? {
        addons.entry(r[0].clone().unwrap_or_default()).or_default().push(EntityRef { id: r[1].clone().unwrap_or_default(), name: r[2].clone().unwrap_or_default() });
    }
    Ok(rows_to_products(rows, &addons))
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<Product> {
    list(db).await?.into_iter().find(|p| p.id == id).ok_or_else(|| CoreError::not_found("product", id))
}

/// The product with this SKU or name (case-insensitive), for imports and deal lines.
pub async fn find_by_sku_or_name<C: ConnectionTrait>(db: &C, key: &str) -> CoreResult<Option<String>> {
    let sql = "SELECT id FROM products WHERE lower(sku) = lower(?) OR lower(name) = lower(?) ORDER BY lower(sku) = lower(?) DESC, archived_at IS NOT NULL LIMIT 1";
    let k = key.trim().to_string();
    let row = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [k.clone().into(), k.clone().into(), k.into()])).await?;
    Ok(match row {
        Some(r) => Some(r.try_get_by_index(0)?),
        None => None,
    })
}

/// Checks a product's form; the upgrade path of `id` (when editing) must not loop.
async fn validated<C: ConnectionTrait>(db: &C, id: Option<&str>, input: &ProductInput) -> CoreResult<ProductInput> {
    let mut v = Validator::new();
    let sku = v.required("sku", &input.sku, 64);
    let name = v.required("name", &input.name, MAX_NAME);
    let description = v.optional("description", &input.description, MAX_LONG);
    let category = v.optional("category", &input.category, MAX_NAME);
    let cur = currency(&mut v, "currency", &input.currency);
    if !(0..=MAX_PRICE_MINOR).contains(&input.price_minor) {
        v.add("price_minor", "out_of_range", "A price is zero or more, and not absurdly large.");
    }
    let all = list(db).await?;
    if all.iter().any(|p| p.sku.eq_ignore_ascii_case(&sku) && Some(p.id.as_str()) != id) {
        v.add("sku", "taken", format!("Another product has the SKU “{sku}”."));
    }
    let upgrade_to_id = clean(&input.upgrade_to_id);
    if let Some(u) = &upgrade_to_id {
        match all.iter().find(|p| &p.id == u) {
            None => v.add("upgrade_to_id", "not_found", "That plan no longer exists."),
            Some(_) if Some(u.as_str()) == id => v.add("upgrade_to_id", "cycle", "A plan cannot be its own upgrade."),
            Some(target) => {
                // Follow the path from the target: coming back to this product is a loop.
                let mut path = vec![name.clone(), target.name.clone()];
                let mut at = target.upgrade_to.as_ref().map(|r| r.id.clone());
                let mut steps = 0;
                while let (Some(next), Some(me)) = (at.clone(), id) {
                    let Some(p) = all.iter().find(|p| p.id == next) else { break };
                    path.push(p.name.clone());
                    if p.id == me {
                        v.add("upgrade_to_id", "cycle", format!("That makes the upgrade path go round in a circle: {}.", path.join(" → ")));
                        break;
                    }
                    at = p.upgrade_to.as_ref().map(|r| r.id.clone());
                    steps += 1;
                    if steps > all.len() {
                        break;
                    }
                }
                if target.currency != cur && !v.has("currency") {
                    v.add("upgrade_to_id", "currency", format!("“{}” is priced in {}; an upgrade path stays in one currency.", target.name, target.currency));
                }
            }
        }
    }
    let mut addon_ids = Vec::new();
    for (i, a) in input.addon_ids.iter().enumerate() {
        if Some(a.as_str()) == id {
            v.add(&format!("addon_ids.{i}"), "self", "A product is not its own add-on.");
        } else if !all.iter().any(|p| &p.id == a) {
            v.add(&format!("addon_ids.{i}"), "not_found", "That add-on no longer exists.");
        } else if !addon_ids.contains(a) {
            addon_ids.push(a.clone());
        }
    }
    v.finish()?;
    Ok(ProductInput { sku, name, description, category, interval: input.interval, price_minor: input.price_minor, currency: cur, upgrade_to_id, addon_ids })
}

async fn write_addons<C: ConnectionTrait>(db: &C, id: &str, addon_ids: &[String]) -> CoreResult<()> {
    db.execute(&Query::delete().from_table("product_addons").and_where(Expr::col("product_id").eq(id)).to_owned()).await?;
    for a in addon_ids {
        let q = Query::insert().into_table("product_addons").columns(["product_id", "addon_id"]).values_panic([id.into(), a.as_str().into()]).to_owned();
        db.execute(&q).await?;
    }
    Ok(())
}

/// Writes a product without an action (the demo and the generator use it inside theirs).
pub(crate) async fn insert<C: ConnectionTrait>(db: &C, p: &ProductInput) -> CoreResult<String> {
    let id = new_id();
    let t = now();
    let q = Query::insert()
        .into_table("products")
        .columns(["id", "sku", "name", "description", "category", "kind", "billing_interval", "price_minor", "currency", "upgrade_to_id", "created_at", "updated_at"])
        .values_panic([
            id.clone().into(),
            p.sku.clone().into(),
            p.name.clone().into(),
            p.description.clone().into(),
            p.category.clone().into(),
            (if p.interval.is_some() { "recurring" } else { "one_off" }).into(),
            p.interval.map(|i| i.as_str().to_string()).into(),
            p.price_minor.into(),
            p.currency.clone().into(),
            p.upgrade_to_id.clone().into(),
            t.into(),
            t.into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    write_addons(db, &id, &p.addon_ids).await?;
    Ok(id)
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: &ProductInput) -> CoreResult<Product> {
    let clean = validated(db, None, input).await?;
    let act = history::begin(db, ActionKind::Create, "products", None).await?;
    let id = insert(&*act, &clean).await?;
    act.about(&id).await?;
    act.commit().await?;
    get(db, &id).await
}

pub async fn update<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, input: &ProductInput) -> CoreResult<Product> {
    get(db, id).await?;
    let p = validated(db, Some(id), input).await?;
    let act = history::begin(db, ActionKind::Update, "products", Some(id)).await?;
    let q = Query::update()
        .table("products")
        .values([
            ("sku", p.sku.clone().into()),
            ("name", p.name.clone().into()),
            ("description", p.description.clone().into()),
            ("category", p.category.clone().into()),
            ("kind", (if p.interval.is_some() { "recurring" } else { "one_off" }).into()),
            ("billing_interval", p.interval.map(|i| i.as_str().to_string()).into()),
            ("price_minor", p.price_minor.into()),
            ("currency", p.currency.clone().into()),
            ("upgrade_to_id", p.upgrade_to_id.clone().into()),
            ("updated_at", now().into()),
        ])
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    act.execute(&q).await?;
    write_addons(&*act, id, &p.addon_ids).await?;
    act.commit().await?;
    get(db, id).await
}

/// Archives (hidden from new orders, kept on old ones) or brings back a product.
pub async fn set_archived<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, archived: bool) -> CoreResult<Product> {
    get(db, id).await?;
    let act = history::begin(db, ActionKind::Update, "products", Some(id)).await?;
    let at: Option<DateTime<Utc>> = archived.then(now);
    act.execute(&Query::update().table("products").value("archived_at", at).value("updated_at", now()).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    act.commit().await?;
    get(db, id).await
}
