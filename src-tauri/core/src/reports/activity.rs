//! Activity (touches) and sequence performance.
//!
//! Definitions:
//! - *Touches*: calls, e-mails and meetings logged with their time in the period (notes and
//!   tasks are not touches), of contacts in the segment when one is chosen.
//! - *Week*: the UTC week (Monday first, `%Y-%W`) of the touch.
//! - *Owner*: the touched contact's owner now ("No owner" without one or without a contact).
//! - *Touches before conversion*: for each contact that first became a customer in the period,
//!   the touches logged on it up to that moment; the median over those contacts.
//! - Without a segment the counts come from `touch_days` (per day, kind and owner, kept by
//!   SQLite triggers on every write: see `hearth_migrations::sqlite_touches`) over whole UTC
//!   days, from the period's first day to the day of its last moment.
//! - Sequences: per step and variant, as on a sequence's own report (see
//!   [`crate::sequences::report`]), over the enrolments made in the period.

use super::stats::{col, drill, figure, median, pct, round1, row, section, t, text, num};
use super::{ChartKind, Ctx, DrillKind, Report, ReportName, Unit};
use crate::conversion::Period;
use crate::error::CoreResult;
use sea_orm::ConnectionTrait;
use std::collections::BTreeMap;

pub(crate) const TOUCH_KINDS: &str = "('call', 'email', 'meeting')";
const KINDS: [(&str, &str); 3] = [("call", "Calls"), ("email", "E-mails"), ("meeting", "Meetings")];

pub(crate) fn touches_where(ctx: &Ctx, p: Period) -> String {
    format!(
        "a.deleted_at IS NULL AND a.occurred_at >= {} AND a.occurred_at < {} AND a.kind IN {TOUCH_KINDS} AND ({})",
        t(p.from),
        t(p.to),
        ctx.contact_in("a.contact_id")
    )
}

/// The SQL of the touches per (week, kind, owner) of period `p`.
fn per_week(ctx: &Ctx, p: Period) -> String {
    if ctx.cond == "1" {
        // Whole UTC days: from the day the period starts to the day of its last moment.
        let day = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d").to_string();
        format!(
            "SELECT strftime('%Y-%W', day) AS c0, kind AS c1, owner AS c2, sum(n) AS c3 FROM touch_days WHERE day >= '{}' AND day <= '{}' GROUP BY 1, 2, 3 HAVING sum(n) > 0",
            day(p.from),
            day(p.to - chrono::Duration::milliseconds(1))
        )
    } else {
        format!(
            "SELECT strftime('%Y-%W', a.occurred_at) AS c0, a.kind AS c1, coalesce(c.owner, '') AS c2, count(*) AS c3 \
             FROM activities a LEFT JOIN contacts c ON c.id = a.contact_id WHERE {} GROUP BY 1, 2, 3",
            touches_where(ctx, p)
        )
    }
}

async fn total<C: ConnectionTrait>(db: &C, ctx: &Ctx, p: Period) -> CoreResult<f64> {
    let sql = format!("SELECT sum(c3) AS c0 FROM ({})", per_week(ctx, p));
    Ok(crate::sqlite::packed_rows(db, &sql, 1).await?.first().map_or(0.0, |r| num(r, 0)))
}

/// Per contact that first became a customer in the period, the touches before that moment.
pub(crate) async fn before_conversion<C: ConnectionTrait>(db: &C, ctx: &Ctx, p: Period) -> CoreResult<Vec<f64>> {
    let sql = format!(
        "SELECT (SELECT count(*) FROM activities a WHERE a.contact_id = f.contact_id AND a.deleted_at IS NULL AND a.kind IN {TOUCH_KINDS} \
           AND a.occurred_at <= f.at) AS c0 \
         FROM (SELECT l.contact_id, min(l.changed_at) AS at FROM lifecycle_changes l WHERE l.to_stage IN ('retention', 'loyalty') \
               AND l.from_stage IS NOT NULL GROUP BY l.contact_id) f \
         JOIN contacts c ON c.id = f.contact_id AND c.deleted_at IS NULL WHERE f.at >= {} AND f.at < {} AND ({})",
        t(p.from),
        t(p.to),
        ctx.cond
    );
    Ok(crate::sqlite::packed_rows(db, &sql, 1).await?.iter().map(|r| num(r, 0)).collect())
}

