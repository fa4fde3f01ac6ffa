//! The rules editor's preview and save: a whole set of rules is checked, tried on every contact
//! without saving (how many each rule touches, how the scores would spread), and saved at once.

use super::rules::{self, ScoreRule, ScoreRuleInput};
use super::{compute, temperature, thresholds, Thresholds};
use crate::error::{CoreError, CoreResult, FieldError};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};
use serde::{Deserialize, Serialize};

/// Contacts per score band (0–9, 10–19, …, 90–100) and per temperature.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
pub struct Spread {
    pub bands: Vec<u32>,
    pub hot: u32,
    pub warm: u32,
    pub cold: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ScorePreview {
    /// For each rule of the set, in order: how many contacts it gives points to.
    pub matches: Vec<u32>,
    /// The scores as they are now (computed, overrides not counted) and as the set would make them.
    pub now: Spread,
    pub after: Spread,
}

/// Checks every rule; errors are named `rules.{i}.{field}`.
fn check_all(set: &[ScoreRuleInput]) -> CoreResult<Vec<ScoreRuleInput>> {
    let mut out = Vec::new();
    let mut errors: Vec<FieldError> = Vec::new();
    for (i, r) in set.iter().enumerate() {
        match rules::validate(r) {
            Ok(c) => out.push(c),
            Err(CoreError::Validation { errors: e }) => {
                errors.extend(e.into_iter().map(|f| FieldError { field: format!("rules.{i}.{}", f.field), ..f }))
            }
            Err(e) => return Err(e),
        }
    }
    if set.len() > 200 {
        errors.push(FieldError { field: "rules".into(), code: "too_many".into(), message: "At most 200 rules.".into() });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(CoreError::Validation { errors })
    }
}

fn as_rules(set: &[ScoreRuleInput]) -> Vec<ScoreRule> {
    set.iter()
        .enumerate()
        .map(|(i, r)| ScoreRule {
            id: format!("draft-{i}"),
            name: r.name.clone(),
            part: r.condition.part(),
            condition: r.condition.clone(),
            points: r.points,
            enabled: r.enabled,
            position: i as i32,
        })
        .collect()
}

fn spread(totals: impl Iterator<Item = i32>, t: Thresholds) -> Spread {
    let mut s = Spread { bands: vec![0; 10], ..Default::default() };
    for total in totals {
        s.bands[(total.clamp(0, 100) / 10).min(9) as usize] += 1;
        match temperature(total, t) {
            super::Temperature::Hot => s.hot += 1,
            super::Temperature::Warm => s.warm += 1,
            super::Temperature::Cold => s.cold += 1,
        }
    }
    s
}

pub async fn preview<C: ConnectionTrait>(db: &C, set: &[ScoreRuleInput], now: DateTime<Utc>) -> CoreResult<ScorePreview> {
    let clean = check_all(set)?;
    let t = thresholds(db).await?;
    let current = compute::evaluate(db, &rules::list(db).await?, now, compute::Who::All).await?;
    let draft = as_rules(&clean);
    let next = compute::evaluate(db, &draft, now, compute::Who::All).await?;
    let mut matches = vec![0u32; draft.len()];
    for s in next.values() {
        for sh in &s.shares {
            if sh.points != 0.0 {
                matches[sh.rule] += 1;
            }
        }
    }
    Ok(ScorePreview { matches, now: spread(current.values().map(|s| s.total()), t), after: spread(next.values().map(|s| s.total()), t) })
}

/// Replaces every rule with `set` (in its order) and scores every contact again; nothing is
/// saved when any rule is invalid.
pub async fn save_all<C: ConnectionTrait + TransactionTrait>(db: &C, set: &[ScoreRuleInput]) -> CoreResult<Vec<ScoreRule>> {
    let clean = check_all(set)?;
    let txn = db.begin().await?;
    txn.execute_unprepared("DELETE FROM score_rules").await?;
    for (i, r) in clean.iter().enumerate() {
        rules::insert(&txn, r, i as i32).await?;
    }
    super::rescore_all(&txn, Utc::now()).await?;
    txn.commit().await?;
    rules::list(db).await
}
