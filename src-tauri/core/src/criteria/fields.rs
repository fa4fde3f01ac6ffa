//! The fields a condition can test, with their kind (which decides the comparisons and values)
//! and, for fixed choices, the choices. Choices held in the database (lead sources, tags,
//! personas, segments) come from their own lists.

use super::CritOp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CriteriaKind {
    Text,
    /// One of a set of choices (fixed, or a list from the database).
    Choice,
    Number,
    /// A moment: compared with "within the last N days".
    Days,
    YesNo,
}

impl CriteriaKind {
    pub fn ops(self) -> &'static [CritOp] {
        use CritOp::*;
        match self {
            CriteriaKind::Text => &[Is, IsNot, Contains, NotContains, StartsWith, IsSet, IsEmpty],
            CriteriaKind::Choice => &[AnyOf, NoneOf, IsSet, IsEmpty],
            CriteriaKind::Number => &[AtLeast, AtMost, IsSet, IsEmpty],
            CriteriaKind::Days => &[WithinDays, NotWithinDays, IsSet, IsEmpty],
            CriteriaKind::YesNo => &[IsTrue, IsFalse],
        }
    }
}

/// Where a choice field's choices come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceList {
    /// The `choices` listed with the field.
    Fixed,
    LeadSources,
    Tags,
    Personas,
    Segments,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct CriteriaChoice {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct CriteriaField {
    pub key: String,
    pub label: String,
    /// "Contact", "Company", "Score", "Activity", … (how the picker groups them).
    pub group: String,
    pub kind: CriteriaKind,
    pub ops: Vec<CritOp>,
    pub source: Option<ChoiceList>,
    pub choices: Vec<CriteriaChoice>,
    /// For numbers: what the number counts ("points", "minor units").
    pub unit: Option<String>,
}

struct Def {
    key: &'static str,
    label: &'static str,
    group: &'static str,
    kind: CriteriaKind,
    source: Option<ChoiceList>,
    choices: &'static [(&'static str, &'static str)],
    /// Comparisons this field does not take (e.g. "segment is filled in").
    without: &'static [CritOp],
}

const fn def(key: &'static str, label: &'static str, group: &'static str, kind: CriteriaKind) -> Def {
    Def { key, label, group, kind, source: None, choices: &[], without: &[] }
}

const fn choice(key: &'static str, label: &'static str, group: &'static str, choices: &'static [(&'static str, &'static str)]) -> Def {
    Def { key, label, group, kind: CriteriaKind::Choice, source: Some(ChoiceList::Fixed), choices, without: &[] }
}

const fn listed(key: &'static str, label: &'static str, group: &'static str, source: ChoiceList) -> Def {
    Def { key, label, group, kind: CriteriaKind::Choice, source: Some(source), choices: &[], without: &[] }
}

const STAGES: &[(&str, &str)] = &[
    ("reach", "New lead"),
    ("acquisition", "Engaged lead"),
    ("conversion", "Opportunity"),
    ("retention", "Customer"),
    ("loyalty", "Loyal customer"),
];
const SIZES: &[(&str, &str)] = &[
    ("1", "Just one person"),
    ("2-10", "2–10"),
    ("11-50", "11–50"),
    ("51-200", "51–200"),
    ("201-1000", "201–1000"),
    ("1000+", "Over 1000"),
];
const AUTHORITY: &[(&str, &str)] = &[("decision_maker", "Decision maker"), ("influencer", "Influencer"), ("user", "User")];
const NEED: &[(&str, &str)] = &[("low", "Low"), ("medium", "Medium"), ("high", "High")];
const QUALIFICATION: &[(&str, &str)] =
    &[("new", "New"), ("working", "Working"), ("qualified", "Qualified"), ("disqualified", "Disqualified")];
const TEMPERATURE: &[(&str, &str)] = &[("hot", "Hot"), ("warm", "Warm"), ("cold", "Cold")];
const TIERS: &[(&str, &str)] = &[("a", "A"), ("b", "B"), ("c", "C")];

const DEFS: &[Def] = {
    use CriteriaKind::*;
    &[
        def("first_name", "First name", "Contact", Text),
        def("last_name", "Last name", "Contact", Text),
        def("title", "Job title", "Contact", Text),
        def("email", "E-mail", "Contact", Text),
        def("phone", "Phone", "Contact", Text),
        def("city", "City", "Contact", Text),
        def("region", "Region", "Contact", Text),
        def("country", "Country", "Contact", Text),
        def("owner", "Owner", "Contact", Text),
        choice("stage", "Lifecycle stage", "Contact", STAGES),
        listed("lead_source", "Lead source", "Contact", ChoiceList::LeadSources),
        listed("tag", "Tag", "Contact", ChoiceList::Tags),
        def("created", "Added", "Contact", Days),
        def("do_not_contact", "Do not contact", "Contact", YesNo),
        def("marketing_consent", "Agreed to marketing e-mail", "Contact", YesNo),
        def("newsletter_consent", "Subscribed to the newsletter", "Contact", YesNo),
        def("has_email", "Has an e-mail address", "Contact", YesNo),
        def("has_phone", "Has a phone number", "Contact", YesNo),
        def("company", "Company name", "Company", Text),
        def("industry", "Industry", "Company", Text),
        choice("size_band", "Company size", "Company", SIZES),
        choice("authority", "Authority", "Qualification", AUTHORITY),
        choice("need_level", "Need", "Qualification", NEED),
        choice("qualification", "Qualification", "Qualification", QUALIFICATION),
        def("budget", "Budget", "Qualification", Number),
        def("score", "Lead score", "Score", Number),
        def("fit", "Fit points", "Score", Number),
        def("engagement", "Engagement points", "Score", Number),
        choice("temperature", "Temperature", "Score", TEMPERATURE),
        choice("tier", "Priority tier", "Score", TIERS),
        listed("persona", "Persona", "Score", ChoiceList::Personas),
        Def { without: &[CritOp::IsSet, CritOp::IsEmpty], ..listed("segment", "In segment", "Score", ChoiceList::Segments) },
        def("last_touch", "Last contacted", "Activity", Days),
        def("last_call", "Last call", "Activity", Days),
        def("last_email", "Last e-mail", "Activity", Days),
        def("last_meeting", "Last meeting", "Activity", Days),
        def("last_reply", "Last e-mail reply", "Activity", Days),
        def("open_deal", "Has an open deal", "Deals", YesNo),
        def("won_deal", "Has won a deal", "Deals", YesNo),
    ]
};

fn info(d: &Def) -> CriteriaField {
    CriteriaField {
        key: d.key.into(),
        label: d.label.into(),
        group: d.group.into(),
        kind: d.kind,
        ops: d.kind.ops().iter().copied().filter(|o| !d.without.contains(o)).collect(),
        source: d.source,
        choices: d.choices.iter().map(|(v, l)| super::fields::CriteriaChoice { value: (*v).into(), label: (*l).into() }).collect(),
        unit: match d.key {
            "budget" => Some("minor units".into()),
            "score" | "fit" | "engagement" => Some("points".into()),
            _ => None,
        },
    }
}

/// Every field a condition can test, in the order the picker shows them.
pub fn fields() -> Vec<CriteriaField> {
    DEFS.iter().map(info).collect()
}

/// The field with this key.
pub fn field(key: &str) -> Option<CriteriaField> {
    DEFS.iter().find(|d| d.key == key).map(info)
}
