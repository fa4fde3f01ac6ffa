//! Computing scores: fit rules become one SQL pass over the contacts (with their company, lead
//! source and tags), engagement rules one pass over the activities, weighed in Rust with their
//! half-lives. The same code scores every contact (rescore, daily decay), a few (after an edit)
//! or one, with the lines that explain it.

use super::rules::{Condition, FitField, Op, Part, ScoreRule};
use crate::error::CoreResult;
use crate::sqlite::{self, packed_rows};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use sea_orm::{ConnectionTrait, Value};
use std::collections::HashMap;

/// One rule's share of one contact's score.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Share {
    pub rule: usize,
    pub points: f64,
    /// For engagement: how many activities, and the newest one's age in days.
    pub count: u32,
    pub newest_days: Option<f64>,
}

pub(crate) struct Scored {
    pub fit: i32,
    pub engagement: i32,
    pub shares: Vec<Share>,
    /// A score set by hand.
    pub override_score: Option<i32>,
}

impl Scored {
    /// What the rules give.
    pub fn total(&self) -> i32 {
        (self.fit + self.engagement).clamp(0, 100)
    }

    /// The score in effect (stored, listed and sorted by).
    pub fn shown(&self) -> i32 {
        self.override_score.unwrap_or_else(|| self.total())
    }
}

fn lit(s: &str) -> String {
    crate::criteria::lit(s)
}

fn time_lit(t: DateTime<Utc>) -> String {
    lit(&t.to_rfc3339_opts(SecondsFormat::Nanos, false))
}

fn compare(x: &str, op: Op, value: &str) -> String {
    let v = lit(&value.to_ascii_lowercase());
    match op {
        Op::Is => format!("lower({x}) = {v}"),
        Op::IsNot => format!("coalesce(lower({x}), '') <> {v}"),
        Op::Contains => format!("instr(lower({x}), {v}) > 0"),
        Op::IsSet => format!("coalesce({x}, '') <> ''"),
    }
}

/// The SQL condition of a fit rule over `c` (contacts) and `co` (its company); `None` for
/// engagement rules.
fn predicate(cond: &Condition, now: DateTime<Utc>) -> Option<String> {
    Some(match cond {
        Condition::Field { field: FitField::Tag, op, value } => {
            let tags = "SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id";
            match op {
                Op::IsSet => format!("EXISTS ({tags})"),
                Op::IsNot => format!("NOT EXISTS ({tags} AND {})", compare("t.name", Op::Is, value)),
                _ => format!("EXISTS ({tags} AND {})", compare("t.name", *op, value)),
            }
        }
        Condition::Field { field, op, value } => {
            let column = match field {
                FitField::Industry => "co.industry",
                FitField::SizeBand => "co.size_band",
                FitField::Title => "c.title",
                FitField::Country => "c.country",
                FitField::Region => "c.region",
                FitField::LifecycleStage => "c.lifecycle_stage",
                FitField::LeadSource => "(SELECT ls.name FROM lead_sources ls WHERE ls.id = c.lead_source_id)",
                FitField::Authority => "c.authority",
                FitField::NeedLevel => "c.need_level",
                FitField::Qualification => "c.qualification",
                FitField::Tag => unreachable!("handled above"),
            };
            compare(column, *op, value)
        }
        Condition::Budget { at_least_minor: None } => "c.budget_minor IS NOT NULL".into(),
        Condition::Budget { at_least_minor: Some(n) } => format!("c.budget_minor >= {n}"),
        Condition::TimelineWithin { days } => {
            let until = (now + Duration::days(*days as i64)).format("%Y-%m-%d");
            format!("c.timeline_on IS NOT NULL AND c.timeline_on <= '{until}'")
        }
        Condition::NoTouch { days } => {
            format!("c.last_contacted_at IS NULL OR c.last_contacted_at < {}", time_lit(now - Duration::days(*days as i64)))
        }
        Condition::Activity { .. } => return None,
    })
}

/// Which contacts a scoring pass covers.
#[derive(Clone, Copy)]
pub(crate) enum Who<'a> {
    All,
    Ids(&'a [String]),
    /// A subquery selecting the contacts' ids as one column named `cid`: no id list is built
    /// in memory.
    Sql(&'a str),
}

impl Who<'_> {
    /// The condition on `column` (` AND …`), empty for everyone.
    pub fn filter(&self, column: &str) -> String {
        match self {
            Who::All => String::new(),
            Who::Ids(ids) => format!(" AND {column} IN ({})", ids.iter().map(|i| lit(i)).collect::<Vec<_>>().join(", ")),
            Who::Sql(sql) => format!(" AND {column} IN (SELECT cid FROM ({sql}))"),
        }
    }

    /// The contacts (`c`) a pass reads: for a subquery, its ids drive the join (each contact
    /// found by its key) instead of every contact being tested against them — a page of an
    /// import of millions must not read all the others.
    pub fn contacts(&self) -> String {
        match self {
            Who::Sql(sql) => format!("({sql}) AS who CROSS JOIN contacts c ON c.id = who.cid"),
            _ => "contacts c".to_string(),
        }
    }

    /// The condition that goes with [`Who::contacts`].
    pub fn contacts_filter(&self) -> String {
        match self {
            Who::Sql(_) => String::new(),
            other => other.filter("c.id"),
        }
    }
}

