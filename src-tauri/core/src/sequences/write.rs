//! Saving a sequence as a whole (settings, steps in order, triggers), checked all at once:
//! every problem is named with its place (`steps.2.delay_days`) and nothing is written.

use super::read::{get, list};
use super::{Sequence, SequenceInput, SequenceStatus, StepInput, StepKind, TriggerInput, TriggerKind};
use crate::common::{new_id, now};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::validate::{clean, Validator, MAX_LONG, MAX_NAME, MAX_SHORT};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

/// At most this many steps in a sequence, and this many days of delay per step.
pub const MAX_STEPS: usize = 50;
pub const MAX_DELAY_DAYS: i32 = 365;

async fn exists<C: ConnectionTrait>(db: &C, sql: String) -> CoreResult<bool> {
    Ok(db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await?.is_some())
}

async fn live_template<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<bool> {
    exists(db, format!("SELECT 1 FROM email_templates WHERE id = {} AND archived_at IS NULL", crate::criteria::lit(id))).await
}

async fn check_step<C: ConnectionTrait>(db: &C, v: &mut Validator, i: usize, s: &StepInput) -> CoreResult<StepInput> {
    let f = |name: &str| format!("steps.{i}.{name}");
    if s.delay_days < 0 {
        v.add(&f("delay_days"), "negative", "A delay cannot be negative.");
    } else if s.delay_days > MAX_DELAY_DAYS {
        v.add(&f("delay_days"), "too_long", format!("At most {MAX_DELAY_DAYS} days."));
    }
    let title = v.optional(&f("title"), &s.title, MAX_NAME);
    let instructions = v.optional(&f("instructions"), &s.instructions, MAX_LONG);
    let (mut a, mut b) = (clean(&s.template_id), clean(&s.template_b_id));
    match s.kind {
        StepKind::Email => {
            match &a {
                None => v.add(&f("template_id"), "required", "Choose the template this e-mail sends."),
                Some(t) if !live_template(db, t).await? => v.add(&f("template_id"), "unknown", "This template does not exist (any more)."),
                _ => {}
            }
            match &b {
                Some(t) if Some(t) == a.as_ref() => v.add(&f("template_b_id"), "same_template", "Variant B must be another template."),
                Some(t) if !live_template(db, t).await? => v.add(&f("template_b_id"), "unknown", "This template does not exist (any more)."),
                _ => {}
            }
        }
        StepKind::Call | StepKind::Task => {
            if title.is_none() {
                v.add(&f("title"), "required", if s.kind == StepKind::Call { "Say what the call is about." } else { "Say what the task is." });
            }
            (a, b) = (None, None);
        }
        StepKind::Wait => {
            if s.delay_days == 0 {
                v.add(&f("delay_days"), "required", "A wait needs at least one day.");
            }
            (a, b) = (None, None);
        }
    }
    Ok(StepInput { id: clean(&s.id), kind: s.kind, delay_days: s.delay_days.clamp(0, MAX_DELAY_DAYS), business_days: s.business_days, template_id: a, template_b_id: b, title, instructions })
}

async fn check_trigger<C: ConnectionTrait>(db: &C, v: &mut Validator, i: usize, t: &TriggerInput) -> CoreResult<TriggerInput> {
    let field = format!("triggers.{i}.value");
    let value = t.value.trim().to_string();
    let lit = crate::criteria::lit(&value);
    let ok = match t.kind {
        TriggerKind::LeadSource => exists(db, format!("SELECT 1 FROM lead_sources WHERE id = {lit}")).await?,
        TriggerKind::LifecycleStage => crate::lifecycle::LifecycleStage::parse(&value).is_some(),
        TriggerKind::PipelineStage => exists(db, format!("SELECT 1 FROM pipeline_stages WHERE id = {lit}")).await?,
        TriggerKind::Segment => exists(db, format!("SELECT 1 FROM segments WHERE id = {lit}")).await?,
        TriggerKind::Tier => crate::tiers::TierId::parse(&value).is_some(),
    };
    if !ok {
        v.add(&field, "unknown", "Choose what enrols contacts (it does not exist any more).");
    }
    let value = match t.kind {
        TriggerKind::LifecycleStage => crate::lifecycle::LifecycleStage::parse(&value).map(|s| s.as_str().to_string()).unwrap_or(value),
        TriggerKind::Tier => value.to_lowercase(),
        _ => value,
    };
    Ok(TriggerInput { kind: t.kind, value })
}

