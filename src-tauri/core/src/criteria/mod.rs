//! Conditions over contacts, shared by segments, priority tiers and personas: a tree of
//! conditions (field, comparison, values) joined with "all" or "any", checked against a
//! catalogue of fields ([`fields`]) and turned into one SQL condition over the contact `c`
//! ([`compile`]). Membership is always computed from the data as it is, never copied.

mod check;
mod fields;
mod sql;

pub use check::{check, Context};
pub use fields::{field, fields, CriteriaField, CriteriaKind};
pub use sql::{compile, compile_joined, contacts_matching, lit};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Join {
    /// Every condition must hold.
    #[default]
    All,
    /// At least one must hold.
    Any,
}

/// How a condition compares. Which ones a field takes depends on its kind ([`CriteriaKind::ops`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CritOp {
    Is,
    IsNot,
    Contains,
    NotContains,
    StartsWith,
    /// One of the values (choices).
    AnyOf,
    NoneOf,
    IsSet,
    IsEmpty,
    AtLeast,
    AtMost,
    /// Within the last N days (value: N).
    WithinDays,
    /// Not within the last N days (never included).
    NotWithinDays,
    IsTrue,
    IsFalse,
}

impl CritOp {
    /// Whether the comparison takes values at all.
    pub fn takes_values(self) -> bool {
        !matches!(self, CritOp::IsSet | CritOp::IsEmpty | CritOp::IsTrue | CritOp::IsFalse)
    }
}

/// One condition ("Tag is any of VIP, Gold") or a group of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Rule {
    Condition {
        /// A key of the field catalogue ([`fields`]).
        field: String,
        op: CritOp,
        /// Text, choice keys or ids, a number, or a number of days, as the field's kind says.
        values: Vec<String>,
    },
    Group { join: Join, rules: Vec<Rule> },
}

/// The whole filter: its conditions joined by `join`. No conditions: every live contact.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Filter {
    pub join: Join,
    pub rules: Vec<Rule>,
}

impl Filter {
    pub fn all(rules: Vec<Rule>) -> Self {
        Filter { join: Join::All, rules }
    }

    pub fn any(rules: Vec<Rule>) -> Self {
        Filter { join: Join::Any, rules }
    }

    /// The ids of the segments this filter names (not those they name in turn).
    pub fn segment_refs(&self) -> Vec<String> {
        fn walk(rules: &[Rule], out: &mut Vec<String>) {
            for r in rules {
                match r {
                    Rule::Condition { field, values, .. } if field == "segment" => out.extend(values.iter().cloned()),
                    Rule::Condition { .. } => {}
                    Rule::Group { rules, .. } => walk(rules, out),
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.rules, &mut out);
        out
    }

    /// Whether a condition on `field` appears anywhere in the filter.
    pub fn uses_field(&self, name: &str) -> bool {
        fn walk(rules: &[Rule], name: &str) -> bool {
            rules.iter().any(|r| match r {
                Rule::Condition { field, .. } => field == name,
                Rule::Group { rules, .. } => walk(rules, name),
            })
        }
        walk(&self.rules, name)
    }
}

/// A condition, written briefly (defaults and tests).
pub fn cond(field: &str, op: CritOp, values: &[&str]) -> Rule {
    Rule::Condition { field: field.into(), op, values: values.iter().map(|v| v.to_string()).collect() }
}

/// Most conditions in one filter, and how deep groups may nest.
pub const MAX_CONDITIONS: usize = 50;
pub const MAX_DEPTH: usize = 4;

/// Parses a filter stored as JSON (segments, tiers and personas keep theirs so).
pub fn from_json(json: &str) -> crate::CoreResult<Filter> {
    serde_json::from_str(json).map_err(|e| crate::CoreError::Storage { message: format!("a stored filter: {e}") })
}

pub fn to_json(f: &Filter) -> String {
    serde_json::to_string(f).unwrap_or_else(|_| "{\"join\":\"all\",\"rules\":[]}".into())
}
