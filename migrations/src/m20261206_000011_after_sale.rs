//! After the sale (issue 9):
//! - the catalogue: `products` (one-off or recurring plans, each with an optional next plan on
//!   its upgrade path) and `product_addons` (add-ons that complement a product);
//! - `orders` with their `order_lines`, and `subscriptions` (start, renewal, cancellation);
//! - `customer_stats`: per contact, how many paid orders, the first and the last, the usual gap
//!   and when the next purchase is overdue (kept by the domain on every order write: the at-risk
//!   list reads it instead of grouping all orders);
//! - `product_rules`: the association rules "customers who own A also own B" (recomputed from
//!   all orders when they changed; suggestions read them);
//! - onboarding: `onboarding_templates` and their items, and per customer `onboardings` whose
//!   items are tasks (`onboarding_items` links them, so overdue ones show on Today);
//! - support: `service_levels` per tier, `tickets` and their `ticket_notes`;
//! - `survey_responses` (CSAT 1–5, NPS 0–10), `reviews`, `referral_rewards`, and
//!   `contact_rhythms` ("stay in touch every N days").

use crate::m20261123_000001_foundation::{fk, id, index, stamps};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000011_after_sale"
    }
}

fn unique(table: &'static str, name: &str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = index(table, name, cols);
    i.unique();
    i
}

