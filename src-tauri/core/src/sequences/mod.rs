//! Nurturing sequences: an ordered list of steps (an e-mail from a template — optionally two,
//! split evenly —, a call with a script, a task with instructions, a wait), each after a delay
//! in days or business days, inside an optional send window. Contacts are enrolled by hand or by
//! triggers, at most once per sequence, and leave by the sequence's exit rules. The scheduler
//! (`run`) works offline: it turns due steps into queued e-mails and into calls and tasks on
//! the Today screen.

pub mod enrol;
mod queue;
mod read;
pub mod report;
mod rules;
pub mod run;
pub mod timing;
mod write;

pub use enrol::{enrol, enrolment, enrolments, set_enrolment, EnrolResult, EnrolTarget, Enrolment, EnrolmentAction, EnrolmentStatus, Refusal};
pub use read::{find, get, list, SequenceSummary};
pub use report::{report, SequenceReport, StepReport};
pub use run::{complete_step, due, due_steps, names, skip_step, tick, DuePlan, DueStep, StepDone, TickReport};
pub use write::{create, delete, insert, update};

use crate::common::EntityRef;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Email,
    Call,
    Task,
    Wait,
}

impl StepKind {
    pub const ALL: [StepKind; 4] = [StepKind::Email, StepKind::Call, StepKind::Task, StepKind::Wait];

    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Email => "email",
            StepKind::Call => "call",
            StepKind::Task => "task",
            StepKind::Wait => "wait",
        }
    }

    pub fn parse(s: &str) -> Option<StepKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Steps that reach the contact keep to quiet hours.
    pub fn contact_facing(self) -> bool {
        matches!(self, StepKind::Email | StepKind::Call)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SequenceStatus {
    /// Runs: due steps happen, triggers enrol.
    Active,
    /// Nothing happens until it is active again (due steps wait).
    Paused,
    /// Kept for its history and reports; no one can be enrolled.
    Archived,
}

impl SequenceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SequenceStatus::Active => "active",
            SequenceStatus::Paused => "paused",
            SequenceStatus::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> SequenceStatus {
        match s {
            "paused" => SequenceStatus::Paused,
            "archived" => SequenceStatus::Archived,
            _ => SequenceStatus::Active,
        }
    }
}

/// When steps may fall: days of the week (1 Monday … 7 Sunday) and hours (minutes after
/// midnight in the contact's time zone, or the owner's when unknown; `null`: any time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SendWindow {
    pub days: Vec<u8>,
    pub start: Option<u16>,
    pub end: Option<u16>,
}

impl SendWindow {
    pub fn any() -> SendWindow {
        SendWindow { days: (1..=7).collect(), start: None, end: None }
    }

    pub(crate) fn mask(&self) -> u8 {
        self.days.iter().filter(|d| (1..=7).contains(*d)).fold(0, |m, d| m | 1 << (d - 1))
    }

    pub(crate) fn from_mask(mask: u8, start: Option<u16>, end: Option<u16>) -> SendWindow {
        SendWindow { days: (1..=7).filter(|d| mask & 1 << (d - 1) != 0).collect(), start, end }
    }

    pub(crate) fn timing(&self) -> timing::Window {
        timing::Window { days: self.mask(), start: self.start, end: self.end }
    }
}

/// When an enrolled contact leaves the sequence. Do-not-contact always ends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ExitRules {
    /// A reply is logged (an e-mail with the outcome “replied”).
    pub on_reply: bool,
    /// A meeting is logged or planned (or a call's outcome is "Meeting booked").
    pub on_meeting: bool,
    /// One of their deals is won or lost.
    pub on_deal_closed: bool,
    /// They become a customer (Retention or Loyalty).
    pub on_customer: bool,
    /// They withdraw consent to marketing e-mail.
    pub on_unsubscribe: bool,
    /// Consent to marketing e-mail is missing (only for sequences that send e-mails).
    pub on_no_consent: bool,
}

impl Default for ExitRules {
    fn default() -> Self {
        ExitRules { on_reply: true, on_meeting: true, on_deal_closed: true, on_customer: true, on_unsubscribe: true, on_no_consent: false }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Step {
    pub id: String,
    pub kind: StepKind,
    /// Days after the step before (after enrolling, for the first).
    pub delay_days: u32,
    pub business_days: bool,
    pub template: Option<EntityRef>,
    /// A second template: enrolments are split evenly between the two.
    pub template_b: Option<EntityRef>,
    /// Calls and tasks: what to do ("Call about the offer").
    pub title: Option<String>,
    /// Calls: the script or notes; tasks: the instructions.
    pub instructions: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct StepInput {
    /// The step kept from before (its history and report stay with it); `null` for a new one.
    pub id: Option<String>,
    pub kind: StepKind,
    /// Negative delays are refused with a message.
    pub delay_days: i32,
    pub business_days: bool,
    pub template_id: Option<String>,
    pub template_b_id: Option<String>,
    pub title: Option<String>,
    pub instructions: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TriggerKind {
    /// A new contact from this lead source (value: the source's id).
    LeadSource,
    /// A contact enters this lifecycle stage (value: reach, acquisition …).
    LifecycleStage,
    /// A deal of the contact enters this pipeline stage (value: the stage's id).
    PipelineStage,
    /// The contact is in this segment (value: the segment's id).
    Segment,
    /// The contact is in this priority tier (value: a, b or c).
    Tier,
}

impl TriggerKind {
    pub const ALL: [TriggerKind; 5] = [TriggerKind::LeadSource, TriggerKind::LifecycleStage, TriggerKind::PipelineStage, TriggerKind::Segment, TriggerKind::Tier];

    pub fn as_str(self) -> &'static str {
        match self {
            TriggerKind::LeadSource => "lead_source",
            TriggerKind::LifecycleStage => "lifecycle_stage",
            TriggerKind::PipelineStage => "pipeline_stage",
            TriggerKind::Segment => "segment",
            TriggerKind::Tier => "tier",
        }
    }

    pub fn parse(s: &str) -> Option<TriggerKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Trigger {
    pub id: String,
    pub kind: TriggerKind,
    pub value: String,
    /// In words: "New lead from Website", "Enters Retention".
    pub label: String,
    /// Only what happens after this moment enrols (a new trigger does not reach back).
    pub since: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TriggerInput {
    pub kind: TriggerKind,
    pub value: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct EnrolmentCounts {
    pub active: u32,
    pub paused: u32,
    pub finished: u32,
    pub exited: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Sequence {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub status: SequenceStatus,
    pub window: SendWindow,
    pub exits: ExitRules,
    pub steps: Vec<Step>,
    pub triggers: Vec<Trigger>,
    pub counts: EnrolmentCounts,
    pub updated_at: DateTime<Utc>,
}

/// A sequence saved as a whole: its settings, its steps in order, its triggers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SequenceInput {
    pub name: String,
    pub description: Option<String>,
    pub status: SequenceStatus,
    pub window: SendWindow,
    pub exits: ExitRules,
    pub steps: Vec<StepInput>,
    pub triggers: Vec<TriggerInput>,
}
