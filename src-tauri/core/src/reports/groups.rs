//! Conversion and revenue by lead source, segment, persona and priority tier.
//!
//! Definitions (as in the rest of the app, see [`crate::conversion`]):
//! - *Leads*: live contacts added before the period's end that were not customers when it
//!   began (no move to Customer or Loyal customer before it, and not added as a customer);
//! - *Converted*: those of them that became a Customer or Loyal customer within the period;
//! - *Conversion rate*: converted ÷ leads;
//! - *Revenue*: the net amount (total − refunded) of the group's contacts' orders placed in the
//!   period, per currency; *buyers* the contacts with such an order (fully refunded ones left out).
//!
//! Groups are the contacts' current source, persona (as scored), tier (as scored) and segment
//! membership; contacts without a source, persona or tier form a "none" group.

use super::stats::{col, drill, figure, pct, row, section, t, text};
use super::{ChartKind, Ctx, DrillKind, Report, ReportName, Row, Unit};
use crate::conversion::Period;
use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Source,
    Segment,
    Persona,
    Tier,
}

impl By {
    fn key(self) -> &'static str {
        match self {
            By::Source => "c.lead_source_id",
            By::Persona => "(SELECT cs.persona_id FROM contact_scores cs WHERE cs.contact_id = c.id)",
            By::Tier => "(SELECT cs.tier FROM contact_scores cs WHERE cs.contact_id = c.id)",
            By::Segment => "'all'",
        }
    }

    /// The group as a column of the query, with [`By::join`] added after `contacts c` (a
    /// correlated subquery here cost 280 ms over a period's orders and customers).
    fn grouped(self) -> &'static str {
        match self {
            By::Persona => "cs.persona_id",
            By::Tier => "cs.tier",
            _ => self.key(),
        }
    }

    fn join(self) -> &'static str {
        match self {
            By::Persona | By::Tier => " LEFT JOIN contact_scores cs ON cs.contact_id = c.id",
            _ => "",
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            By::Source => "source",
            By::Segment => "segment",
            By::Persona => "persona",
            By::Tier => "tier",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<By> {
        [By::Source, By::Segment, By::Persona, By::Tier].into_iter().find(|b| b.as_str() == s)
    }

    fn report(self) -> ReportName {
        match self {
            By::Source => ReportName::Sources,
            By::Segment => ReportName::Segments,
            By::Persona => ReportName::Personas,
            By::Tier => ReportName::Tiers,
        }
    }
}

const CUSTOMER: &str = "('retention', 'loyalty')";

/// The SQL condition "the contact `c` is a lead of the period" and "… converted in it".
pub(crate) fn lead_sql(p: Period) -> (String, String) {
    let (from, to) = (t(p.from), t(p.to));
    (
        format!(
            "c.deleted_at IS NULL AND c.created_at < {to} AND NOT EXISTS (SELECT 1 FROM lifecycle_changes l WHERE l.contact_id = c.id \
             AND l.to_stage IN {CUSTOMER} AND (l.changed_at < {from} OR l.from_stage IS NULL))"
        ),
        format!(
            "EXISTS (SELECT 1 FROM lifecycle_changes l WHERE l.contact_id = c.id AND l.to_stage IN {CUSTOMER} \
             AND l.from_stage IS NOT NULL AND l.changed_at >= {from} AND l.changed_at < {to})"
        ),
    )
}

