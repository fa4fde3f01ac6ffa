//! `hearth-cli score`: a contact's score with the lines that make it up, and rescoring.

use crate::output::print_json;
use chrono::Utc;
use clap::Subcommand;
use hearth_core::scoring::{self, Part};
use hearth_core::{CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum ScoreCommand {
    /// A contact's score: fit, engagement, override and every rule that counted.
    Show { id: String },
    /// Score every contact again with the current rules (what the app does daily).
    Recompute,
    /// The scoring rules, in order.
    Rules,
}

pub async fn run(db: &DatabaseConnection, json: bool, command: ScoreCommand) -> Result<(), CoreError> {
    match command {
        ScoreCommand::Show { id } => {
            let card = scoring::card(db, &id, Utc::now()).await?;
            if json {
                print_json(&card);
                return Ok(());
            }
            let t = format!("{:?}", card.temperature).to_lowercase();
            println!("Score {} ({t}): fit {}, engagement {}", card.score, card.fit, card.engagement);
            if let Some(o) = card.override_score {
                println!("Set by hand to {o} ({}); the rules give {}.", card.override_reason.as_deref().unwrap_or(""), card.computed);
            }
            if let Some(t) = hearth_core::tiers::of_contact(db, &id).await? {
                println!("Tier {} ({}): follow up within {} day(s).", t.id.letter(), t.name, t.follow_up_days);
            }
            if let Some(p) = hearth_core::personas::of_contact(db, &id).await?.persona {
                println!("Persona: {}.", p.name);
            }
            for l in &card.lines {
                let when = l.detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
                println!("  {:+4}  {}{when}", l.points, l.rule);
            }
        }
        ScoreCommand::Recompute => {
            let started = std::time::Instant::now();
            let n = scoring::rescore_all(db, Utc::now()).await?;
            let seconds = started.elapsed().as_secs_f64();
            if json {
                print_json(&serde_json::json!({ "contacts": n, "seconds": seconds }));
                return Ok(());
            }
            println!("Scored {n} contacts in {seconds:.1} s.");
        }
        ScoreCommand::Rules => {
            let rules = scoring::rules::list(db).await?;
            if json {
                print_json(&rules);
                return Ok(());
            }
            for r in &rules {
                let part = if r.part == Part::Fit { "fit" } else { "engagement" };
                let off = if r.enabled { "" } else { "  (off)" };
                println!("{:+4}  {:<11} {}{off}", r.points, part, r.name);
            }
        }
    }
    Ok(())
}
