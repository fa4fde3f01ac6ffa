//! `hearth-cli deals …` and `hearth-cli pipelines`: list, show and move deals; pipelines with
//! their stages. Stages and lost reasons are named by id or by name (any case).

use crate::output::{cut, print_json};
use clap::Subcommand;
use hearth_core::common::SortDirection;
use hearth_core::deals::{self, CardPage, ColumnQuery, DealDetail, DealFilter, DealMove, DealQuery, DealSort};
use hearth_core::pipelines::{self, Pipeline, Stage, StageKind};
use hearth_core::{lost_reasons, CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum DealsCommand {
    /// List deals: one stage's column in board order, or all deals, last changed first.
    List {
        /// A stage, by id or name (e.g. "proposal").
        #[arg(long)]
        stage: Option<String>,
        /// open, won or lost.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Show one deal with its line items and stage history.
    Show { id: String },
    /// Move a deal to another stage of its pipeline (on top of the column, or below --after).
    Move {
        id: String,
        /// The stage, by id or name (any case), e.g. "negotiation", "won", "lost".
        stage: String,
        /// The id of the card to place it below.
        #[arg(long)]
        after: Option<String>,
        /// Why it was lost (required when moving to Lost), by name or id.
        #[arg(long)]
        reason: Option<String>,
        /// A note on why it was lost.
        #[arg(long)]
        note: Option<String>,
    },
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The stage named `wanted` (id or name) among `stages`.
fn find_stage<'a>(stages: &'a [Stage], wanted: &str, of: &str) -> Result<&'a Stage, CoreError> {
    if let Some(s) = stages.iter().find(|s| s.id == wanted.trim()) {
        return Ok(s);
    }
    let named: Vec<&Stage> = stages.iter().filter(|s| same(&s.name, wanted)).collect();
    match named.as_slice() {
        [one] => Ok(one),
        [] => {
            let names = stages.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ");
            Err(CoreError::invalid("stage", "unknown_stage", format!("“{}” is not a stage of {of}: use {names}.", wanted.trim())))
        }
        _ => Err(CoreError::invalid(
            "stage",
            "ambiguous_stage",
            format!("Several pipelines have a stage named “{}”: give the stage's id (see `hearth-cli pipelines`).", wanted.trim()),
        )),
    }
}

fn status(raw: &str) -> Result<StageKind, CoreError> {
    match raw.trim().to_lowercase().as_str() {
        "open" => Ok(StageKind::Open),
        "won" => Ok(StageKind::Won),
        "lost" => Ok(StageKind::Lost),
        _ => Err(CoreError::invalid("status", "unknown_status", format!("“{}” is not a status: use open, won or lost.", raw.trim()))),
    }
}

async fn reason_names(db: &DatabaseConnection) -> Result<String, CoreError> {
    let reasons = lost_reasons::list(db).await?;
    Ok(reasons.iter().filter(|r| !r.archived).map(|r| r.name.as_str()).collect::<Vec<_>>().join(", "))
}

async fn lost_reason(db: &DatabaseConnection, wanted: &str) -> Result<String, CoreError> {
    let reasons = lost_reasons::list(db).await?;
    if let Some(r) = reasons.iter().find(|r| r.id == wanted.trim() || same(&r.name, wanted)) {
        return Ok(r.id.clone());
    }
    let names = reason_names(db).await?;
    Err(CoreError::invalid("reason", "unknown_reason", format!("“{}” is not a lost reason: use {names}.", wanted.trim())))
}

pub async fn run(db: &DatabaseConnection, json: bool, command: DealsCommand) -> Result<(), CoreError> {
    match command {
        DealsCommand::List { stage, status: st, owner, limit, offset } => {
            let filter = DealFilter { owner, status: st.as_deref().map(status).transpose()?, ..Default::default() };
            let page = match stage {
                Some(wanted) => {
                    let stages: Vec<Stage> = pipelines::list(db).await?.into_iter().flat_map(|p| p.stages).collect();
                    let s = find_stage(&stages, &wanted, "any pipeline")?;
                    deals::column(db, &ColumnQuery { stage_id: s.id.clone(), filter, offset, limit: Some(limit) }).await?
                }
                None => {
                    let q = DealQuery { filter, sort: DealSort::Updated, direction: SortDirection::Desc, offset, limit: Some(limit), ..Default::default() };
                    deals::list(db, &q).await?
                }
            };
            print_page(json, &page);
        }
        DealsCommand::Show { id } => print_deal(json, &deals::get(db, &id).await?),
        DealsCommand::Move { id, stage, after, reason, note } => {
            let d = deals::get(db, &id).await?;
            let pipeline = pipelines::get(db, &d.pipeline.id).await?;
            let target = find_stage(&pipeline.stages, &stage, &format!("the {} pipeline", pipeline.name))?;
            let lost_reason_id = match reason {
                Some(_) if target.kind != StageKind::Lost => {
                    return Err(CoreError::invalid("reason", "not_lost", format!("A lost reason goes with a move to Lost, not to {}.", target.name)));
                }
                Some(r) => Some(lost_reason(db, &r).await?),
                None => None,
            };
            let moved = deals::move_deal(db, DealMove {
                deal_id: d.id.clone(),
                stage_id: target.id.clone(),
                after_id: after,
                expected_version: d.version,
                lost_reason_id,
                lost_note: note,
            })
            .await;
            let moved = match moved {
                // Name the option to use rather than the field of the app's form.
                Err(CoreError::Validation { mut errors }) if errors.iter().any(|f| f.field == "lost_reason_id") => {
                    let names = reason_names(db).await?;
                    for f in errors.iter_mut().filter(|f| f.field == "lost_reason_id") {
                        f.field = "reason".into();
                        f.message = format!("{} Give --reason with one of: {names}.", f.message);
                    }
                    return Err(CoreError::Validation { errors });
                }
                other => other?,
            };
            if json {
                print_json(&moved);
            } else {
                println!("Moved “{}” to {} (version {}).", moved.title, moved.stage.name, moved.version);
            }
        }
    }
    Ok(())
}

/// `hearth-cli pipelines`: every pipeline with its stages and how many deals each holds.
pub async fn pipelines(db: &DatabaseConnection, json: bool) -> Result<(), CoreError> {
    let all: Vec<Pipeline> = pipelines::list(db).await?;
    if json {
        print_json(&all);
        return Ok(());
    }
    for p in &all {
        println!("{}  ({})", p.name, p.id);
        println!("  {:<36}  {:<24}  {:<5}  {:>4}  {:>8}  {:>7}", "STAGE ID", "STAGE", "KIND", "PROB", "ROTTING", "DEALS");
        for s in &p.stages {
            let rotting = s.rotting_days.map_or("-".to_string(), |d| format!("{d} days"));
            println!(
                "  {:<36}  {:<24}  {:<5}  {:>3}%  {:>8}  {:>7}",
                s.id,
                cut(&s.name, 24),
                s.kind.as_str(),
                s.probability,
                rotting,
                s.deal_count
            );
        }
    }
    Ok(())
}

/// Minor units as a plain amount: 1234567 EUR → "12,345.67 EUR".
pub fn money(minor: i64, currency: &str) -> String {
    let zero_decimals = ["JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX", "XAF", "XOF"].contains(&currency);
    let (major, cents) = if zero_decimals { (minor.abs(), None) } else { (minor.abs() / 100, Some(minor.abs() % 100)) };
    let digits = major.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if minor < 0 { "-" } else { "" };
    match cents {
        Some(c) => format!("{sign}{grouped}.{c:02} {currency}"),
        None => format!("{sign}{grouped} {currency}"),
    }
}

fn print_page(json: bool, p: &CardPage) {
    if json {
        return print_json(p);
    }
    println!("{:<36}  {:<28}  {:<22}  {:>16}  {:<14}  {:<10}  ATTENTION", "ID", "TITLE", "STAGE", "VALUE", "OWNER", "CLOSE");
    for c in &p.cards {
        let mut flags = Vec::new();
        if c.attention.rotting {
            flags.push(format!("{} days in stage", c.days_in_stage));
        }
        if c.attention.no_next_activity {
            flags.push("nothing planned".to_string());
        }
        println!(
            "{:<36}  {:<28}  {:<22}  {:>16}  {:<14}  {:<10}  {}",
            c.id,
            cut(&c.title, 28),
            cut(&c.stage_name, 22),
            money(c.value_minor, &c.currency),
            cut(c.owner.as_deref().unwrap_or(""), 14),
            c.expected_close.map(|d| d.to_string()).unwrap_or_default(),
            flags.join(", ")
        );
    }
    println!("{} of {} deals (from {})", p.cards.len(), p.total, p.offset);
}

fn print_deal(json: bool, d: &DealDetail) {
    if json {
        return print_json(d);
    }
    println!("{}", d.title);
    println!("Stage:          {} — {} ({})", d.pipeline.name, d.stage.name, d.status.as_str());
    println!("Value:          {}", money(d.value_minor, &d.currency));
    println!("Probability:    {}%{}", d.probability, if d.probability_overridden { " (set on the deal)" } else { "" });
    if let Some(c) = &d.company {
        println!("Company:        {}", c.name);
    }
    for c in &d.contacts {
        println!("Contact:        {}", c.name);
    }
    if let Some(o) = &d.owner {
        println!("Owner:          {o}");
    }
    if let Some(t) = d.expected_close {
        println!("Expected close: {t}");
    }
    println!("In stage:       {} days since {}", d.days_in_stage, d.stage_entered_at.format("%Y-%m-%d"));
    if let Some(t) = d.closed_at {
        println!("Closed:         {}", t.format("%Y-%m-%d %H:%M UTC"));
    }
    if let Some(r) = &d.lost_reason {
        println!("Lost because:   {}{}", r.name, d.lost_note.as_deref().map(|n| format!(" — {n}")).unwrap_or_default());
    }
    if let Some(s) = &d.next_step {
        println!("Next step:      {s}");
    }
    if let Some(t) = d.next_activity_at {
        println!("Next activity:  {}", t.format("%Y-%m-%d %H:%M UTC"));
    }
    if d.attention.rotting {
        println!("Needs attention: in this stage longer than its {} days.", d.stage.rotting_days.unwrap_or(0));
    }
    if d.attention.no_next_activity {
        println!("Needs attention: nothing planned next.");
    }
    if !d.tags.is_empty() {
        println!("Tags:           {}", d.tags.join(", "));
    }
    for l in &d.lines {
        let discount = if l.discount_percent > 0 { format!(" less {}%", l.discount_percent) } else { String::new() };
        println!("Line:           {} × {} at {}{discount} = {}", l.quantity, l.name, money(l.unit_price_minor, &d.currency), money(l.total_minor, &d.currency));
    }
    for h in &d.history {
        let from = h.from_stage_name.as_deref().map(|f| format!("{f} → ")).unwrap_or_else(|| "created in ".to_string());
        let by = h.changed_by.as_deref().map(|b| format!(" by {b}")).unwrap_or_default();
        println!("History:        {}  {from}{}{by}", h.changed_at.format("%Y-%m-%d %H:%M"), h.to_stage_name);
    }
    println!("ID:             {}  (version {})", d.id, d.version);
}