/// Per group: (leads, converted) for the period `p` and for `q` (its previous one), in one pass.
/// The key is grouped on as it is (a contact without one reads as ""): grouped on a plain column
/// SQLite walks the covering index in order (29 ms for 100k contacts; 270 ms through coalesce).
/// Counted by subtraction: the contacts added before the end, less those that were customers
/// before the start or were added as customers — read from the customers' first moves kept in
/// `contact_marks`, so the 100k-contact table is only counted, never probed per contact. The
/// customers lead the second read (CROSS JOIN): grouped by source, SQLite otherwise walked all
/// 100k contacts in source order and probed each one's marks (120 → 65 ms in the `sqlite3` shell;
/// 40 ms with the source in `idx_contacts_live_id`).
pub(crate) async fn conversion<C: ConnectionTrait>(db: &C, key: &str, join: &str, cond: &str, p: Period, q: Period) -> CoreResult<[BTreeMap<String, (f64, f64)>; 2]> {
    let added = format!(
        "SELECT {key} AS c0, sum(c.created_at < {}) AS c1, sum(c.created_at < {}) AS c2 FROM contacts c{join} \
         WHERE c.deleted_at IS NULL AND c.created_at < {} AND ({cond}) GROUP BY 1",
        t(p.to),
        t(q.to),
        t(p.to.max(q.to))
    );
    let moves = format!(
        "SELECT {key} AS c0, \
           sum(c.created_at < {pt} AND (m.since < {pf} OR m.added)) AS c1, sum(c.created_at < {pt} AND m.since >= {pf} AND m.since < {pt} AND NOT m.added) AS c2, \
           sum(c.created_at < {qt} AND (m.since < {qf} OR m.added)) AS c3, sum(c.created_at < {qt} AND m.since >= {qf} AND m.since < {qt} AND NOT m.added) AS c4 \
         FROM (SELECT contact_id, customer_since AS since, added_customer AS added FROM contact_marks WHERE customer_since IS NOT NULL) m \
         CROSS JOIN contacts c{join} WHERE c.id = m.contact_id AND c.deleted_at IS NULL AND ({cond}) GROUP BY 1",
        pf = t(p.from),
        pt = t(p.to),
        qf = t(q.from),
        qt = t(q.to)
    );
    let mut out = [BTreeMap::new(), BTreeMap::new()];
    let scored = [By::Tier, By::Persona].into_iter().find(|b| b.grouped() == key && cond == "1");
    let (added, moves) = match scored {
        Some(by) => tokio::try_join!(added_by_score(db, by, p.to, q.to), crate::sqlite::packed_rows(db, &moves, 5))?,
        None => tokio::try_join!(crate::sqlite::packed_rows(db, &added, 3), crate::sqlite::packed_rows(db, &moves, 5))?,
    };
    for r in added {
        out[0].insert(text(&r, 0), (super::stats::num(&r, 1), 0.0));
        out[1].insert(text(&r, 0), (super::stats::num(&r, 2), 0.0));
    }
    for r in moves {
        for (i, base) in [(0, 1), (1, 3)] {
            let e = out[i].entry(text(&r, 0)).or_insert((0.0, 0.0));
            e.0 -= super::stats::num(&r, base);
            e.1 += super::stats::num(&r, base + 1);
        }
    }
    Ok(out)
}

/// The `added` rows of [`conversion`] per tier or persona, for all contacts (no filter): probing
/// each contact's score row cost 200 ms at 100k contacts, so they are counted from the score
/// table's own index instead — the scored contacts per group, less those in the trash and those
/// added at or after each end — and the contacts without one (the "" group) are all live
/// contacts added before the end less the groups' sums.
async fn added_by_score<C: ConnectionTrait>(db: &C, by: By, p_to: DateTime<Utc>, q_to: DateTime<Utc>) -> CoreResult<Vec<Vec<Option<String>>>> {
    let col = if by == By::Tier { "cs.tier" } else { "cs.persona_id" };
    let (pt, qt) = (t(p_to), t(q_to));
    // CROSS JOIN keeps the contacts (a range of the newest) as the outer loop.
    let groups = format!(
        "SELECT k AS c0, sum(a) AS c1, sum(b) AS c2 FROM ( \
           SELECT {col} AS k, count(*) AS a, count(*) AS b FROM contact_scores cs WHERE {col} IS NOT NULL GROUP BY 1 \
           UNION ALL SELECT {col}, -count(*), -count(*) FROM contacts c CROSS JOIN contact_scores cs \
             WHERE cs.contact_id = c.id AND c.deleted_at IS NOT NULL AND {col} IS NOT NULL GROUP BY 1 \
           UNION ALL SELECT {col}, -sum(c.created_at >= {pt}), -sum(c.created_at >= {qt}) FROM contacts c CROSS JOIN contact_scores cs \
             WHERE cs.contact_id = c.id AND c.deleted_at IS NULL AND c.created_at >= {} AND {col} IS NOT NULL GROUP BY 1 \
         ) x GROUP BY 1",
        t(p_to.min(q_to))
    );
    let live = format!("SELECT sum(c.created_at < {pt}) AS c0, sum(c.created_at < {qt}) AS c1 FROM contacts c WHERE c.deleted_at IS NULL");
    let (mut rows, live) = tokio::try_join!(crate::sqlite::packed_rows(db, &groups, 3), crate::sqlite::packed_rows(db, &live, 2))?;
    let sum = |i: usize| rows.iter().map(|r| super::stats::num(r, i)).sum::<f64>();
    let (live_p, live_q) = live.first().map_or((0.0, 0.0), |r| (super::stats::num(r, 0), super::stats::num(r, 1)));
    let none = vec![None, Some((live_p - sum(1)).to_string()), Some((live_q - sum(2)).to_string())];
    rows.push(none);
    Ok(rows)
}