/// Scores the live contacts (all of them, or those of `who`) by the enabled `rules` at `now`.
pub(crate) async fn evaluate<C: ConnectionTrait>(
    db: &C,
    rules: &[ScoreRule],
    now: DateTime<Utc>,
    who: Who<'_>,
) -> CoreResult<HashMap<String, Scored>> {
    let active: Vec<(usize, &ScoreRule)> = rules.iter().enumerate().filter(|(_, r)| r.enabled).collect();
    let preds: Vec<(usize, String)> = active.iter().filter_map(|(i, r)| predicate(&r.condition, now).map(|p| (*i, p))).collect();
    let mut cols = vec!["c.id AS c0".to_string(), "c.score_override AS c1".to_string()];
    for (k, (_, p)) in preds.iter().enumerate() {
        cols.push(format!("CASE WHEN {p} THEN '1' ELSE '0' END AS c{}", k + 2));
    }
    let sql = format!(
        "SELECT {} FROM {} LEFT JOIN companies co ON co.id = c.company_id WHERE c.deleted_at IS NULL{}",
        cols.join(", "),
        who.contacts(),
        who.contacts_filter()
    );
    let mut out: HashMap<String, Scored> = HashMap::new();
    for row in packed_rows(db, &sql, cols.len()).await? {
        let Some(id) = row[0].clone() else { continue };
        let override_score = row[1].as_deref().and_then(|v| v.parse().ok());
        let mut s = Scored { fit: 0, engagement: 0, shares: vec![], override_score };
        for (k, (rule, _)) in preds.iter().enumerate() {
            if row[k + 2].as_deref() == Some("1") {
                s.shares.push(Share { rule: *rule, points: rules[*rule].points as f64, count: 0, newest_days: None });
            }
        }
        out.insert(id, s);
    }

    let engaging: Vec<(usize, &ScoreRule)> = active.iter().filter(|(_, r)| matches!(r.condition, Condition::Activity { .. })).copied().collect();
    if !engaging.is_empty() {
        let kinds: Vec<String> = engaging
            .iter()
            .filter_map(|(_, r)| match &r.condition {
                Condition::Activity { kind, .. } => Some(lit(kind.as_str())),
                _ => None,
            })
            .collect();
        let sql = format!(
            "SELECT a.contact_id AS c0, a.kind AS c1, lower(coalesce(a.outcome, '')) AS c2, a.occurred_at AS c3 FROM activities a \
             WHERE a.deleted_at IS NULL AND a.contact_id IS NOT NULL AND a.kind IN ({}) AND a.occurred_at <= {}{}",
            kinds.join(", "),
            time_lit(now),
            who.filter("a.contact_id")
        );
        // Per contact and rule: the sum of halved points, how many, and the newest age.
        let mut sums: HashMap<(String, usize), (f64, u32, f64)> = HashMap::new();
        for row in packed_rows(db, &sql, 4).await? {
            let (Some(cid), Some(kind), Some(at)) = (&row[0], &row[1], &row[3]) else { continue };
            let outcome = row[2].as_deref().unwrap_or("");
            let Ok(at) = DateTime::parse_from_rfc3339(at) else { continue };
            let age = ((now - at.with_timezone(&Utc)).num_seconds().max(0) as f64) / 86_400.0;
            for (i, r) in &engaging {
                let Condition::Activity { kind: k, outcome: o, half_life_days } = &r.condition else { continue };
                if k.as_str() != kind || o.as_ref().is_some_and(|o| !outcome.contains(&o.to_ascii_lowercase())) {
                    continue;
                }
                let e = sums.entry((cid.clone(), *i)).or_insert((0.0, 0, f64::MAX));
                e.0 += r.points as f64 * 0.5f64.powf(age / *half_life_days as f64);
                e.1 += 1;
                e.2 = e.2.min(age);
            }
        }
        for ((cid, i), (sum, count, newest)) in sums {
            let Some(s) = out.get_mut(&cid) else { continue };
            // Many of the same activity count, but at most twice the rule's points.
            let cap = 2.0 * rules[i].points.abs() as f64;
            s.shares.push(Share { rule: i, points: sum.clamp(-cap, cap), count, newest_days: Some(newest) });
        }
    }
    for s in out.values_mut() {
        s.shares.sort_by_key(|sh| sh.rule);
        let part = |p: Part| s.shares.iter().filter(|sh| rules[sh.rule].part == p).map(|sh| sh.points).sum::<f64>().round() as i32;
        s.fit = part(Part::Fit);
        s.engagement = part(Part::Engagement);
    }
    Ok(out)
}

/// Writes the scores of `scored` (those of `who`): each contact's row is updated in place
/// (keeping its tier and persona, which are then written only where they change); for
/// everyone, rows of contacts that are no longer live go.
pub(crate) async fn store<C: ConnectionTrait>(db: &C, scored: &HashMap<String, Scored>, who: Who<'_>, now: DateTime<Utc>) -> CoreResult<()> {
    if matches!(who, Who::All) {
        db.execute_unprepared("DELETE FROM contact_scores WHERE contact_id NOT IN (SELECT id FROM contacts WHERE deleted_at IS NULL)").await?;
    }
    let cols = ["contact_id", "fit", "engagement", "total", "computed_at"];
    let rows: Vec<Vec<Value>> = scored
        .iter()
        .map(|(id, s)| vec![id.clone().into(), s.fit.into(), s.engagement.into(), s.shown().into(), now.into()])
        .collect();
    for chunk in rows.chunks(5_000) {
        if !sqlite::upsert_json(db, "contact_scores", &cols, "contact_id", chunk).await? {
            return Err(crate::CoreError::Storage { message: "scores could not be written".into() });
        }
    }
    // Then the persona and tier that follow from them.
    super::assign::assign(db, who, now).await
}
