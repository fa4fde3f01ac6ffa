//! Consents of the demo business: a few contacts who signed up on the web form for marketing
//! e-mail, one who later withdrew, and a few newsletter readers.

use crate::common::new_id;
use crate::error::CoreResult;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, Order};

const WEB_FORM: &str = "Yes, send me the studio's occasional e-mails about new services, studio news and offers. \
I can unsubscribe at any time with the link in every e-mail.";
const NEWSLETTER: &str = "Sign me up for the studio's monthly newsletter (design tips and case studies).";

/// (person, purpose, granted, source, wording, days after they were created)
type Entry = (usize, &'static str, bool, &'static str, Option<&'static str>, i64);

/// Records the demo's consents on the first contacts (in creation order) who may be contacted.
pub(crate) async fn record<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<u32> {
    let q = Query::select()
        .columns(["id", "created_at"])
        .from("contacts")
        .and_where(Expr::col("do_not_contact").eq(false))
        .and_where(Expr::col("deleted_at").is_null())
        .order_by("id", Order::Asc)
        .limit(9)
        .to_owned();
    let mut people: Vec<(String, DateTime<Utc>)> = Vec::new();
    for r in db.query_all(&q).await? {
        people.push((r.try_get_by_index(0)?, r.try_get_by_index(1)?));
    }
    let mut rows: Vec<Entry> = Vec::new();
    for i in 0..5 {
        rows.push((i, "marketing_email", true, "Web form", Some(WEB_FORM), 1));
    }
    rows.push((4, "marketing_email", false, "E-mail reply", Some("Please take me off your mailing list."), 40));
    for i in [5, 6, 7] {
        rows.push((i, "newsletter", true, if i == 7 { "In person" } else { "Web form" }, Some(NEWSLETTER), 3));
    }
    let mut n = 0;
    for (i, purpose, granted, source, wording, days) in rows {
        let Some((id, created)) = people.get(i) else { continue };
        let at = Ord::min(*created + Duration::days(days), now - Duration::hours(1));
        let insert = Query::insert()
            .into_table("consents")
            .columns(["id", "contact_id", "purpose", "granted", "source", "wording", "recorded_at"])
            .values_panic([
                new_id().into(),
                id.clone().into(),
                purpose.into(),
                granted.into(),
                source.into(),
                wording.map(str::to_string).into(),
                at.into(),
            ])
            .to_owned();
        db.execute(&insert).await?;
        n += 1;
    }
    Ok(n)
}