const TOUCHES: &str = "Calls, e-mails and meetings logged with their time in the period.";
const PER_WEEK: &str = "Touches ÷ the weeks in the period.";
const BEFORE: &str = "Median touches logged on a contact up to the moment it first became a customer, over the contacts that did in the period.";

pub async fn touches<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let weeks_sql = per_week(ctx, ctx.period);
    let (found, before_all, mut b_now, mut b_before) = tokio::try_join!(
        crate::sqlite::packed_rows(db, &weeks_sql, 4),
        total(db, ctx, ctx.previous),
        before_conversion(db, ctx, ctx.period),
        before_conversion(db, ctx, ctx.previous)
    )?;
    let mut weeks: BTreeMap<String, [f64; 3]> = BTreeMap::new();
    let mut owners: BTreeMap<String, [f64; 3]> = BTreeMap::new();
    let mut all = 0.0;
    for r in &found {
        let Some(k) = KINDS.iter().position(|(kind, _)| *kind == text(r, 1)) else { continue };
        weeks.entry(text(r, 0)).or_default()[k] += num(r, 3);
        owners.entry(text(r, 2)).or_default()[k] += num(r, 3);
        all += num(r, 3);
    }
    let week_count = ((ctx.period.to - ctx.period.from).num_seconds() as f64 / (7.0 * 86_400.0)).max(1.0 / 7.0);
    let mut r = ctx.shell(ReportName::Activity, "How much you and your team reached out, by week, type and owner, and how many touches a customer took.");
    r.figures = vec![
        figure("touches", "Touches", Unit::Count, Some(all), Some(before_all), TOUCHES),
        figure("per_week", "Touches per week", Unit::Number, Some(round1(all / week_count)), Some(round1(before_all / week_count)), PER_WEEK),
        figure("before_conversion", "Touches before conversion", Unit::Number, median(&mut b_now), median(&mut b_before), BEFORE),
    ];
    r.figures[2].drill = drill(DrillKind::Contacts, "converted");
    let kind_cols = || {
        let mut c: Vec<_> = KINDS.iter().map(|(k, l)| col(k, l, Unit::Count, &format!("{l} logged in the week (or by the owner) in the period."))).collect();
        c.push(col("total", "Total", Unit::Count, TOUCHES));
        c
    };
    let week_rows = weeks
        .iter()
        .map(|(w, v)| {
            let label = week_label(w);
            row(format!("week:{w}"), label, vec![Some(v[0]), Some(v[1]), Some(v[2]), Some(v.iter().sum())])
        })
        .collect();
    let owner_rows = owners
        .iter()
        .map(|(o, v)| {
            let mut x = row(format!("owner:{o}"), if o.is_empty() { "No owner".to_string() } else { o.clone() }, vec![Some(v[0]), Some(v[1]), Some(v[2]), Some(v.iter().sum())]);
            x.drills[3] = drill(DrillKind::Activities, format!("owner:{o}"));
            x
        })
        .collect();
    let empty = "No calls, e-mails or meetings were logged in this period. Log them on a contact or deal to see your activity here.";
    if found.is_empty() {
        r.empty = Some(empty.into());
    }
    r.sections.push(section("weeks", "Touches per week", ChartKind::StackedBar, &["call", "email", "meeting"], kind_cols(), week_rows, empty));
    r.sections.push(section("owners", "By owner", ChartKind::StackedBar, &["call", "email", "meeting"], kind_cols(), owner_rows, empty));
    Ok(r)
}

/// "2026-14" → "Week of 6 Apr 2026" (its Monday).
fn week_label(w: &str) -> String {
    let (y, n) = w.split_once('-').unwrap_or(("", ""));
    let (Ok(y), Ok(n)) = (y.parse::<i32>(), n.parse::<i64>()) else { return w.to_string() };
    let Some(jan1) = chrono::NaiveDate::from_ymd_opt(y, 1, 1) else { return w.to_string() };
    use chrono::Datelike;
    let first_monday = jan1 + chrono::Duration::days((7 - jan1.weekday().num_days_from_monday() as i64) % 7);
    let monday = if n == 0 { jan1 } else { first_monday + chrono::Duration::weeks(n - 1) };
    format!("Week of {}", monday.format("%-d %b %Y"))
}

