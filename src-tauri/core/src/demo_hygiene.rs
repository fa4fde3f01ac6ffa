//! The demo business's data-quality blemishes, so the Duplicates and Data quality screens show
//! real cases on first start: the same person entered twice as "Jon" and "Jonathan" at one
//! company, an address shared in different case (an old import), a company entered twice with
//! the same domain ("… Ltd"), and a bounced address. Existing demo records are edited (none
//! added), so the demo keeps its 60 companies and 320 contacts.

use crate::common::new_id;
use crate::error::CoreResult;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::ConnectionTrait;

async fn ids<C: ConnectionTrait>(db: &C, table: &str, company: Option<&str>) -> CoreResult<Vec<String>> {
    let mut q = Query::select();
    q.column("id").from(table.to_string()).and_where(Expr::col("deleted_at").is_null());
    if let Some(c) = company {
        q.and_where(Expr::col("company_id").eq(c));
    }
    // Ids are time-ordered: the order the demo created them in, the same in every load.
    q.order_by("id", sea_orm::Order::Asc);
    db.query_all(&q).await?.iter().map(|r| r.try_get_by_index(0).map_err(Into::into)).collect()
}

async fn primary_email<C: ConnectionTrait>(db: &C, contact: &str) -> CoreResult<Option<(String, String)>> {
    let q = Query::select()
        .columns(["id", "email"])
        .from("contact_emails")
        .and_where(Expr::col("contact_id").eq(contact))
        .order_by("position", sea_orm::Order::Asc)
        .limit(1)
        .to_owned();
    Ok(match db.query_one(&q).await? {
        Some(r) => Some((r.try_get_by_index(0)?, r.try_get_by_index(1)?)),
        None => None,
    })
}

pub(crate) async fn add<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    let companies = ids(db, "companies", None).await?;
    let (Some(first), Some(last)) = (companies.first(), companies.last()) else { return Ok(()) };
    if first == last {
        return Ok(());
    }
    // The first company entered again, with a legal suffix and the same website.
    let q = Query::select().columns(["name", "domain"]).from("companies").and_where(Expr::col("id").eq(first.as_str())).to_owned();
    if let Some(r) = db.query_one(&q).await? {
        let (name, domain): (String, Option<String>) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?);
        let u = Query::update()
            .table("companies")
            .values([("name", format!("{name} Ltd").into()), ("domain", domain.into())])
            .and_where(Expr::col("id").eq(last.as_str()))
            .to_owned();
        db.execute(&u).await?;
    }

    // Jon and Jonathan, the same person entered twice at the biggest customer.
    let people = ids(db, "contacts", Some(first)).await?;
    if let [a, b, ..] = people.as_slice() {
        let q = Query::select().column("last_name").from("contacts").and_where(Expr::col("id").eq(a.as_str())).to_owned();
        if let Some(r) = db.query_one(&q).await? {
            let family: String = r.try_get_by_index(0)?;
            for (id, given) in [(a, "Jonathan"), (b, "Jon")] {
                let u = Query::update()
                    .table("contacts")
                    .values([("first_name", given.into()), ("last_name", family.clone().into())])
                    .and_where(Expr::col("id").eq(id.as_str()))
                    .to_owned();
                db.execute(&u).await?;
            }
        }
    }

    let everyone = ids(db, "contacts", None).await?;
    // An old import gave someone a colleague's address in capitals.
    if let (Some(owner), Some(other)) = (everyone.get(40), everyone.get(41)) {
        if let Some((_, email)) = primary_email(db, owner).await? {
            let shouting = match email.split_once('@') {
                Some((local, domain)) => format!("{}@{domain}", local.to_uppercase()),
                None => email.to_uppercase(),
            };
            let ins = Query::insert()
                .into_table("contact_emails")
                .columns(["id", "contact_id", "email", "label", "is_primary", "position", "bounced"])
                .values_panic([new_id().into(), other.as_str().into(), shouting.into(), "old import".into(), false.into(), 9.into(), false.into()])
                .to_owned();
            db.execute(&ins).await?;
        }
    }
    // Mail to one address came back.
    if let Some(id) = everyone.get(12) {
        if let Some((email_id, _)) = primary_email(db, id).await? {
            db.execute(&Query::update().table("contact_emails").value("bounced", true).and_where(Expr::col("id").eq(email_id)).to_owned()).await?;
        }
    }
    Ok(())
}
