//! The demo business's feedback: six months of NPS and CSAT answers (mostly happy, a few
//! detractors; the latest low one opened a ticket through the real rule), reviews on Google
//! and Trustpilot, rewards for customers who referred others, and stay-in-touch rhythms for
//! the best customers (one of them missed).

use crate::common::new_id;
use crate::error::CoreResult;
use crate::surveys::{self, SurveyInput, SurveyKind, SurveySource};
use chrono::{DateTime, Duration, Utc};
use rand::{rngs::StdRng, Rng, SeedableRng};
use sea_orm::sea_query::Query;
use sea_orm::{ConnectionTrait, DatabaseTransaction};

const COMMENTS: &[&str] = &["Quick and friendly.", "The new site looks great.", "Took a while to get an answer.", "Love the booking page.", "Invoices were confusing."];

async fn answer(db: &DatabaseTransaction, contact: &str, kind: SurveyKind, score: i32, at: DateTime<Utc>, comment: Option<&str>) -> CoreResult<()> {
    let q = Query::insert()
        .into_table("survey_responses")
        .columns(["id", "contact_id", "kind", "score", "comment", "source", "answered_at", "created_at"])
        .values_panic([new_id().into(), contact.into(), kind.as_str().into(), score.into(), comment.map(str::to_string).into(), "email".into(), at.into(), at.into()])
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

pub(crate) async fn add(db: &DatabaseTransaction, customers: &[String], now: DateTime<Utc>) -> CoreResult<()> {
    let mut rng = StdRng::seed_from_u64(0xfeed);
    // Older answers are history: written as they were, without follow-ups.
    for (i, c) in customers.iter().enumerate() {
        let at = now - Duration::days(rng.random_range(14..180));
        let nps = match i % 10 {
            0 => 4,
            1 | 2 => 7 + (i % 2) as i32,
            _ => 9 + (i % 2) as i32,
        };
        let comment = (i % 3 == 0).then(|| COMMENTS[i % COMMENTS.len()]);
        answer(db, c, SurveyKind::Nps, nps, at, comment).await?;
        if i % 2 == 0 {
            answer(db, c, SurveyKind::Csat, if i % 10 == 4 { 2 } else { 4 + (i % 3 == 0) as i32 }, at - Duration::days(20), None).await?;
        }
    }
    // This week's answers go through the rules: a detractor opens a ticket, a promoter is asked
    // for a review.
    if let (Some(low), Some(high)) = (customers.get(1), customers.get(2)) {
        for (c, score, text) in [(low, 3, "The site was down for a day and nobody told us."), (high, 10, "Best decision we made this year.")] {
            let input = SurveyInput { contact_id: c.clone(), kind: SurveyKind::Nps, score, comment: Some(text.into()), answered_at: Some(now - Duration::days(1)), source: SurveySource::Email };
            let (clean, name) = surveys::validated(db, &input).await?;
            surveys::insert(db, &clean, &name, now - Duration::days(1)).await?;
        }
    }
    for (i, c) in customers.iter().take(6).enumerate() {
        let (platform, rating) = [("Google", 5), ("Trustpilot", 4), ("Google", 5), ("Facebook", 5), ("Trustpilot", 3), ("Google", 4)][i];
        let q = Query::insert()
            .into_table("reviews")
            .columns(["id", "contact_id", "platform", "rating", "link", "body", "reviewed_at", "created_at", "updated_at"])
            .values_panic([
                new_id().into(),
                c.as_str().into(),
                platform.into(),
                rating.into(),
                Some(format!("https://reviews.example/{}/{}", platform.to_lowercase(), i + 1)).into(),
                Some(COMMENTS[i % COMMENTS.len()].to_string()).into(),
                (now - Duration::days(10 + 25 * i as i64)).into(),
                now.into(),
                now.into(),
            ])
            .to_owned();
        db.execute(&q).await?;
    }
    // Rewards for referrers whose referral became a customer.
    let pairs = crate::sqlite::packed_rows(
        db,
        "SELECT c.referred_by_id AS c0, c.id AS c1 FROM contacts c JOIN contacts r ON r.id = c.referred_by_id \
         WHERE c.deleted_at IS NULL AND c.lifecycle_stage IN ('retention', 'loyalty') ORDER BY c.created_at, c.id LIMIT 4",
        2,
    )
    .await?;
    for (i, r) in pairs.iter().enumerate() {
        let given = i % 2 == 0;
        let q = Query::insert()
            .into_table("referral_rewards")
            .columns(["id", "referrer_id", "referred_id", "reward", "status", "given_at", "created_at", "updated_at"])
            .values_panic([
                new_id().into(),
                r[0].clone().into(),
                r[1].clone().into(),
                (if given { "A free month of the care plan" } else { "€50 voucher" }).into(),
                (if given { "given" } else { "owed" }).into(),
                given.then(|| now - Duration::days(30)).into(),
                now.into(),
                now.into(),
            ])
            .to_owned();
        db.execute(&q).await?;
    }
    for (i, c) in customers.iter().skip(3).take(5).enumerate() {
        let every = if i == 0 { 14 } else { [30, 60, 90, 30][i % 4] };
        let q = Query::insert()
            .into_table("contact_rhythms")
            .columns(["contact_id", "every_days", "created_at", "updated_at"])
            .values_panic([c.as_str().into(), (every as i64).into(), now.into(), now.into()])
            .to_owned();
        db.execute(&q).await?;
    }
    Ok(())
}