pub async fn sequences<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let cond = format!("e.enrolled_at >= {} AND e.enrolled_at < {} AND ({})", t(ctx.period.from), t(ctx.period.to), ctx.contact_in("e.contact_id"));
    let list = crate::sqlite::packed_rows(db, "SELECT id AS c0, name AS c1 FROM sequences WHERE status <> 'archived' ORDER BY name COLLATE NOCASE", 2).await?;
    let mut r = ctx.shell(ReportName::Sequences, "How each nurturing sequence's steps and A/B variants did for the contacts enrolled in the period.");
    let mut rows = Vec::new();
    let (mut enrolled, mut replied, mut converted) = (0.0, 0.0, 0.0);
    // Two readers take the sequences in turn, each on its own connections of the pool.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let reader = || async {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(s) = list.get(i) else { break };
            done.push((i, crate::sequences::report::report_where(db, &text(s, 0), &cond).await?));
        }
        Ok::<_, crate::error::CoreError>(done)
    };
    let (a, b) = tokio::try_join!(reader(), reader())?;
    let mut reports: Vec<_> = a.into_iter().chain(b).collect();
    reports.sort_by_key(|(i, _)| *i);
    for (i, rep) in reports {
        let s = &list[i];
        enrolled += rep.enrolled as f64;
        replied += rep.replied as f64;
        converted += rep.converted as f64;
        for st in &rep.steps {
            let variant = st.variant.as_deref().map(|v| format!(" · variant {}", v.to_uppercase())).unwrap_or_default();
            let what = st.template.clone().unwrap_or_else(|| st.kind.as_str().to_string());
            let label = format!("{} · step {} ({what}){variant}", text(s, 1), st.position);
            rows.push(row(
                format!("{}:{}:{}", text(s, 0), st.step_id, st.variant.clone().unwrap_or_default()),
                label,
                vec![Some(st.reached as f64), Some(st.done as f64), Some(st.skipped as f64), Some(st.replied as f64), pct(st.replied as f64, st.done as f64), Some(st.converted as f64), pct(st.converted as f64, st.done as f64)],
            ));
        }
    }
    r.figures = vec![
        figure("enrolled", "Enrolled", Unit::Count, Some(enrolled), None, "Enrolments made in the period (in the segment)."),
        figure("reply_rate", "Replied", Unit::Percent, pct(replied, enrolled), None, "Enrolled contacts that replied (an e-mail logged as replied) after enrolling ÷ enrolled."),
        figure("conversion_rate", "Converted", Unit::Percent, pct(converted, enrolled), None, "Enrolled contacts that became customers or won a deal after enrolling ÷ enrolled."),
    ];
    let empty = "No contacts were enrolled in a sequence in this period. Build a sequence on the Sequences screen and enrol contacts.";
    if rows.is_empty() {
        r.empty = Some(empty.into());
    }
    r.sections.push(section(
        "steps",
        "Per step and variant",
        ChartKind::Bar,
        &["reply_rate", "conversion_rate"],
        vec![
            col("reached", "Reached", Unit::Count, "Enrolments that reached the step."),
            col("done", "Done", Unit::Count, "E-mails sent, calls and tasks done."),
            col("skipped", "Skipped", Unit::Count, "Steps skipped (e.g. do-not-contact, missing address)."),
            col("replied", "Replied", Unit::Count, "Of the steps done, contacts who replied afterwards."),
            col("reply_rate", "Reply rate", Unit::Percent, "Replied ÷ done."),
            col("converted", "Converted", Unit::Count, "Of the steps done, contacts who became customers or won a deal afterwards."),
            col("conversion_rate", "Conversion rate", Unit::Percent, "Converted ÷ done."),
        ],
        rows,
        empty,
    ));
    Ok(r)
}
