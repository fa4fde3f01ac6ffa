//! Deals: opportunities moving through a pipeline's stages. Every stage move is recorded;
//! winning a deal makes its contacts customers; a deal needs attention when it sits in a stage
//! too long or has nothing planned next.

mod board;
pub(crate) mod check;
mod read;
mod write;

pub use board::{board, column, ids_statement, list, select_cards, BoardQuery, ColumnQuery};
pub use read::{for_company, for_contact, get, history};
pub use write::{create, delete, move_deal, restore, update};
pub(crate) use write::move_all;

use crate::common::EntityRef;
use crate::pipelines::{Stage, StageKind};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Largest deal value accepted, in minor units (ten billion in the major unit); it keeps the
/// column sums (value × probability) far inside 64 bits.
pub const MAX_VALUE_MINOR: i64 = 1_000_000_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DealLineInput {
    pub name: String,
    pub quantity: i32,
    pub unit_price_minor: i64,
    pub discount_percent: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DealInput {
    pub title: String,
    /// The first is the main contact.
    pub contact_ids: Vec<String>,
    pub company_id: Option<String>,
    pub owner: Option<String>,
    /// Ignored when there are line items: then the value is their total.
    pub value_minor: i64,
    /// ISO 4217 code, e.g. "EUR".
    pub currency: String,
    pub expected_close: Option<NaiveDate>,
    /// Overrides the stage's probability; none follows the stage.
    pub probability: Option<i32>,
    pub source_id: Option<String>,
    pub next_step: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub lines: Vec<DealLineInput>,
}

impl DealInput {
    pub fn titled(title: &str, value_minor: i64, currency: &str) -> Self {
        DealInput {
            title: title.into(),
            contact_ids: vec![],
            company_id: None,
            owner: None,
            value_minor,
            currency: currency.into(),
            expected_close: None,
            probability: None,
            source_id: None,
            next_step: None,
            notes: None,
            tags: vec![],
            lines: vec![],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct NewDeal {
    pub pipeline_id: String,
    /// An open stage of the pipeline; its first stage when absent.
    pub stage_id: Option<String>,
    pub deal: DealInput,
}

/// One move on the board: to a stage of the same pipeline, placed after a card (or on top).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DealMove {
    pub deal_id: String,
    pub stage_id: String,
    /// The card it lands below in the target column; none puts it on top.
    pub after_id: Option<String>,
    /// The version the mover saw: a deal changed since then is not moved (conflict).
    pub expected_version: i32,
    /// Required when moving to the Lost stage.
    pub lost_reason_id: Option<String>,
    pub lost_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DealLine {
    pub id: String,
    pub name: String,
    pub quantity: i32,
    pub unit_price_minor: i64,
    pub discount_percent: i32,
    pub total_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DealStageChange {
    pub id: String,
    pub from_stage_id: Option<String>,
    pub from_stage_name: Option<String>,
    pub to_stage_id: String,
    pub to_stage_name: String,
    pub to_status: StageKind,
    pub changed_at: DateTime<Utc>,
    pub changed_by: Option<String>,
}

/// Why a deal needs attention (both false: it does not).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Attention {
    /// In its stage longer than the stage's rotting threshold.
    pub rotting: bool,
    /// Open, with no task or meeting planned in the future.
    pub no_next_activity: bool,
}

impl Attention {
    pub fn any(self) -> bool {
        self.rotting || self.no_next_activity
    }
}

/// A deal as a board card or a list row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct DealCard {
    pub id: String,
    pub title: String,
    pub stage_id: String,
    pub stage_name: String,
    pub status: StageKind,
    pub company: Option<EntityRef>,
    pub contact: Option<EntityRef>,
    /// The lead score in effect of the deal's first contact, and its temperature.
    pub contact_score: Option<i32>,
    pub contact_temperature: Option<crate::scoring::Temperature>,
    pub owner: Option<String>,
    pub value_minor: i64,
    pub currency: String,
    pub expected_close: Option<NaiveDate>,
    pub probability: i32,
    /// The deal sets its own probability instead of following the stage's.
    pub probability_overridden: bool,
    pub days_in_stage: i32,
    pub attention: Attention,
    pub rank: f64,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct DealDetail {
    pub id: String,
    pub title: String,
    pub pipeline: EntityRef,
    pub stage: Stage,
    pub status: StageKind,
    pub contacts: Vec<EntityRef>,
    pub company: Option<EntityRef>,
    pub owner: Option<String>,
    pub value_minor: i64,
    pub currency: String,
    pub expected_close: Option<NaiveDate>,
    /// The probability in effect: the override, or the stage's.
    pub probability: i32,
    pub probability_overridden: bool,
    pub source: Option<EntityRef>,
    pub next_step: Option<String>,
    pub lost_reason: Option<EntityRef>,
    pub lost_note: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub lines: Vec<DealLine>,
    pub stage_entered_at: DateTime<Utc>,
    pub days_in_stage: i32,
    /// When it was won or lost.
    pub closed_at: Option<DateTime<Utc>>,
    pub attention: Attention,
    /// The next planned task or meeting on this deal.
    pub next_activity_at: Option<DateTime<Utc>>,
    pub history: Vec<DealStageChange>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Count and sums of one currency in a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MoneyTotal {
    pub currency: String,
    pub total_minor: i64,
    /// Each deal's value × its probability.
    pub weighted_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct BoardColumn {
    pub stage: Stage,
    /// Deals in the column that match the filters.
    pub count: u32,
    pub totals: Vec<MoneyTotal>,
    pub attention_count: u32,
    /// The first cards in order; `deals_column` pages through the rest.
    pub cards: Vec<DealCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Board {
    pub pipeline_id: String,
    pub pipeline_name: String,
    pub columns: Vec<BoardColumn>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct CardPage {
    pub cards: Vec<DealCard>,
    pub total: u32,
    pub offset: u32,
}

/// Filters shared by the board and the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DealFilter {
    pub text: Option<String>,
    pub owner: Option<String>,
    pub tag: Option<String>,
    pub close_from: Option<NaiveDate>,
    pub close_to: Option<NaiveDate>,
    pub attention_only: bool,
    /// List only: open, won or lost (all when absent).
    pub status: Option<StageKind>,
    pub company_id: Option<String>,
    pub contact_id: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DealSort {
    Title,
    Value,
    ExpectedClose,
    Stage,
    #[default]
    Updated,
    Created,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DealQuery {
    /// All pipelines when absent.
    pub pipeline_id: Option<String>,
    pub filter: DealFilter,
    pub sort: DealSort,
    pub direction: crate::common::SortDirection,
    pub offset: u32,
    pub limit: Option<u32>,
}
