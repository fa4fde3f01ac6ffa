//! Support tickets: subject, description, category (a service question, technical support,
//! success/check-in), priority, status (new, open, waiting on the customer, solved, closed),
//! channel, contact/company, conversation notes; first response and resolution times recorded
//! and measured against the service level of the contact's tier ([`sla`]).

pub mod sla;
mod write;

pub use sla::{service_levels, set_service_level, ServiceLevel, SlaClock};
pub use write::{add_note, create, set_status, update};
pub(crate) use write::insert;

use crate::common::EntityRef;
use crate::error::{CoreError, CoreResult};
use crate::orders::time;
use crate::tiers::TierId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

macro_rules! choice {
    ($name:ident { $($v:ident = $s:literal),* $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($v),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),*];
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s),* } }
            pub fn parse(s: &str) -> Option<Self> { Self::ALL.iter().copied().find(|x| x.as_str() == s.trim().to_ascii_lowercase()) }
        }
    };
}

choice!(TicketCategory { Question = "question", Technical = "technical", Success = "success" });
choice!(TicketPriority { Low = "low", Normal = "normal", High = "high", Urgent = "urgent" });
choice!(TicketStatus { New = "new", Open = "open", Waiting = "waiting", Solved = "solved", Closed = "closed" });
choice!(TicketChannel { Email = "email", Phone = "phone", Chat = "chat", InPerson = "in_person", Web = "web" });

