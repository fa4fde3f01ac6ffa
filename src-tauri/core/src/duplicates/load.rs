//! Reading what the finder compares, with as few rows as possible: every live company and
//! contact (names, company, creation time), the e-mail domains of contacts without a company,
//! and only those e-mails and phones that can be shared (SQL picks them with the value indexes).

use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use crate::sqlite;
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

pub(crate) struct Person {
    pub id: String,
    pub first: String,
    pub last: String,
    pub company: Option<u32>,
    /// RFC 3339 text as stored (sorts in time order).
    pub created_at: String,
    /// Addresses that may be shared with another contact (see [`SHARED_EMAILS`]).
    pub emails: Vec<String>,
    /// Every address of a contact without a company (its domains are compared), else none.
    pub loose_emails: Vec<String>,
    /// Numbers held by a few contacts (see [`SHARED_PHONES`]).
    pub phones: Vec<String>,
}

pub(crate) struct Firm {
    pub id: String,
    pub name: String,
    pub domain: Option<String>,
    pub city: Option<String>,
    /// RFC 3339 text as stored (sorts in time order).
    pub created_at: String,
}

pub(crate) struct Data {
    pub people: Vec<Person>,
    pub firms: Vec<Firm>,
}

/// Addresses that can match another one once normalised: stored more than once, stored in
/// capitals (or the lowercase twin of one that is), and Gmail addresses (dots and +tags).
const SHARED_EMAILS: &str = "SELECT contact_id AS c0, email AS c1 FROM contact_emails WHERE \
    email IN (SELECT email FROM contact_emails GROUP BY email HAVING count(*) > 1) \
    OR email <> lower(email) \
    OR email IN (SELECT lower(email) FROM contact_emails WHERE email <> lower(email)) \
    OR lower(email) LIKE '%@gmail.com' OR lower(email) LIKE '%@googlemail.com'";

/// Numbers stored 2–50 times (phones are stored E.164, so equal numbers are equal text). A
/// number on more than 50 rows is a switchboard or a placeholder, never a duplicate signal.
const SHARED_PHONES: &str = "SELECT contact_id AS c0, phone AS c1 FROM contact_phones WHERE \
    phone IN (SELECT phone FROM contact_phones GROUP BY phone HAVING count(*) BETWEEN 2 AND 50)";

fn trace(started: &std::time::Instant, what: &str) {
    if std::env::var_os("HEARTH_TRACE").is_some() {
        eprintln!("{:>8.1} ms  duplicates: {what}", started.elapsed().as_secs_f64() * 1000.0);
    }
}

/// Companies always (a contact's subtitle names its company); contacts when asked for.
/// Whole-table reads go through [`sqlite::packed_rows`] (one driver row for the lot).
pub(crate) async fn load<C: ConnectionTrait>(db: &C, with_people: bool) -> CoreResult<Data> {
    let started = std::time::Instant::now();
    let sql = "SELECT id AS c0, name AS c1, domain AS c2, city AS c3, created_at AS c4 FROM companies WHERE deleted_at IS NULL";
    let mut firms = Vec::new();
    for mut r in sqlite::packed_rows(db, sql, 5).await? {
        let mut take = |i: usize| r[i].take();
        firms.push(Firm {
            id: take(0).unwrap_or_default(),
            name: take(1).unwrap_or_default(),
            domain: take(2),
            city: take(3),
            created_at: take(4).unwrap_or_default(),
        });
    }
    trace(&started, "companies read");
    if !with_people {
        return Ok(Data { people: vec![], firms });
    }
    let firm_index: HashMap<&str, u32> = firms.iter().enumerate().map(|(i, f)| (f.id.as_str(), i as u32)).collect();
    // The addresses of contacts without a company come along (one short subquery each), so
    // their domains can be compared without reading every address.
    let sql = "SELECT c.id AS c0, c.first_name AS c1, c.last_name AS c2, c.company_id AS c3, c.created_at AS c4, \
               CASE WHEN c.company_id IS NULL THEN (SELECT group_concat(e.email, ' ') FROM contact_emails e WHERE e.contact_id = c.id) END AS c5 \
               FROM contacts c WHERE c.deleted_at IS NULL";
    let mut people = Vec::new();
    for mut r in sqlite::packed_rows(db, sql, 6).await? {
        let mut take = |i: usize| r[i].take();
        let company = take(3);
        people.push(Person {
            id: take(0).unwrap_or_default(),
            first: take(1).unwrap_or_default(),
            last: take(2).unwrap_or_default(),
            company: company.as_deref().and_then(|c| firm_index.get(c).copied()),
            created_at: take(4).unwrap_or_default(),
            emails: vec![],
            loose_emails: take(5).map(|l| l.split_whitespace().map(str::to_string).collect()).unwrap_or_default(),
            phones: vec![],
        });
    }
    trace(&started, "contacts read");
    let person_index: HashMap<&str, usize> = people.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    // Rows of contacts in the trash come too and are dropped here: cheaper than a join.
    let mut found: Vec<(usize, bool, String)> = Vec::new();
    for (sql, is_email) in [(SHARED_EMAILS, true), (SHARED_PHONES, false)] {
        for mut r in sqlite::packed_rows(db, sql, 2).await? {
            if let (Some(owner), Some(v)) = (r[0].take(), r[1].take()) {
                if let Some(&i) = person_index.get(owner.as_str()) {
                    found.push((i, is_email, v));
                }
            }
        }
    }
    for (i, is_email, v) in found {
        if is_email {
            people[i].emails.push(v);
        } else {
            people[i].phones.push(v);
        }
    }
    trace(&started, "shared e-mails and phones read");
    Ok(Data { people, firms })
}

/// A stored time (RFC 3339 text, as the packed read returns it).
pub(crate) fn parse_time(s: &str) -> CoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| crate::CoreError::Storage { message: format!("unreadable creation time “{s}”") })
}

/// Each contact's primary (else first) e-mail address, for the subtitles of one page.
pub(crate) async fn primary_emails<C: ConnectionTrait>(db: &C, ids: &[String]) -> CoreResult<HashMap<String, String>> {
    let mut out: HashMap<String, (bool, i32, String)> = HashMap::new();
    for chunk in ids.chunks(500) {
        let q = Query::select()
            .columns(["contact_id", "email", "is_primary", "position"])
            .from("contact_emails")
            .and_where(Expr::col("contact_id").is_in(chunk.iter().cloned()))
            .to_owned();
        for r in db.query_all(&q).await? {
            let (id, email, primary, position): (String, String, bool, i32) =
                (r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?, r.try_get_by_index(3)?);
            let better = out.get(&id).is_none_or(|(p, pos, _)| (primary && !p) || (primary == *p && position < *pos));
            if better {
                out.insert(id, (primary, position, email));
            }
        }
    }
    Ok(out.into_iter().map(|(k, v)| (k, v.2)).collect())
}
