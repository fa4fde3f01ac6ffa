//! Checking a filter before it is saved: every field known, every comparison one the field
//! takes, every value of the right kind and every choice one that exists; no segment that
//! includes itself (directly or through others); and no tier or persona rule that depends on
//! what it decides. Every problem is named with its place (`rules.2.values`); nothing is saved.

use super::fields::{field, ChoiceList, CriteriaKind};
use super::{CritOp, Filter, Rule, MAX_CONDITIONS, MAX_DEPTH};
use crate::error::CoreResult;
use crate::validate::{Validator, MAX_NAME};
use sea_orm::ConnectionTrait;
use std::collections::{HashMap, HashSet};

/// What the filter is for, which decides what it may not depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context<'a> {
    /// A saved segment (`Some(id)` when editing one: it may not include itself).
    Segment(Option<&'a str>),
    /// A priority tier's rule: it may not test the tier (that is what it decides).
    Tier,
    /// A persona's rule: it may not test the persona or the tier (tiers are decided after
    /// personas, and may test them).
    Persona,
}

impl Context<'_> {
    fn forbidden(self) -> &'static [&'static str] {
        match self {
            Context::Segment(_) => &[],
            Context::Tier => &["tier"],
            Context::Persona => &["tier", "persona"],
        }
    }

    fn what(self) -> &'static str {
        match self {
            Context::Segment(_) => "segment",
            Context::Tier => "tier rule",
            Context::Persona => "persona rule",
        }
    }
}

/// The lists that choice values must come from.
struct Known {
    lead_sources: HashSet<String>,
    tags: HashSet<String>,
    personas: HashSet<String>,
    /// Each segment's name and filter.
    segments: HashMap<String, (String, Filter)>,
}

async fn ids<C: ConnectionTrait>(db: &C, sql: &str) -> CoreResult<HashSet<String>> {
    Ok(crate::sqlite::packed_rows(db, sql, 1).await?.into_iter().filter_map(|r| r.into_iter().next().flatten()).collect())
}

async fn known<C: ConnectionTrait>(db: &C) -> CoreResult<Known> {
    let mut segments = HashMap::new();
    for r in crate::sqlite::packed_rows(db, "SELECT id AS c0, name AS c1, filter_json AS c2 FROM segments", 3).await? {
        if let [Some(id), Some(name), Some(json)] = &r[..] {
            segments.insert(id.clone(), (name.clone(), super::from_json(json)?));
        }
    }
    Ok(Known {
        lead_sources: ids(db, "SELECT id AS c0 FROM lead_sources").await?,
        tags: ids(db, "SELECT name_key AS c0 FROM tags").await?,
        personas: ids(db, "SELECT id AS c0 FROM personas").await?,
        segments,
    })
}

/// Checks `filter` for `ctx` and returns it cleaned (values trimmed, empty ones dropped).
pub async fn check<C: ConnectionTrait>(db: &C, filter: &Filter, ctx: Context<'_>) -> CoreResult<Filter> {
    let known = known(db).await?;
    let mut v = Validator::new();
    let mut count = 0;
    let rules = rules(&mut v, &known, ctx, &filter.rules, "rules", 1, &mut count);
    if count > MAX_CONDITIONS {
        v.add("rules", "too_many", format!("At most {MAX_CONDITIONS} conditions ({count} given)."));
    }
    v.finish()?;
    Ok(Filter { join: filter.join, rules })
}

fn rules(v: &mut Validator, k: &Known, ctx: Context, rules: &[Rule], at: &str, depth: usize, count: &mut usize) -> Vec<Rule> {
    if depth > MAX_DEPTH {
        v.add(at, "too_deep", format!("Groups nest at most {MAX_DEPTH} deep."));
        return rules.to_vec();
    }
    let mut out = Vec::new();
    for (i, r) in rules.iter().enumerate() {
        let place = format!("{at}.{i}");
        match r {
            Rule::Group { join, rules: inner } => {
                if inner.is_empty() {
                    v.add(&place, "empty_group", "A group needs at least one condition.");
                }
                let inner = self::rules(v, k, ctx, inner, &format!("{place}.rules"), depth + 1, count);
                out.push(Rule::Group { join: *join, rules: inner });
            }
            Rule::Condition { field: key, op, values } => {
                *count += 1;
                out.push(condition(v, k, ctx, &place, key, *op, values));
            }
        }
    }
    out
}