/// Per (group, currency): (buyers, orders, net revenue in minor units).
async fn revenue<C: ConnectionTrait>(db: &C, key: &str, join: &str, cond: &str, p: Period) -> CoreResult<BTreeMap<(String, String), (f64, f64, f64)>> {
    let sql = format!(
        "SELECT {key} AS c0, o.currency AS c1, count(DISTINCT o.contact_id) FILTER (WHERE o.status <> 'refunded') AS c2, \
           count(*) FILTER (WHERE o.status <> 'refunded') AS c3, sum(o.total_minor - o.refunded_minor) AS c4 \
         FROM orders o JOIN contacts c ON c.id = o.contact_id AND c.deleted_at IS NULL{join} \
         WHERE o.ordered_at >= {} AND o.ordered_at < {} AND ({cond}) GROUP BY 1, 2",
        t(p.from),
        t(p.to)
    );
    Ok(crate::sqlite::packed_rows(db, &sql, 5)
        .await?
        .into_iter()
        .map(|r| ((text(&r, 0), text(&r, 1)), (super::stats::num(&r, 2), super::stats::num(&r, 3), super::stats::num(&r, 4))))
        .collect())
}

struct Segment {
    now: (f64, f64),
    before: (f64, f64),
    revenue: BTreeMap<String, (f64, f64, f64)>,
}

/// One segment's (leads, converted) now and before, and revenue per currency, in one statement:
/// its members are found once (the condition drives the read: an index or a tag's few rows)
/// and then joined to their kept marks and looked up from the period's paid orders (read in
/// time order from `paid_orders`, each buyer counted on the first in the period; `+` keeps
/// SQLite from probing the orders per member instead), and the fully refunded ones'
/// currencies. Evaluating each segment's condition once per read (three reads each) cost
/// 600 ms for five segments at 100k contacts.
async fn segment<C: ConnectionTrait>(db: &C, ctx: &Ctx, cond: &str) -> CoreResult<Segment> {
    let (p, q) = (ctx.period, ctx.previous);
    let (pf, pt, qf, qt) = (t(p.from), t(p.to), t(q.from), t(q.to));
    let sql = format!(
        "WITH m AS MATERIALIZED (SELECT c.id AS id, c.created_at AS created FROM contacts c WHERE c.deleted_at IS NULL AND ({}) AND ({cond})) \
         SELECT '#' AS c0, sum(m.created < {pt}) AS c1, sum(m.created < {qt}) AS c2, \
           sum(m.created < {pt} AND (k.customer_since < {pf} OR k.added_customer)) AS c3, \
           sum(m.created < {pt} AND k.customer_since >= {pf} AND k.customer_since < {pt} AND NOT k.added_customer) AS c4, \
           sum(m.created < {qt} AND (k.customer_since < {qf} OR k.added_customer)) AS c5, \
           sum(m.created < {qt} AND k.customer_since >= {qf} AND k.customer_since < {qt} AND NOT k.added_customer) AS c6 \
         FROM m LEFT JOIN contact_marks k ON k.contact_id = m.id \
         UNION ALL \
         SELECT p.currency, sum({first}), count(*), sum(p.net_minor), NULL, NULL, NULL \
         FROM paid_orders p WHERE {paid} AND +p.contact_id IN (SELECT id FROM m) GROUP BY p.currency \
         UNION ALL \
         SELECT o.currency, 0, 0, 0, NULL, NULL, NULL FROM orders o WHERE o.ordered_at >= {pf} AND o.ordered_at < {pt} AND o.status = 'refunded' \
           AND +o.contact_id IN (SELECT id FROM m) GROUP BY o.currency",
        ctx.cond,
        first = super::stats::first_since("p.previous_at", &pf),
        paid = super::stats::paid_between(&pf, &pt)
    );
    let mut out = Segment { now: (0.0, 0.0), before: (0.0, 0.0), revenue: BTreeMap::new() };
    for r in crate::sqlite::packed_rows(db, &sql, 7).await? {
        let n = |i| super::stats::num(&r, i);
        if text(&r, 0) == "#" {
            (out.now, out.before) = ((n(1) - n(3), n(4)), (n(2) - n(5), n(6)));
        } else {
            // A currency whose orders were all refunded still has its row (as by source).
            let e = out.revenue.entry(text(&r, 0)).or_insert((0.0, 0.0, 0.0));
            (e.0, e.1, e.2) = (e.0 + n(1), e.1 + n(2), e.2 + n(3));
        }
    }
    Ok(out)
}

