//! Service health: NPS and CSAT over time, ticket volume and service-level attainment.
//!
//! Definitions (answers and tickets of contacts in the segment when one is chosen):
//! - *NPS*: % promoters (9–10) − % detractors (0–6) of the NPS answers given in the period.
//! - *CSAT*: the share of CSAT answers (1–5) scoring 4 or 5.
//! - *Tickets opened / solved*: by their open and solve times.
//! - *SLA attainment*: of the tickets opened in the period with service-level due times whose
//!   outcome is known, the share that got their first reply by its due time and were solved by
//!   theirs. A ticket still inside both due times is pending and left out; one past a due time
//!   without meeting it has missed.

use super::stats::{col, drill, figure, month_key, month_label, month_no_sql, months_of, num, pct, round1, row, section, t};
use super::{ChartKind, Ctx, DrillKind, Report, ReportName, Unit};
use crate::conversion::Period;
use crate::error::CoreResult;
use sea_orm::ConnectionTrait;
use std::collections::BTreeMap;

#[derive(Default, Clone, Copy)]
pub(crate) struct Health {
    pub promoters: f64,
    pub detractors: f64,
    pub nps_answers: f64,
    pub satisfied: f64,
    pub csat_answers: f64,
    pub opened: f64,
    pub solved: f64,
    pub met: f64,
    pub missed: f64,
}

impl Health {
    pub fn nps(&self) -> Option<f64> {
        (self.nps_answers > 0.0).then(|| round1(100.0 * (self.promoters - self.detractors) / self.nps_answers))
    }
    pub fn csat(&self) -> Option<f64> {
        pct(self.satisfied, self.csat_answers)
    }
    pub fn sla(&self) -> Option<f64> {
        pct(self.met, self.met + self.missed)
    }
}

/// Per month (or one bucket, key 0, when `by_month` is false).
pub(crate) async fn health<C: ConnectionTrait>(db: &C, ctx: &Ctx, p: Period, by_month: bool) -> CoreResult<BTreeMap<i32, Health>> {
    let (from, to, now) = (t(p.from), t(p.to), t(ctx.now));
    let bucket = |c: &str| if by_month { month_no_sql(c) } else { "0".into() };
    let answers = format!(
        "SELECT {} AS c0, sum(kind = 'nps' AND score >= 9) AS c1, sum(kind = 'nps' AND score <= 6) AS c2, sum(kind = 'nps') AS c3, \
           sum(kind = 'csat' AND score >= 4) AS c4, sum(kind = 'csat') AS c5 \
         FROM survey_responses s WHERE s.answered_at >= {from} AND s.answered_at < {to} AND {} GROUP BY 1",
        bucket("s.answered_at"),
        ctx.contact_in("s.contact_id")
    );
    let mut out: BTreeMap<i32, Health> = BTreeMap::new();
    for r in crate::sqlite::packed_rows(db, &answers, 6).await? {
        let h = out.entry(num(&r, 0) as i32).or_default();
        (h.promoters, h.detractors, h.nps_answers, h.satisfied, h.csat_answers) = (num(&r, 1), num(&r, 2), num(&r, 3), num(&r, 4), num(&r, 5));
    }
    let met = "(t.first_response_due_at IS NULL OR t.first_response_at <= t.first_response_due_at) AND (t.resolution_due_at IS NULL OR t.solved_at <= t.resolution_due_at)";
    let missed = format!(
        "((t.first_response_due_at IS NOT NULL AND coalesce(t.first_response_at, {now}) > t.first_response_due_at) \
          OR (t.resolution_due_at IS NOT NULL AND coalesce(t.solved_at, {now}) > t.resolution_due_at))"
    );
    let tickets = format!(
        "SELECT {} AS c0, count(*) AS c1, sum(t.solved_at IS NOT NULL) AS c2, \
           sum((t.first_response_due_at IS NOT NULL OR t.resolution_due_at IS NOT NULL) AND t.solved_at IS NOT NULL AND {met}) AS c3, sum({missed}) AS c4 \
         FROM tickets t WHERE t.opened_at >= {from} AND t.opened_at < {to} AND {} GROUP BY 1",
        bucket("t.opened_at"),
        ctx.contact_in("t.contact_id")
    );
    for r in crate::sqlite::packed_rows(db, &tickets, 5).await? {
        let h = out.entry(num(&r, 0) as i32).or_default();
        (h.opened, h.met, h.missed) = (num(&r, 1), num(&r, 3), num(&r, 4));
    }
    let solved = format!(
        "SELECT {} AS c0, count(*) AS c1 FROM tickets t WHERE t.solved_at >= {from} AND t.solved_at < {to} AND {} GROUP BY 1",
        bucket("t.solved_at"),
        ctx.contact_in("t.contact_id")
    );
    for r in crate::sqlite::packed_rows(db, &solved, 2).await? {
        out.entry(num(&r, 0) as i32).or_default().solved = num(&r, 1);
    }
    Ok(out)
}

