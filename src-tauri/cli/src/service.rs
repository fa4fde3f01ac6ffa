//! `hearth-cli tickets …`, `hearth-cli surveys …` and `hearth-cli suggestions …`: support
//! tickets with their service-level clocks, survey answers, upsell/cross-sell suggestions,
//! opportunities and customers at risk.

use crate::output::{cut, print_json};
use crate::sequences::contact_by_email;
use chrono::Utc;
use clap::Subcommand;
use hearth_core::surveys::{self, SurveyInput, SurveyKind, SurveySource};
use hearth_core::tickets::{self, SlaClock, TicketCategory, TicketChannel, TicketInput, TicketPriority, TicketQuery, TicketStatus};
use hearth_core::{suggestions, CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum TicketsCommand {
    /// The queue (open tickets, most urgent first); `--all` for every ticket, newest first.
    List {
        #[arg(long)]
        all: bool,
    },
    /// One ticket by number with its conversation.
    Show { number: u32 },
    /// Open a ticket for a contact.
    Open {
        #[arg(long)]
        email: String,
        subject: String,
        #[arg(long, default_value = "question")]
        category: String,
        #[arg(long, default_value = "normal")]
        priority: String,
    },
    /// Reply to the customer (`--internal` for a note only the team sees).
    Reply {
        number: u32,
        body: String,
        #[arg(long)]
        internal: bool,
    },
    /// Set the status: open, waiting, solved, closed.
    Status { number: u32, status: String },
}

#[derive(Subcommand)]
pub enum SurveysCommand {
    /// The latest answers (`--kind nps|csat`).
    List {
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Record an answer: `surveys record EMAIL nps 9 [--comment …]`; says what it set off.
    Record {
        email: String,
        kind: String,
        score: i32,
        #[arg(long)]
        comment: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum SuggestionsCommand {
    /// A customer's upsell and cross-sell suggestions with their reasons.
    For { email: String },
    /// Current opportunities across all customers, by expected value.
    Opportunities {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Customers at risk with the reasons.
    AtRisk {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// The association rules behind cross-sell (support, confidence, lift).
    Rules {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

fn choice<T: Copy>(field: &str, value: &str, all: &[T], as_str: fn(T) -> &'static str) -> Result<T, CoreError> {
    all.iter().copied().find(|x| as_str(*x) == value.trim().to_lowercase()).ok_or_else(|| {
        CoreError::invalid(field, "unknown", format!("“{value}” is not one of: {}.", all.iter().map(|x| as_str(*x)).collect::<Vec<_>>().join(", ")))
    })
}

async fn ticket_id(db: &DatabaseConnection, number: u32) -> Result<String, CoreError> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let r = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT id FROM tickets WHERE number = ?", [(number as i64).into()])).await?;
    match r {
        Some(r) => Ok(r.try_get_by_index(0)?),
        None => Err(CoreError::not_found("ticket", &number.to_string())),
    }
}

fn clock(c: &SlaClock) -> String {
    match (c.minutes_left, c.met_at, c.breached) {
        (Some(m), _, _) if m < 0 => format!("late {} h {} min", -m / 60, -m % 60),
        (Some(m), _, _) => format!("{} h {} min left", m / 60, m % 60),
        (None, Some(_), true) => "met late".into(),
        (None, Some(_), false) => "met".into(),
        _ => "-".into(),
    }
}

fn print_detail(d: &tickets::TicketDetail) {
    let t = &d.ticket;
    println!("Ticket {} · {} · {} · {} · {}", t.number, t.subject, t.status.as_str(), t.priority.as_str(), t.contact.as_ref().map(|c| c.name.as_str()).unwrap_or(""));
    println!("  first response: {}; resolution: {}", clock(&t.first_response), clock(&t.resolution));
    for n in &d.notes {
        println!("  [{}] {} {}", if n.public { "reply" } else { "note" }, n.created_at.format("%Y-%m-%d %H:%M"), n.body);
    }
}

pub async fn tickets_run(db: &DatabaseConnection, json: bool, command: TicketsCommand) -> Result<(), CoreError> {
    let now = Utc::now();
    let detail = match command {
        TicketsCommand::List { all } => {
            let list = tickets::list(db, &TicketQuery { queue: !all, ..Default::default() }, now).await?;
            if json {
                print_json(&list);
                return Ok(());
            }
            for t in &list {
                let who = t.contact.as_ref().map(|c| c.name.clone()).unwrap_or_default();
                let flag = if t.first_response.breached || t.resolution.breached { "BREACHED" } else { "" };
                println!("{:>5}  {:<8} {:<7} {:<22} {:<36} {:<20} {}", t.number, t.status.as_str(), t.priority.as_str(), cut(&who, 22), cut(&t.subject, 36), clock(&t.resolution), flag);
            }
            return Ok(());
        }
        TicketsCommand::Show { number } => tickets::get(db, &ticket_id(db, number).await?, now).await?,
        TicketsCommand::Open { email, subject, category, priority } => {
            let input = TicketInput {
                subject,
                description: None,
                category: choice("category", &category, TicketCategory::ALL, TicketCategory::as_str)?,
                priority: choice("priority", &priority, TicketPriority::ALL, TicketPriority::as_str)?,
                channel: TicketChannel::Email,
                contact_id: Some(contact_by_email(db, &email).await?),
                company_id: None,
                opened_at: None,
            };
            tickets::create(db, &input, now).await?
        }
        TicketsCommand::Reply { number, body, internal } => tickets::add_note(db, &ticket_id(db, number).await?, &body, !internal, now).await?,
        TicketsCommand::Status { number, status } => {
            let s = choice("status", &status, TicketStatus::ALL, TicketStatus::as_str)?;
            tickets::set_status(db, &ticket_id(db, number).await?, s, now).await?
        }
    };
    if json {
        print_json(&detail);
    } else {
        print_detail(&detail);
    }
    Ok(())
}

pub async fn surveys_run(db: &DatabaseConnection, json: bool, command: SurveysCommand) -> Result<(), CoreError> {
    let kind_of = |k: &str| SurveyKind::parse(k).ok_or_else(|| CoreError::invalid("kind", "unknown", format!("“{k}” is not a survey: nps or csat.")));
    match command {
        SurveysCommand::List { kind, limit } => {
            let kind = match kind {
                Some(k) => Some(kind_of(&k)?),
                None => None,
            };
            let list = surveys::list(db, kind, limit).await?;
            if json {
                print_json(&list);
                return Ok(());
            }
            for r in &list {
                println!("{}  {:<5} {:>2}  {:<24} {}", r.answered_at.format("%Y-%m-%d"), r.kind.label(), r.score, cut(&r.contact.as_ref().map(|c| c.name.clone()).unwrap_or_default(), 24), r.follow_up.as_deref().unwrap_or(""));
            }
            Ok(())
        }
        SurveysCommand::Record { email, kind, score, comment } => {
            let input = SurveyInput { contact_id: contact_by_email(db, &email).await?, kind: kind_of(&kind)?, score, comment, answered_at: None, source: SurveySource::Manual };
            let r = surveys::record(db, &input, Utc::now()).await?;
            if json {
                print_json(&r);
            } else {
                println!("Recorded {} {} for {}. {}", r.kind.label(), r.score, r.contact.as_ref().map(|c| c.name.as_str()).unwrap_or(""), r.follow_up.as_deref().unwrap_or("Nothing else to do."));
            }
            Ok(())
        }
    }
}

fn print_suggestions(list: &[suggestions::Suggestion]) {
    for s in list {
        println!("{:<24} {:<10} {:<24} {:>12} {}  {}", cut(&s.contact.name, 24), format!("{:?}", s.kind).to_lowercase(), cut(&s.product.name, 24), s.expected_value_minor / 100, s.currency, s.reason);
    }
}

pub async fn suggestions_run(db: &DatabaseConnection, json: bool, command: SuggestionsCommand) -> Result<(), CoreError> {
    let now = Utc::now();
    match command {
        SuggestionsCommand::For { email } => {
            let list = suggestions::for_contact(db, &contact_by_email(db, &email).await?, now).await?;
            if json {
                print_json(&list);
            } else {
                print_suggestions(&list);
            }
        }
        SuggestionsCommand::Opportunities { limit } => {
            let list = suggestions::opportunities(db, now, limit).await?;
            if json {
                print_json(&list);
            } else {
                print_suggestions(&list);
            }
        }
        SuggestionsCommand::AtRisk { limit } => {
            let list = suggestions::at_risk(db, now, limit).await?;
            if json {
                print_json(&list);
                return Ok(());
            }
            for r in &list {
                println!("{:<28} {}", cut(&r.contact.name, 28), r.reasons.iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join(" "));
            }
        }
        SuggestionsCommand::Rules { limit } => {
            let list = suggestions::product_rules(db, limit).await?;
            if json {
                print_json(&list);
                return Ok(());
            }
            println!("{:<24} → {:<24} {:>6} {:>9} {:>10} {:>6}", "OWNS", "ALSO OWNS", "BOTH", "SUPPORT", "CONFIDENCE", "LIFT");
            for r in &list {
                println!("{:<24} → {:<24} {:>6} {:>8.1}% {:>9.1}% {:>6.2}", cut(&r.from.name, 24), cut(&r.to.name, 24), r.both, r.support * 100.0, r.confidence * 100.0, r.lift);
            }
        }
    }
    Ok(())
}