/// The groups to show: (key as stored, label).
async fn groups<C: ConnectionTrait>(db: &C, by: By) -> CoreResult<Vec<(String, String, String)>> {
    // (group key, label, SQL condition for the segment case)
    Ok(match by {
        By::Source => {
            let mut v: Vec<_> = crate::sqlite::packed_rows(db, "SELECT id AS c0, name AS c1 FROM lead_sources ORDER BY position, name", 2)
                .await?
                .into_iter()
                .map(|r| (text(&r, 0), text(&r, 1), String::new()))
                .collect();
            v.push((String::new(), "No source".into(), String::new()));
            v
        }
        By::Persona => {
            let names = crate::sqlite::packed_rows(db, "SELECT id AS c0, name AS c1 FROM personas ORDER BY position, id", 2).await?;
            let mut v: Vec<_> = names.into_iter().map(|r| (text(&r, 0), text(&r, 1), String::new())).collect();
            v.push((String::new(), "No persona".into(), String::new()));
            v
        }
        By::Tier => {
            let mut v: Vec<_> = ["a", "b", "c"].iter().map(|k| (k.to_string(), format!("Tier {}", k.to_uppercase()), String::new())).collect();
            v.push((String::new(), "No tier".into(), String::new()));
            v
        }
        By::Segment => crate::segments::conditions(db).await?,
    })
}

const LEADS: &str = "Live contacts added before the period's end that were not customers when it began.";
const CONVERTED: &str = "Of the leads, those that became a Customer or Loyal customer within the period.";
const RATE: &str = "Converted ÷ leads.";
const BUYERS: &str = "Contacts of the group with an order in the period (fully refunded orders left out).";
const REVENUE: &str = "Net amount (total − refunded) of the group's orders placed in the period, in the row's currency.";

