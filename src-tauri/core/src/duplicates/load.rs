//! Reading what the finder compares: every live contact (name, company, e-mails, phones) and
//! every live company (name, domain, city), one streamed pass per table.

use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

pub(crate) struct Person {
    pub id: String,
    pub first: String,
    pub last: String,
    pub company: Option<u32>,
    pub created_at: DateTime<Utc>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
}

pub(crate) struct Firm {
    pub id: String,
    pub name: String,
    pub domain: Option<String>,
    pub city: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub(crate) struct Data {
    pub people: Vec<Person>,
    pub firms: Vec<Firm>,
}

/// Companies always (a contact's subtitle names its company); contacts when asked for.
pub(crate) async fn load<C: ConnectionTrait>(db: &C, with_people: bool) -> CoreResult<Data> {
    let q = Query::select()
        .columns(["id", "name", "domain", "city", "created_at"])
        .from("companies")
        .and_where(Expr::col("deleted_at").is_null())
        .to_owned();
    let mut firms = Vec::new();
    for r in db.query_all(&q).await? {
        firms.push(Firm {
            id: r.try_get_by_index(0)?,
            name: r.try_get_by_index(1)?,
            domain: r.try_get_by_index(2)?,
            city: r.try_get_by_index(3)?,
            created_at: r.try_get_by_index(4)?,
        });
    }
    if !with_people {
        return Ok(Data { people: vec![], firms });
    }
    let firm_index: HashMap<&str, u32> = firms.iter().enumerate().map(|(i, f)| (f.id.as_str(), i as u32)).collect();
    let q = Query::select()
        .columns(["id", "first_name", "last_name", "company_id", "created_at"])
        .from("contacts")
        .and_where(Expr::col("deleted_at").is_null())
        .to_owned();
    let mut people = Vec::new();
    for r in db.query_all(&q).await? {
        let company: Option<String> = r.try_get_by_index(3)?;
        people.push(Person {
            id: r.try_get_by_index(0)?,
            first: r.try_get_by_index(1)?,
            last: r.try_get_by_index(2)?,
            company: company.as_deref().and_then(|c| firm_index.get(c).copied()),
            created_at: r.try_get_by_index(4)?,
            emails: vec![],
            phones: vec![],
        });
    }
    let person_index: HashMap<String, usize> = people.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
    // Children of contacts in the trash are read too and dropped here: cheaper than a join.
    let q = Query::select().columns(["contact_id", "email", "is_primary"]).from("contact_emails").to_owned();
    for r in db.query_all(&q).await? {
        let owner: String = r.try_get_by_index(0)?;
        if let Some(&i) = person_index.get(&owner) {
            let email: String = r.try_get_by_index(1)?;
            // The primary address first: it is the one a subtitle shows.
            if r.try_get_by_index::<bool>(2)? {
                people[i].emails.insert(0, email);
            } else {
                people[i].emails.push(email);
            }
        }
    }
    let q = Query::select().columns(["contact_id", "phone"]).from("contact_phones").to_owned();
    for r in db.query_all(&q).await? {
        let owner: String = r.try_get_by_index(0)?;
        if let Some(&i) = person_index.get(&owner) {
            people[i].phones.push(r.try_get_by_index(1)?);
        }
    }
    Ok(Data { people, firms })
}