impl TicketStatus {
    /// Still needs the owner's work (the queue shows these).
    pub fn is_open(self) -> bool {
        matches!(self, TicketStatus::New | TicketStatus::Open | TicketStatus::Waiting)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TicketInput {
    pub subject: String,
    pub description: Option<String>,
    pub category: TicketCategory,
    pub priority: TicketPriority,
    pub channel: TicketChannel,
    pub contact_id: Option<String>,
    pub company_id: Option<String>,
    /// When the customer asked; now when absent.
    pub opened_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TicketNote {
    pub id: String,
    pub body: String,
    /// A reply to the customer (the first one is the first response) or an internal note.
    pub public: bool,
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Ticket {
    pub id: String,
    pub number: u32,
    pub subject: String,
    pub description: Option<String>,
    pub category: TicketCategory,
    pub priority: TicketPriority,
    pub status: TicketStatus,
    pub channel: TicketChannel,
    pub contact: Option<EntityRef>,
    pub company: Option<EntityRef>,
    /// The contact's tier when it was opened: its service level sets the targets.
    pub tier: Option<TierId>,
    pub opened_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub solved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub first_response: SlaClock,
    pub resolution: SlaClock,
    /// Opened by a low survey score.
    pub survey_response_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TicketDetail {
    pub ticket: Ticket,
    pub notes: Vec<TicketNote>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TicketQuery {
    /// Only open tickets (new, open, waiting), most urgent first; otherwise newest first.
    pub queue: bool,
    pub status: Option<TicketStatus>,
    pub contact_id: Option<String>,
    pub company_id: Option<String>,
    pub limit: Option<u32>,
}

const SELECT: &str = "SELECT t.id AS c0, t.number AS c1, t.subject AS c2, t.description AS c3, t.category AS c4, t.priority AS c5, t.status AS c6, \
    t.channel AS c7, t.contact_id AS c8, trim(c.first_name || ' ' || c.last_name) AS c9, t.company_id AS c10, k.name AS c11, t.tier AS c12, \
    t.opened_at AS c13, t.first_response_at AS c14, t.solved_at AS c15, t.closed_at AS c16, t.first_response_due_at AS c17, \
    t.resolution_due_at AS c18, t.survey_response_id AS c19 \
    FROM tickets t LEFT JOIN contacts c ON c.id = t.contact_id LEFT JOIN companies k ON k.id = t.company_id";

fn from_row(r: Vec<Option<String>>, now: DateTime<Utc>) -> Ticket {
    let g = |i: usize| r[i].clone();
    let status = TicketStatus::parse(&g(6).unwrap_or_default()).unwrap_or(TicketStatus::Open);
    let first_response_at = time(g(14));
    let solved_at = time(g(15));
    let ended = if status.is_open() { None } else { solved_at.or(time(g(16))) };
    Ticket {
        id: g(0).unwrap_or_default(),
        number: g(1).and_then(|v| v.parse().ok()).unwrap_or(0),
        subject: g(2).unwrap_or_default(),
        description: g(3),
        category: TicketCategory::parse(&g(4).unwrap_or_default()).unwrap_or(TicketCategory::Question),
        priority: TicketPriority::parse(&g(5).unwrap_or_default()).unwrap_or(TicketPriority::Normal),
        status,
        channel: TicketChannel::parse(&g(7).unwrap_or_default()).unwrap_or(TicketChannel::Email),
        contact: g(8).map(|id| EntityRef { id, name: g(9).unwrap_or_default() }),
        company: g(10).map(|id| EntityRef { id, name: g(11).unwrap_or_default() }),
        tier: g(12).as_deref().and_then(TierId::parse),
        opened_at: time(g(13)).unwrap_or_default(),
        first_response: SlaClock::new(time(g(17)), first_response_at.or(ended), now),
        resolution: SlaClock::new(time(g(18)), ended, now),
        first_response_at,
        solved_at,
        closed_at: time(g(16)),
        survey_response_id: g(19),
    }
}

/// Tickets: the queue (open ones, the most urgent first: the nearest target not yet met, a
/// breached one before all others; tickets waiting on the customer after those the owner owes)
/// or all, newest first; `now` gives the time left.
pub async fn list<C: sea_orm::ConnectionTrait>(db: &C, q: &TicketQuery, now: DateTime<Utc>) -> CoreResult<Vec<Ticket>> {
    let lit = crate::criteria::lit;
    let mut conds = Vec::new();
    if q.queue {
        conds.push("t.status IN ('new', 'open', 'waiting')".to_string());
    }
    if let Some(s) = q.status {
        conds.push(format!("t.status = {}", lit(s.as_str())));
    }
    if let Some(c) = &q.contact_id {
        conds.push(format!("t.contact_id = {}", lit(c)));
    }
    if let Some(c) = &q.company_id {
        conds.push(format!("t.company_id = {}", lit(c)));
    }
    let filter = if conds.is_empty() { String::new() } else { format!(" WHERE {}", conds.join(" AND ")) };
    let order = if q.queue {
        "t.status = 'waiting', coalesce(CASE WHEN t.first_response_at IS NULL THEN min(t.first_response_due_at, t.resolution_due_at) END, t.resolution_due_at, '9999'), \
         CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, t.opened_at"
    } else {
        "t.opened_at DESC"
    };
    let sql = format!("{SELECT}{filter} ORDER BY {order} LIMIT {}", q.limit.unwrap_or(500).min(5000));
    Ok(crate::sqlite::packed_rows(db, &sql, 20).await?.into_iter().map(|r| from_row(r, now)).collect())
}

pub async fn get<C: sea_orm::ConnectionTrait>(db: &C, id: &str, now: DateTime<Utc>) -> CoreResult<TicketDetail> {
    let sql = format!("{SELECT} WHERE t.id = {}", crate::criteria::lit(id));
    let ticket = crate::sqlite::packed_rows(db, &sql, 20).await?.pop().map(|r| from_row(r, now)).ok_or_else(|| CoreError::not_found("ticket", id))?;
    let sql = format!(
        "SELECT id AS c0, body AS c1, public AS c2, author AS c3, created_at AS c4 FROM ticket_notes WHERE ticket_id = {} ORDER BY created_at, rowid",
        crate::criteria::lit(id)
    );
    let notes = crate::sqlite::packed_rows(db, &sql, 5)
        .await?
        .into_iter()
        .map(|r| TicketNote {
            id: r[0].clone().unwrap_or_default(),
            body: r[1].clone().unwrap_or_default(),
            public: r[2].as_deref() == Some("1"),
            author: r[3].clone(),
            created_at: time(r[4].clone()).unwrap_or_default(),
        })
        .collect();
    Ok(TicketDetail { ticket, notes })
}