async fn validated<C: ConnectionTrait>(db: &C, input: &SequenceInput, except: Option<&str>) -> CoreResult<SequenceInput> {
    let mut v = Validator::new();
    let name = v.required("name", &input.name, MAX_NAME);
    let description = v.optional("description", &input.description, MAX_SHORT);
    if !name.is_empty() && list(db).await?.iter().any(|s| s.name.eq_ignore_ascii_case(&name) && Some(s.id.as_str()) != except) {
        v.add("name", "duplicate", format!("A sequence named “{name}” already exists."));
    }
    if input.steps.is_empty() {
        v.add("steps", "required", "Add at least one step.");
    } else if input.steps.len() > MAX_STEPS {
        v.add("steps", "too_many", format!("At most {MAX_STEPS} steps."));
    } else if input.steps.iter().all(|s| s.kind == StepKind::Wait) {
        v.add("steps", "only_waits", "A sequence needs an e-mail, a call or a task, not only waits.");
    } else if input.steps.last().is_some_and(|s| s.kind == StepKind::Wait) {
        v.add(&format!("steps.{}.kind", input.steps.len() - 1), "ends_with_wait", "A wait at the end leads nowhere: remove it.");
    }
    let mut steps = Vec::new();
    for (i, s) in input.steps.iter().enumerate().take(MAX_STEPS) {
        steps.push(check_step(db, &mut v, i, s).await?);
    }
    let w = &input.window;
    if w.days.is_empty() || w.days.iter().any(|d| !(1..=7).contains(d)) {
        v.add("window.days", "required", "Choose at least one day of the week.");
    }
    match (w.start, w.end) {
        (None, None) => {}
        (Some(a), Some(b)) if a < b && b <= 1440 => {}
        (Some(_), Some(_)) => v.add("window.start", "invalid_hours", "The window must start before it ends, within one day."),
        _ => v.add("window.start", "invalid_hours", "A window needs both a start and an end (or neither)."),
    }
    if input.status == SequenceStatus::Archived && except.is_none() {
        v.add("status", "archived", "A new sequence cannot start archived.");
    }
    let mut triggers: Vec<TriggerInput> = Vec::new();
    for (i, t) in input.triggers.iter().enumerate() {
        let t = check_trigger(db, &mut v, i, t).await?;
        if triggers.iter().any(|x| x.kind == t.kind && x.value == t.value) {
            v.add(&format!("triggers.{i}.value"), "duplicate", "This trigger is there already.");
        }
        triggers.push(t);
    }
    v.finish()?;
    let mut window = w.clone();
    window.days.sort();
    window.days.dedup();
    Ok(SequenceInput { name, description, status: input.status, window, exits: input.exits.clone(), steps, triggers })
}

fn settings(s: &SequenceInput) -> Vec<(&'static str, sea_orm::Value)> {
    let e = &s.exits;
    vec![
        ("name", s.name.clone().into()),
        ("description", s.description.clone().into()),
        ("status", s.status.as_str().into()),
        ("window_days", i32::from(s.window.mask()).into()),
        ("window_start", s.window.start.map(i32::from).into()),
        ("window_end", s.window.end.map(i32::from).into()),
        ("exit_on_reply", e.on_reply.into()),
        ("exit_on_meeting", e.on_meeting.into()),
        ("exit_on_deal_closed", e.on_deal_closed.into()),
        ("exit_on_customer", e.on_customer.into()),
        ("exit_on_unsubscribe", e.on_unsubscribe.into()),
        ("exit_on_no_consent", e.on_no_consent.into()),
    ]
}