pub(crate) const NPS: &str = "% promoters (9–10) − % detractors (0–6) of the NPS answers given in the period (−100 to 100).";
pub(crate) const CSAT: &str = "Share of CSAT answers (1–5) scoring 4 or 5.";
const SLA: &str = "Of the period's tickets with service-level due times whose outcome is known, the share answered and solved in time (pending ones left out).";

pub async fn report<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let (mut now, mut before, months) = tokio::try_join!(health(db, ctx, ctx.period, false), health(db, ctx, ctx.previous, false), health(db, ctx, ctx.period, true))?;
    let (now, before) = (now.remove(&0).unwrap_or_default(), before.remove(&0).unwrap_or_default());
    let mut r = ctx.shell(ReportName::Service, "How customers rate you and how support keeps up: NPS and CSAT over time, tickets, and service levels met.");
    r.figures = vec![
        figure("nps", "NPS", Unit::Score, now.nps(), before.nps(), NPS),
        figure("csat", "CSAT", Unit::Percent, now.csat(), before.csat(), CSAT),
        figure("tickets", "Tickets opened", Unit::Count, Some(now.opened), Some(before.opened), "Tickets opened in the period."),
        figure("sla", "SLA attainment", Unit::Percent, now.sla(), before.sla(), SLA),
        figure("answers", "Survey answers", Unit::Count, Some(now.nps_answers + now.csat_answers), Some(before.nps_answers + before.csat_answers), "NPS and CSAT answers given in the period."),
    ];
    r.figures[2].drill = drill(DrillKind::Tickets, "opened");
    r.figures[3].drill = drill(DrillKind::Tickets, "missed");
    let rows = months_of(ctx.period)
        .into_iter()
        .map(|m| {
            let h = months.get(&m).copied().unwrap_or_default();
            let mut x = row(month_key(m), month_label(m), vec![h.nps(), Some(h.nps_answers), h.csat(), Some(h.csat_answers), Some(h.opened), Some(h.solved), h.sla()]);
            x.drills[4] = drill(DrillKind::Tickets, format!("opened:{}", month_key(m)));
            x
        })
        .collect::<Vec<_>>();
    let empty = "No survey answers or tickets in this period. Record NPS or CSAT answers and open tickets on the Support screen.";
    let nothing = months.is_empty();
    if nothing {
        r.empty = Some(empty.into());
    }
    r.sections.push(section(
        "months",
        "Per month",
        ChartKind::Line,
        &["nps", "csat", "sla"],
        vec![
            col("nps", "NPS", Unit::Score, NPS),
            col("nps_answers", "NPS answers", Unit::Count, "NPS answers given in the month."),
            col("csat", "CSAT", Unit::Percent, CSAT),
            col("csat_answers", "CSAT answers", Unit::Count, "CSAT answers given in the month."),
            col("opened", "Tickets opened", Unit::Count, "Tickets opened in the month."),
            col("solved", "Tickets solved", Unit::Count, "Tickets solved in the month."),
            col("sla", "SLA attainment", Unit::Percent, SLA),
        ],
        if nothing { vec![] } else { rows },
        empty,
    ));
    Ok(r)
}
