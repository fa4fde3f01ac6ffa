//! Reports and retention dashboards. Every report has one shape ([`Report`]): key figures (each
//! with the previous period's value and its definition), and sections, each a chart spec over a
//! table. Every figure and column states its definition here in the code, and the same words are
//! shown in the app's tooltips. Money is per currency (never converted): a money row or figure
//! names its currency, and a currency mix gives one row or figure per currency.
//!
//! Periods are half-open `[from, to)` in UTC; months and weeks are calendar months and ISO-like
//! weeks (`%Y-%W`) in UTC. The previous period is the one of the same length just before.
//! A segment filter keeps the records of the segment's current members (deals through their
//! contacts, orders, tickets and answers through their contact). Without one, purchases of a
//! customer moved to the trash still count (the money came in).
//!
//! The modules: `funnel` (lifecycle and pipeline funnels), `groups` (conversion and revenue by
//! source, segment, persona and tier), `deals` (win rate, size, cycle, velocity, time in stage,
//! lost reasons, forecast), `activity` (touches, sequences), `retention` (cohorts, repeat
//! purchases), `churn` (subscriptions, net revenue retention), `value` (lifetime value),
//! `service` (NPS, CSAT, tickets, SLA), `goals` and `dashboard`; `records` answers "which
//! records are behind this number".

mod activity;
mod churn;
mod dashboard;
mod deals;
pub mod export;
mod funnel;
pub mod goals;
mod groups;
mod records;
mod retention;
mod service;
mod stats;
mod value;

use crate::conversion::Period;
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

pub use records::{records, DrillKind, DrillRecords, DrillRecord};
pub use stats::money_words;

/// Every report, by the name the CLI takes (`hearth-cli report funnel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReportName {
    Dashboard,
    Funnel,
    Pipeline,
    Sources,
    Segments,
    Personas,
    Tiers,
    Deals,
    LostReasons,
    Forecast,
    Activity,
    Sequences,
    Cohorts,
    Repeat,
    Churn,
    Clv,
    Service,
}

impl ReportName {
    pub const ALL: [ReportName; 17] = [
        ReportName::Dashboard,
        ReportName::Funnel,
        ReportName::Pipeline,
        ReportName::Sources,
        ReportName::Segments,
        ReportName::Personas,
        ReportName::Tiers,
        ReportName::Deals,
        ReportName::LostReasons,
        ReportName::Forecast,
        ReportName::Activity,
        ReportName::Sequences,
        ReportName::Cohorts,
        ReportName::Repeat,
        ReportName::Churn,
        ReportName::Clv,
        ReportName::Service,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportName::Dashboard => "dashboard",
            ReportName::Funnel => "funnel",
            ReportName::Pipeline => "pipeline",
            ReportName::Sources => "sources",
            ReportName::Segments => "segments",
            ReportName::Personas => "personas",
            ReportName::Tiers => "tiers",
            ReportName::Deals => "deals",
            ReportName::LostReasons => "lost_reasons",
            ReportName::Forecast => "forecast",
            ReportName::Activity => "activity",
            ReportName::Sequences => "sequences",
            ReportName::Cohorts => "cohorts",
            ReportName::Repeat => "repeat",
            ReportName::Churn => "churn",
            ReportName::Clv => "clv",
            ReportName::Service => "service",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ReportName::Dashboard => "Dashboard",
            ReportName::Funnel => "Lifecycle funnel",
            ReportName::Pipeline => "Pipeline funnel",
            ReportName::Sources => "By lead source",
            ReportName::Segments => "By segment",
            ReportName::Personas => "By persona",
            ReportName::Tiers => "By priority tier",
            ReportName::Deals => "Deals won and lost",
            ReportName::LostReasons => "Lost reasons",
            ReportName::Forecast => "Forecast",
            ReportName::Activity => "Activity",
            ReportName::Sequences => "Sequence performance",
            ReportName::Cohorts => "Cohort retention",
            ReportName::Repeat => "Repeat purchases",
            ReportName::Churn => "Churn and revenue retention",
            ReportName::Clv => "Customer lifetime value",
            ReportName::Service => "Service health",
        }
    }

    /// The period a report opens with: retention needs a year of months, the rest a quarter.
    pub fn default_days(self) -> u32 {
        match self {
            ReportName::Cohorts | ReportName::Churn | ReportName::Repeat | ReportName::Clv => 365,
            ReportName::Service => 180,
            _ => 90,
        }
    }

    /// Where the report sits in the app: "sales", "activity", "retention" or "service".
    pub fn group(self) -> &'static str {
        match self {
            ReportName::Dashboard => "home",
            ReportName::Activity | ReportName::Sequences => "activity",
            ReportName::Cohorts | ReportName::Repeat | ReportName::Churn | ReportName::Clv => "retention",
            ReportName::Service => "service",
            _ => "sales",
        }
    }

    /// Accepts `lost_reasons`, `lost-reasons` or the title, any case.
    pub fn parse(s: &str) -> Option<ReportName> {
        let k = s.trim().to_lowercase().replace('-', "_");
        ReportName::ALL.into_iter().find(|n| n.as_str() == k || n.title().to_lowercase() == k)
    }
}