/// Writes the steps and triggers of `id` as given: kept steps (by id) are updated in place, new
/// ones added, missing ones removed; triggers kept by kind and value keep their start.
async fn write_parts<C: ConnectionTrait>(db: &C, id: &str, clean: &SequenceInput) -> CoreResult<()> {
    let t = now();
    let old = super::read::steps(db, id).await?;
    let keep: Vec<&str> = clean.steps.iter().filter_map(|s| s.id.as_deref()).filter(|sid| old.iter().any(|o| o.id == *sid)).collect();
    for o in old.iter().filter(|o| !keep.contains(&o.id.as_str())) {
        db.execute(&Query::delete().from_table("sequence_steps").and_where(Expr::col("id").eq(o.id.as_str())).to_owned()).await?;
    }
    for (pos, s) in clean.steps.iter().enumerate() {
        let values: Vec<(&str, sea_orm::Value)> = vec![
            ("position", (pos as i32).into()),
            ("kind", s.kind.as_str().into()),
            ("delay_days", s.delay_days.into()),
            ("business_days", s.business_days.into()),
            ("template_id", s.template_id.clone().into()),
            ("template_b_id", s.template_b_id.clone().into()),
            ("title", s.title.clone().into()),
            ("instructions", s.instructions.clone().into()),
            ("updated_at", t.into()),
        ];
        match s.id.as_deref().filter(|sid| keep.contains(sid)) {
            Some(sid) => {
                let changed = old.iter().find(|o| o.id == sid).is_some_and(|o| {
                    o.kind != s.kind
                        || o.delay_days as i32 != s.delay_days
                        || o.business_days != s.business_days
                        || o.template.as_ref().map(|x| &x.id) != s.template_id.as_ref()
                        || o.template_b.as_ref().map(|x| &x.id) != s.template_b_id.as_ref()
                        || o.title != s.title
                        || o.instructions != s.instructions
                }) || old.iter().position(|o| o.id == sid) != Some(pos);
                if changed {
                    db.execute(&Query::update().table("sequence_steps").values(values.into_iter().map(|(c, v)| (c, Expr::val(v)))).and_where(Expr::col("id").eq(sid)).to_owned()).await?;
                }
            }
            None => {
                let mut cols = vec!["id", "sequence_id", "created_at"];
                let mut vals: Vec<sea_orm::Value> = vec![new_id().into(), id.into(), t.into()];
                for (c, v) in values {
                    cols.push(c);
                    vals.push(v);
                }
                db.execute(&Query::insert().into_table("sequence_steps").columns(cols).values_panic(vals.into_iter().map(Into::into)).to_owned()).await?;
            }
        }
    }
    let old = super::read::triggers(db, id).await?;
    for o in old.iter().filter(|o| !clean.triggers.iter().any(|n| n.kind == o.kind && n.value == o.value)) {
        db.execute(&Query::delete().from_table("sequence_triggers").and_where(Expr::col("id").eq(o.id.as_str())).to_owned()).await?;
    }
    for n in clean.triggers.iter().filter(|n| !old.iter().any(|o| o.kind == n.kind && o.value == n.value)) {
        let q = Query::insert()
            .into_table("sequence_triggers")
            .columns(["id", "sequence_id", "kind", "value", "created_at", "updated_at"])
            .values_panic([new_id().into(), id.into(), n.kind.as_str().into(), n.value.clone().into(), t.into(), t.into()])
            .to_owned();
        db.execute(&q).await?;
    }
    Ok(())
}

/// Writes a checked sequence without an action (the demo, the generator).
pub async fn insert<C: ConnectionTrait>(db: &C, clean: &SequenceInput) -> CoreResult<String> {
    let id = new_id();
    let t = now();
    let mut cols = vec!["id", "created_at", "updated_at"];
    let mut vals: Vec<sea_orm::Value> = vec![id.clone().into(), t.into(), t.into()];
    for (c, v) in settings(clean) {
        cols.push(c);
        vals.push(v);
    }
    db.execute(&Query::insert().into_table("sequences").columns(cols).values_panic(vals.into_iter().map(Into::into)).to_owned()).await?;
    write_parts(db, &id, clean).await?;
    Ok(id)
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: &SequenceInput) -> CoreResult<Sequence> {
    let clean = validated(db, input, None).await?;
    let act = history::begin(db, ActionKind::Create, "sequences", None).await?;
    let id = insert(&*act, &clean).await?;
    act.describe(&clean.name).await?;
    act.commit().await?;
    get(db, &id).await
}

pub async fn update<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, input: &SequenceInput) -> CoreResult<Sequence> {
    get(db, id).await?;
    let clean = validated(db, input, Some(id)).await?;
    let act = history::begin(db, ActionKind::Update, "sequences", Some(id)).await?;
    let mut values = settings(&clean);
    values.push(("updated_at", now().into()));
    act.execute(&Query::update().table("sequences").values(values.into_iter().map(|(c, v)| (c, Expr::val(v)))).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    write_parts(&*act, id, &clean).await?;
    act.describe(&clean.name).await?;
    act.commit().await?;
    // A sequence made active again: its enrolments' steps that fell due meanwhile are due now.
    get(db, id).await
}

/// Deletes a sequence nobody was ever enrolled in; one with enrolments is archived instead
/// (its history and report stay).
pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let s = get(db, id).await?;
    let c = &s.counts;
    if c.active + c.paused + c.finished + c.exited > 0 {
        return Err(CoreError::conflict(format!(
            "“{}” has enrolments (their history and report stay with it): archive it instead.",
            s.name
        )));
    }
    let act = history::begin(db, ActionKind::Delete, "sequences", Some(id)).await?;
    for table in ["sequence_steps", "sequence_triggers"] {
        act.execute(&Query::delete().from_table(table).and_where(Expr::col("sequence_id").eq(id)).to_owned()).await?;
    }
    act.execute(&Query::delete().from_table("sequences").and_where(Expr::col("id").eq(id)).to_owned()).await?;
    act.describe(&s.name).await?;
    act.commit().await
}