fn condition(v: &mut Validator, k: &Known, ctx: Context, place: &str, key: &str, op: CritOp, values: &[String]) -> Rule {
    let values: Vec<String> = values.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    let rule = Rule::Condition { field: key.to_string(), op, values: values.clone() };
    let Some(f) = field(key) else {
        v.add(&format!("{place}.field"), "unknown_field", format!("There is no field called “{key}”."));
        return rule;
    };
    if ctx.forbidden().contains(&key) {
        v.add(
            &format!("{place}.field"),
            "cycle",
            format!("A {} cannot test “{}”: that is what it decides.", ctx.what(), f.label),
        );
        return rule;
    }
    if !f.ops.contains(&op) {
        v.add(&format!("{place}.op"), "unknown_op", format!("“{}” cannot be compared that way.", f.label));
        return rule;
    }
    let vplace = format!("{place}.values");
    if !op.takes_values() {
        return Rule::Condition { field: key.to_string(), op, values: vec![] };
    }
    if values.is_empty() {
        v.add(&vplace, "required", "Say which value the condition looks for.");
        return rule;
    }
    match f.kind {
        CriteriaKind::Text => {
            if values.len() > 1 {
                v.add(&vplace, "one_value", "A text condition takes one value.");
            }
            v.max_len(&vplace, &values[0], MAX_NAME);
        }
        CriteriaKind::Number => number(v, &vplace, key, op, &values),
        CriteriaKind::Days => match values[0].parse::<u32>() {
            Ok(d) if (1..=36_500).contains(&d) && values.len() == 1 => {}
            _ => v.add(&vplace, "out_of_range", "Give a number of days from 1 to 36500."),
        },
        CriteriaKind::Choice => choices(v, k, ctx, &vplace, key, f.source, &f.choices, &values),
        CriteriaKind::YesNo => {}
    }
    rule
}

fn number(v: &mut Validator, at: &str, key: &str, op: CritOp, values: &[String]) {
    let Ok(n) = values[0].parse::<i64>() else {
        v.add(at, "not_a_number", format!("“{}” is not a whole number.", values[0]));
        return;
    };
    let (lo, hi) = match key {
        "score" => (0, 100),
        "budget" => (0, i64::MAX / 2),
        _ => (-1_000, 1_000),
    };
    if values.len() > 1 || !(lo..=hi).contains(&n) {
        v.add(at, "out_of_range", format!("Give one number from {lo} to {hi}."));
    } else if key == "score" && ((op == CritOp::AtLeast && n == 0) || (op == CritOp::AtMost && n == 100)) {
        // Harmless, but almost surely not what was meant: it matches every scored contact.
        v.add(at, "matches_all", "Every score is within that: choose another number.");
    }
}

#[allow(clippy::too_many_arguments)]
fn choices(
    v: &mut Validator,
    k: &Known,
    ctx: Context,
    at: &str,
    key: &str,
    source: Option<ChoiceList>,
    fixed: &[super::fields::CriteriaChoice],
    values: &[String],
) {
    if values.len() > 200 {
        v.add(at, "too_many", "At most 200 choices.");
        return;
    }
    for value in values {
        let ok = match source {
            Some(ChoiceList::Fixed) | None => fixed.iter().any(|c| c.value == *value),
            Some(ChoiceList::LeadSources) => k.lead_sources.contains(value),
            Some(ChoiceList::Tags) => k.tags.contains(&value.to_lowercase()),
            Some(ChoiceList::Personas) => k.personas.contains(value),
            Some(ChoiceList::Segments) => k.segments.contains_key(value),
        };
        if !ok {
            let what = match source {
                Some(ChoiceList::Tags) => format!("No tag is called “{value}”."),
                Some(ChoiceList::Segments) => "That segment no longer exists.".to_string(),
                Some(ChoiceList::Personas) => "That persona no longer exists.".to_string(),
                Some(ChoiceList::LeadSources) => "That lead source no longer exists.".to_string(),
                _ => format!("“{value}” is not one of the choices."),
            };
            v.add(at, "unknown_choice", what);
            return;
        }
    }
    if key == "segment" {
        segments(v, k, ctx, at, values);
    }
}

/// Following the segments named, through the segments they name: none may lead back to the
/// segment being edited, nor (for tier and persona rules) test what the rule decides.
fn segments(v: &mut Validator, k: &Known, ctx: Context, at: &str, start: &[String]) {
    let mut seen = HashSet::new();
    let mut stack: Vec<(String, Vec<String>)> = start.iter().map(|s| (s.clone(), vec![])).collect();
    while let Some((id, path)) = stack.pop() {
        let Some((name, filter)) = k.segments.get(&id) else { continue };
        let mut path = path;
        path.push(name.clone());
        if let Context::Segment(Some(me)) = ctx {
            if me == id {
                let chain = path.join(" → ");
                v.add(at, "cycle", format!("A segment cannot include itself ({chain} → this segment)."));
                return;
            }
        }
        if let Some(f) = ctx.forbidden().iter().find(|f| filter.uses_field(f)) {
            let label = field(f).map(|i| i.label).unwrap_or_default();
            v.add(at, "cycle", format!("The segment “{name}” tests “{label}”, which a {} cannot depend on.", ctx.what()));
            return;
        }
        if !seen.insert(id.clone()) {
            continue;
        }
        for next in filter.segment_refs() {
            stack.push((next, path.clone()));
        }
    }
}