pub async fn report<C: ConnectionTrait>(db: &C, ctx: &Ctx, by: By) -> CoreResult<Report> {
    let list = groups(db, by).await?;
    let mut conv_now = BTreeMap::new();
    let mut conv_before = BTreeMap::new();
    let mut rev = BTreeMap::new();
    if by == By::Segment {
        // Two readers take the segments in turn (the pool has three connections, the reference
        // machine two cores; pairs in a fixed order waited on the slower of each pair).
        let next = std::sync::atomic::AtomicUsize::new(0);
        let reader = || async {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((_, _, cond)) = list.get(i) else { break };
                done.push((i, segment(db, ctx, cond).await?));
            }
            Ok::<_, crate::error::CoreError>(done)
        };
        let (a, b) = tokio::try_join!(reader(), reader())?;
        for (i, x) in a.into_iter().chain(b) {
            let id = &list[i].0;
            conv_now.insert(id.clone(), x.now);
            conv_before.insert(id.clone(), x.before);
            for (cur, v) in x.revenue {
                rev.insert((id.clone(), cur), v);
            }
        }
    } else {
        let (conv, r) = tokio::try_join!(conversion(db, by.grouped(), by.join(), &ctx.cond, ctx.period, ctx.previous), revenue(db, by.grouped(), by.join(), &ctx.cond, ctx.period))?;
        [conv_now, conv_before] = conv;
        rev = r;
    }
    let mut r = ctx.shell(by.report(), "Which groups' leads became customers in the period, and what their orders brought in.");
    let columns = vec![
        col("leads", "Leads", Unit::Count, LEADS),
        col("converted", "Converted", Unit::Count, CONVERTED),
        col("rate", "Conversion rate", Unit::Percent, RATE),
        col("rate_before", "Rate, previous period", Unit::Percent, "The conversion rate over the previous period."),
        col("buyers", "Buyers", Unit::Count, BUYERS),
        col("revenue", "Revenue", Unit::Money, REVENUE),
    ];
    let mut rows: Vec<Row> = Vec::new();
    for (id, label, _) in &list {
        let (leads, conv) = conv_now.get(id).copied().unwrap_or((0.0, 0.0));
        let (lb, cb) = conv_before.get(id).copied().unwrap_or((0.0, 0.0));
        let currencies: Vec<(&String, &(f64, f64, f64))> = rev.iter().filter(|((g, _), _)| g == id).map(|((_, c), v)| (c, v)).collect();
        if leads == 0.0 && currencies.is_empty() && by != By::Segment && lb == 0.0 {
            continue;
        }
        let first = currencies.first();
        let mut x = row(
            format!("{}:{id}", by.as_str()),
            label.clone(),
            vec![Some(leads), Some(conv), pct(conv, leads), pct(cb, lb), Some(first.map_or(0.0, |c| c.1 .0)), first.map(|c| c.1 .2)],
        );
        x.currency = first.map(|c| c.0.clone());
        x.drills[0] = drill(DrillKind::Contacts, format!("group:{}:leads:{id}", by.as_str()));
        x.drills[1] = drill(DrillKind::Contacts, format!("group:{}:converted:{id}", by.as_str()));
        rows.push(x);
        for (cur, v) in currencies.iter().skip(1) {
            let mut extra = row(format!("{}:{id}:{cur}", by.as_str()), format!("{label} ({cur})"), vec![None, None, None, None, Some(v.0), Some(v.2)]);
            extra.currency = Some((*cur).clone());
            rows.push(extra);
        }
    }
    let total = |m: &BTreeMap<String, (f64, f64)>| m.values().fold((0.0, 0.0), |a, v| (a.0 + v.0, a.1 + v.1));
    if by != By::Segment {
        let (ln, cn) = total(&conv_now);
        let (lb, cb) = total(&conv_before);
        r.figures = vec![
            figure("leads", "Leads", Unit::Count, Some(ln), Some(lb), LEADS),
            figure("converted", "Converted", Unit::Count, Some(cn), Some(cb), CONVERTED),
            figure("rate", "Conversion rate", Unit::Percent, pct(cn, ln), pct(cb, lb), RATE),
        ];
    } else {
        r.notes.push("A contact can be in several segments, so the rows do not add up to a total.".into());
    }
    let empty = match by {
        By::Segment => "No segments yet. Create segments on the Segments screen to compare them here.",
        _ => "No leads or orders in this period. Add contacts with a source, or pick a longer period.",
    };
    if rows.is_empty() {
        r.empty = Some(empty.into());
    }
    r.sections.push(section("groups", by.report().title(), ChartKind::Bar, &["rate", "rate_before"], columns, rows, empty));
    Ok(r)
}

/// The contacts behind a group's leads or converted count.
pub(crate) async fn contacts_sql<C: ConnectionTrait>(db: &C, ctx: &Ctx, by: By, which: &str, group: &str) -> CoreResult<String> {
    let (lead, converted) = lead_sql(ctx.period);
    let group_cond = if by == By::Segment {
        crate::segments::condition(db, group).await?
    } else {
        format!("coalesce({}, '') = {}", by.key(), crate::criteria::lit(group))
    };
    let extra = if which == "converted" { format!(" AND {converted}") } else { String::new() };
    Ok(format!("SELECT c.id AS c0 FROM contacts c WHERE {lead} AND ({}) AND ({group_cond}){extra}", ctx.cond))
}