/// A report as the app lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ReportInfo {
    pub name: ReportName,
    pub title: String,
    pub group: String,
    pub default_days: u32,
}

pub fn catalog() -> Vec<ReportInfo> {
    ReportName::ALL.iter().map(|n| ReportInfo { name: *n, title: n.title().into(), group: n.group().into(), default_days: n.default_days() }).collect()
}

/// What a report is asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ReportParams {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Only the records of this segment's current members.
    pub segment_id: Option<String>,
    /// The pipeline of the pipeline funnel (the first one when not given).
    pub pipeline_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    /// 0–100.
    Percent,
    /// Minor units of the row's or figure's currency.
    Money,
    Days,
    /// A plain number with decimals (orders per customer, touches per week).
    Number,
    /// NPS: −100 to 100.
    Score,
}

/// "Which records are behind this number": a key that [`records`] understands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Drill {
    pub kind: DrillKind,
    pub key: String,
}

/// One key figure, with the previous period's value when it has one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Figure {
    pub key: String,
    pub label: String,
    pub unit: Unit,
    pub currency: Option<String>,
    pub value: Option<f64>,
    pub previous: Option<f64>,
    pub definition: String,
    pub drill: Option<Drill>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Column {
    pub key: String,
    pub label: String,
    pub unit: Unit,
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Row {
    pub key: String,
    pub label: String,
    /// For money cells.
    pub currency: Option<String>,
    /// One per column; `null` where there is nothing to show.
    pub cells: Vec<Option<f64>>,
    /// One per column: the records behind the cell, where it has any.
    pub drills: Vec<Option<Drill>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Bar,
    /// Bars stacked per row.
    StackedBar,
    Line,
    Funnel,
    /// Rows × columns coloured by value (cohorts).
    Heatmap,
    None,
}

/// A chart over the section's table: the row labels along one axis and the named columns as
/// series (a heatmap uses all columns).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Chart {
    pub kind: ChartKind,
    pub series: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Section {
    pub key: String,
    pub title: String,
    pub chart: Chart,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// What data the section needs, when it has no rows.
    pub empty: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Report {
    pub name: ReportName,
    pub title: String,
    /// What the report shows, in a sentence or two.
    pub about: String,
    pub period: Period,
    pub previous: Period,
    pub segment: Option<crate::common::EntityRef>,
    pub figures: Vec<Figure>,
    pub sections: Vec<Section>,
    /// Formulas and caveats (e.g. the predicted CLV formula with its numbers).
    pub notes: Vec<String>,
    /// What data is needed, when the report has nothing to show at all.
    pub empty: Option<String>,
}

/// The checked request: periods and the segment's condition over the contact `c`.
pub(crate) struct Ctx {
    pub period: Period,
    pub previous: Period,
    pub now: DateTime<Utc>,
    pub segment: Option<crate::common::EntityRef>,
    /// SQL over the contact `c`; "1" without a segment.
    pub cond: String,
    pub pipeline_id: Option<String>,
}

impl Ctx {
    pub async fn new<C: ConnectionTrait>(db: &C, p: &ReportParams, now: DateTime<Utc>) -> CoreResult<Ctx> {
        let period = Period { from: p.from, to: p.to }.checked()?;
        if period.to - period.from > chrono::Duration::days(366 * 20) {
            return Err(CoreError::invalid("period", "too_long", "A report covers at most 20 years."));
        }
        let previous = Period { from: period.from - (period.to - period.from), to: period.from };
        let (segment, cond) = match p.segment_id.as_deref().filter(|s| !s.trim().is_empty()) {
            None => (None, "1".to_string()),
            Some(id) => {
                let s = crate::segments::find(db, id).await?;
                let cond = crate::segments::condition(db, &s.id).await?;
                (Some(crate::common::EntityRef { id: s.id, name: s.name }), cond)
            }
        };
        Ok(Ctx { period, previous, now, segment, cond, pipeline_id: p.pipeline_id.clone() })
    }

    /// SQL: the contact whose id is `expr` is live and in the segment ("1" without one).
    pub fn contact_in(&self, expr: &str) -> String {
        if self.cond == "1" {
            "1".into()
        } else {
            format!("EXISTS (SELECT 1 FROM contacts c WHERE c.id = {expr} AND c.deleted_at IS NULL AND ({}))", self.cond)
        }
    }

    /// SQL for purchases, subscriptions and customers: a contact's (`expr`), in the segment when
    /// one is chosen. Without one, a customer moved to the trash still counts: the money came in.
    pub fn buyer_in(&self, expr: &str) -> String {
        if self.cond == "1" {
            format!("{expr} IS NOT NULL")
        } else {
            self.contact_in(expr)
        }
    }

    /// SQL: the deal `d` has a contact in the segment ("1" without one).
    pub fn deal_in(&self) -> String {
        if self.cond == "1" {
            "1".into()
        } else {
            format!("EXISTS (SELECT 1 FROM deal_contacts dc WHERE dc.deal_id = d.id AND {})", self.contact_in("dc.contact_id"))
        }
    }

    fn shell(&self, name: ReportName, about: &str) -> Report {
        Report {
            name,
            title: name.title().into(),
            about: about.into(),
            period: self.period,
            previous: self.previous,
            segment: self.segment.clone(),
            figures: vec![],
            sections: vec![],
            notes: vec![],
            empty: None,
        }
    }
}

/// Runs the report `name`.
pub async fn run<C: ConnectionTrait>(db: &C, name: ReportName, params: &ReportParams, now: DateTime<Utc>) -> CoreResult<Report> {
    let ctx = Ctx::new(db, params, now).await?;
    match name {
        ReportName::Dashboard => dashboard::report(db, &ctx).await,
        ReportName::Funnel => funnel::lifecycle(db, &ctx).await,
        ReportName::Pipeline => funnel::pipeline(db, &ctx).await,
        ReportName::Sources => groups::report(db, &ctx, groups::By::Source).await,
        ReportName::Segments => groups::report(db, &ctx, groups::By::Segment).await,
        ReportName::Personas => groups::report(db, &ctx, groups::By::Persona).await,
        ReportName::Tiers => groups::report(db, &ctx, groups::By::Tier).await,
        ReportName::Deals => deals::summary(db, &ctx).await,
        ReportName::LostReasons => deals::lost_reasons(db, &ctx).await,
        ReportName::Forecast => deals::forecast(db, &ctx).await,
        ReportName::Activity => activity::touches(db, &ctx).await,
        ReportName::Sequences => activity::sequences(db, &ctx).await,
        ReportName::Cohorts => retention::cohorts(db, &ctx).await,
        ReportName::Repeat => retention::repeat(db, &ctx).await,
        ReportName::Churn => churn::report(db, &ctx).await,
        ReportName::Clv => value::report(db, &ctx).await,
        ReportName::Service => service::report(db, &ctx).await,
    }
}