fn contact_fk(table: &'static str) -> ForeignKeyCreateStatement {
    fk((table, "contact_id"), "contacts", ForeignKeyAction::SetNull)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("products")
            .col(id())
            .col(string("sku"))
            .col(string("name"))
            .col(text_null("description"))
            .col(string_null("category"))
            // one_off or recurring
            .col(string("kind"))
            // month or year (recurring only)
            .col(string_null("billing_interval"))
            .col(big_integer("price_minor"))
            .col(string_len("currency", 3))
            // the next plan on its upgrade path (Basic → Plus → Pro)
            .col(string_len_null("upgrade_to_id", 36))
            .col(timestamp_with_time_zone_null("archived_at"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;
        m.create_index(unique("products", "idx_products_sku", &["sku"])).await?;

        let mut t = Table::create();
        t.table("product_addons")
            .col(string_len("product_id", 36))
            .col(string_len("addon_id", 36))
            .primary_key(Index::create().col("product_id").col("addon_id"));
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("orders")
            .col(id())
            .col(integer("number"))
            .col(string_len_null("contact_id", 36))
            .col(string_len_null("company_id", 36))
            .col(string_len_null("deal_id", 36))
            .col(timestamp_with_time_zone("ordered_at"))
            // paid, partly_refunded, refunded
            .col(string("status"))
            .col(string_len("currency", 3))
            .col(big_integer("total_minor"))
            .col(big_integer("refunded_minor"))
            .col(text_null("note"))
            .col(string_null("external_id"))
            .foreign_key(&mut contact_fk("orders"))
            .foreign_key(&mut fk(("orders", "company_id"), "companies", ForeignKeyAction::SetNull));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;
        m.create_index(unique("orders", "idx_orders_number", &["number"])).await?;
        m.create_index(index("orders", "idx_orders_contact", &["contact_id", "ordered_at"])).await?;
        m.create_index(index("orders", "idx_orders_company", &["company_id", "ordered_at"])).await?;
        m.create_index(index("orders", "idx_orders_date", &["ordered_at"])).await?;
        m.create_index(index("orders", "idx_orders_deal", &["deal_id"])).await?;

        let mut t = Table::create();
        t.table("order_lines")
            .col(id())
            .col(string_len("order_id", 36))
            .col(string_len_null("product_id", 36))
            .col(string("name"))
            .col(integer("quantity"))
            .col(big_integer("unit_price_minor"))
            .col(integer("discount_percent"))
            .col(big_integer("total_minor"))
            .col(integer("position"))
            .foreign_key(&mut fk(("order_lines", "order_id"), "orders", ForeignKeyAction::Cascade));
        m.create_table(t.to_owned()).await?;
        m.create_index(index("order_lines", "idx_order_lines_order", &["order_id", "position"])).await?;
        m.create_index(index("order_lines", "idx_order_lines_product", &["product_id"])).await?;

        let mut t = Table::create();
        t.table("subscriptions")
            .col(id())
            .col(string_len_null("order_id", 36))
            .col(string_len_null("contact_id", 36))
            .col(string_len_null("company_id", 36))
            .col(string_len("product_id", 36))
            .col(timestamp_with_time_zone("started_at"))
            .col(timestamp_with_time_zone_null("renews_at"))
            .col(timestamp_with_time_zone_null("cancelled_at"))
            .foreign_key(&mut contact_fk("subscriptions"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;
        m.create_index(index("subscriptions", "idx_subscriptions_contact", &["contact_id"])).await?;
        m.create_index(index("subscriptions", "idx_subscriptions_order", &["order_id"])).await?;

        let mut t = Table::create();
        t.table("customer_stats")
            .col(string_len("contact_id", 36).primary_key())
            .col(integer("orders"))
            .col(timestamp_with_time_zone("first_order_at"))
            .col(timestamp_with_time_zone("last_order_at"))
            // with 2+ orders at least a week apart on average: the mean gap, and when a
            // purchase is overdue (the last one + 1.5 × the gap)
            .col(double_null("usual_gap_days"))
            .col(timestamp_with_time_zone_null("overdue_at"));
        m.create_table(t.to_owned()).await?;
        m.create_index(index("customer_stats", "idx_customer_stats_overdue", &["overdue_at"])).await?;

        let mut t = Table::create();
        t.table("product_rules")
            .col(string_len("from_product_id", 36))
            .col(string_len("to_product_id", 36))
            // customers owning both, owning the first, owning the second, and all customers
            .col(integer("both_count"))
            .col(integer("from_count"))
            .col(integer("to_count"))
            .col(integer("customers"))
            .primary_key(Index::create().col("from_product_id").col("to_product_id"));
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("onboarding_templates")
            .col(id())
            .col(string("name"))
            // applied on a purchase of this product, or a new customer of this tier
            .col(string_len_null("product_id", 36))
            .col(string_len_null("tier", 1))
            .col(boolean("active"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("onboarding_template_items")
            .col(id())
            .col(string_len("template_id", 36))
            .col(string("title"))
            // task, call, meeting, email
            .col(string("kind"))
            .col(integer("offset_days"))
            .col(integer("position"))
            .foreign_key(&mut fk(("onboarding_template_items", "template_id"), "onboarding_templates", ForeignKeyAction::Cascade));
        m.create_table(t.to_owned()).await?;
        m.create_index(index("onboarding_template_items", "idx_onboarding_template_items", &["template_id", "position"])).await?;

        let mut t = Table::create();
        t.table("onboardings")
            .col(id())
            .col(string_len_null("contact_id", 36))
            .col(string_len_null("order_id", 36))
            .col(string_len_null("template_id", 36))
            .col(string("name"))
            .col(timestamp_with_time_zone("started_at"))
            .foreign_key(&mut contact_fk("onboardings"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;
        m.create_index(index("onboardings", "idx_onboardings_contact", &["contact_id"])).await?;
        m.create_index(unique("onboardings", "idx_onboardings_order_template", &["order_id", "template_id"])).await?;

        let mut t = Table::create();
        t.table("onboarding_items")
            .col(string_len("onboarding_id", 36))
            .col(string_len("activity_id", 36))
            .col(integer("position"))
            .primary_key(Index::create().col("onboarding_id").col("activity_id"))
            .foreign_key(&mut fk(("onboarding_items", "onboarding_id"), "onboardings", ForeignKeyAction::Cascade));
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("service_levels")
            .col(string_len("tier", 1).primary_key())
            .col(string("label"))
            .col(integer("first_response_minutes"))
            .col(integer("resolution_minutes"));
        m.create_table(t.to_owned()).await?;
        for (tier, label, first, resolve) in [
            ("a", "Dedicated, same day", 120, 8 * 60),
            ("b", "Standard, next business day", 24 * 60, 3 * 24 * 60),
            ("c", "Community, within a week", 3 * 24 * 60, 7 * 24 * 60),
        ] {
            let q = Query::insert()
                .into_table("service_levels")
                .columns(["tier", "label", "first_response_minutes", "resolution_minutes"])
                .values_panic([tier.into(), label.into(), first.into(), resolve.into()])
                .to_owned();
            m.exec_stmt(q).await?;
        }

        let mut t = Table::create();
        t.table("tickets")
            .col(id())
            .col(integer("number"))
            .col(string("subject"))
            .col(text_null("description"))
            // question, technical, success
            .col(string("category"))
            // low, normal, high, urgent
            .col(string("priority"))
            // new, open, waiting, solved, closed
            .col(string("status"))
            // email, phone, chat, in_person, web
            .col(string("channel"))
            .col(string_len_null("contact_id", 36))
            .col(string_len_null("company_id", 36))
            .col(string_len_null("tier", 1))
            .col(timestamp_with_time_zone("opened_at"))
            .col(timestamp_with_time_zone_null("first_response_at"))
            .col(timestamp_with_time_zone_null("solved_at"))
            .col(timestamp_with_time_zone_null("closed_at"))
            .col(timestamp_with_time_zone_null("first_response_due_at"))
            .col(timestamp_with_time_zone_null("resolution_due_at"))
            .col(string_len_null("survey_response_id", 36))
            .foreign_key(&mut contact_fk("tickets"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;
        m.create_index(unique("tickets", "idx_tickets_number", &["number"])).await?;
        m.create_index(index("tickets", "idx_tickets_status", &["status", "resolution_due_at"])).await?;
        m.create_index(index("tickets", "idx_tickets_contact", &["contact_id", "opened_at"])).await?;

        let mut t = Table::create();
        t.table("ticket_notes")
            .col(id())
            .col(string_len("ticket_id", 36))
            .col(text("body"))
            // a reply to the customer (counts as the first response) or an internal note
            .col(boolean("public"))
            .col(string_null("author"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk(("ticket_notes", "ticket_id"), "tickets", ForeignKeyAction::Cascade));
        m.create_table(t.to_owned()).await?;
        m.create_index(index("ticket_notes", "idx_ticket_notes_ticket", &["ticket_id", "created_at"])).await?;

        let mut t = Table::create();
        t.table("survey_responses")
            .col(id())
            .col(string_len_null("contact_id", 36))
            // csat or nps
            .col(string("kind"))
            .col(integer("score"))
            .col(text_null("comment"))
            // manual, email, import
            .col(string("source"))
            .col(timestamp_with_time_zone("answered_at"))
            // what it set off: a ticket or a follow-up task, a review or referral request
            .col(string_len_null("ticket_id", 36))
            .col(string_len_null("activity_id", 36))
            .col(string_null("follow_up"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut contact_fk("survey_responses"));
        m.create_table(t.to_owned()).await?;
        m.create_index(index("survey_responses", "idx_survey_responses_contact", &["contact_id", "kind", "answered_at"])).await?;
        m.create_index(index("survey_responses", "idx_survey_responses_date", &["kind", "answered_at"])).await?;

        let mut t = Table::create();
        t.table("reviews")
            .col(id())
            .col(string_len_null("contact_id", 36))
            .col(string("platform"))
            .col(integer("rating"))
            .col(string_null("link"))
            .col(text_null("body"))
            .col(timestamp_with_time_zone("reviewed_at"))
            .foreign_key(&mut contact_fk("reviews"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;
        m.create_index(index("reviews", "idx_reviews_contact", &["contact_id"])).await?;

        let mut t = Table::create();
        t.table("referral_rewards")
            .col(id())
            .col(string_len_null("referrer_id", 36))
            .col(string_len_null("referred_id", 36))
            .col(string("reward"))
            // owed, given
            .col(string("status"))
            .col(timestamp_with_time_zone_null("given_at"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;
        m.create_index(index("referral_rewards", "idx_referral_rewards_referrer", &["referrer_id"])).await?;

        let mut t = Table::create();
        t.table("contact_rhythms")
            .col(string_len("contact_id", 36).primary_key())
            .col(integer("every_days"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for sql in crate::sqlite_history::create_statements(m.get_connection()).await? {
                m.get_connection().execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "contact_rhythms", "referral_rewards", "reviews", "survey_responses", "ticket_notes", "tickets", "service_levels",
            "onboarding_items", "onboardings", "onboarding_template_items", "onboarding_templates", "product_rules",
            "customer_stats", "subscriptions", "order_lines", "orders", "product_addons", "products",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
